// CHECKS: -*,statescope-singleton-setter
// ARGS: -std=c++17 -isystem %S/Inputs -I%S/Inputs/project
#include "globals.h"
#include "web.h"
#include <httplib_mock.h>
#include <map>
#include <memory>
#include <mutex>
#include <string>

class OrderManager {
public:
  void setContext(const std::string &user, int tier) {
    user_ = user;
    tier_ = tier;
  }
  std::string createOrder() const { return "order for " + user_; }
  void log(const std::string &) const {}
  int quote(int amount) { return amount * 2; } // non-const, stores nothing
  void reset() { user_.clear(); }

private:
  std::string user_;
  int tier_ = 0;
};

//--- Positives --------------------------------------------------------------

// A namespace-scope instance given the caller's data: the classic leak.
OrderManager orderManager; // LEAK expected-warning {{'orderManager' is shared by every request; the request handler 'placeOrder' stores request data ('req.user') in it through 'setContext'}} expected-note {{build a per-request 'OrderManager' in each handler, with a new factory 'makeOrderManager', instead of sharing 'orderManager'}}
REQUEST_HANDLER void placeOrder(const web::Request &req) { // expected-note {{the request handler 'placeOrder' runs once per request}}
  orderManager.setContext(req.user, 1); // expected-note {{stores request data ('req.user') in it through 'setContext' here}}
  orderManager.createOrder();
}

// A static data member.
struct Registry {
  static OrderManager current; // LEAK expected-warning {{'Registry::current' is shared by every request; the request handler 'viaStaticMember' stores request data ('req.tenant')}} expected-note {{no automatic fix for 'Registry::current': it is a static member; build it per request in each handler and pass it the request data}}
};
OrderManager Registry::current;
REQUEST_HANDLER void viaStaticMember(const web::Request &req) { // expected-note {{runs once per request}}
  Registry::current.setContext(req.tenant, 2); // expected-note {{stores request data ('req.tenant') in it through 'setContext' here}}
}

// A Meyers singleton: the object is the static inside instance(), and the
// class is a singleton by construction, so the store inside the setter is
// the same object.
class Session {
public:
  static Session &instance() {
    static Session session; // LEAK expected-warning {{'Session::instance()' is shared by every request; the request handler 'login' stores request data ('req.user') in it through 'setCurrentUser'}} expected-note {{no automatic fix for 'Session::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return session;
  }
  void setCurrentUser(const std::string &user) { currentUser_ = user; } // expected-note {{stores request data ('user') in it (field 'currentUser_') here}}

private:
  Session() = default;
  std::string currentUser_;
};
REQUEST_HANDLER void login(const web::Request &req) { // expected-note {{runs once per request}}
  Session::instance().setCurrentUser(req.user); // expected-note {{stores request data ('req.user') in it through 'setCurrentUser' here}} expected-note {{'setCurrentUser' is called here on the request path}}
}

// A free accessor returning a static.
class TenantConfig {
public:
  void setTenant(const std::string &tenant) { tenant_ = tenant; }

private:
  std::string tenant_;
};
TenantConfig &tenantConfig() {
  static TenantConfig config; // LEAK expected-warning {{'tenantConfig()' is shared by every request; the request handler 'switchTenant' stores request data ('req.tenant') in it through 'setTenant'}} expected-note {{no automatic fix for 'tenantConfig()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
  return config;
}
REQUEST_HANDLER void switchTenant(const web::Request &req) { // expected-note {{runs once per request}}
  tenantConfig().setTenant(req.tenant); // expected-note {{stores request data ('req.tenant') in it through 'setTenant' here}}
}

// A client behind a global smart pointer, given per-call credentials.
class HttpClient {
public:
  void setAuth(const std::string &token) { token_ = token; }
  std::string get(const std::string &url) const { return url + token_; }

private:
  std::string token_;
};
std::unique_ptr<HttpClient> g_client = std::make_unique<HttpClient>(); // LEAK expected-warning {{'g_client' is shared by every request; the request handler 'fetchProfile' stores request data ('req.token') in it through 'setAuth'}} expected-note {{no automatic fix for 'g_client': it is initialised with arguments; build it per request in each handler and pass it the request data}}
REQUEST_HANDLER void fetchProfile(const web::Request &req) { // expected-note {{runs once per request}}
  g_client->setAuth(req.token); // expected-note {{stores request data ('req.token') in it through 'setAuth' here}}
  g_client->get("/profile");
}

// Behind a global shared_ptr, and behind a global raw pointer.
std::shared_ptr<HttpClient> g_sharedClient = std::make_shared<HttpClient>(); // LEAK expected-warning {{'g_sharedClient' is shared by every request; the request handler 'viaPointers' stores request data ('req.token') in it through 'setAuth'}} expected-note {{no automatic fix for 'g_sharedClient': it is initialised with arguments; build it per request in each handler and pass it the request data}}
HttpClient *g_rawClient = g_client.get(); // LEAK expected-warning {{'g_rawClient' is shared by every request; the request handler 'viaPointers' stores request data ('req.user') in it through 'setAuth'}} expected-note {{no automatic fix for 'g_rawClient': it is reached through a pointer; build it per request in each handler and pass it the request data}}
REQUEST_HANDLER void viaPointers(const web::Request &req) { // expected-note 2 {{the request handler 'viaPointers' runs once per request}}
  g_sharedClient->setAuth(req.token); // expected-note {{stores request data ('req.token') in it through 'setAuth' here}}
  g_rawClient->setAuth(req.user); // expected-note {{stores request data ('req.user') in it through 'setAuth' here}}
}

