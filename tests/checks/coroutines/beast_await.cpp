// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -DBOOST_ASIO_HAS_CO_AWAIT=1 -include utility
// REQUIRES: /usr/include/boost/beast/http.hpp
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>
#include <thread>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

thread_local std::string currentTenant;
thread_local std::string currentUser;

struct TenantContext {
  static TenantContext &current() { thread_local TenantContext context; return context; }
  std::string name;
};

struct ScopedUser {
  explicit ScopedUser(std::string user) { currentUser = std::move(user); }
  ~ScopedUser() { currentUser.clear(); }
};

class Metrics {
  std::string lastTenant_;
public:
  void setLastTenant(const std::string &tenant) { lastTenant_ = tenant; }
  const std::string &lastTenant() const { return lastTenant_; }
};
Metrics g_metrics; // LEAK expected-warning {{'g_metrics' is shared by every request; the coroutine session 'do_session' stores request data ('std::string(req["X-Tenant"])') in it through 'setLastTenant' (field 'lastTenant_'); the request reads it back after 'co_await bannerFor(user)' suspended it}}

std::string renderInvoices() { return "<invoices of " + currentUser + ">"; } // expected-note {{'currentUser' is read here}}

// Billing database round trip: the session suspends here and others run on this thread.
net::awaitable<void> queryBilling(std::chrono::milliseconds latency) {
  net::steady_timer timer(co_await net::this_coro::executor, latency);
  co_await timer.async_wait(net::use_awaitable);
}

// Completes without suspending.
net::awaitable<std::string> bannerFor(std::string user) {
  currentUser = user;
  co_return "hi " + currentUser; // SAFE
}

// The guard sets and clears the user with no suspension in between.
net::awaitable<std::string> previewInvoices(std::string user) {
  std::string page;
  {
    ScopedUser scope(user);
    page = renderInvoices(); // SAFE
  }
  co_await queryBilling(std::chrono::milliseconds(1));
  co_return page;
}

net::awaitable<void> do_session(beast::tcp_stream stream) { // expected-note {{the coroutine session 'do_session' runs once per request}}
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    co_await http::async_read(stream, buffer, req, net::use_awaitable);
    currentTenant = std::string(req["X-Tenant"]); // expected-note {{this request sets it here}}
    currentUser = std::string(req["X-User-Id"]);
    TenantContext::current().name = std::string(req["X-Tenant"]); // expected-note {{this request sets it here}}
    g_metrics.setLastTenant(std::string(req["X-Tenant"])); // expected-note {{stores request data ('std::string(req["X-Tenant"])') in it through 'setLastTenant' here}} expected-note {{no automatic fix for 'g_metrics': a handler uses it before setting it; build it per request in each handler and pass it the request data}}
    const std::string user = currentUser; // SAFE
    std::string banner = co_await bannerFor(user); // expected-note 2 {{the request suspends here; other requests run before it resumes, possibly on another thread}}
    co_await queryBilling(std::chrono::milliseconds(5));
    std::string preview = co_await previewInvoices(user); // expected-note {{this request sets it here}} expected-note {{the request suspends here; other requests run before it resumes, possibly on another thread}}
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set("X-Tenant", currentTenant); // LEAK expected-warning {{thread_local 'currentTenant' is read after 'co_await bannerFor(user)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy 'currentTenant' into a local before the request suspends, and read the copy}}
    res.set("X-Billed-Tenant", TenantContext::current().name); // LEAK expected-warning {{thread_local 'TenantContext::current()' is read after 'co_await bannerFor(user)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
    res.set("X-Metrics-Tenant", g_metrics.lastTenant()); // expected-note {{read back here after 'co_await bannerFor(user)' suspended the request; another request's value may be there by then}}
    res.set("X-User-Id", user); // SAFE
    res.body() = banner + preview + renderInvoices(); // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await previewInvoices(user)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
    res.prepare_payload();
    co_await http::async_write(stream, res, net::use_awaitable);
    if (!req.keep_alive())
      break;
  }
}

// Blocking Beast server, one thread per connection: the thread never serves anyone else.
void do_blocking_session(tcp::socket socket) {
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  http::read(socket, buffer, req);
  currentUser = std::string(req["X-User-Id"]);
  http::response<http::string_body> res{http::status::ok, req.version()};
  http::write(socket, http::response<http::empty_body>{http::status::continue_, req.version()});
  res.body() = renderInvoices(); // SAFE
  res.prepare_payload();
  http::write(socket, res);
}

net::awaitable<void> do_listen(tcp::endpoint endpoint) {
  auto executor = co_await net::this_coro::executor;
  tcp::acceptor acceptor(executor, endpoint);
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(executor, do_session(beast::tcp_stream(std::move(socket))), net::detached);
  }
}

int main() {
  net::io_context ioc;
  net::co_spawn(ioc, do_listen({net::ip::make_address("127.0.0.1"), 8080}), net::detached);
  tcp::acceptor blocking(ioc, {net::ip::make_address("127.0.0.1"), 8081});
  std::thread([&] { for (;;) std::thread(do_blocking_session, blocking.accept()).detach(); }).detach();
  ioc.run();
}
