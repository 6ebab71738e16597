// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/httplib.h
// Dispatch by name through a table filled at start-up: every callable the
// unit stores into the table is on the request path when a handler calls
// through it. Callables that are never stored, and tables only start-up
// code calls, stay off it.
#include <httplib.h>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

class Dispatcher {
public:
  Dispatcher() {
    commands_["login"] = &Dispatcher::login;
    commands_.emplace("logout", &Dispatcher::logout);
  }
  void dispatch(const std::string &name, const std::string &arg) {
    auto it = commands_.find(name);
    if (it != commands_.end())
      (this->*it->second)(arg);
  }

private:
  void login(const std::string &user) { currentUser_ = user; }
  void logout(const std::string &user) { lastLogout_ = user; }
  // Never stored in the table: not reached.
  void audit(const std::string &user) { auditedUser_ = user; }

  std::map<std::string, void (Dispatcher::*)(const std::string &)> commands_;
  std::string currentUser_;
  std::string lastLogout_;
  std::string auditedUser_; // SAFE
};

Dispatcher g_dispatcher; // LEAK expected-warning {{'g_dispatcher' is shared by every request; the handler for POST /cmd stores request data ('req.body') in it through 'dispatch'}} expected-note {{build a per-request 'Dispatcher' in each handler, with a new factory 'makeDispatcher', instead of sharing 'g_dispatcher'}}

std::string g_lastPath; // LEAK expected-warning {{'g_lastPath' is shared by every request; the handler for POST /cmd stores request data ('req.path') in it}}
std::unordered_map<std::string, std::function<void(const httplib::Request &)>> g_routes = {
    {"/audit", [](const httplib::Request &req) { g_lastPath = req.path; }}}; // expected-note {{stores request data ('req.path') in it here}}

// A table of start-up steps that only main calls.
std::string g_startupStep; // SAFE
std::vector<std::function<void(const std::string &)>> g_initSteps;

int main(int argc, char **argv) {
  g_initSteps.push_back([](const std::string &arg) { g_startupStep = arg; });
  for (auto &step : g_initSteps)
    step(argv[0]);
  httplib::Server svr;
  svr.Post("/cmd", [](const httplib::Request &req, httplib::Response &res) { // expected-note {{the handler for POST /cmd runs once per request}} expected-note {{the handler for POST /cmd runs once per request}}
    g_dispatcher.dispatch(req.get_param_value("name"), req.body); // expected-note {{stores request data ('req.body') in it through 'dispatch' here}}
    auto route = g_routes.find(req.path);
    if (route != g_routes.end())
      route->second(req); // expected-note {{the lambda is called here on the request path}}
    res.set_content("ok", "text/plain");
  });
  svr.listen("127.0.0.1", 0);
}

