// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerFunctions: '^api::handle[A-Z];^legacyEndpoint$'}}
// The request-scope model's options are global: set once, every check reads them.
#include <string>

namespace api {
struct Request {
  std::string user;
};
} // namespace api

static std::string g_lastUser; // LEAK expected-warning {{'g_lastUser' is shared by every request; the request handler 'api::handleLogin' stores request data ('req.user') in it}}
static std::string g_lastLegacy; // LEAK expected-warning {{'g_lastLegacy' is shared by every request; the request handler 'legacyEndpoint' stores request data ('user') in it}}
static std::string g_notAHandler;

namespace api {
void handleLogin(const Request &req) { // expected-note {{the request handler 'api::handleLogin' runs once per request}}
  g_lastUser = req.user; // expected-note {{stores request data ('req.user') in it here}}
}
// Matches neither pattern: "handle" must be followed by a capital letter.
void handler_registry(const Request &req) { g_notAHandler = req.user; }
} // namespace api

void legacyEndpoint(const std::string &user) { // expected-note {{the request handler 'legacyEndpoint' runs once per request}}
  g_lastLegacy = user; // expected-note {{stores request data ('user') in it here}}
}
void legacyEndpointHelper(const std::string &user) { g_notAHandler = user; } // anchored: no match

int main() {
  api::handleLogin({"boot"});
  api::handler_registry({"boot"});
  legacyEndpoint("boot");
  legacyEndpointHelper("boot");
}