// A direct member write, reached through a helper.
struct RequestContext {
  std::string user;
};
RequestContext g_context; // LEAK expected-warning {{'g_context' is shared by every request; the request handler 'withHelper' stores request data ('user') in it (field 'user')}}
void rememberCaller(const std::string &user) {
  g_context.user = user; // expected-note {{stores request data ('user') in it (field 'user') here}} expected-note {{no automatic fix for 'g_context': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
}
REQUEST_HANDLER void withHelper(const web::Request &req) { // expected-note {{runs once per request}}
  rememberCaller(req.user); // expected-note {{'rememberCaller' is called here on the request path}}
}

// A class template instance.
template <typename T> class Holder {
public:
  void set(const T &value) { value_ = value; }

private:
  T value_{};
};
Holder<std::string> g_holder; // LEAK expected-warning {{'g_holder' is shared by every request; the request handler 'viaTemplate' stores request data ('req.user') in it through 'set'}} expected-note {{build a per-request 'Holder' in each handler, with a new factory 'makeHolder', instead of sharing 'g_holder'}}
REQUEST_HANDLER void viaTemplate(const web::Request &req) { // expected-note {{runs once per request}}
  g_holder.set(req.user); // expected-note {{stores request data ('req.user') in it through 'set' here}}
}

// A write hidden in a macro.
#define TRACK_USER(tracker, user) (tracker).setContext((user), 0) // expected-note {{expanded from macro 'TRACK_USER'}}
OrderManager g_tracker; // LEAK expected-warning {{'g_tracker' is shared by every request; the request handler 'viaMacro' stores request data ('req.user')}}
REQUEST_HANDLER void viaMacro(const web::Request &req) { // expected-note {{runs once per request}}
  TRACK_USER(g_tracker, req.user); // expected-note {{stores request data ('req.user') in it through 'setContext' here}} expected-note {{no automatic fix for 'g_tracker': a handler passes it arguments written through a macro; build it per request in each handler and pass it the request data}}
}

// A global declared in a project header: reported at the first write here.
REQUEST_HANDLER void audit(const web::Request &req) { // expected-note {{runs once per request}}
  sharedAudit.setLastUser(req.user); // LEAK expected-warning {{'sharedAudit' is shared by every request; the request handler 'audit' stores request data ('req.user') in it through 'setLastUser'}} expected-note {{stores request data ('req.user') in it through 'setLastUser' here}} expected-note@Inputs/project/globals.h:14 {{no automatic fix for 'sharedAudit': it is declared in another file; build it per request in each handler and pass it the request data}}
}

// No request data, but every request changes the same object: a race.
OrderManager g_counterOwner; // LEAK expected-warning {{'g_counterOwner' is shared by every request; the request handler 'resetter' changes its state through 'reset'}} expected-note {{no automatic fix for 'g_counterOwner': it holds no request data; guard its updates with a lock or make them atomic}}
REQUEST_HANDLER void resetter(const web::Request &) { // expected-note {{runs once per request}}
  g_counterOwner.reset(); // expected-note {{changes its state through 'reset' here}}
}

// A start-up object captured by reference into a route lambda.
int serve() {
  httplib::Server svr;
  OrderManager captured; // LEAK expected-warning {{'captured' is shared by every request; the handler for GET /captured stores request data ('req.path') in it through 'setContext'}} expected-note {{no automatic fix for 'captured': handlers capture it from the code that starts the server; build it per request in each handler and pass it the request data}}
  svr.Get("/captured", [&](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for GET /captured runs once per request}}
    captured.setContext(req.path, 0); // expected-note {{stores request data ('req.path') in it through 'setContext' here}}
  });
  return svr.listen("127.0.0.1", 8080) ? 0 : 1;
}

//--- Negatives: the same shapes that stay quiet ------------------------------

OrderManager readOnlyManager;
OrderManager startupManager;
OrderManager adminManager;
thread_local OrderManager perThreadManager;

struct Sessions {
  std::mutex mutex;
  std::map<std::string, std::string> byUser;
};
Sessions g_sessions;

void adminTool() { adminManager.setContext("admin", 9); } // never called per request

template <typename T> void neverInstantiated(const T &v) { adminManager.setContext(v, 0); }

REQUEST_HANDLER void quiet(const web::Request &req) {
  readOnlyManager.log(req.user);            // const member function
  readOnlyManager.quote(req.amount);        // non-const, but stores nothing
  readOnlyManager.createOrder();
  OrderManager perRequest;                  // a local
  perRequest.setContext(req.user, 1);
  auto owned = std::make_unique<OrderManager>();
  owned->setContext(req.user, 2);           // a per-request heap object
  OrderManager *alias = &perRequest;        // a pointer to a local
  alias->setContext(req.user, 5);
  OrderManager copy = readOnlyManager;      // a copy, not the shared object
  copy.setContext(req.user, 3);
  perThreadManager.setContext(req.user, 4); // thread_local, no suspension here
  std::lock_guard<std::mutex> lock(g_sessions.mutex);
  g_sessions.byUser[req.user] = req.token;  // a slot per user, under a lock
}

int main() {
  startupManager.setContext("boot", 0); // start-up configuration
  TRACK_USER(startupManager, "boot");
  web::Request boot;
  placeOrder(boot);
  return serve();
}
