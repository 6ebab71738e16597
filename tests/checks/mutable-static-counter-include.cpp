// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17 -isystem %S/Inputs
// The counter fix adds `#include <atomic>` where the file's own directives do
// not include it, once for all its counters. Words in a comment or a skipped
// block are not directives.
#include <web.h>
// The metrics module used to #include <atomic> for these.
#if 0
#include <atomic>
#endif

static long g_requests = 0; // LEAK expected-warning {{'g_requests' is shared by every request; the request handler 'handle' modifies it}}
static int g_failures = 0; // LEAK expected-warning {{'g_failures' is shared by every request; the request handler 'handle' modifies it}}

REQUEST_HANDLER void handle(const web::Request &req) { // expected-note 2 {{the request handler 'handle' runs once per request}}
  ++g_requests; // expected-note {{modifies it here}}
  if (req.amount < 0)
    g_failures += 1; // expected-note {{modifies it here}}
}
