// CHECKS: -*,statescope-*
// ARGS: -std=c++20
// REQUIRES: /usr/include/asio.hpp
#include <asio.hpp>
#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

// The network thread reads requests, a pool does the slow work. Posted work runs later, on a
// pool thread whose thread_local belongs to whatever that thread ran last.
thread_local std::string currentUser;
asio::thread_pool g_pool(4);
using Strand = asio::strand<asio::io_context::executor_type>;

struct RequestScope {
  static RequestScope &current() { thread_local RequestScope scope; return scope; }
  std::string tenant;
};

class ExportJobs {
  std::string owner_;
public:
  void setOwner(const std::string &user) { owner_ = user; }
  std::string owner() const { return owner_; }
};
ExportJobs g_jobs; // LEAK expected-warning {{'g_jobs' is shared by every request; the completion handler of 'async_read_some' stores request data ('user') in it through 'setOwner' (field 'owner_'); the request reads it back in the work passed to 'asio::post', which runs later}}

void writeAudit(const std::string &what) { std::clog << currentUser << ": " << what << '\n'; } // expected-note {{'currentUser' is read here}}

void handle_export(const std::string &user, const std::string &tenant, Strand &strand) {
  currentUser = user; // expected-note 3 {{this request sets it here}}
  RequestScope::current().tenant = tenant; // expected-note {{this request sets it here}}
  g_jobs.setOwner(user); // expected-note {{stores request data ('user') in it through 'setOwner' here}} expected-note {{no automatic fix for 'g_jobs': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  writeAudit("export requested"); // SAFE
  asio::post(g_pool, [] { std::clog << "exporting for " << currentUser << '\n'; }); // LEAK expected-warning {{thread_local 'currentUser' is read in the work passed to 'asio::post', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{the work is handed over here}} expected-note {{capture 'currentUser' by value where the work is handed over}}
  asio::dispatch(strand, [] { std::clog << RequestScope::current().tenant << '\n'; }); // LEAK expected-warning {{thread_local 'RequestScope::current()' is read in the work passed to 'asio::dispatch', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{the work is handed over here}} expected-note {{copy the value into the work where it is handed over, or pass it explicitly (a request context object) to the code that needs it}}
  asio::defer(g_pool, [] { writeAudit("export started"); }); // LEAK expected-warning {{thread_local 'currentUser' is read in the work passed to 'asio::defer', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{the work is handed over here}} expected-note {{copy the value into the work where it is handed over, or pass it explicitly (a request context object) to the code that needs it}}
  asio::post(g_pool, [] { std::clog << "job owner " << g_jobs.owner() << '\n'; }); // expected-note {{read back here in the work passed to 'asio::post', which runs later; another request's value may be there by then}}
  auto size = std::async(std::launch::async, [] { return currentUser.size(); }); // LEAK expected-warning {{thread_local 'currentUser' is read in the work passed to 'std::async', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{the work is handed over here}} expected-note {{capture 'currentUser' by value where the work is handed over}}
  asio::post(g_pool, [owner = currentUser] { std::clog << "export of " << owner << '\n'; }); // SAFE
  asio::post(g_pool, [user] {
    currentUser = user;
    writeAudit("export finished"); // SAFE
  });
  size.wait();
}

// "<user> <tenant>" starts an export; "<user>" alone is rate limited. The timer's handler
// runs after other connections' handlers.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  Connection(asio::ip::tcp::socket socket, Strand &strand)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), strand_(strand) {}
  void start() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(data_), [this, self](std::error_code ec, std::size_t n) { // expected-note {{the completion handler of 'async_read_some' runs once per request}}
      std::string user, tenant;
      std::istringstream(std::string(data_.data(), ec ? 0 : n)) >> user >> tenant;
      if (!tenant.empty())
        return handle_export(user, tenant, strand_); // expected-note {{'handle_export' is called here on the request path}}
      currentUser = user; // expected-note {{this request sets it here}}
      user_ = currentUser; // SAFE
      timer_.expires_after(std::chrono::milliseconds(5));
      timer_.async_wait([this, self](std::error_code) { // expected-note {{the work is handed over here}}
        std::string reply = "rate limited: " + currentUser; // LEAK expected-warning {{thread_local 'currentUser' is read in the completion handler of 'async_wait', which runs later, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{capture 'currentUser' by value where the work is handed over}}
        reply += " (" + user_ + ")"; // SAFE
        asio::write(socket_, asio::buffer(reply));
      });
    });
  }

private:
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  Strand &strand_;
  std::array<char, 64> data_;
  std::string user_;
};

// Thread per connection: set, used and reset on one thread, nothing posted in between.
void serve_blocking(asio::ip::tcp::socket socket) {
  std::array<char, 64> data;
  std::size_t n = socket.read_some(asio::buffer(data));
  currentUser.assign(data.data(), n);
  writeAudit("blocking request"); // SAFE
  currentUser.clear();
  asio::post(g_pool, [] { std::clog << "blocking request done\n"; });
}

int main() {
  asio::io_context io;
  auto strand = asio::make_strand(io);
  asio::ip::tcp::acceptor acceptor(io, {asio::ip::tcp::v4(), 9100});
  std::function<void()> accept = [&] {
    acceptor.async_accept([&](std::error_code ec, asio::ip::tcp::socket socket) {
      if (!ec)
        std::make_shared<Connection>(std::move(socket), strand)->start();
      accept();
    });
  };
  accept();
  asio::ip::tcp::acceptor blocking(io, {asio::ip::tcp::v4(), 9101});
  std::thread([&] { for (;;) std::thread(serve_blocking, blocking.accept()).detach(); }).detach();
  io.run();
  g_pool.join();
}
