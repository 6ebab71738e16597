// CHECKS: -*,statescope-singleton-setter
// ARGS: -std=c++17 -isystem %S/Inputs
// CONFIG: {CheckOptions: {statescope-singleton-setter.FixStyle: constructor}}
// FIX: notes
// With FixStyle 'constructor', singleton-setter offers to make the class per
// request through a new constructor that takes what the setter stored.
#include <string>
#include <web.h>

class Checkout {
public:
  void setBuyer(const std::string &buyer) { buyer_ = buyer; }
  std::string receipt() const { return "paid by " + buyer_; }

private:
  std::string buyer_;
};

Checkout checkout; // LEAK expected-note {{make 'Checkout' per request: a new constructor takes what 'setBuyer' stores, and each handler builds its own 'checkout'}} expected-warning {{'checkout' is shared by every request; the request handler 'pay' stores request data ('req.user') in it through 'setBuyer' (field 'buyer_')}}

REQUEST_HANDLER std::string pay(const web::Request &req) { // expected-note {{the request handler 'pay' runs once per request}}
  checkout.setBuyer(req.user); // expected-note {{stores request data ('req.user') in it through 'setBuyer' here}}
  return checkout.receipt();
}

REQUEST_HANDLER std::string probe(const web::Request &) {
  Checkout local; // per request already: still compiles after the rewrite
  local.setBuyer("probe");
  return local.receipt();
}

// A class with its own constructor: advice only.
class Ledger { // expected-note {{no automatic fix for 'ledger': 'Ledger' already has constructors; build it per request in each handler and pass it the request data}}
public:
  explicit Ledger(int year) : year_(year) {}
  Ledger() = default;
  void setOwner(const std::string &owner) { owner_ = owner; }
  std::string line() const { return owner_ + std::to_string(year_); }

private:
  int year_ = 2026;
  std::string owner_;
};

Ledger ledger; // LEAK expected-warning {{'ledger' is shared by every request; the request handler 'book' stores request data ('req.user') in it through 'setOwner' (field 'owner_')}}

REQUEST_HANDLER std::string book(const web::Request &req) { // expected-note {{the request handler 'book' runs once per request}}
  ledger.setOwner(req.user); // expected-note {{stores request data ('req.user') in it through 'setOwner' here}}
  return ledger.line();
}
