// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// A test that starts a server and registers handlers in its body drives that
// server with its own requests: the globals its handlers fill are for the
// test to assert on, not state a real server's clients share. Tests are
// known by the macro that defines them (TestMacros). Handlers registered
// anywhere else, and library code a test's handler calls, are the server's.
#include "httplib_mock.h"
#include <string>

// The shapes of the test frameworks' macros: each defines a function (or a
// class's TestBody) whose name the macro makes up.
#define STATESCOPE_CONCAT2(a, b) a##b
#define STATESCOPE_CONCAT(a, b) STATESCOPE_CONCAT2(a, b)
#define TEST_CASE(name) static void STATESCOPE_CONCAT(test_case_, __LINE__)()
#define TEST(suite, name)                                                                          \
  struct suite##_##name##_Test {                                                                   \
    void TestBody();                                                                               \
  };                                                                                               \
  void suite##_##name##_Test::TestBody()
#define BOOST_AUTO_TEST_CASE(name)                                                                 \
  struct name {                                                                                    \
    void test_method();                                                                            \
  };                                                                                               \
  void name::test_method()
// A project's macro that defines its route handlers is not a test.
#define ROUTE_SETUP(name) void name(httplib::Server &server)

std::string g_cookieSeen;    // SAFE
std::string g_sessionSeen;   // SAFE
std::string g_boostSeen;     // SAFE
std::string g_lastUser;      // LEAK expected-warning {{'g_lastUser' is shared by every request; the handler for GET /user stores request data ('req.get_header_value("User")') in it}}
std::string g_lastAgent;     // LEAK expected-warning {{'g_lastAgent' is shared by every request; the handler for GET /agent stores request data ('req.get_header_value("User-Agent")') in it}}
std::string g_formatBuffer;  // LEAK expected-warning {{'g_formatBuffer' is shared by every request; the handler for GET /format stores request data ('text') in it}}

// Library code: the same whoever calls it, a test's handler included.
const std::string &formatReply(const std::string &text) {
  g_formatBuffer = text; // expected-note {{stores request data ('text') in it here}}
  return g_formatBuffer;
}

TEST_CASE("cookies") {
  httplib::Server server;
  server.Get("/cookie", [](const httplib::Request &req, httplib::Response &res) {
    g_cookieSeen = req.get_header_value("Cookie");
    res.set_content(g_cookieSeen, "text/plain");
  });
  server.Get("/format", [](const httplib::Request &req, httplib::Response &res) { // expected-note {{the handler for GET /format runs once per request}}
    res.set_content(formatReply(req.body), "text/plain"); // expected-note {{'formatReply' is called here on the request path}}
  });
  server.listen("127.0.0.1", 8090);
}

TEST(Session, RemembersId) {
  httplib::Server server;
  server.Get("/session", [](const httplib::Request &req, httplib::Response &) {
    g_sessionSeen = req.get_header_value("Cookie");
  });
  server.listen("127.0.0.1", 8091);
}

BOOST_AUTO_TEST_CASE(boost_session) {
  httplib::Server server;
  server.Get("/boost", [](const httplib::Request &req, httplib::Response &) {
    g_boostSeen = req.get_header_value("Cookie");
  });
  server.listen("127.0.0.1", 8092);
}

ROUTE_SETUP(addUserRoutes) {
  server.Get("/user", [](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for GET /user runs once per request}}
    g_lastUser = req.get_header_value("User"); // expected-note {{stores request data ('req.get_header_value("User")') in it here}}
  });
}

int main() {
  httplib::Server server;
  addUserRoutes(server);
  server.Get("/agent", [](const httplib::Request &req, httplib::Response &) { // expected-note {{the handler for GET /agent runs once per request}}
    g_lastAgent = req.get_header_value("User-Agent"); // expected-note {{stores request data ('req.get_header_value("User-Agent")') in it here}}
  });
  server.listen("0.0.0.0", 80);
}
