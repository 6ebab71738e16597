// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// CONFIG: {CheckOptions: {SafeTypes: '^metrics::Registry$'}}
// What makes shared state safe, and what only looks safe.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>
#include <vendor_client.h>
#include <web.h>

//--- Only looks safe ---------------------------------------------------------

// Set, call, restore: requests running in between see this request's token.
vendor::HttpClient g_client; // LEAK expected-warning {{'g_client' is shared by every request; the request handler 'callUpstream' stores request data ('req.token') in it through 'setAuth'; restoring it afterwards does not help: other requests see it until then}}
REQUEST_HANDLER void callUpstream(const web::Request &req) { // expected-note {{the request handler 'callUpstream' runs once per request}}
  g_client.setAuth(req.token); // expected-note {{stores request data ('req.token') in it through 'setAuth' here}}
  g_client.get("/orders");
  g_client.setAuth(""); // expected-note {{changes its state through 'setAuth' here}}
}

// The same with a plain variable.
std::string g_actingUser; // LEAK expected-warning {{'g_actingUser' is shared by every request; the request handler 'impersonate' stores request data ('req.user') in it; restoring it afterwards does not help: other requests see it until then}}
REQUEST_HANDLER void impersonate(const web::Request &req) { // expected-note {{the request handler 'impersonate' runs once per request}}
  std::string previous = g_actingUser;
  g_actingUser = req.user; // expected-note {{stores request data ('req.user') in it here}}
  g_actingUser = previous; // expected-note {{assigns it here}}
}

//--- Safe ------------------------------------------------------------------

// A connection pool: its state changes only under its lock and holds nothing
// of any request.
class ConnectionPool {
public:
  int acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    int connection = free_.empty() ? next_++ : free_.back();
    if (!free_.empty())
      free_.pop_back();
    return connection;
  }
  void release(int connection) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(connection);
  }

private:
  std::mutex mutex_;
  std::vector<int> free_; // SAFE
  int next_ = 0;          // SAFE
};
ConnectionPool g_pool; // SAFE

// An audit trail appended under its lock: bookkeeping, not a "current" slot.
std::mutex g_auditMutex;
std::vector<std::string> g_auditTrail; // SAFE

// A lookup that takes the shared map by non-const reference but only reads.
std::map<std::string, int> g_limits; // SAFE
int limitFor(std::map<std::string, int> &limits, const std::string &user) {
  auto found = limits.find(user);
  return found == limits.end() ? 0 : found->second;
}

// A counter under a lock.
std::mutex g_statsMutex;
long g_served = 0; // SAFE

// Atomic metrics that sum request-derived amounts: aggregates, not one
// request's data.
std::atomic<long> g_bytesIn{0}; // SAFE
std::atomic<long> g_latencyBuckets[4]; // SAFE

// A helper whose every caller holds the lock (as a logger's buffer lookup).
std::mutex g_bufferMutex;
int g_lastBuffer = -1; // SAFE
void selectBuffer(int slot) { g_lastBuffer = slot; }
void writeLine() {
  std::lock_guard<std::mutex> lock(g_bufferMutex);
  selectBuffer(3);
}

// A singleton built once: what its constructor (and the members it calls)
// stores initialises an object no request can see yet.
class Grammar {
public:
  static Grammar &get() {
    static Grammar grammar;
    return grammar;
  }
  int rules() const { return count_; }

private:
  Grammar() { build(); }
  void build() {
    count_ = 42;
    table_.push_back(count_);
  }
  int count_ = 0;           // SAFE
  std::vector<int> table_;  // SAFE
};

// A database handle that locks around its own state, used by a shared
// service: the service changes nothing a request could see.
class LockedDb {
public:
  int query(const std::string &sql) {
    std::lock_guard<std::mutex> lock(mutex_);
    statements_.push_back(sql);
    return static_cast<int>(statements_.size());
  }

private:
  std::mutex mutex_;
  std::vector<std::string> statements_; // SAFE
};
class Accounts {
public:
  bool exists(const std::string &user) { return db_.query("select " + user) > 0; }

private:
  LockedDb db_; // SAFE
};
Accounts g_accounts; // SAFE

// Defined in another file, so only its name tells: "userHasRole" starts with
// "use" but is not a setter (SetterNames matches whole words).
class Directory {
public:
  bool userHasRole(const std::string &user);
};
Directory g_directory; // SAFE

// A type the team declares safe to share (the SafeTypes option).
namespace metrics {
class Registry {
public:
  void record(const std::string &name) { last_ = name; }

private:
  std::string last_; // SAFE
};
} // namespace metrics
metrics::Registry g_registry; // SAFE

// A library logger: calling it stores nothing a request could read back.
vendor::Logger g_log; // SAFE

REQUEST_HANDLER void handle(const web::Request &req) {
  int connection = g_pool.acquire() + limitFor(g_limits, req.user);
  {
    std::lock_guard<std::mutex> lock(g_statsMutex);
    ++g_served;
  }
  {
    std::lock_guard<std::mutex> lock(g_auditMutex);
    g_auditTrail.push_back(req.user);
  }
  g_bytesIn += static_cast<long>(req.user.size());
  g_latencyBuckets[req.amount % 4]++;
  writeLine();
  if (Grammar::get().rules() > 0 && g_accounts.exists(req.user) &&
      g_directory.userHasRole(req.user))
    g_registry.record(req.user);
  g_log.info("request from " + req.user);
  g_log.flush();
  g_pool.release(connection);
}

int main() {
  g_client.reconnect(); // start-up
  web::Request boot;
  handle(boot);
}
