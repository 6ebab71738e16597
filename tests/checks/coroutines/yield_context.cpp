// CHECKS: -*,statescope-*
// ARGS: -std=c++20
// REQUIRES: /usr/include/boost/asio/spawn.hpp
#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Stackful coroutines: every call taking `yield` may suspend this session and run another
// one on the same thread (or resume it on the other thread running the io_context).
thread_local std::string currentUser;

struct Session {
  static Session &current() { thread_local Session session; return session; }
  std::string account;
};

class Ledger {
  std::string lastAccount_;
public:
  void setLastAccount(const std::string &account) { lastAccount_ = account; }
  std::string lastAccount() const { return lastAccount_; }
};
Ledger g_ledger; // LEAK expected-warning {{'g_ledger' is shared by every request; the connection handler 'do_session' stores request data ('account') in it through 'setLastAccount' (field 'lastAccount_'); the request reads it back after 'waitForDatabase' suspended the request (through its yield_context)}}

std::string statementHeader() { return "statement for " + currentUser + "\n"; } // expected-note {{'currentUser' is read here}}

void waitForDatabase(const net::any_io_executor &executor, net::yield_context yield) {
  net::steady_timer timer(executor, std::chrono::milliseconds(4));
  timer.async_wait(yield);
}

// Takes a yield_context but never passes it on: nothing here suspends.
std::string formatGreeting(const std::string &user, net::yield_context) {
  currentUser = user;
  return "hello " + currentUser + "\n"; // SAFE
}

void do_session(tcp::socket socket, net::yield_context yield) { // expected-note {{the connection handler 'do_session' runs once per request}}
  net::streambuf buffer;
  boost::system::error_code ec;
  for (;;) {
    net::async_read_until(socket, buffer, '\n', yield[ec]);
    if (ec)
      return;
    std::string user, account;
    std::istream(&buffer) >> user >> account;
    buffer.consume(buffer.size());
    currentUser = user;
    Session::current().account = account; // expected-note {{this request sets it here}}
    g_ledger.setLastAccount(account); // expected-note {{stores request data ('account') in it through 'setLastAccount' here}} expected-note {{no automatic fix for 'g_ledger': a handler uses it before setting it; build it per request in each handler and pass it the request data}}
    const std::string owner = currentUser; // SAFE
    std::string greeting = formatGreeting(user, yield); // expected-note {{this request sets it here}}
    waitForDatabase(socket.get_executor(), yield); // expected-note 2 {{the request suspends here; other requests run before it resumes, possibly on another thread}}
    std::string reply = greeting + statementHeader(); // LEAK expected-warning {{thread_local 'currentUser' is read after 'waitForDatabase' suspended the request (through its yield_context), but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
    reply += "account " + Session::current().account + "\n"; // LEAK expected-warning {{thread_local 'Session::current()' is read after 'waitForDatabase' suspended the request (through its yield_context), but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{copy the value into a local before the request suspends, or pass it explicitly (a request context object) to the code that needs it}}
    reply += "ledger " + g_ledger.lastAccount() + "\n"; // expected-note {{read back here after 'waitForDatabase' suspended the request (through its yield_context); another request's value may be there by then}}
    reply += "owner " + owner + "\n"; // SAFE
    net::async_write(socket, net::buffer(reply), yield);
    std::clog << "sent to " << currentUser << '\n'; // expected-note {{copy 'currentUser' into a local before the request suspends, and read the copy}} expected-note {{'currentUser' is read again here after 'waitForDatabase' suspended the request (through its yield_context)}}
  }
}

// Quotes: the user is set and cleared again before anything suspends.
void do_quote(tcp::socket socket, net::yield_context yield) {
  net::streambuf buffer;
  net::async_read_until(socket, buffer, '\n', yield);
  std::string user;
  std::istream(&buffer) >> user;
  currentUser = user;
  std::string quote = statementHeader(); // SAFE
  currentUser.clear();
  waitForDatabase(socket.get_executor(), yield);
  net::async_write(socket, net::buffer(quote), yield);
}

// One thread per connection with blocking calls: the thread is this request's alone.
void serve_blocking(tcp::socket socket) {
  net::streambuf buffer;
  net::read_until(socket, buffer, '\n');
  std::string user;
  std::istream(&buffer) >> user;
  currentUser = user;
  net::write(socket, net::buffer(std::string("checking\n")));
  net::write(socket, net::buffer(statementHeader())); // SAFE
}

using Handler = void (*)(tcp::socket, net::yield_context);
void acceptLoop(net::io_context &ioc, unsigned short port, Handler handler) {
  net::spawn(ioc, [&ioc, port, handler](net::yield_context yield) {
    tcp::acceptor acceptor(ioc, {tcp::v4(), port});
    for (;;) {
      tcp::socket socket(ioc);
      acceptor.async_accept(socket, yield);
      net::spawn(ioc, [handler, s = std::move(socket)](net::yield_context session_yield) mutable {
        handler(std::move(s), session_yield);
      });
    }
  });
}

int main() {
  net::io_context ioc(2);
  acceptLoop(ioc, 9000, do_session);
  acceptLoop(ioc, 9002, do_quote);
  tcp::acceptor blocking(ioc, {tcp::v4(), 9001});
  std::thread([&] { for (;;) std::thread(serve_blocking, blocking.accept()).detach(); }).detach();
  std::thread second([&ioc] { ioc.run(); });
  ioc.run();
  second.join();
}
