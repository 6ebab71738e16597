// CHECKS: -*,statescope-*
// ARGS: -std=c++20
#include <coroutine>
#include <deque>
#include <exception>
#include <string>
#include <utility>

// No framework: a lazy task and one run queue that interleaves every request on this thread.
// A suspended handler resumes only after the requests queued before it have run.
std::deque<std::coroutine_handle<>> g_ready;

struct Requeue : std::suspend_always {
  void await_suspend(std::coroutine_handle<> h) { g_ready.push_back(h); }
};

// A database round trip.
struct DbCall : Requeue {
  std::string query;
  int await_resume() const noexcept { return static_cast<int>(query.size()); }
};

struct ResumeCaller : std::suspend_always {
  std::coroutine_handle<> caller;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return caller; }
};

template <typename T> class Task {
public:
  struct promise_type {
    T value{};
    std::string sent;
    std::coroutine_handle<> continuation = std::noop_coroutine();
    Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    ResumeCaller final_suspend() noexcept { return {{}, continuation}; }
    // co_yield sends a chunk; the handler resumes once the client's socket is writable again.
    Requeue yield_value(std::string chunk) { sent += chunk; return {}; }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::terminate(); }
  };
  explicit Task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  Task(Task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~Task() { if (handle_) handle_.destroy(); }
  bool await_ready() const noexcept { return false; }
  auto await_suspend(std::coroutine_handle<> caller) noexcept { handle_.promise().continuation = caller; return handle_; }
  T await_resume() { return std::move(handle_.promise().value); }
  void start() { g_ready.push_back(handle_); }
private:
  std::coroutine_handle<promise_type> handle_;
};

struct Request { std::string user, tenant, item; };
thread_local std::string currentUser;
thread_local std::string currentTenant;
struct AuthContext {
  static AuthContext &current() { thread_local AuthContext context; return context; }
  std::string user;
};

class Inventory {
  std::string reservedBy_;
public:
  void reserve(const std::string &user) { reservedBy_ = user; }
  std::string reservedBy() const { return reservedBy_; }
};
Inventory g_inventory; // LEAK expected-warning {{'g_inventory' is shared by every request; the request handler 'handleOrder' stores request data ('req.user') in it through 'reserve' (field 'reservedBy_'); the request reads it back after 'co_await checkStock(req.item)' suspended it}}

std::string orderLine(const std::string &item) { return item + " for " + currentUser; } // expected-note {{'currentUser' is read here}}
Task<int> checkStock(std::string item) { co_return co_await DbCall{{}, "stock " + item}; }

[[clang::annotate("statescope::request_handler")]] Task<std::string> handleOrder(Request req) { // expected-note {{the request handler 'handleOrder' runs once per request}}
  currentUser = req.user; // expected-note {{this request sets it here}}
  AuthContext::current().user = req.user; // expected-note {{this request sets it here}}
  g_inventory.reserve(req.user); // expected-note {{stores request data ('req.user') in it through 'reserve' here}} expected-note {{no automatic fix for 'g_inventory': a handler uses it before setting it; build it per request in each handler and pass it the request data}}
  const std::string buyer = currentUser; // SAFE
  int stock = co_await checkStock(req.item); // expected-note 2 {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  std::string line = orderLine(req.item); // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await checkStock(req.item)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
  line += " paid by " + currentUser; // expected-note {{copy 'currentUser' into a local before the request suspends, and read the copy}} expected-note {{'currentUser' is read again here after 'co_await checkStock(req.item)' suspended the request}}
  line += " auth " + AuthContext::current().user; // LEAK expected-warning {{thread_local 'AuthContext::current()' is read after 'co_await checkStock(req.item)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
  line += " reserved by " + g_inventory.reservedBy(); // expected-note {{read back here after 'co_await checkStock(req.item)' suspended the request; another request's value may be there by then}}
  line += " buyer " + buyer; // SAFE
  co_return line + " stock " + std::to_string(stock);
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> handleRefund(Request req) {
  currentUser = req.user;
  std::string quote = orderLine(req.item); // SAFE
  currentUser.clear();
  co_await DbCall{{}, "refund " + req.item};
  currentUser = req.user;
  co_return quote + " refunded to " + currentUser; // SAFE
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> handlePing(Request req) {
  currentUser = req.user;
  co_return "pong " + currentUser; // SAFE
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> handleHistory(Request req) {
  currentTenant = req.tenant; // expected-note {{this request sets it here}}
  co_yield "history of " + currentTenant; // SAFE expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  co_yield "last order of " + currentTenant; // LEAK expected-warning {{thread_local 'currentTenant' is read after 'co_yield "history of " + currentTenant' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy 'currentTenant' into a local before the request suspends, and read the copy}}
  co_return "end";
}

// Thread per connection: no coroutine, the thread runs this request only.
[[clang::annotate("statescope::request_handler")]] std::string handleOrderBlocking(const Request &req) {
  currentUser = req.user;
  return orderLine(req.item); // SAFE
}

int main() {
  Task<std::string> alice = handleOrder({"alice", "acme", "book"});
  Task<std::string> bob = handleOrder({"bob", "beta", "pen"});
  alice.start();
  bob.start();
  for (; !g_ready.empty(); g_ready.pop_front())
    g_ready.front().resume();
}
