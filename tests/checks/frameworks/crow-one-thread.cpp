// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
// Crow runs every handler on one worker thread unless the app is made
// multithreaded (`multithreaded()`, `concurrency(n)`): requests then run one
// after another, a handler that runs to completion cannot be interleaved
// with another, and a write no request reads back after stopping part way
// is neither a race nor a leak (SingleThreaded: auto); work handed to another
// thread still runs beside later requests. The same handlers in
// a multithreaded app are in crow.cpp and crow-threads.cpp.
#include <crow_mock.h>
#include <string>
#include <thread>
#include <vector>

std::vector<std::string> g_messages; // SAFE
std::string g_lastBody;              // SAFE
int g_requests = 0;                  // SAFE
// Work handed to another thread runs beside the requests that come next.
std::string g_auditUser; // LEAK expected-warning {{'g_auditUser' is shared by every request; the handler for /audit stores request data ('req.body') in it; the request reads it back in the thread started with 'std::thread'}}

void writeAudit(const std::string &line);

int main() {
  crow::SimpleApp app;
  CROW_ROUTE(app, "/send")([](const crow::request &req) {
    g_messages.push_back(req.body);
    g_lastBody = req.body;
    ++g_requests;
    return crow::response(g_lastBody);
  });
  CROW_ROUTE(app, "/logs")([](const crow::request &) {
    std::string all;
    for (const std::string &m : g_messages)
      all += m;
    return crow::response(all);
  });
  CROW_ROUTE(app, "/audit")([](const crow::request &req) { // expected-note {{the handler for /audit runs once per request}}
    g_auditUser = req.body; // expected-note {{stores request data ('req.body') in it here}}
    std::thread([] { writeAudit(g_auditUser); }).detach(); // expected-note {{read back here in the thread started with 'std::thread'}}
    return crow::response("queued");
  });
  app.port(40080).run();
}
