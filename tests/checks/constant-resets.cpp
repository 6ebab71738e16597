// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// A request that puts a scalar back to the constant it starts with keeps
// nothing of its own there, and requests doing it at once agree on the
// value: a fault-injection flag that the test sets and the request path
// clears. Setting any other value (a lazy-initialisation flag, a mode) is
// still a race.
#include "httplib_mock.h"
#include <string>

enum class InjectAction { none, header_error };
enum class Mode { normal, fast };

InjectAction g_inject = InjectAction::none; // SAFE
int g_retries = 0;                          // SAFE
bool g_loaded = false;                      // LEAK expected-warning {{'g_loaded' is shared by every request; the handler for GET /load assigns it}}
Mode g_mode = Mode::normal;                 // LEAK expected-warning {{'g_mode' is shared by every request; the handler for GET /fast assigns it}}

int main() {
  httplib::Server server;
  server.Get("/read", [](const httplib::Request &, httplib::Response &res) {
    if (g_inject == InjectAction::header_error) {
      g_inject = InjectAction::none;
      g_retries = 0;
      res.status = 500;
    }
  });
  server.Get("/load", [](const httplib::Request &, httplib::Response &) { // expected-note {{the handler for GET /load runs once per request}}
    if (!g_loaded)
      g_loaded = true; // expected-note {{assigns it here}}
  });
  server.Get("/fast", [](const httplib::Request &, httplib::Response &) { // expected-note {{the handler for GET /fast runs once per request}}
    g_mode = Mode::fast; // expected-note {{assigns it here}}
  });
  g_inject = InjectAction::header_error;
  server.listen("0.0.0.0", 80);
}
