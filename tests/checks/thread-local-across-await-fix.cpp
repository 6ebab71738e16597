// CHECKS: -*,statescope-thread-local-across-await
// ARGS: -std=c++20
// FIX: notes
// The cures the check can apply: a copy taken before the suspension, and a
// value captured where work is handed over. A read through a helper gets
// advice only.
#include <coroutine>
#include <deque>
#include <exception>
#include <future>
#include <string>

std::deque<std::coroutine_handle<>> g_ready;

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct DbCall {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> caller) { g_ready.push_back(caller); }
  int await_resume() const noexcept { return 1; }
};
struct PaymentCall : DbCall {};

thread_local std::string currentUser;
std::string g_lastReceipt;

std::string signature() { return "signed by " + currentUser; } // expected-note {{'currentUser' is read here}}

[[clang::annotate("statescope::request_handler")]] Task checkout(std::string user) {
  currentUser = user; // expected-note {{this request sets it here}}
  std::string greeting = "hello " + currentUser;
  int stock = co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  if (stock > 0) {
    std::string receipt = greeting + " " + currentUser; // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy 'currentUser' into a local before the request suspends, and read the copy}}
    g_lastReceipt = receipt + " for " + currentUser; // expected-note {{copy 'currentUser' into a local before the request suspends; the fix offered at the first read after the suspension replaces this read too}} expected-note {{'currentUser' is read again here after 'co_await DbCall{}' suspended the request}}
  }
}

[[clang::annotate("statescope::request_handler")]] Task refund(std::string user) {
  currentUser = user; // expected-note {{this request sets it here}}
  co_await PaymentCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  g_lastReceipt = signature(); // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await PaymentCall{}' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
}

[[clang::annotate("statescope::request_handler")]] void exportOrders(std::string user) {
  currentUser = user; // expected-note {{this request sets it here}}
  auto done = std::async(std::launch::async, [] { return currentUser.size(); }); // LEAK expected-warning {{thread_local 'currentUser' is read in the work passed to 'std::async', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{the work is handed over here}} expected-note {{capture 'currentUser' by value where the work is handed over}}
  done.wait();
}
