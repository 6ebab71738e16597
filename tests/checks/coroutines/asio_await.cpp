// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT=1
// REQUIRES: /usr/include/asio.hpp
#include <asio.hpp>
#include <array>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>

// "<user> <tenant> <item>" places an order, "quote <user> <item>" and "hello <user>" do not.
// Two threads run the io_context, so a session may also resume on the other thread.
thread_local std::string currentUser;
thread_local std::string currentTenant;

struct RequestContext {
  std::string user;
  static RequestContext &current() { thread_local RequestContext context; return context; }
};

class OrderBook {
  std::string placedBy_;
public:
  void setPlacedBy(const std::string &user) { placedBy_ = user; }
  std::string placedBy() const { return placedBy_; }
};
OrderBook g_orders; // LEAK expected-warning {{'g_orders' is shared by every request; the coroutine session 'session' stores request data ('user') in it through 'setPlacedBy' (field 'placedBy_'); the request reads it back after 'co_await lookupCredit(item)' suspended it}}

std::string auditLine(int credit) { return currentUser + " spent " + std::to_string(credit); } // expected-note {{'currentUser' is read here}}

// The database: a timer, so the caller really suspends and other sessions run.
asio::awaitable<int> lookupCredit(const std::string &item) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(3));
  co_await timer.async_wait(asio::use_awaitable);
  co_return static_cast<int>(item.size());
}

// Never suspends: the value it sets is read before anything else can run.
asio::awaitable<std::string> greeting(std::string user) {
  currentUser = user;
  co_return "hello " + currentUser; // SAFE
}

asio::awaitable<std::string> handle_request(std::string line) {
  std::string user, tenant, item;
  std::istringstream(line) >> user >> tenant >> item;
  currentUser = user; // expected-note {{this request sets it here}}
  currentTenant = tenant;
  RequestContext::current().user = user; // expected-note {{this request sets it here}}
  g_orders.setPlacedBy(user); // expected-note {{stores request data ('user') in it through 'setPlacedBy' here}} expected-note {{no automatic fix for 'g_orders': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  const std::string tenantAtStart = currentTenant; // SAFE
  int credit = co_await lookupCredit(item); // expected-note 2 {{the request suspends here; other requests run before it resumes, possibly on another thread}}
  std::string owner = currentUser; // LEAK expected-warning {{thread_local 'currentUser' is read after 'co_await lookupCredit(item)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy 'currentUser' into a local before the request suspends, and read the copy}}
  std::string audit = auditLine(credit); // expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}} expected-note {{'currentUser' is read again here after 'co_await lookupCredit(item)' suspended the request}}
  std::string who = RequestContext::current().user; // LEAK expected-warning {{thread_local 'RequestContext::current()' is read after 'co_await lookupCredit(item)' suspended the request, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
  std::string placer = g_orders.placedBy(); // expected-note {{read back here after 'co_await lookupCredit(item)' suspended the request; another request's value may be there by then}}
  std::string tenantTag = "tenant=" + tenantAtStart; // SAFE
  co_return tenantTag + " " + owner + " " + who + " " + placer + " " + audit + "\n";
}

asio::awaitable<std::string> handle_quote(std::string line) {
  std::string verb, user, item;
  std::istringstream(line) >> verb >> user >> item;
  currentUser = user;
  std::string header = "quote for " + currentUser; // SAFE
  currentUser.clear();
  int credit = co_await lookupCredit(item);
  co_return header + ": " + std::to_string(credit) + "\n";
}

asio::awaitable<void> session(asio::ip::tcp::socket socket) { // expected-note {{the coroutine session 'session' runs once per request}}
  std::string pending;
  std::array<char, 512> data;
  try {
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
      pending.append(data.data(), n);
      for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
        std::string line = pending.substr(0, eol), reply;
        pending.erase(0, eol + 1);
        if (line.rfind("hello ", 0) == 0)
          reply = co_await greeting(line.substr(6));
        else
          reply = co_await (line.rfind("quote ", 0) == 0 ? handle_quote(line) : handle_request(line)); // expected-note {{'handle_request' is called here on the request path}}
        co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
      }
    }
  } catch (const std::exception &) {} // the peer closed the connection
}

// Thread per connection, blocking calls only: nothing suspends, the thread is the request's.
void serve_blocking(asio::ip::tcp::socket socket) {
  asio::streambuf buffer;
  asio::read_until(socket, buffer, '\n');
  std::string user;
  std::istream(&buffer) >> user;
  currentUser = user;
  asio::write(socket, asio::buffer(std::string("welcome\n")));
  std::string reply = "served " + currentUser + "\n"; // SAFE
  asio::write(socket, asio::buffer(reply));
}

asio::awaitable<void> listener(unsigned short port) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::acceptor acceptor(executor, {asio::ip::tcp::v4(), port});
  for (;;) {
    asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(executor, session(std::move(socket)), asio::detached);
  }
}

int main() {
  asio::io_context io_context(2);
  asio::co_spawn(io_context, listener(7100), asio::detached);
  std::thread second([&io_context] { io_context.run(); });
  asio::ip::tcp::acceptor blocking(io_context, {asio::ip::tcp::v4(), 7101});
  std::thread([&] { for (;;) std::thread(serve_blocking, blocking.accept()).detach(); }).detach();
  io_context.run();
  second.join();
}
