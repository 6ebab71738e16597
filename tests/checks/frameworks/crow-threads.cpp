// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
// The handlers of crow-one-thread.cpp in an app given more threads: requests
// run at once, and what they write is shared by all of them.
#include <crow_mock.h>
#include <string>
#include <vector>

std::vector<std::string> g_messages; // LEAK expected-warning {{'g_messages' is shared by every request; the handler for /send stores request data ('req.body') in it through 'push_back'}}
std::string g_lastBody;              // LEAK expected-warning {{'g_lastBody' is shared by every request; the handler for /send stores request data ('req.body') in it}}
int g_requests = 0;                  // expected-warning {{'g_requests' is shared by every request; the handler for /send modifies it}}

int main() {
  crow::SimpleApp app;
  CROW_ROUTE(app, "/send")([](const crow::request &req) { // expected-note 3 {{the handler for /send runs once per request}}
    g_messages.push_back(req.body); // expected-note {{stores request data ('req.body') in it through 'push_back' here}}
    g_lastBody = req.body; // expected-note {{stores request data ('req.body') in it here}}
    ++g_requests; // expected-note {{modifies it here}}
    return crow::response(g_lastBody);
  });
  CROW_ROUTE(app, "/logs")([](const crow::request &) {
    std::string all;
    for (const std::string &m : g_messages)
      all += m;
    return crow::response(all);
  });
  app.port(40080).concurrency(4).run();
}
