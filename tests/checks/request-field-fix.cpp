// CHECKS: -*,statescope-request-field
// ARGS: -std=c++17 -isystem %S/Inputs
// FIX: notes
// Without statescope-singleton-setter, request-field offers to make the class
// per request: a new constructor takes what the setter stored.
#include <string>
#include <web.h>

class Checkout {
public:
  void setBuyer(const std::string &buyer) { buyer_ = buyer; }
  std::string receipt() const { return "paid by " + buyer_; }

private:
  std::string buyer_; // LEAK expected-warning {{field 'buyer_' holds request data ('req.user') from the request handler 'pay', but every request shares 'checkout'}}
};

Checkout checkout; // expected-note {{make 'Checkout' per request: a new constructor takes what 'setBuyer' stores, and each handler builds its own 'checkout'}}

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
  std::string owner_; // LEAK expected-warning {{field 'owner_' holds request data ('req.user') from the request handler 'book', but every request shares 'ledger'}}
};

Ledger ledger;

REQUEST_HANDLER std::string book(const web::Request &req) { // expected-note {{the request handler 'book' runs once per request}}
  ledger.setOwner(req.user); // expected-note {{stores request data ('req.user') in it through 'setOwner' here}}
  return ledger.line();
}
