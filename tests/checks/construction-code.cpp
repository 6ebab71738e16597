// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// Code that runs where an object is built or a call is made: constructor
// initialisers, default member initialisers and default arguments.
#include <string>
#include <web.h>

long g_nextSessionId = 0; // LEAK expected-warning {{'g_nextSessionId' is shared by every request; the request handler 'open' modifies it}}
class Session {
public:
  explicit Session(std::string User) : Id(g_nextSessionId++), User(std::move(User)) {} // expected-note {{modifies it here}}

private:
  long Id;
  std::string User;
};

long g_nextOrderId = 0; // LEAK expected-warning {{'g_nextOrderId' is shared by every request; the request handler 'open' modifies it}}
struct Order {
  long Id = ++g_nextOrderId; // expected-note {{modifies it here}}
  std::string User;
};

long g_nextTraceId = 0; // LEAK expected-warning {{'g_nextTraceId' is shared by every request; the request handler 'open' modifies it}}
long nextTrace(long Start = g_nextTraceId++) { return Start; } // expected-note {{modifies it here}}

REQUEST_HANDLER void open(const web::Request &req) { // expected-note {{the request handler 'open' runs once per request}} expected-note {{the request handler 'open' runs once per request}} expected-note {{the request handler 'open' runs once per request}}
  Session session(req.user); // expected-note {{'Session' is called here on the request path}}
  Order order{};
  order.User = req.user;
  nextTrace();
}

// Look-alikes: the same initialisers reading, not writing, shared state.
const long g_firstId = 1; // SAFE
long g_idBase = 100; // SAFE
class Ticket {
public:
  explicit Ticket(long Offset) : Id(g_idBase + Offset) {}

private:
  long Id;
  long Base = g_firstId;
};

long ticketNumber(long Base = g_idBase) { return Base; }

REQUEST_HANDLER void issue(const web::Request &req) {
  Ticket ticket(req.amount);
  ticketNumber();
}
