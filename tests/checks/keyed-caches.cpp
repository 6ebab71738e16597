// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// Under a lock, a container slot chosen by a key that changes from call to
// call is a cache entry of its own, whatever the key is: a per-host client
// cache is safe. A constant key is one slot for every request.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <web.h>

struct Client {
  std::string host;
};

std::string forwardHostOf(const std::string &path) { return path.substr(0, 8); }

REQUEST_HANDLER std::shared_ptr<Client> proxy(const web::Request &req) {
  static std::map<std::string, std::shared_ptr<Client>> clients; // SAFE
  static std::mutex mutex;
  std::string host = forwardHostOf("upstream.example");
  std::lock_guard<std::mutex> lock(mutex);
  auto &client = clients[host];
  if (!client)
    clients[host] = std::make_shared<Client>(Client{req.tenant});
  return clients[host];
}

// Look-alike: one constant key under the lock is the "current" slot.
std::map<std::string, std::string> g_current; // LEAK expected-warning {{'g_current' is shared by every request; the request handler 'remember' stores request data ('req.user') in it; the lock does not help: every request writes the same slot}}
std::mutex g_currentMutex;
REQUEST_HANDLER void remember(const web::Request &req) { // expected-note {{the request handler 'remember' runs once per request}}
  std::lock_guard<std::mutex> lock(g_currentMutex);
  g_current["user"] = req.user; // expected-note {{stores request data ('req.user') in it here}}
}
