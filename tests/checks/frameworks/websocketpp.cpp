// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/websocketpp/server.hpp
#include <websocketpp/config/asio_no_tls.hpp>
#include <websocketpp/server.hpp>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>

using server_t = websocketpp::server<websocketpp::config::asio>;
using message_ptr = server_t::message_ptr;
using websocketpp::connection_hdl;

const std::string kGreeting = "ticker.v1"; // SAFE
std::size_t g_maxPayload = 64 * 1024; // SAFE
static std::string g_lastResource; // LEAK expected-warning {{'g_lastResource' is shared by every request; the websocketpp 'set_http_handler' hook stores request data ('con->get_resource()') in it}}

class Presence {
public:
  static Presence &instance() {
    static Presence presence; // LEAK expected-warning {{'Presence::instance()' is shared by every request; the websocketpp 'set_open_handler' hook stores request data ('user') in it through 'setLastSubscriber'}} expected-note {{no automatic fix for 'Presence::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return presence;
  }
  void setLastSubscriber(const std::string &user) { lastSubscriber_ = user; }

private:
  std::string lastSubscriber_;
};

// One parsed chat line; lives for one message.
struct ChatLine {
  std::string currentUser_; // SAFE
  std::string text;
};

class broadcast_server {
public:
  broadcast_server() {
    srv_.init_asio();
    srv_.set_open_handler(std::bind(&broadcast_server::on_open, this, std::placeholders::_1)); // expected-note {{the websocketpp 'set_open_handler' hook runs once per request}}
    srv_.set_close_handler(std::bind(&broadcast_server::on_close, this, std::placeholders::_1));
    srv_.set_message_handler(
        std::bind(&broadcast_server::on_message, this, std::placeholders::_1, std::placeholders::_2)); // expected-note {{the websocketpp 'set_message_handler' hook runs once per request}}
    srv_.set_http_handler([this](connection_hdl hdl) { // expected-note 2 {{the websocketpp 'set_http_handler' hook runs once per request}}
      server_t::connection_ptr con = srv_.get_con_from_hdl(hdl);
      ++requests_; // expected-note {{modifies its field 'requests_' here}}
      g_lastResource = con->get_resource(); // expected-note {{stores request data ('con->get_resource()') in it here}}
      con->set_status(websocketpp::http::status_code::ok);
      con->set_body(kGreeting + " online=" + std::to_string(online_.load()));
    });
  }

  void run(uint16_t port) {
    srv_.listen(port);
    srv_.start_accept();
    srv_.run();
  }

private:
  void on_open(connection_hdl hdl) {
    server_t::connection_ptr con = srv_.get_con_from_hdl(hdl);
    std::string user = con->get_request_header("X-User");
    {
      std::lock_guard<std::mutex> lock(mu_);
      users_[hdl] = user;
    }
    ++online_;
    Presence::instance().setLastSubscriber(user); // expected-note {{stores request data ('user') in it through 'setLastSubscriber' here}}
  }

  void on_close(connection_hdl hdl) {
    std::lock_guard<std::mutex> lock(mu_);
    users_.erase(hdl);
    --online_;
  }

  void on_message(connection_hdl hdl, message_ptr msg) {
    if (msg->get_payload().size() > g_maxPayload)
      return;
    cache_ = msg->get_payload(); // expected-note {{stores request data ('msg->get_payload()') in it (field 'cache_') here}}
    ChatLine line; // SAFE
    line.text = msg->get_payload();
    std::lock_guard<std::mutex> lock(mu_);
    line.currentUser_ = users_[hdl];
    for (const auto &entry : users_)
      srv_.send(entry.first, line.currentUser_ + ": " + line.text, websocketpp::frame::opcode::text);
  }

  server_t srv_;
  std::mutex mu_;
  std::map<connection_hdl, std::string, std::owner_less<connection_hdl>> users_; // SAFE
  std::string cache_; // LEAK expected-warning {{field 'cache_' holds request data ('msg->get_payload()') from the websocketpp 'set_message_handler' hook and 1 other handler, but the framework keeps one 'broadcast_server' for every request; concurrent requests also race on 'requests_'}}
  unsigned long requests_ = 0;
  std::atomic<int> online_{0}; // SAFE
};

int main(int argc, char **argv) {
  if (argc > 1)
    g_maxPayload = std::stoul(argv[1]);
  broadcast_server server;
  server.run(9002);
}
