// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// An object only start-up code creates, reached from a handler through a
// member pointer, is the one object of the server: what a request stores in
// it, every request sees.
#include <map>
#include <memory>
#include <string>
#include <web.h>

class Router {
public:
  void route(const web::Request &req) {
    lastUser_ = req.user; // expected-note {{stores request data ('req.user') in it (field 'lastUser_') here}}
    ++routed_; // expected-note {{modifies its field 'routed_' here}}
  }

private:
  std::string lastUser_; // LEAK expected-warning {{field 'lastUser_' holds request data ('req.user') from the request handler 'Api::onRequest', but every request reaches the one 'Router' made at start-up; concurrent requests also race on 'routed_'}}
  long routed_ = 0;
};

class Api {
public:
  explicit Api(std::shared_ptr<Router> router) : router_(std::move(router)) {}
  REQUEST_HANDLER void onRequest(const web::Request &req) { router_->route(req); } // expected-note {{'route' is called here on the request path}} expected-note {{the request handler 'Api::onRequest' runs once per request}}

private:
  std::shared_ptr<Router> router_;
};

// Look-alike: an object each request makes for itself.
class Order {
public:
  void setBuyer(const std::string &buyer) { buyer_ = buyer; }

private:
  std::string buyer_; // SAFE
};

REQUEST_HANDLER void placeOrder(const web::Request &req) {
  Order order;
  order.setBuyer(req.user);
}

// Look-alike: a parser each connection holds, connections made in an accept
// loop: one per connection, not one for the server.
class Parser {
public:
  void feed(const std::string &bytes) { pending_ = bytes; }

private:
  std::string pending_; // SAFE
};
class Connection {
public:
  REQUEST_HANDLER void handle(const web::Request &req) { parser_.feed(req.user); }

private:
  Parser parser_;
};
void acceptLoop(int clients) {
  for (int I = 0; I < clients; ++I) {
    auto connection = std::make_unique<Connection>();
    connection->handle(web::Request{});
  }
}

int main() {
  auto router = std::make_shared<Router>();
  Api api(router);
  web::Request req;
  api.onRequest(req);
  placeOrder(req);
  acceptLoop(2);
}
