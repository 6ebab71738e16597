// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// SetterNames says which members whose body is not visible store: a name
// like `useSendfile` does, unless the member has a getter's shape (no
// parameters, a result).
#include <string>
#include <web.h>

class AppSettings {
public:
  static AppSettings &instance(); // expected-warning {{'AppSettings::instance()' is shared by every request; the request handler 'route' stores request data ('req.tenant') in it through 'useProxy'}} expected-note {{no automatic fix for 'AppSettings::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
  bool useSendfile();            // Defined in another file: a getter.
  void useProxy(const std::string &host); // Defined in another file: a setter.
};

REQUEST_HANDLER long sendFile(const web::Request &req) {
  if (AppSettings::instance().useSendfile()) // SAFE
    return 1;
  return 0;
}

// Look-alike: a member of the same name shape that takes a value.
REQUEST_HANDLER void route(const web::Request &req) { // expected-note {{the request handler 'route' runs once per request}}
  AppSettings::instance().useProxy(req.tenant); // LEAK expected-note {{stores request data ('req.tenant') in it through 'useProxy' here}}
}
