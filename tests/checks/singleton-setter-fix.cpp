// CHECKS: -*,statescope-singleton-setter
// ARGS: -std=c++17 -isystem %S/Inputs
// FIX: notes
// The per-request factory: applied where it is provably right, advice where
// it is not.
#include <string>
#include <web.h>

class OrderManager {
public:
  void setContext(const std::string &user, const std::string &tier) {
    user_ = user;
    tier_ = tier;
  }
  std::string createOrder(const std::string &item) const { return item + " for " + user_ + tier_; }

private:
  std::string user_;
  std::string tier_;
};

OrderManager orderManager; // LEAK expected-warning {{'orderManager' is shared by every request; the request handler 'placeOrder' and 1 other handler stores request data ('req.user') in it through 'setContext'}} expected-note {{build a per-request 'OrderManager' in each handler, with a new factory 'makeOrderManager', instead of sharing 'orderManager'}}

REQUEST_HANDLER std::string placeOrder(const web::Request &req) { // expected-note {{the request handler 'placeOrder' runs once per request}}
  orderManager.setContext(req.user, req.tenant); // expected-note {{stores request data ('req.user') in it through 'setContext' here}}
  return orderManager.createOrder("book");
}

REQUEST_HANDLER std::string reorder(const web::Request &req) { // expected-note {{the request handler 'reorder' runs once per request}}
  orderManager.setContext(req.user, "gold"); // expected-note {{stores request data ('req.user') in it through 'setContext' here}}
  if (req.amount > 1)
    return orderManager.createOrder("again");
  return orderManager.createOrder("once");
}

// Also configured at start-up: rewriting the handlers alone would not compile.
class Profile {
public:
  void setOwner(const std::string &owner) { owner_ = owner; }
  std::string owner() const { return owner_; }

private:
  std::string owner_;
};
Profile g_profile; // LEAK expected-warning {{'g_profile' is shared by every request; the request handler 'showProfile' stores request data ('req.user') in it through 'setOwner'}}

REQUEST_HANDLER std::string showProfile(const web::Request &req) { // expected-note {{the request handler 'showProfile' runs once per request}}
  g_profile.setOwner(req.user); // expected-note {{stores request data ('req.user') in it through 'setOwner' here}}
  return g_profile.owner();
}

int main() {
  g_profile.setOwner("admin"); // expected-note {{no automatic fix for 'g_profile': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  web::Request boot;
  placeOrder(boot);
}
