// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT=1
// REQUIRES: /usr/include/asio.hpp
#include <asio.hpp>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

// Line protocol: "<user> SET <key> <value>" or "<user> GET <key>".
const std::string kGreeting = "kvd 1.4 ready\n"; // SAFE
unsigned short g_port = 7000; // SAFE
std::string data_; // LEAK expected-warning {{'data_' is shared by every request; the coroutine session 'session' stores request data ('cmd.value') in it}}
std::atomic<unsigned> g_connections{0}; // SAFE

class Journal {
public:
  static Journal &instance() {
    static Journal journal; // LEAK expected-warning {{'Journal::instance()' is shared by every request; the coroutine session 'session' stores request data ('cmd.verb') in it through 'setLastCommand'}} expected-note {{no automatic fix for 'Journal::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return journal;
  }
  void setLastCommand(const std::string &verb) { lastCommand_ = verb; }

private:
  std::string lastCommand_;
};

class KeyStore { // expected-note {{no automatic fix for 'g_store': 'KeyStore' cannot be built per request as it is; build it per request in each handler and pass it the request data}}
public:
  void set(const std::string &user, const std::string &key, const std::string &value) {
    std::lock_guard<std::mutex> lock(mu_);
    values_[user + ":" + key] = value;
  }
  std::string get(const std::string &user, const std::string &key) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = values_.find(user + ":" + key);
    return it == values_.end() ? "" : it->second;
  }
  void noteWriter(const std::string &user) { lastWriter_ = user; }
  void countRequest() { ++requests_; }

private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> values_; // SAFE
  std::string lastWriter_;
  unsigned long requests_ = 0; // a race, reported at the object that owns it
};

KeyStore g_store; // LEAK expected-warning {{'g_store' is shared by every request; the coroutine session 'session' stores request data ('cmd.currentUser_') in it through 'noteWriter'}}

// Parsed once per request line.
struct Command {
  std::string currentUser_; // SAFE
  std::string verb;
  std::string key;
  std::string value;
};

asio::awaitable<std::string> handle_request(std::string line) {
  std::istringstream in(line);
  Command cmd; // SAFE
  in >> cmd.currentUser_ >> cmd.verb >> cmd.key;
  std::getline(in >> std::ws, cmd.value);
  g_store.countRequest(); // expected-note {{changes its state through 'countRequest' here}}
  Journal::instance().setLastCommand(cmd.verb); // expected-note {{stores request data ('cmd.verb') in it through 'setLastCommand' here}}
  if (cmd.verb == "SET") {
    data_ = cmd.value; // expected-note {{stores request data ('cmd.value') in it here}}
    g_store.noteWriter(cmd.currentUser_); // expected-note {{stores request data ('cmd.currentUser_') in it through 'noteWriter' here}}
    g_store.set(cmd.currentUser_, cmd.key, cmd.value);
    co_return "OK\n";
  }
  if (cmd.verb == "GET")
    co_return g_store.get(cmd.currentUser_, cmd.key) + "\n";
  co_return "ERR unknown verb\n";
}

asio::awaitable<void> session(asio::ip::tcp::socket socket) { // expected-note 3 {{the coroutine session 'session' runs once per request}}
  std::string pending; // SAFE
  std::array<char, 1024> data; // SAFE
  ++g_connections;
  try {
    co_await asio::async_write(socket, asio::buffer(kGreeting), asio::use_awaitable);
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
      pending.append(data.data(), n);
      for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
        // The loop carries the write of the previous command into this one. The model follows
        // whole objects: the read is countRequest's of 'requests_', the write noteWriter's.
        std::string reply = co_await handle_request(pending.substr(0, eol)); // expected-note 3 {{'handle_request' is called here on the request path}} expected-note {{read back here after 'co_await asio::async_write(socket, asio::buff...' suspended the request; another request's value may be there by then}}
        pending.erase(0, eol + 1);
        co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
      }
    }
  } catch (const std::exception &) {
    // connection closed by the peer
  }
  --g_connections;
}

asio::awaitable<void> listener() {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::acceptor acceptor(executor, {asio::ip::tcp::v4(), g_port});
  for (;;) {
    asio::ip::tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(executor, session(std::move(socket)), asio::detached);
  }
}

int main(int argc, char **argv) {
  if (argc > 1)
    g_port = static_cast<unsigned short>(std::stoi(argv[1]));
  asio::io_context io_context(1);
  asio::co_spawn(io_context, listener(), asio::detached);
  io_context.run();
}
