// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%B/tests/pistache-overlay
// REQUIRES: /usr/include/pistache/router.h
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

using namespace Pistache;

struct ServiceConfig {
  std::string region = "eu-west-1";
  std::size_t maxBodyBytes = 4096;
};

ServiceConfig g_config; // SAFE
const std::string kApiVersion = "v2"; // SAFE
static std::string g_lastTenant; // LEAK expected-warning {{'g_lastTenant' is shared by every request; the Pistache 'addMiddleware' hook stores request data ('tenant->value()') in it}}

// Process-wide audit sink, reached through a Meyers singleton.
class AuditTrail {
public:
  static AuditTrail &instance() {
    static AuditTrail trail; // LEAK expected-warning {{'AuditTrail::instance()' is shared by every request; the handler for POST /orders stores request data ('key') in it through 'setActor'}} expected-note {{no automatic fix for 'AuditTrail::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return trail;
  }
  void setActor(const std::string &who) { actor_ = who; }
  const std::string &actor() const { return actor_; }

private:
  std::string actor_;
};

// Built fresh for each request below.
class OrderManager {
public:
  void setContext(const std::string &user) { currentUser_ = user; }
  std::string place(const std::string &item) const { return currentUser_ + ":" + item; }

private:
  std::string currentUser_; // SAFE
};

// One OrdersApi is bound into the router; every request calls into it.
class OrdersApi {
public:
  void getOrder(const Rest::Request &request, Http::ResponseWriter response) {
    id_ = request.param(":id").as<std::string>(); // expected-note {{stores request data ('request.param(":id").as<std::string>()') in it (field 'id_') here}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    response.send(Http::Code::Ok, kApiVersion + " order " + id_);
  }

  void createOrder(const Rest::Request &request, Http::ResponseWriter response) {
    auto tenant = request.headers().tryGetRaw("X-Tenant");
    std::string key = tenant ? tenant->value() : std::string("default");
    if (request.body().size() > g_config.maxBodyBytes) {
      response.send(Http::Code::Request_Entity_Too_Large);
      return;
    }
    OrderManager mgr; // SAFE
    mgr.setContext(key);
    std::string placed = mgr.place(request.body());
    {
      std::lock_guard<std::mutex> lock(mu_);
      cache_[key] = placed;
    }
    created_.fetch_add(1, std::memory_order_relaxed);
    AuditTrail::instance().setActor(key); // expected-note {{stores request data ('key') in it through 'setActor' here}}
    response.send(Http::Code::Created, placed);
  }

private:
  std::string id_; // LEAK expected-warning {{field 'id_' holds request data ('request.param(":id").as<std::string>()') from the handler for GET /orders/:id, but the framework keeps one 'OrdersApi' for every request; concurrent requests also race on 'requests_'}}
  long requests_ = 0;
  std::mutex mu_;
  std::map<std::string, std::string> cache_; // SAFE
  std::atomic<long> created_{0}; // SAFE
};

// Low-level handler for the admin port.
class AdminHandler : public Http::Handler {
public:
  HTTP_PROTOTYPE(AdminHandler)

  void onRequest(const Http::Request &request, Http::ResponseWriter response) override { // expected-note {{the Pistache handler 'AdminHandler::onRequest' runs once per request}}
    auto agent = request.headers().tryGetRaw("User-Agent");
    std::string probe = agent ? agent->value() : std::string("unknown"); // SAFE
    if (agent)
      lastAgent_ = agent->value(); // expected-note {{stores request data ('agent->value()') in it here}}
    response.send(Http::Code::Ok, "admin ok for " + probe + " in " + g_config.region);
  }

private:
  static inline std::string lastAgent_; // LEAK expected-warning {{'AdminHandler::lastAgent_' is shared by every request; the Pistache handler 'AdminHandler::onRequest' stores request data ('agent->value()') in it}}
};

int main() {
  g_config.region = "us-east-2";
  Rest::Router router;
  OrdersApi api;
  std::string lastSearch; // LEAK expected-warning {{'lastSearch' is shared by every request; the handler for GET /search stores request data ('req.query().get("q").value_or("")') in it}}

  router.addMiddleware([](Http::Request &req, Http::ResponseWriter &) { // expected-note {{the Pistache 'addMiddleware' hook runs once per request}}
    auto tenant = req.headers().tryGetRaw("X-Tenant");
    if (tenant)
      g_lastTenant = tenant->value(); // expected-note {{stores request data ('tenant->value()') in it here}}
    return true;
  });
  Rest::Routes::Get(router, "/orders/:id", Rest::Routes::bind(&OrdersApi::getOrder, &api)); // expected-note {{the handler for GET /orders/:id runs once per request}}
  Rest::Routes::Post(router, "/orders", Rest::Routes::bind(&OrdersApi::createOrder, &api)); // expected-note {{the handler for POST /orders runs once per request}}
  Rest::Routes::Get(router, "/search",
                    [&lastSearch](const Rest::Request &req, Http::ResponseWriter resp) { // expected-note {{the handler for GET /search runs once per request}}
                      lastSearch = req.query().get("q").value_or(""); // expected-note {{stores request data ('req.query().get("q").value_or("")') in it here}}
                      resp.send(Http::Code::Ok, "results for " + lastSearch);
                      return Rest::Route::Result::Ok;
                    });

  Http::Endpoint admin(Address(Ipv4::loopback(), Port(9081)));
  admin.init(Http::Endpoint::options().threads(1));
  admin.setHandler(Http::make_handler<AdminHandler>());
  admin.serveThreaded();

  Http::Endpoint endpoint(Address(Ipv4::loopback(), Port(9080)));
  endpoint.init(Http::Endpoint::options().threads(4));
  endpoint.setHandler(router.handler());
  endpoint.serve();
}
