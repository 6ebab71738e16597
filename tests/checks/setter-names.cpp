// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// SetterNames says which members of a framework's classes store: a name
// like `useProxy` does. When the framework's header is in the project's
// tree and the member's body can be read (`bool useSendfile()` returning a
// flag), the body says what it does, whatever its name says.
#include <string>
#include <web.h>

namespace drogon {
class HttpAppFrameworkImpl {
public:
  static HttpAppFrameworkImpl &instance() {
    static HttpAppFrameworkImpl app; // LEAK expected-warning {{'drogon::HttpAppFrameworkImpl::instance()' is shared by every request; the request handler 'route' stores request data ('req.tenant') in it through 'useProxy'}} expected-note {{no automatic fix for 'drogon::HttpAppFrameworkImpl::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return app;
  }
  bool useSendfile() { return useSendfile_; }
  void useProxy(const std::string &host); // Defined in the framework's sources.

private:
  bool useSendfile_ = true;
};
} // namespace drogon

REQUEST_HANDLER long sendFile(const web::Request &req) {
  if (drogon::HttpAppFrameworkImpl::instance().useSendfile()) // SAFE
    return 1;
  return 0;
}

// Look-alike: a member whose body is not in the unit, named as a store.
REQUEST_HANDLER void route(const web::Request &req) { // expected-note {{the request handler 'route' runs once per request}}
  drogon::HttpAppFrameworkImpl::instance().useProxy(req.tenant); // expected-note {{stores request data ('req.tenant') in it through 'useProxy' here}}
}
