// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// CONFIG: {CheckOptions: {SingleThreaded: 'true'}}
// A server that runs its requests one at a time on one thread (said with
// SingleThreaded: true): handlers that run to completion cannot overlap, so
// their writes are neither races nor leaks; work a handler hands to another
// thread still runs beside later requests and reads what they wrote.
#include "httplib_mock.h"
#include <string>
#include <thread>

std::string g_lastPath;  // SAFE
std::string g_auditUser; // LEAK expected-warning {{'g_auditUser' is shared by every request; the handler for GET /audit stores request data ('req.get_header_value("User")') in it; the request reads it back in the thread started with 'std::thread'}}

void writeAudit(const std::string &line);

int main() {
  httplib::Server server;
  server.Get("/page", [](const httplib::Request &req, httplib::Response &res) {
    g_lastPath = req.path;
    res.set_content(g_lastPath, "text/html");
  });
  server.Get("/audit", [](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for GET /audit runs once per request}}
    g_auditUser = req.get_header_value("User"); // expected-note {{stores request data ('req.get_header_value("User")') in it here}}
    std::thread([] { writeAudit(g_auditUser); }).detach(); // expected-note {{read back here in the thread started with 'std::thread'}}
  });
  server.listen("0.0.0.0", 80);
}
