// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17 -isystem %S/Inputs
// A plain counter updated per request becomes std::atomic when every use
// keeps its meaning; otherwise the warning comes without a fix.
#include <cstdio>
#include <string>
#include <web.h>

static long g_hits = 0; // LEAK expected-warning {{'g_hits' is shared by every request; the request handler 'handle' modifies it}}
unsigned g_bytes; // LEAK expected-warning {{'g_bytes' is shared by every request; the request handler 'handle' stores request data ('static_cast<unsigned>(req.user.size())') in it}}

long hitsSoFar() { return g_hits; }
bool busy() { return g_hits > 1000; }

// Printed through printf: an atomic cannot be passed to "...".
static int g_errors = 0; // LEAK expected-warning {{'g_errors' is shared by every request; the request handler 'handle' modifies it}}

// Its address is taken.
static int g_retries = 0; // LEAK expected-warning {{'g_retries' is shared by every request; the request handler 'handle' modifies it}}
int *retriesCounter() { return &g_retries; }

REQUEST_HANDLER void handle(const web::Request &req) { // expected-note 4 {{the request handler 'handle' runs once per request}}
  ++g_hits; // expected-note {{modifies it here}}
  g_bytes += static_cast<unsigned>(req.user.size()); // expected-note {{stores request data ('static_cast<unsigned>(req.user.size())') in it here}}
  if (req.amount < 0) {
    g_errors++; // expected-note {{modifies it here}}
    std::printf("errors: %d\n", g_errors);
  }
  g_retries += 1; // expected-note {{modifies it here}}
}

int main() {
  g_hits = 0;
  web::Request boot;
  handle(boot);
  return busy() ? 1 : static_cast<int>(hitsSoFar());
}
