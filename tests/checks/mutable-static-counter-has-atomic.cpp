// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17 -isystem %S/Inputs
// The look-alike of mutable-static-counter-include.cpp: the file includes
// <atomic> itself, after other headers, so the fix adds no second include.
#include <web.h>

#include <atomic>

static long g_requests = 0; // LEAK expected-warning {{'g_requests' is shared by every request; the request handler 'handle' modifies it}}
std::atomic<int> g_failures{0}; // SAFE

REQUEST_HANDLER void handle(const web::Request &req) { // expected-note {{the request handler 'handle' runs once per request}}
  ++g_requests; // expected-note {{modifies it here}}
  if (req.amount < 0)
    ++g_failures;
}
