// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerFunctions: '^Router::route$;^Handler::onRequest$;^Session::onRequest$;^Table::lookup$'}}
// A handler cloned for every worker copies its std::shared_ptr member, not
// the object it points to: the router behind it is one object, and a
// request that changes it (an inserting operator[]) changes what every
// worker reads.
#include <map>
#include <memory>
#include <string>

class Router {
public:
  void route(const std::string &method) { // expected-note {{the request handler 'Router::route' runs once per request}}
    auto &r = routes[method]; // expected-note {{stores request data ('method') in it through 'operator[]' here}}
    (void)r;

    lastMethod = method; // expected-note {{stores request data ('method') in it (field 'lastMethod') here}}
  }

private:
  std::map<std::string, int> routes; // LEAK expected-warning {{fields 'routes' and 'lastMethod' hold request data ('method') from the request handler 'Router::route', but every request shares 'Router'}}
  std::string lastMethod;
};

class Handler {
public:
  explicit Handler(std::shared_ptr<Router> router) : router(std::move(router)) {}
  std::shared_ptr<Handler> clone() const { return std::make_shared<Handler>(*this); }
  void onRequest(const std::string &method) { router->route(method); }

private:
  std::shared_ptr<Router> router;
};

// Look-alikes: a per-connection session owned by a connection nobody
// copies, and a table held by a holder that is never copied.
class Session {
public:
  void onRequest(const std::string &body) { lastBody = body; }

private:
  std::string lastBody; // SAFE
};

class Connection {
public:
  Connection() : session(std::make_unique<Session>()) {}
  Connection(const Connection &) = delete;
  void read(const std::string &body) { session->onRequest(body); }

private:
  std::unique_ptr<Session> session;
};

class Table {
public:
  void lookup(const std::string &key) { hits[key] += 1; }

private:
  std::map<std::string, int> hits; // SAFE
};

struct Owner {
  std::shared_ptr<Table> table = std::make_shared<Table>();
};

// Each accepted connection gets its own Connection and Owner (made in a
// loop: not the server's one object).
void acceptLoop(int clients) {
  for (int I = 0; I < clients; ++I) {
    Connection c;
    c.read("x");
    Owner o;
    o.table->lookup("k");
  }
}

int main() { acceptLoop(2); }
