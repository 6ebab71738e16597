// CHECKS: -*,statescope-request-field,statescope-singleton-setter
// ARGS: -std=c++17 -isystem %S/Inputs -I%S/Inputs/project
#include "globals.h"
#include "web.h"
#include <httplib_mock.h>
#include <map>
#include <mutex>
#include <string>

//--- Positives --------------------------------------------------------------

// Names that say nothing: found by data flow, not by name.
class Ledger {
public:
  void open(const std::string &id, int amount) {
    id_ = id;
    data_ = amount;
  }

private:
  std::string id_;
  int data_ = 0;
};
Ledger g_ledger; // LEAK expected-warning {{'g_ledger' is shared by every request; the request handler 'charge' stores request data ('req.user') in it through 'open' (fields 'id_' and 'data_')}}
REQUEST_HANDLER void charge(const web::Request &req) { // expected-note {{the request handler 'charge' runs once per request}}
  g_ledger.open(req.user, req.amount); // expected-note {{stores request data ('req.user') in it through 'open' here}}
}

// A setter that delegates to another member function.
class Tenancy {
public:
  void enter(const std::string &tenant) { setTenant(tenant); }
  void setTenant(const std::string &tenant) { tenantId_ = tenant; }

private:
  std::string tenantId_;
};
Tenancy g_tenancy; // LEAK expected-warning {{'g_tenancy' is shared by every request; the request handler 'enterTenant' stores request data ('req.tenant') in it through 'enter' (field 'tenantId_')}} expected-note {{build a per-request 'Tenancy' in each handler, with a new factory 'makeTenancy', instead of sharing 'g_tenancy'}}
REQUEST_HANDLER void enterTenant(const web::Request &req) { // expected-note {{runs once per request}}
  g_tenancy.enter(req.tenant); // expected-note {{stores request data ('req.tenant') in it through 'enter' here}}
}

// A pointer to the request itself kept in a singleton by construction.
class Current {
public:
  static Current &get() {
    static Current instance; // LEAK expected-note {{no automatic fix for 'Current::get()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}} expected-warning {{'Current::get()' is shared by every request; the request handler 'beginRequest' stores request data ('req') in it through 'begin' (field 'active_')}}
    return instance;
  }
  void begin(const web::Request &req) { active_ = &req; } // expected-note {{stores request data ('&req') in it (field 'active_') here}}

private:
  Current() = default;
  const web::Request *active_ = nullptr;
};
REQUEST_HANDLER void beginRequest(const web::Request &req) { // expected-note {{runs once per request}}
  Current::get().begin(req); // expected-note {{stores request data ('req') in it through 'begin' here}} expected-note {{'begin' is called here on the request path}}
}

// A direct write into a global's field.
struct Context {
  std::string caller;
};
Context g_context; // LEAK expected-warning {{'g_context' is shared by every request; the request handler 'direct' stores request data ('req.user') in it (field 'caller')}}
REQUEST_HANDLER void direct(const web::Request &req) { // expected-note {{runs once per request}}
  g_context.caller = req.user; // expected-note {{stores request data ('req.user') in it (field 'caller') here}} expected-note {{no automatic fix for 'g_context': a handler uses it before setting it; build it per request in each handler and pass it the request data}}
}

// A request-ish name confirms a write on the request path even when the
// value's origin is not visible.
class Auth {
public:
  void clearUser() { currentUser_ = "anonymous"; }

private:
  std::string currentUser_;
};
Auth g_auth; // LEAK expected-warning {{'g_auth' is shared by every request; the request handler 'logout' changes its state through 'clearUser' (field 'currentUser_')}} expected-note {{no automatic fix for 'g_auth': it holds no request data; guard its updates with a lock or make them atomic}}
REQUEST_HANDLER void logout(const web::Request &) { // expected-note {{runs once per request}}
  g_auth.clearUser(); // expected-note {{changes its state through 'clearUser' here}}
}

// An object captured by reference into a route lambda.
class Cart {
public:
  void setOwner(const std::string &owner) { owner_ = owner; }

private:
  std::string owner_;
};

// A class template's field.
template <typename T> class Slot {
public:
  void put(const T &v) { value_ = v; }

private:
  T value_{};
};
Slot<int> g_slot; // LEAK expected-warning {{'g_slot' is shared by every request; the request handler 'fill' stores request data ('req.amount') in it through 'put' (field 'value_')}} expected-note {{build a per-request 'Slot' in each handler, with a new factory 'makeSlot', instead of sharing 'g_slot'}}
REQUEST_HANDLER void fill(const web::Request &req) { // expected-note {{runs once per request}}
  g_slot.put(req.amount); // expected-note {{stores request data ('req.amount') in it through 'put' here}}
}

