// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// Which locks make a write safe: only one held exclusively where the write
// runs.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <web.h>

namespace absl {
class Mutex {
public:
  void Lock();
  void Unlock();
};
class MutexLock {
public:
  explicit MutexLock(Mutex *M);
  ~MutexLock();
};
class ReaderMutexLock {
public:
  explicit ReaderMutexLock(Mutex *M);
  ~ReaderMutexLock();
};
} // namespace absl

namespace asio {
struct io_context {};
template <typename Handler> void post(io_context &, Handler &&) {}
} // namespace asio

//--- Readers share a shared lock: a write under it is a race -----------------

std::shared_mutex g_readersMutex;
std::map<std::string, std::string> g_lastSeen; // LEAK expected-warning {{'g_lastSeen' is shared by every request; the request handler 'seen' stores request data ('req.token') in it}}
REQUEST_HANDLER void seen(const web::Request &req) { // expected-note {{the request handler 'seen' runs once per request}}
  std::shared_lock<std::shared_mutex> lock(g_readersMutex);
  g_lastSeen[req.user] = req.token; // expected-note {{stores request data ('req.token') in it here}}
}

// Look-alike: the same write under the exclusive lock.
std::map<std::string, std::string> g_lastLogin; // SAFE
REQUEST_HANDLER void login(const web::Request &req) {
  std::unique_lock<std::shared_mutex> lock(g_readersMutex);
  g_lastLogin[req.user] = req.token;
}

//--- A deferred or released lock does not hold -------------------------------

std::mutex g_visitsMutex;
std::map<std::string, long> g_visits; // LEAK expected-warning {{'g_visits' is shared by every request; the request handler 'visit' modifies it}}
REQUEST_HANDLER void visit(const web::Request &req) { // expected-note {{the request handler 'visit' runs once per request}}
  std::unique_lock<std::mutex> lock(g_visitsMutex, std::defer_lock);
  g_visits[req.user] += 1; // expected-note {{modifies it here}}
}

std::map<std::string, long> g_clicks; // LEAK expected-warning {{'g_clicks' is shared by every request; the request handler 'click' modifies it}}
REQUEST_HANDLER void click(const web::Request &req) { // expected-note {{the request handler 'click' runs once per request}}
  std::unique_lock<std::mutex> lock(g_visitsMutex);
  lock.unlock();
  g_clicks[req.user] += 1; // expected-note {{modifies it here}}
}

// Look-alike: deferred, then locked before the write.
std::map<std::string, long> g_views; // SAFE
REQUEST_HANDLER void view(const web::Request &req) {
  std::unique_lock<std::mutex> lock(g_visitsMutex, std::defer_lock);
  lock.lock();
  g_views[req.user] += 1;
}

//--- A lock in an if-initialiser guards the if, not what follows -------------

std::map<std::string, long> g_orders; // LEAK expected-warning {{'g_orders' is shared by every request; the request handler 'order' modifies it}}
REQUEST_HANDLER void order(const web::Request &req) { // expected-note {{the request handler 'order' runs once per request}}
  if (std::lock_guard<std::mutex> lock(g_visitsMutex); req.amount > 0) {
    g_orders[req.user] += req.amount;
  }
  g_orders[req.tenant] += 1; // expected-note {{modifies it here}}
}

// Look-alike: every write inside the if.
std::map<std::string, long> g_refunds; // SAFE
REQUEST_HANDLER void refund(const web::Request &req) {
  if (std::lock_guard<std::mutex> lock(g_visitsMutex); req.amount > 0)
    g_refunds[req.user] += req.amount;
}

//--- A lambda posted under a lock runs later, without it ---------------------

asio::io_context g_io;
std::map<std::string, long> g_pending; // LEAK expected-warning {{'g_pending' is shared by every request; the request handler 'enqueue' modifies it}}
REQUEST_HANDLER void enqueue(const web::Request &req) { // expected-note {{the request handler 'enqueue' runs once per request}}
  std::lock_guard<std::mutex> lock(g_visitsMutex);
  asio::post(g_io, [user = req.user] { g_pending[user] += 1; }); // expected-note {{modifies it here}}
}

// Look-alike: the same write made now, under the lock.
std::map<std::string, long> g_queued; // SAFE
REQUEST_HANDLER void queue(const web::Request &req) {
  std::lock_guard<std::mutex> lock(g_visitsMutex);
  auto add = [&] { g_queued[req.user] += 1; };
  add();
}

//--- Abseil's guards are locks -----------------------------------------------

absl::Mutex g_statsMutex;
long g_requests = 0; // SAFE
std::map<std::string, long> g_byTenant; // SAFE
REQUEST_HANDLER void count(const web::Request &req) {
  absl::MutexLock lock(&g_statsMutex);
  ++g_requests;
  g_byTenant[req.tenant] += 1;
}

// Look-alike: Abseil's reader lock.
long g_reads = 0; // LEAK expected-warning {{'g_reads' is shared by every request; the request handler 'read' modifies it}}
REQUEST_HANDLER void read(const web::Request &req) { // expected-note {{the request handler 'read' runs once per request}}
  absl::ReaderMutexLock lock(&g_statsMutex);
  ++g_reads; // expected-note {{modifies it here}}
}
