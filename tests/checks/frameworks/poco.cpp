// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/Poco/Net/HTTPRequestHandler.h
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <string>

static std::string g_lastUri; // LEAK expected-warning {{'g_lastUri' is shared by every request; the POCO handler 'UserHandler::handleRequest' stores request data ('request.getURI()') in it}}

// POCO makes one handler per request: its fields are per request.
class UserHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request, // expected-note {{the POCO handler 'UserHandler::handleRequest' runs once per request}}
                     Poco::Net::HTTPServerResponse &response) override {
    currentUser_ = request.get("X-User", ""); // per-request object: quiet
    g_lastUri = request.getURI(); // expected-note {{stores request data ('request.getURI()') in it here}}
    response.send() << currentUser_;
  }

private:
  std::string currentUser_;
};

// The factory is shared by the server and runs per request.
class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  Poco::Net::HTTPRequestHandler *
  createRequestHandler(const Poco::Net::HTTPServerRequest &request) override { // expected-note {{the POCO handler 'Factory::createRequestHandler' runs once per request}}
    lastMethod_ = request.getMethod(); // expected-note {{stores request data ('request.getMethod()') in it (field 'lastMethod_') here}}
    return new UserHandler;
  }

private:
  std::string lastMethod_; // LEAK expected-warning {{field 'lastMethod_' holds request data ('request.getMethod()') from the POCO handler 'Factory::createRequestHandler', but the framework keeps one 'Factory' for every request}}
};

int main() {
  Poco::Net::HTTPServer server(new Factory, 8080, new Poco::Net::HTTPServerParams);
  server.start();
  server.stop();
}
