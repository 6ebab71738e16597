// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerFunctions: '^handle$;^Router::route$'}}
// Shared by origin: a pointer copied from shared state points to the one
// shared object. A function that hands out a static std::shared_ptr (or a
// singleton's member) by value or by const reference hands out an alias of
// the shared pointee; a request that changes the pointee through its copy
// changes what every request sees.
#include <memory>
#include <mutex>
#include <string>

struct Response {
  void setStatus(int code) { status = code; }
  void setHeader(const std::string &value) { header = value; }
  int status = 200;
  std::string header;
};
using ResponsePtr = std::shared_ptr<Response>;

class App {
public:
  static App &instance() {
    static App app; // LEAK expected-warning {{'App::instance()' is shared by every request; the request handler 'handle' stores request data ('request') in it through 'setHeader'}} expected-note {{no automatic fix for 'App::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return app;
  }
  const ResponsePtr &custom404() const { return custom404_; } // expected-note {{'custom404_' is handed out here: every copy of it points to the same shared object}}
  ResponsePtr freshPage() const { return std::make_shared<Response>(*custom404_); }

private:
  ResponsePtr custom404_;
};

// Every return hands out shared state: the singleton's page or a static.
ResponsePtr notFound() {
  auto &page = App::instance().custom404();
  if (page)
    return page;
  static ResponsePtr defaultPage = std::make_shared<Response>(); // LEAK expected-warning {{'defaultPage' is shared by every request; the request handler 'handle' stores request data ('request') in it through 'setHeader'}} expected-note {{no automatic fix for 'defaultPage': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
  return defaultPage; // expected-note {{'defaultPage' is handed out here: every copy of it points to the same shared object}}
}

// A fresh response on one path: not an accessor of the shared one.
ResponsePtr maybeShared(bool cached) {
  static ResponsePtr cache = std::make_shared<Response>(); // SAFE
  if (cached)
    return cache;
  return std::make_shared<Response>();
}

ResponsePtr makeResponse() { return std::make_shared<Response>(); }

void decorate(const ResponsePtr &resp, const std::string &value) { resp->setHeader(value); } // expected-note 2 {{stores request data ('value') in it through 'setHeader' here}}

void handle(const std::string &request) { // expected-note 2 {{the request handler 'handle' runs once per request}}
  auto resp = notFound();
  resp->setHeader(request); // expected-note 2 {{stores request data ('request') in it through 'setHeader' here}}
  decorate(notFound(), request); // expected-note 2 {{'decorate' is called here on the request path}}

  // Look-alikes: made per request, a copy of the pointee, the local pointer
  // itself replaced.
  auto own = makeResponse();
  own->setHeader(request);
  auto copy = std::make_shared<Response>(*notFound());
  copy->setHeader(request);
  auto fresh = App::instance().freshPage();
  fresh->setHeader(request);
  auto maybe = maybeShared(request.empty());
  maybe->setHeader(request);
  auto replaced = notFound();
  replaced = makeResponse();
  replaced.reset();
}
