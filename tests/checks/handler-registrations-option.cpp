// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerRegistrations: '^shop::Router::(on|fallback)$'}}
// A project's own router: callables given to the configured registration
// functions are request handlers.
#include <functional>
#include <vector>
#include <string>

namespace shop {
struct Request {
  std::string user;
};
using Handler = std::function<void(const Request &)>;
class Router {
public:
  void on(const std::string &path, Handler handler) { routes_.push_back(handler); (void)path; }
  void fallback(Handler handler) { fallback_ = handler; }
  void onStartup(Handler handler) { startup_ = handler; }

private:
  std::vector<Handler> routes_;
  Handler fallback_;
  Handler startup_;
};
} // namespace shop

static std::string g_lastBuyer; // LEAK expected-warning {{'g_lastBuyer' is shared by every request; the handler for /buy stores request data ('req.user') in it}}
static std::string g_lastMiss; // LEAK expected-warning {{'g_lastMiss' is shared by every request; the handler registered with 'shop::Router::fallback' stores request data ('req.user') in it}}
static std::string g_bootUser; // SAFE

void rememberMiss(const shop::Request &req) { g_lastMiss = req.user; } // expected-note {{stores request data ('req.user') in it here}}

int main() {
  shop::Router router;
  router.on("/buy", [](const shop::Request &req) { g_lastBuyer = req.user; }); // expected-note {{stores request data ('req.user') in it here}} expected-note {{the handler for /buy runs once per request}}
  router.fallback(rememberMiss); // expected-note {{the handler registered with 'shop::Router::fallback' runs once per request}}
  // Not a configured registration: start-up code, not per request.
  router.onStartup([](const shop::Request &req) { g_bootUser = req.user; });
}
