// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -isystem %S/Inputs
// NOLINT where users put it: on a write in a handler. A write a NOLINT
// comment covers is no longer part of its finding; a finding left without
// writes (or, for a thread_local, without reads) is suppressed and counted
// once. A NOLINT for another check changes nothing.
#include <coroutine>
#include <deque>
#include <exception>
#include <string>
#include <web.h>

class Cart {
public:
  void setOwner(const std::string &owner) { owner_ = owner; }
  void setCoupon(const std::string &coupon) { coupon_ = coupon; }

private:
  std::string owner_;
  std::string coupon_;
};

// Every write suppressed: no finding.
Cart g_quietCart; // SAFE
REQUEST_HANDLER void checkout(const web::Request &req) {
  g_quietCart.setOwner(req.user); // NOLINT(statescope-singleton-setter): reviewed, one thread
}

// Every write suppressed, through NOLINTNEXTLINE and a bare NOLINT.
Cart g_reviewedCart; // SAFE
REQUEST_HANDLER void review(const web::Request &req) {
  // NOLINTNEXTLINE(statescope-*)
  g_reviewedCart.setOwner(req.user);
  g_reviewedCart.setCoupon(req.token); // NOLINT
}

// One of two writes suppressed: the finding stays, with the other write.
Cart g_cart; // LEAK expected-warning {{'g_cart' is shared by every request; the request handler 'coupon' stores request data ('req.token') in it through 'setCoupon' (fields 'owner_' and 'coupon_')}}
REQUEST_HANDLER void owner(const web::Request &req) {
  g_cart.setOwner(req.user); // NOLINT(statescope-singleton-setter)
}
REQUEST_HANDLER void coupon(const web::Request &req) { // expected-note {{the request handler 'coupon' runs once per request}}
  g_cart.setCoupon(req.token); // expected-note {{stores request data ('req.token') in it through 'setCoupon' here}} expected-note {{no automatic fix for 'g_cart': handlers set it through different member functions; build it per request in each handler and pass it the request data}}
}

// A NOLINT for another check suppresses nothing of this one.
Cart g_otherCart; // LEAK expected-warning {{'g_otherCart' is shared by every request; the request handler 'other' stores request data ('req.user') in it through 'setOwner' (field 'owner_')}} expected-note {{build a per-request 'Cart' in each handler, with a new factory 'makeCart', instead of sharing 'g_otherCart'}}
REQUEST_HANDLER void other(const web::Request &req) { // expected-note {{the request handler 'other' runs once per request}}
  g_otherCart.setOwner(req.user); // NOLINT(statescope-mutable-static) expected-note {{stores request data ('req.user') in it through 'setOwner' here}}
}

// A block: every write inside it is suppressed.
std::string g_lastPath; // SAFE
// NOLINTBEGIN(statescope-mutable-static)
REQUEST_HANDLER void track(const web::Request &req) {
  g_lastPath = req.tenant;
}
// NOLINTEND(statescope-mutable-static)

// After the block closes, writes count again.
std::string g_lastToken; // LEAK expected-warning {{'g_lastToken' is shared by every request; the request handler 'remember' stores request data ('req.token') in it}}
REQUEST_HANDLER void remember(const web::Request &req) { // expected-note {{the request handler 'remember' runs once per request}}
  g_lastToken = req.token; // expected-note {{stores request data ('req.token') in it here}}
}

// A thread_local read back after a suspension: NOLINT on the first read
// leaves the second, which the finding is then reported at.
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
thread_local std::string currentUser;
std::string describe(const std::string &who) { return "for " + who; }

REQUEST_HANDLER Task order(web::Request req) {
  currentUser = req.user; // expected-note {{this request sets it here}}
  co_await DbCall{}; // expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  std::string first = currentUser; // NOLINT(statescope-thread-local-across-await)
  std::string second = describe(currentUser); // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await DbCall{}' suspended the request, but this request set it before}} expected-note {{copy 'currentUser' into a local before the request suspends, and read the copy}}
}
