// CHECKS: -*,statescope-*
// ARGS: -std=c++20
// Stale reads follow the paths control takes: a branch not taken, a return and the next turn of
// a loop, not the order of the source text.
#include <coroutine>
#include <deque>
#include <exception>
#include <string>
#include <utility>

std::deque<std::coroutine_handle<>> g_ready;

// A database round trip: the handler resumes after the requests queued before it have run.
struct DbCall : std::suspend_always {
  void await_suspend(std::coroutine_handle<> h) { g_ready.push_back(h); }
};

template <typename T> class Task {
public:
  struct promise_type {
    T value{};
    Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T v) { value = std::move(v); }
    void unhandled_exception() { std::terminate(); }
  };
  explicit Task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  Task(Task &&other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~Task() { if (handle_) handle_.destroy(); }
private:
  std::coroutine_handle<promise_type> handle_;
};

struct Request { std::string user; bool cached; int pages; };
thread_local std::string branchUser;
thread_local std::string joinUser;
thread_local std::string returnUser;
thread_local std::string fallThroughUser;
thread_local std::string switchUser;
thread_local std::string pageUser;
thread_local std::string freshPageUser;
thread_local std::string macroUser;
thread_local std::string failedUser;
thread_local std::string retriedUser;

std::string render(const std::string &user) { return "<p>" + user + "</p>"; }

// The read is in the branch that did not set the value.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showProfile(Request req) {
  std::string page;
  if (req.cached) {
    branchUser = req.user;
    co_await DbCall{};
  } else {
    page = render(branchUser); // SAFE
  }
  co_return page;
}

// Both branches join before the read: the path through the await reaches it.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showAccount(Request req) {
  if (req.cached) {
    joinUser = req.user; // expected-note {{this request sets it here}}
    co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  }
  co_return render(joinUser); // LEAK expected-warning {{thread_local 'joinUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
}

// The branch that set the value returns before the read.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showCart(Request req) {
  if (req.cached) {
    returnUser = req.user;
    co_await DbCall{};
    co_return "cached";
  }
  co_return render(returnUser); // SAFE
}

// The same branch without the return falls through to the read.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showWishlist(Request req) {
  if (req.cached) {
    fallThroughUser = req.user; // expected-note {{this request sets it here}}
    co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  }
  std::string page = render(fallThroughUser); // LEAK expected-warning {{thread_local 'fallThroughUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
  co_return page;
}

// Each case ends with a break: the second case never sees the first one's value.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showOrders(Request req) {
  std::string page;
  switch (req.pages) {
  case 0:
    switchUser = req.user;
    co_await DbCall{};
    break;
  case 1:
    page = render(switchUser); // SAFE
    break;
  }
  co_return page;
}

// The value set at the bottom of one turn is read after the await of the next.
[[clang::annotate("statescope::request_handler")]] Task<std::string> streamPages(Request req) {
  std::string out;
  for (int i = 0; i < req.pages; ++i) {
    co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
    out += render(pageUser); // LEAK expected-warning {{thread_local 'pageUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
    pageUser = req.user; // expected-note {{this request sets it here}}
  }
  co_return out;
}

// Set again after each await, before the read: every turn reads its own value.
[[clang::annotate("statescope::request_handler")]] Task<std::string> streamFreshPages(Request req) {
  std::string out;
  for (int i = 0; i < req.pages; ++i) {
    co_await DbCall{};
    freshPageUser = req.user;
    out += render(freshPageUser); // SAFE
  }
  co_return out;
}

// A macro's do { } while (0) is a loop that never turns again; its branch returns.
#define SET_MACRO_USER(value)                                                                      \
  do {                                                                                             \
    macroUser = (value);                                                                           \
  } while (0)
[[clang::annotate("statescope::request_handler")]] Task<std::string> showHistory(Request req) {
  if (req.cached) {
    SET_MACRO_USER(req.user);
    co_await DbCall{};
    co_return "cached";
  }
  co_return render(macroUser); // SAFE
}

// An exception thrown when the await resumes reaches the handler with the value set before it.
[[clang::annotate("statescope::request_handler")]] Task<std::string> showInvoice(Request req) {
  try {
    failedUser = req.user; // expected-note {{this request sets it here}}
    co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  } catch (...) {
    co_return render(failedUser); // LEAK expected-warning {{thread_local 'failedUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
  }
  co_return "sent";
}

// Set after the await: whatever throws, no value of this request's was set before a suspension.
[[clang::annotate("statescope::request_handler")]] Task<std::string> retryInvoice(Request req) {
  try {
    co_await DbCall{};
    retriedUser = req.user;
    co_return render(retriedUser); // SAFE
  } catch (...) {
    co_return render(retriedUser); // SAFE
  }
}
