// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/CivetServer.h
#include <CivetServer.h>
#include <civetweb.h>
#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

const char *const kRealm = "ticket-desk"; // SAFE
std::string g_uploadDir = "/var/lib/tickets"; // SAFE
static std::string g_lastStatusUri; // LEAK expected-warning {{'g_lastStatusUri' is shared by every request; the handler for /status stores request data ('ri->local_uri') in it}}

class AuthState {
public:
  static AuthState &instance() {
    static AuthState state; // LEAK expected-warning {{'AuthState::instance()' is shared by every request; the civetweb handler 'BearerAuth::authorize' stores request data ('auth + 7') in it through 'setLastToken'}} expected-note {{no automatic fix for 'AuthState::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return state;
  }
  void setLastToken(const std::string &token) { lastToken_ = token; }

private:
  std::string lastToken_;
};

// Renders one ticket for one caller.
class TicketView {
public:
  void setContext(const std::string &user) { currentUser_ = user; }
  std::string render(const std::string &id) const { return "ticket " + id + " for " + currentUser_; }

private:
  std::string currentUser_; // SAFE
};

// Registered once with addHandler: every request on every worker thread uses this object.
class TicketHandler : public CivetHandler {
public:
  bool handleGet(CivetServer *, struct mg_connection *conn) override { // expected-note {{the civetweb handler 'TicketHandler::handleGet' runs once per request}}
    std::string id;
    CivetServer::getParam(conn, "id", id);
    last_ = id; // expected-note {{stores request data ('id') in it (field 'last_') here}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    const struct mg_request_info *ri = mg_get_request_info(conn);
    TicketView view; // SAFE
    view.setContext(ri->remote_user ? ri->remote_user : "guest");
    std::string body = view.render(id);
    mg_send_http_ok(conn, "text/plain", static_cast<long long>(body.size()));
    mg_write(conn, body.data(), body.size());
    return true;
  }

  bool handlePost(CivetServer *, struct mg_connection *conn) override {
    std::string body = CivetServer::getPostData(conn);
    const char *tenant = CivetServer::getHeader(conn, "X-Tenant");
    {
      std::lock_guard<std::mutex> lock(mu_);
      drafts_[tenant ? tenant : "default"] = body;
    }
    created_.fetch_add(1);
    mg_printf(conn, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
    return true;
  }

private:
  std::string last_; // LEAK expected-warning {{field 'last_' holds request data ('id') from the civetweb handler 'TicketHandler::handleGet', but the framework keeps one 'TicketHandler' for every request; concurrent requests also race on 'requests_'}}
  unsigned long requests_ = 0;
  std::mutex mu_;
  std::map<std::string, std::string> drafts_; // SAFE
  std::atomic<unsigned long> created_{0}; // SAFE
};

class BearerAuth : public CivetAuthHandler {
public:
  bool authorize(CivetServer *, struct mg_connection *conn) override { // expected-note {{the civetweb handler 'BearerAuth::authorize' runs once per request}}
    const char *auth = mg_get_header(conn, "Authorization");
    if (!auth || std::strncmp(auth, "Bearer ", 7) != 0) {
      mg_printf(conn, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"%s\"\r\n\r\n", kRealm);
      return false;
    }
    AuthState::instance().setLastToken(auth + 7); // expected-note {{stores request data ('auth + 7') in it through 'setLastToken' here}}
    return true;
  }
};

// Plain C callback registered with mg_set_request_handler.
static int status_handler(struct mg_connection *conn, void *) {
  const struct mg_request_info *ri = mg_get_request_info(conn);
  g_lastStatusUri = ri->local_uri; // expected-note {{stores request data ('ri->local_uri') in it here}}
  std::string reply = "uploads in " + g_uploadDir;
  mg_send_http_ok(conn, "text/plain", static_cast<long long>(reply.size()));
  mg_write(conn, reply.data(), reply.size());
  return 200;
}

int main(int argc, char **argv) {
  if (argc > 1)
    g_uploadDir = argv[1];
  std::vector<std::string> options = {"listening_ports", "127.0.0.1:8080", "num_threads", "8"};
  CivetServer server(options);
  TicketHandler tickets;
  BearerAuth auth;
  server.addHandler("/tickets", tickets);
  server.addAuthHandler("/tickets", auth);
  mg_set_request_handler(const_cast<struct mg_context *>(server.getContext()), "/status", status_handler, nullptr); // expected-note {{the handler for /status runs once per request}}
  for (;;)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}
