// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17 -isystem %S/Inputs
// CONFIG: {CheckOptions: {HandlerRegistrations: '^(api::Dispatcher::add|Server::Register)$'}}
// The project's own server is a framework too: its request class derived
// from a framework's, and the commands it registers through std::function and
// boost::function parameters, run once per request.
#include "httplib_mock.h"
#include <functional>
#include <memory>
#include <string>

//--- 1. Functions taking the project's class derived from a request type ---//

struct ApiRequest : httplib::Request {
  std::string user;
};

static std::string g_lastUser; // LEAK expected-warning {{'g_lastUser' is shared by every request; the function taking request type 'ApiRequest' stores request data ('req.user') in it}}
static std::string g_lastPath; // LEAK expected-warning {{'g_lastPath' is shared by every request; the function taking request type 'ApiRequest' stores request data ('req->path') in it}}
static std::string g_lastCopy; // SAFE

// The project's dispatcher hands every request to these.
void handleOrders(const ApiRequest &req) { g_lastUser = req.user; } // expected-note {{stores request data ('req.user') in it here}} expected-note {{the function taking request type 'ApiRequest' runs once per request}}
void handlePath(std::shared_ptr<ApiRequest> req) { g_lastPath = req->path; } // expected-note {{stores request data ('req->path') in it here}} expected-note {{the function taking request type 'ApiRequest' runs once per request}}

// Look-alike: a request class of the project's own that derives from no
// framework's request.
namespace local {
struct Request {
  std::string user;
};
} // namespace local
struct ToolRequest : local::Request {};
static std::string g_toolUser; // SAFE
void runTool(const ToolRequest &req) { g_toolUser = req.user; }

// Look-alike: the framework's own request type, taken by a helper that no
// handler calls.
static std::string g_helperPath; // SAFE
void logRequest(const httplib::Request &req) { g_helperPath = req.path; }

// Look-alike: the request class's own members take one too.
struct TracedRequest : httplib::Request {
  TracedRequest &operator=(const TracedRequest &other) {
    g_lastCopy = other.path;
    return *this;
  }
};

//--- 2. Commands registered through std::function and boost::function -----//

namespace boost {
namespace placeholders {
struct arg1_t {};
static arg1_t _1;
} // namespace placeholders
using placeholders::_1;
template <class F, class A1, class A2> struct bind_t {
  F f;
  A1 a1;
  A2 a2;
  template <class T> void operator()(T &t) { (a1->*f)(t); }
};
template <class F, class A1, class A2> bind_t<F, A1, A2> bind(F f, A1 a1, A2 a2) {
  return {f, a1, a2};
}
template <class Sig> class function;
template <class R, class T> class function<R(T)> {
public:
  struct dummy {};
  function() = default;
  template <class F> function(F f, dummy * = nullptr) { (void)f; }
  R operator()(T) const;
};
} // namespace boost

struct Command {
  std::string user;
};

class Server {
public:
  void Register(const std::string &name, boost::function<void(Command &)> callback);
  void Register(const std::string &name, Server *self, void (Server::*callback)(Command &));
  void OnStart(const std::string &name, boost::function<void(Command &)> callback);
  void setUp();

private:
  void Login(Command &cmd) { lastLogin_ = cmd.user; } // expected-note {{stores request data ('cmd.user') in it here}}
  void Logout(Command &cmd) { lastLogout_ = cmd.user; } // expected-note {{stores request data ('cmd.user') in it here}}
  void Boot(Command &cmd) { bootUser_ = cmd.user; }
  static std::string lastLogin_;  // LEAK expected-warning {{'Server::lastLogin_' is shared by every request; the handler for login stores request data ('cmd.user') in it}}
  static std::string lastLogout_; // LEAK expected-warning {{'Server::lastLogout_' is shared by every request; the handler for logout stores request data ('cmd.user') in it}}
  static std::string bootUser_;   // SAFE
};
std::string Server::lastLogin_;
std::string Server::lastLogout_;
std::string Server::bootUser_;

void Server::setUp() {
  Register("login", boost::bind(&Server::Login, this, boost::_1)); // expected-note {{the handler for login runs once per request}}
  Register("logout", this, &Server::Logout); // expected-note {{the handler for logout runs once per request}}
  // Not a configured registration: runs at start-up.
  OnStart("boot", boost::bind(&Server::Boot, this, boost::_1));
}

namespace api {
struct Dispatcher {
  void add(const std::string &path, std::function<void(Command &)> handler);
};
} // namespace api

static std::string g_lastAdded; // LEAK expected-warning {{'g_lastAdded' is shared by every request; the handler for /x stores request data ('cmd.user') in it}}
void addUser(Command &cmd) { g_lastAdded = cmd.user; } // expected-note {{stores request data ('cmd.user') in it here}}

void setUpRoutes(api::Dispatcher &router) {
  router.add("/x", std::function<void(Command &)>(addUser)); // expected-note {{the handler for /x runs once per request}}
}
