// CHECKS: -*,statescope-mutable-static,statescope-request-field
// ARGS: -std=c++17 -isystem %S/Inputs
// CONFIG: {CheckOptions: {HandlerRegistrations: '^(Server|Console)::Register$'}}
// The project's own server is a framework too: its request class derived
// from a framework's, and the commands it registers through boost::function
// parameters or as member function pointers, run once per request. (Lambdas,
// functions and std::bind into std::function: handler-registrations-option.cpp.)
#include "httplib_mock.h"
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

// A Beast request message, and its look-alike: a response.
namespace boost {
namespace beast {
namespace http {
struct fields {};
struct string_body {
  using value_type = std::string;
};
template <bool isRequest, class Body, class Fields = fields> class message {
public:
  typename Body::value_type body_;
};
template <class Body, class Fields = fields> using request = message<true, Body, Fields>;
template <class Body, class Fields = fields> using response = message<false, Body, Fields>;
} // namespace http
} // namespace beast
} // namespace boost

class BeastRequest : public boost::beast::http::request<boost::beast::http::string_body> {};
class BeastResponse : public boost::beast::http::response<boost::beast::http::string_body> {};
static std::string g_lastBody;  // LEAK expected-warning {{'g_lastBody' is shared by every request; the function taking request type 'BeastRequest' stores request data ('req.body_') in it}}
static std::string g_lastReply; // SAFE
void serve(BeastRequest &req) { g_lastBody = req.body_; } // expected-note {{stores request data ('req.body_') in it here}} expected-note {{the function taking request type 'BeastRequest' runs once per request}}
void reply(BeastResponse &res) { g_lastReply = res.body_; }

//--- 2. Commands registered through boost::function and member pointers ---//

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
  void OnStart(const std::string &name, boost::function<void(Command &)> callback);
  void setUp();

private:
  void Login(Command &cmd) { lastLogin_ = cmd.user; } // expected-note {{stores request data ('cmd.user') in it here}}
  void Boot(Command &cmd) { bootUser_ = cmd.user; }
  static std::string lastLogin_;  // LEAK expected-warning {{'Server::lastLogin_' is shared by every request; the handler for login stores request data ('cmd.user') in it}}
  static std::string bootUser_;   // SAFE
};
std::string Server::lastLogin_;
std::string Server::bootUser_;

void Server::setUp() {
  Register("login", boost::bind(&Server::Login, this, boost::_1)); // expected-note {{the handler for login runs once per request}}
  // Not a configured registration: runs at start-up.
  OnStart("boot", boost::bind(&Server::Boot, this, boost::_1));
}

// The object a registration binds (with boost::bind, or beside a member
// function pointer) answers every request: its fields are shared.
class Console {
public:
  void Register(const std::string &name, boost::function<void(Command &)> callback);
  void Register(const std::string &name, Console *self, void (Console::*callback)(Command &));
  void setUp() {
    Register("su", boost::bind(&Console::SwitchUser, this, boost::_1)); // expected-note {{the handler for su runs once per request}}
    Register("whoami", this, &Console::WhoAmI); // expected-note {{the handler for whoami runs once per request}}
  }

private:
  void SwitchUser(Command &cmd) { user_ = cmd.user; } // expected-note {{stores request data ('cmd.user') in it (field 'user_') here}}
  void WhoAmI(Command &cmd) { asked_ = cmd.user; } // expected-note {{stores request data ('cmd.user') in it (field 'asked_') here}}
  void Reset(Command &cmd) { bootUser_ = cmd.user; } // never registered
  std::string user_;     // LEAK expected-warning {{fields 'user_' and 'asked_' hold request data ('cmd.user') from the handler for su and 1 other handler, but the framework keeps one 'Console' for every request}}
  std::string asked_;
  std::string bootUser_; // SAFE
};
