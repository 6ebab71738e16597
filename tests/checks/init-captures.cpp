// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// An init-capture belongs to its closure: each call of the handler makes a
// closure of its own.
#include <string>
#include <web.h>

REQUEST_HANDLER long countRetries(const web::Request &req) {
  auto retry = [attempts = req.amount](auto) mutable { // SAFE
    return [&attempts] { return ++attempts; };
  };
  return retry(0)();
}

// Look-alike: an init-capture by reference to a global is the global.
long g_retries = 0; // LEAK expected-warning {{'g_retries' is shared by every request; the request handler 'countAllRetries' modifies it}}
REQUEST_HANDLER long countAllRetries(const web::Request &req) { // expected-note {{the request handler 'countAllRetries' runs once per request}}
  auto retry = [&total = g_retries](auto) {
    return [&total] { return ++total; }; // expected-note {{modifies it here}}
  };
  return retry(0)();
}
