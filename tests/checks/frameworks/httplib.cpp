// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%S/../Inputs/project
// REQUIRES: /usr/include/httplib.h
#include "route_helpers.h"
#include <httplib.h>
#include <string>

// Registered through the project's own helper (a template in a header).
static std::string g_lastSearch; // LEAK expected-warning {{'g_lastSearch' is shared by every request; the httplib GET handler stores request data ('exchange.req.get_param_value("q")') in it}}
static std::string g_lastBanner; // SAFE

class OrderManager {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string createOrder() const { return "order for " + user_; }

private:
  std::string user_;
};

OrderManager orderManager; // LEAK expected-warning {{'orderManager' is shared by every request; the handler for POST /orders stores request data ('user') in it through 'setContext'}}
static std::string g_lastPath; // LEAK expected-warning {{'g_lastPath' is shared by every request; the httplib 'set_logger' hook stores request data ('req.path') in it}}

// Routes added by a start-up function: the inventory it receives by
// reference outlives every request and is shared by them.
class Inventory {
public:
  void reserve(const std::string &sku) { lastSku_ = sku; }

private:
  std::string lastSku_;
};
void addInventoryRoutes(httplib::Server &svr, Inventory &inventory, std::string prefix) { // LEAK expected-warning {{'inventory' is shared by every request; the handler for POST /reserve stores request data ('req.body') in it through 'reserve'}} expected-note {{no automatic fix for 'inventory': handlers capture it from the code that starts the server; build it per request in each handler and pass it the request data}}
  svr.Post("/reserve", [&inventory](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for POST /reserve runs once per request}}
    inventory.reserve(req.body); // expected-note {{stores request data ('req.body') in it through 'reserve' here}}
  });
  svr.Get("/prefix", [&prefix](const httplib::Request &req, httplib::Response &) {
    prefix = req.path; // a by-value parameter: gone when the function returns, not shared
  });
}

int main() {
  httplib::Server svr;
  orderManager.setContext("startup"); // start-up: not a finding expected-note {{no automatic fix for 'orderManager': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  svr.Post("/orders", [](const httplib::Request &req, httplib::Response &res) { // expected-note {{the handler for POST /orders runs once per request}}
    std::string user = req.get_header_value("X-User");
    orderManager.setContext(user); // expected-note {{stores request data ('user') in it through 'setContext' here}}
    res.set_content(orderManager.createOrder(), "text/plain");
  });
  svr.Get("/health", [](const httplib::Request &, httplib::Response &res) {
    OrderManager perRequest; // a local: quiet
    perRequest.setContext("probe");
    res.set_content(perRequest.createOrder(), "text/plain");
  });
  svr.set_logger([](const httplib::Request &req, const httplib::Response &) { // expected-note {{the httplib 'set_logger' hook runs once per request}}
    g_lastPath = req.path; // expected-note {{stores request data ('req.path') in it here}}
  });
  Routes routes(svr);
  routes.get("/search", [](Exchange &exchange) {
    g_lastSearch = exchange.req.get_param_value("q"); // expected-note {{stores request data ('exchange.req.get_param_value("q")') in it here}}
    // expected-note@../Inputs/project/route_helpers.h:18 {{the lambda is called here on the request path}}
    // expected-note@../Inputs/project/route_helpers.h:16 {{the httplib GET handler runs once per request}}
    exchange.res.set_content(g_lastBanner, "text/plain");
  });
  g_lastBanner = "welcome"; // start-up
  svr.listen("127.0.0.1", 8080);
}
