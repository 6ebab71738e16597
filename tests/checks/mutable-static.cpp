// CHECKS: -*,statescope-mutable-static
// ARGS: -std=c++17 -isystem %S/Inputs -I%S/Inputs/project
#include "globals.h"
#include "web.h"
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

//--- Positives --------------------------------------------------------------

// The caller's name kept in a global for "later".
static std::string g_lastUser; // LEAK expected-warning {{'g_lastUser' is shared by every request; the request handler 'greet' stores request data ('req.user') in it}}

// A static buffer handed back to every caller.
const char *formatGreeting(const std::string &name) {
  static char buffer[64]; // LEAK expected-warning {{'buffer' is returned to callers but shared by every request; the request handler 'greet' passes it to be written with request data ('name.c_str()')}}
  std::snprintf(buffer, sizeof buffer, "hello %s", name.c_str()); // expected-note {{passes it to be written with request data ('name.c_str()') here}}
  return buffer;
}

REQUEST_HANDLER void greet(const web::Request &req) { // expected-note 2 {{the request handler 'greet' runs once per request}}
  g_lastUser = req.user; // expected-note {{stores request data ('req.user') in it here}}
  formatGreeting(req.user); // expected-note {{'formatGreeting' is called here on the request path}}
}

// A static data member counted without synchronisation: a race.
struct Stats {
  static long served; // LEAK expected-warning {{'Stats::served' is shared by every request; the request handler 'count' modifies it}}
};
long Stats::served = 0;
REQUEST_HANDLER void count(const web::Request &) { // expected-note {{runs once per request}}
  ++Stats::served; // expected-note {{modifies it here}}
}

// A container that grows with every caller's data, keyed by nothing.
std::vector<std::string> g_recentUsers; // LEAK expected-warning {{'g_recentUsers' is shared by every request; the request handler 'recent' stores request data ('req.user') in it through 'push_back'}}
REQUEST_HANDLER void recent(const web::Request &req) { // expected-note {{runs once per request}}
  g_recentUsers.push_back(req.user); // expected-note {{stores request data ('req.user') in it through 'push_back' here}}
}

// Keyed by the user, but with no lock: concurrent inserts corrupt the map.
std::map<std::string, int> g_quota; // LEAK expected-warning {{'g_quota' is shared by every request; the request handler 'spend' stores request data ('req.amount') in it}}
REQUEST_HANDLER void spend(const web::Request &req) { // expected-note {{runs once per request}}
  g_quota[req.user] = req.amount; // expected-note {{stores request data ('req.amount') in it here}}
}

// A lock around a single "current" slot does not make it per request.
std::mutex g_currentMutex;
std::string g_currentTenant; // LEAK expected-warning {{'g_currentTenant' is shared by every request; the request handler 'selectTenant' stores request data ('req.tenant') in it; the lock does not help: every request writes the same slot}}
REQUEST_HANDLER void selectTenant(const web::Request &req) { // expected-note {{runs once per request}}
  std::lock_guard<std::mutex> lock(g_currentMutex);
  g_currentTenant = req.tenant; // expected-note {{stores request data ('req.tenant') in it here}}
}

// An atomic pointer is still one slot for every request.
std::atomic<const web::Request *> g_lastRequest{nullptr}; // LEAK expected-warning {{'g_lastRequest' is shared by every request; the request handler 'track' stores request data ('&req') in it through 'store'; std::atomic does not help: the value still belongs to one request}}
REQUEST_HANDLER void track(const web::Request &req) { // expected-note {{runs once per request}}
  g_lastRequest.store(&req); // expected-note {{stores request data ('&req') in it through 'store' here}}
}

// Declared in a project header: reported at the first write here.
REQUEST_HANDLER void tenantFromHeader(const web::Request &req) { // expected-note {{runs once per request}}
  g_lastTenant = req.tenant; // LEAK expected-warning {{'g_lastTenant' is shared by every request; the request handler 'tenantFromHeader' stores request data ('req.tenant') in it}} expected-note {{stores request data ('req.tenant') in it here}}
}

// A static member of a class template.
template <typename T> struct Last {
  static T value; // LEAK expected-warning {{value' is shared by every request; the request handler 'viaTemplate' stores request data ('req.user') in it}}
};
template <typename T> T Last<T>::value{};
REQUEST_HANDLER void viaTemplate(const web::Request &req) { // expected-note {{runs once per request}}
  Last<std::string>::value = req.user; // expected-note {{stores request data ('req.user') in it here}}
}

// A write hidden in a macro.
#define COUNT_HIT() (++g_hits) // expected-note {{expanded from macro 'COUNT_HIT'}}
static long g_hits = 0; // LEAK expected-warning {{'g_hits' is shared by every request; the request handler 'viaMacro' modifies it}}
REQUEST_HANDLER void viaMacro(const web::Request &) { // expected-note {{runs once per request}}
  COUNT_HIT(); // expected-note {{modifies it here}}
}

//--- Negatives: the same shapes that stay quiet ------------------------------

const std::string kGreeting = "hello";
constexpr int kMaxUsers = 100;
std::atomic<long> g_requests{0};
std::mutex g_cacheMutex;
std::map<std::string, std::string> g_profileCache;
std::string g_startupBanner;
thread_local std::string t_scratch;
static int g_neverPerRequest = 0;

void maintenance() { ++g_neverPerRequest; } // not called per request

REQUEST_HANDLER void quiet(const web::Request &req) {
  std::string greeting = kGreeting + req.user; // reading constants
  int limit = kMaxUsers;
  ++g_requests;                                // an atomic counter
  g_requests.fetch_add(1);
  {
    std::lock_guard<std::mutex> lock(g_cacheMutex);
    g_profileCache[req.user] = greeting;       // a slot per user, locked
    g_profileCache.emplace(req.user, req.tenant);
  }
  g_cacheMutex.lock();                         // locking is what a mutex is for
  g_cacheMutex.unlock();
  t_scratch = req.user;                        // thread_local, no suspension
  std::string g_lastUser = req.user;           // a local that looks like a global
  g_lastUser += std::to_string(limit);
  std::string banner = g_startupBanner;        // read only
  (void)banner;
}

int main() {
  g_startupBanner = "statescope demo"; // start-up only
  maintenance();
  web::Request boot;
  quiet(boot);
}
