// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
#include <crow_mock.h>
#include <string>

class Greeter {
public:
  void setName(const std::string &name) { name_ = name; }
  std::string greet() const { return "hello " + name_; }

private:
  std::string name_;
};

int main() {
  crow::SimpleApp app;
  Greeter greeter; // LEAK expected-warning {{'greeter' is shared by every request; the handler for /greet stores request data ('req.body') in it through 'setName'}} expected-note {{no automatic fix for 'greeter': handlers capture it from the code that starts the server; build it per request in each handler and pass it the request data}}
  greeter.setName("startup");
  CROW_ROUTE(app, "/greet")([&](const crow::request &req) { // expected-note {{the handler for /greet runs once per request}}
    greeter.setName(req.body); // expected-note {{stores request data ('req.body') in it through 'setName' here}}
    return crow::response(greeter.greet());
  });
  CROW_ROUTE(app, "/local")([](const crow::request &req) {
    Greeter local; // per request: quiet
    local.setName(req.body);
    return crow::response(local.greet());
  });
  app.port(8080).multithreaded().run();
}
