// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%S/Inputs
// A project that vendors its framework: httplib's header sits beside the
// sources and is found with -I, not as a system header. Its classes are still
// the framework's: stopping the shared server from a handler is what stop()
// is for, not a store of request state.
#include "httplib_mock.h"
#include <string>

httplib::Server g_server; // SAFE
static std::string g_lastPath; // LEAK expected-warning {{'g_lastPath' is shared by every request; the handler for GET /stop stores request data ('req.path') in it}}

int main() {
  g_server.Get("/stop", [](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for GET /stop runs once per request}}
    g_lastPath = req.path; // expected-note {{stores request data ('req.path') in it here}}
    g_server.stop();
  });
  g_server.listen("127.0.0.1", 8080);
}
