// CHECKS: -*,statescope-thread-local-across-await
// ARGS: -std=c++20
// A per-thread cache of a formatted time holds the current time, even when a
// request adds its own offset (a cookie's expiry is now plus its max-age): a
// stale read of it shows another request's time at most, not its data. A
// time the client sent, with no clock in it, is request data.
#include <chrono>
#include <coroutine>
#include <ctime>
#include <deque>
#include <exception>
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

struct Request {
  std::string user;
  long maxAge = 0;
  std::time_t ifModifiedSince = 0;
};

// The formatted time, cached per thread by the second it shows.
std::string formatTime(std::chrono::system_clock::time_point t) {
  thread_local std::time_t lastSecond = 0;
  thread_local std::string formatted;
  std::time_t second = std::chrono::system_clock::to_time_t(t);
  if (lastSecond == second)
    return formatted;
  lastSecond = second;
  formatted = std::to_string(second) + " GMT";
  return formatted;
}

std::string formatSeconds(std::time_t second) {
  thread_local std::time_t lastSeconds = 0;
  thread_local std::string text;
  if (lastSeconds != second) {
    lastSeconds = second;
    text = std::to_string(second);
  }
  return text;
}

std::string formatUser(const std::string &user) {
  thread_local std::string lastUser;
  thread_local std::string greeting;
  if (lastUser != user) { // expected-note {{'formatUser()' is read here}}
    lastUser = user;
    greeting = "hello " + user;
  }
  return greeting;
}

std::string formatValidator(std::time_t since) {
  thread_local std::time_t lastSince = 0;
  thread_local std::string validator;
  if (lastSince != since) { // expected-note {{'formatValidator()' is read here}}
    lastSince = since;
    validator = std::to_string(since);
  }
  return validator;
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> setCookie(Request req) {
  // The expiry is the current time plus the cookie's max-age.
  std::string expires = formatTime(std::chrono::system_clock::from_time_t(req.maxAge + std::time(nullptr)));
  std::string later = formatTime(std::chrono::system_clock::now() + std::chrono::seconds(req.maxAge));
  std::string stamp = formatSeconds(std::time(nullptr) - req.maxAge);
  co_await Requeue{};
  co_return expires + later + stamp + formatTime(std::chrono::system_clock::now()) + formatSeconds(std::time(nullptr)); // SAFE
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> greet(Request req) {
  std::string first = formatUser(req.user); // expected-note {{this request sets it here}}
  co_await Requeue{}; // expected-note {{the request suspends here}}
  co_return first + formatUser(req.user); // LEAK expected-warning {{thread_local 'formatUser()' is read after}} expected-note {{copy the value into a local}}
}

[[clang::annotate("statescope::request_handler")]] Task<std::string> conditionalGet(Request req) {
  // A time the client sent, with no clock in it.
  std::string first = formatValidator(req.ifModifiedSince); // expected-note {{this request sets it here}}
  co_await Requeue{}; // expected-note {{the request suspends here}}
  co_return first + formatValidator(req.ifModifiedSince); // LEAK expected-warning {{thread_local 'formatValidator()' is read after}} expected-note {{copy the value into a local}}
}
