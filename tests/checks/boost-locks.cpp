// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// REQUIRES: /usr/include/boost/thread/shared_mutex.hpp
// Boost's mutexes and locks, which projects used before std had a shared
// mutex, guard shared state like std's do.
#include <boost/thread/locks.hpp>
#include <boost/thread/shared_mutex.hpp>
#include <map>
#include <string>
#include <web.h>

boost::shared_mutex g_sessionsMutex;
std::map<std::string, std::string> g_sessions; // SAFE
long g_logins = 0; // SAFE
std::string g_lastLogin; // LEAK expected-warning {{'g_lastLogin' is shared by every request; the request handler 'login' stores request data ('req.user') in it; the lock does not help: every request writes the same slot}}

REQUEST_HANDLER void login(const web::Request &req) { // expected-note {{the request handler 'login' runs once per request}}
  boost::unique_lock<boost::shared_mutex> lock(g_sessionsMutex);
  g_sessions[req.user] = req.token;
  ++g_logins;
  g_lastLogin = req.user; // expected-note {{stores request data ('req.user') in it here}}
}

REQUEST_HANDLER std::string lookup(const web::Request &req) {
  boost::shared_lock<boost::shared_mutex> lock(g_sessionsMutex);
  auto found = g_sessions.find(req.user);
  return found == g_sessions.end() ? "" : found->second;
}
