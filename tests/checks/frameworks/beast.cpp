// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/boost/beast/http.hpp
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

const std::string kServerName = "inventory/1.3"; // SAFE
static std::string g_docRoot = "/srv/inventory"; // SAFE
std::string last_; // LEAK expected-warning {{'last_' is shared by every request; the Beast request handler 'handle_request' stores request data ('std::string(req.target())') in it}}
std::atomic<unsigned long> g_served{0}; // SAFE
std::mutex g_quotaMu;
std::map<std::string, int> g_quota; // SAFE

class InventoryService {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string lookup(beast::string_view sku) const { return user_ + " sees " + std::string(sku); }
  void countRequest() { ++requests_; }

private:
  std::string user_;
  long requests_ = 0; // a race, reported at the object that owns it
};

InventoryService g_inventory; // LEAK expected-warning {{'g_inventory' is shared by every request; the Beast request handler 'handle_request' stores request data ('user') in it through 'setContext'}} expected-note {{build a per-request 'InventoryService' in each handler, with a new factory 'makeInventoryService', instead of sharing 'g_inventory'}}

// Per-request view of the caller.
class RequestContext {
public:
  void setCurrentUser(std::string user) { currentUser_ = std::move(user); }
  bool anonymous() const { return currentUser_.empty(); }

private:
  std::string currentUser_; // SAFE
};

http::response<http::string_body> handle_request(const http::request<http::string_body> &req) { // expected-note 2 {{the Beast request handler 'handle_request' runs once per request}}
  std::string user(req["X-User"]);
  RequestContext ctx; // SAFE
  ctx.setCurrentUser(user);
  g_inventory.setContext(user); // expected-note {{stores request data ('user') in it through 'setContext' here}}
  g_inventory.countRequest(); // expected-note {{changes its state through 'countRequest' here}}
  last_ = std::string(req.target()); // expected-note {{stores request data ('std::string(req.target())') in it here}}
  {
    std::lock_guard<std::mutex> lock(g_quotaMu);
    ++g_quota[user];
  }
  ++g_served;
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::server, kServerName);
  res.body() = ctx.anonymous() ? g_docRoot : g_inventory.lookup(req.target());
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

// One session per connection: its members live as long as that connection.
class session : public std::enable_shared_from_this<session> {
public:
  explicit session(tcp::socket &&socket) : stream_(std::move(socket)) {}
  void run() { do_read(); }

private:
  void do_read() {
    req_ = {};
    http::async_read(stream_, buffer_, req_,
                     beast::bind_front_handler(&session::on_read, shared_from_this()));
  }
  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return;
    peerUser_ = std::string(req_["X-User"]);
    res_ = handle_request(req_);
    http::async_write(stream_, res_, beast::bind_front_handler(&session::on_write, shared_from_this()));
  }
  void on_write(beast::error_code ec, std::size_t) {
    if (!ec && res_.keep_alive()) do_read();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
  std::string peerUser_; // SAFE
};

// Blocking variant used by the admin port: one thread per connection.
void do_session(tcp::socket &socket) {
  static std::string lastHost; // LEAK expected-warning {{'lastHost' is shared by every request; the request code in 'do_session' stores request data ('std::string(req[http::field::host])') in it}}
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    http::request<http::string_body> req;
    http::read(socket, buffer, req, ec); // expected-note {{the request code in 'do_session' runs once per request}}
    if (ec) break;
    lastHost = std::string(req[http::field::host]); // expected-note {{stores request data ('std::string(req[http::field::host])') in it here}}
    http::response<http::string_body> res = handle_request(req);
    http::write(socket, res, ec);
    if (ec || !req.keep_alive()) break;
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
}

void do_accept(tcp::acceptor &acceptor) {
  acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
    if (!ec)
      std::make_shared<session>(std::move(socket))->run();
    do_accept(acceptor);
  });
}

int main(int argc, char **argv) {
  if (argc > 1)
    g_docRoot = argv[1];
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc, {net::ip::make_address("127.0.0.1"), 8080}};
  do_accept(acceptor);
  std::thread admin([&ioc] {
    tcp::acceptor adminAcceptor{ioc, {net::ip::make_address("127.0.0.1"), 8081}};
    for (;;) {
      tcp::socket socket = adminAcceptor.accept();
      std::thread([s = std::move(socket)]() mutable { do_session(s); }).detach();
    }
  });
  ioc.run();
  admin.join();
}
