// CHECKS: -*,statescope-*
// ARGS: -std=c++20
// Coroutine code that looks like a stale read and is not, beside the ones that are.
#include <atomic>
#include <coroutine>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <utility>

std::deque<std::coroutine_handle<>> g_ready;

struct Requeue : std::suspend_always {
  void await_suspend(std::coroutine_handle<> h) { g_ready.push_back(h); }
};

template <typename T> class Task {
public:
  struct promise_type {
    T value{};
    std::coroutine_handle<> continuation = std::noop_coroutine();
    Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    auto final_suspend() noexcept {
      struct Resume : std::suspend_always {
        std::coroutine_handle<> caller;
        std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return caller; }
      };
      return Resume{{}, continuation};
    }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::terminate(); }
  };
  explicit Task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  Task(Task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~Task() { if (handle_) handle_.destroy(); }
  bool await_ready() const noexcept { return false; }
  auto await_suspend(std::coroutine_handle<> caller) noexcept { handle_.promise().continuation = caller; return handle_; }
  T await_resume() { return std::move(handle_.promise().value); }
private:
  std::coroutine_handle<promise_type> handle_;
};

struct Request { std::string user, item; };
thread_local std::string currentUser;
thread_local unsigned long servedOnThisThread = 0;
std::atomic<int> g_inFlight{0};

// The headline bug: a shared manager told who the current user is.
class OrderManager {
  std::string user_;
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string createOrder(const std::string &item) { return item + " for " + user_; }
};
OrderManager orderManager; // LEAK expected-warning {{'orderManager' is shared by every request; the request handler 'placeOrder' stores request data ('req.user') in it through 'setContext' (field 'user_'); the request reads it back after 'co_await lookupStock(req.item)' suspended it}}

// A cache keyed by user, behind a lock: each request has its own slot.
class QuoteCache {
  std::mutex mu_;
  std::map<std::string, std::string> quotes_;
public:
  void put(const std::string &user, const std::string &quote) {
    std::lock_guard<std::mutex> lock(mu_);
    quotes_[user] = quote;
  }
  std::string get(const std::string &user) {
    std::lock_guard<std::mutex> lock(mu_);
    return quotes_[user];
  }
};
QuoteCache g_quotes;

Task<int> lookupStock(std::string item) {
  co_await Requeue{};
  co_return static_cast<int>(item.size());
}

// Sets the user as its last step, with nothing suspending after it.
Task<int> authenticate(std::string user) {
  co_await Requeue{};
  currentUser = user;
  co_return 1;
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> placeOrder(Request req) { // expected-note {{the request handler 'placeOrder' runs once per request}}
  orderManager.setContext(req.user); // expected-note {{stores request data ('req.user') in it through 'setContext' here}} expected-note {{no automatic fix for 'orderManager': a handler uses it before setting it; build it per request in each handler and pass it the request data}}
  int stock = co_await lookupStock(req.item);
  co_return orderManager.createOrder(req.item) + std::to_string(stock); // expected-note {{read back here after 'co_await lookupStock(req.item)' suspended the request; another request's value may be there by then}}
}

// Recursive: its own call adds nothing to what it reads.
std::string breadcrumb(int depth) {
  return depth == 0 ? currentUser : breadcrumb(depth - 1) + " > " + currentUser;
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> quote(Request req) {
  g_quotes.put(req.user, "quote of " + req.item);
  ++g_inFlight;
  ++servedOnThisThread;
  int stock = co_await lookupStock(req.item);
  --g_inFlight;
  std::string count = std::to_string(servedOnThisThread); // SAFE
  std::string trail = breadcrumb(2); // SAFE
  co_return g_quotes.get(req.user) + count + trail + std::to_string(stock); // SAFE
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> login(Request req) {
  co_await authenticate(req.user);
  co_return "welcome " + currentUser; // SAFE
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> browse(Request req) {
  currentUser = req.user;
  co_await std::suspend_never{};
  std::string page = "catalogue for " + currentUser; // SAFE
  co_await Requeue{};
  co_return page;
}

// A per-thread cache that only ever holds the current date: another request
// on this thread can only leave a later date there.
std::string &dateHeader() {
  thread_local std::string date;
  date = "Thu, 03 Dec 2026 07:00:00 GMT";
  return date;
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> headers(Request req) {
  std::string &date = dateHeader();
  co_await Requeue{};
  co_return "Date: " + date + "\r\nUser: " + req.user; // SAFE
}

// Not on the request path: start-up code may keep what it likes.
Task<int> warmUp() {
  currentUser = "warm-up";
  co_await Requeue{};
  co_return static_cast<int>(currentUser.size()); // SAFE
}

int main() {
  Task<int> warm = warmUp();
  Task<std::string> order = placeOrder({"alice", "book"});
}
