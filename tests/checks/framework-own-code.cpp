// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {HandlerFunctions: '^drogon::Router::route$'}}
// Analysing a framework itself: a unit whose file opens the framework's
// namespace is the framework's own code, and its classes are the project's
// (elsewhere, drogon:: classes are library code, vendored-framework.cpp).
#include <map>
#include <string>

namespace drogon {
class Registry {
public:
  static Registry &instance() {
    static Registry registry; // LEAK expected-warning {{'drogon::Registry::instance()' is shared by every request; the request handler 'drogon::Router::route' stores request data ('path') in it through 'remember'}} expected-note {{no automatic fix for 'drogon::Registry::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return registry;
  }
  void remember(const std::string &path) { lastPath_ = path; } // expected-note {{stores request data ('path') in it (field 'lastPath_') here}}

private:
  Registry() = default;
  std::string lastPath_;
};

class Router {
public:
  void route(const std::string &path) { // expected-note {{the request handler 'drogon::Router::route' runs once per request}}
    Registry::instance().remember(path); // expected-note {{stores request data ('path') in it through 'remember' here}} expected-note {{'remember' is called here on the request path}}
    std::string local = path; // SAFE
    local += "/";
  }
};
} // namespace drogon

