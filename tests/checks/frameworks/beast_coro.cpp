// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT=1 -include utility
// REQUIRES: /usr/include/boost/beast/http.hpp
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

const std::string kBanner = "flagd/2.0"; // SAFE
std::string g_defaultTenant = "public"; // SAFE
static std::string cache; // LEAK expected-warning {{'cache' is shared by every request; the coroutine session 'do_session' stores request data ('req.body()') in it}}
std::atomic<long> g_sessions{0}; // SAFE

class RateLimiter {
public:
  static RateLimiter &instance() {
    static RateLimiter limiter; // LEAK expected-warning {{'RateLimiter::instance()' is shared by every request; the coroutine session 'do_session' stores request data ('std::string(req["X-Forwarded-For"])') in it through 'setLastClient'}} expected-note {{no automatic fix for 'RateLimiter::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return limiter;
  }
  void setLastClient(std::string client) { lastClient_ = std::move(client); }

private:
  std::string lastClient_;
};

// Feature-flag store shared by every connection.
class FlagStore { // expected-note {{no automatic fix for 'g_store': 'FlagStore' cannot be built per request as it is; build it per request in each handler and pass it the request data}}
public:
  void setContext(const std::string &user) {
    owner_ = user;
    ++requests_;
  }
  void put(const std::string &tenant, const std::string &flag, const std::string &value) {
    std::lock_guard<std::mutex> lock(mu_);
    flags_[tenant + "/" + flag] = value;
  }
  std::string get(const std::string &tenant, const std::string &flag) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = flags_.find(tenant + "/" + flag);
    return it == flags_.end() ? "off" : it->second;
  }

private:
  std::string owner_;
  unsigned long requests_ = 0; // a race, reported at the object that owns it
  mutable std::mutex mu_;
  std::map<std::string, std::string> flags_; // SAFE
};

FlagStore g_store; // LEAK expected-warning {{'g_store' is shared by every request; the coroutine session 'do_session' stores request data ('fr.currentUser_') in it through 'setContext'}}

// One of these per request.
struct FlagRequest {
  std::string currentUser_; // SAFE
  std::string flag;
};

net::awaitable<void> do_session(beast::tcp_stream stream) { // expected-note 3 {{the coroutine session 'do_session' runs once per request}}
  beast::flat_buffer buffer;
  std::string sessionTenant; // SAFE
  ++g_sessions;
  try {
    for (;;) {
      http::request<http::string_body> req;
      co_await http::async_read(stream, buffer, req, net::use_awaitable);
      FlagRequest fr; // SAFE
      fr.currentUser_ = std::string(req["X-User"]);
      fr.flag = std::string(req.target());
      sessionTenant = req["X-Tenant"].empty() ? g_defaultTenant : std::string(req["X-Tenant"]);
      // The loop carries the write of the previous request into this one. The model follows
      // whole objects: the read is setContext's of 'requests_', the write is of 'owner_'.
      g_store.setContext(fr.currentUser_); // expected-note {{stores request data ('fr.currentUser_') in it through 'setContext' here}} expected-note {{read back here after 'co_await http::async_write(stream, res, net::...' suspended the request; another request's value may be there by then}}
      RateLimiter::instance().setLastClient(std::string(req["X-Forwarded-For"])); // expected-note {{stores request data ('std::string(req["X-Forwarded-For"])') in it through 'setLastClient' here}}
      http::response<http::string_body> res{http::status::ok, req.version()};
      if (req.method() == http::verb::put) {
        cache = req.body(); // expected-note {{stores request data ('req.body()') in it here}}
        g_store.put(sessionTenant, fr.flag, req.body());
        res.result(http::status::no_content);
      } else {
        res.body() = g_store.get(sessionTenant, fr.flag);
      }
      res.set(http::field::server, kBanner);
      res.prepare_payload();
      co_await http::async_write(stream, res, net::use_awaitable);
      if (!req.keep_alive()) break;
    }
  } catch (const boost::system::system_error &) {
    // peer went away
  }
  --g_sessions;
}

net::awaitable<void> do_listen(tcp::endpoint ep) {
  auto ex = co_await net::this_coro::executor;
  tcp::acceptor acceptor(ex, ep);
  for (;;) {
    tcp::socket sock = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(ex, do_session(beast::tcp_stream(std::move(sock))), net::detached);
  }
}

int main(int argc, char **argv) {
  if (argc > 1)
    g_defaultTenant = argv[1];
  net::io_context ioc;
  net::co_spawn(ioc, do_listen({net::ip::make_address("127.0.0.1"), 8080}), net::detached);
  ioc.run();
}