// A write hidden in a macro.
class Basket {
public:
  void setBuyer(const std::string &buyer) { buyer_ = buyer; }

private:
  std::string buyer_;
};
Basket g_basket; // LEAK expected-warning {{'g_basket' is shared by every request; the request handler 'viaMacro' stores request data ('req.user') in it through 'setBuyer' (field 'buyer_')}}
#define ASSIGN_BUYER(basket, who) (basket).setBuyer(who) // expected-note {{expanded from macro 'ASSIGN_BUYER'}}
REQUEST_HANDLER void viaMacro(const web::Request &req) { // expected-note {{runs once per request}}
  ASSIGN_BUYER(g_basket, req.user); // expected-note {{stores request data ('req.user') in it through 'setBuyer' here}} expected-note {{no automatic fix for 'g_basket': a handler passes it arguments written through a macro; build it per request in each handler and pass it the request data}}
}

// A field of a class in a project header, on a global declared there:
// reported at the first write in this file.
REQUEST_HANDLER void auditCaller(const web::Request &req) { // expected-note {{runs once per request}}
  sharedAudit.setLastUser(req.user); // LEAK expected-note {{stores request data ('req.user') in it through 'setLastUser' here}} expected-note@Inputs/project/globals.h:14 {{no automatic fix for 'sharedAudit': it is declared in another file; build it per request in each handler and pass it the request data}} expected-warning {{'sharedAudit' is shared by every request; the request handler 'auditCaller' stores request data ('req.user') in it through 'setLastUser' (field 'lastUser_')}}
}

int serve() {
  httplib::Server svr;
  Cart cart; // LEAK expected-note {{no automatic fix for 'cart': handlers capture it from the code that starts the server; build it per request in each handler and pass it the request data}} expected-warning {{'cart' is shared by every request; the handler for POST /cart stores request data ('req.path') in it through 'setOwner' (field 'owner_')}}
  svr.Post("/cart", [&](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for POST /cart runs once per request}}
    cart.setOwner(req.path); // expected-note {{stores request data ('req.path') in it through 'setOwner' here}}
  });
  return svr.listen("127.0.0.1", 8080) ? 0 : 1;
}

//--- Negatives: the same shapes that stay quiet ------------------------------

// Request-ish names on a per-request object.
class RequestScope {
public:
  void setCurrentUser(const std::string &u) { currentUser_ = u; }
  void setSession(const std::string &s) { session_ = s; }

private:
  std::string currentUser_;
  std::string session_;
};

class Settings {
public:
  void setRetries(int n) { retries_ = n; }
  void setRegion(const std::string &r) { region_ = r; }
  int retries() const { return retries_; }

private:
  int retries_ = 0;     // written per request, but neither request data nor named like it
  std::string region_;  // written only at start-up
};
Settings g_settings; // LEAK expected-warning {{'g_settings' is shared by every request; the request handler 'quiet' changes its state through 'setRetries' (field 'retries_')}} expected-note {{no automatic fix for 'g_settings': it holds no request data; guard its updates with a lock or make them atomic}}

class SessionStore {
public:
  void remember(const std::string &user, const std::string &token) {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_[user] = token; // one slot per user, under a lock
  }

private:
  std::mutex mutex_;
  std::map<std::string, std::string> tokens_;
};
SessionStore g_store;

thread_local RequestScope t_scope;

// A per-request object that keeps a pointer to its request.
class Exchange {
public:
  void bind(const web::Request &req) { request_ = &req; }

private:
  const web::Request *request_ = nullptr;
};

void adminReset() { g_ledger.open("admin", 0); } // not reached from a handler expected-note {{no automatic fix for 'g_ledger': it is also used outside request handlers; build it per request in each handler and pass it the request data}}

REQUEST_HANDLER void quiet(const web::Request &req) { // expected-note {{the request handler 'quiet' runs once per request}}
  RequestScope scope;
  scope.setCurrentUser(req.user);
  scope.setSession(req.token);
  t_scope.setCurrentUser(req.user);
  g_settings.setRetries(3); // expected-note {{changes its state through 'setRetries' here}}
  int retries = g_settings.retries();
  (void)retries;
  g_store.remember(req.user, req.token);
  Exchange exchange;
  exchange.bind(req);
}

int main() {
  g_settings.setRegion("eu");
  web::Request boot;
  quiet(boot);
  return serve();
}
