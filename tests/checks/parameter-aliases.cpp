// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// A function that writes a reference parameter through a local alias writes
// what it is given.
#include <string>
#include <web.h>

void remember(std::string &Slot, const std::string &Value) {
  std::string &Alias = Slot;
  Alias = Value;
}

void rememberThroughPointer(std::string &Slot, const std::string &Value) {
  std::string *Alias = &Slot;
  *Alias = Value;
}

std::string g_lastUser; // LEAK expected-warning {{'g_lastUser' is shared by every request; the request handler 'login' passes it to be written with request data ('req.user')}}
std::string g_lastTenant; // LEAK expected-warning {{'g_lastTenant' is shared by every request; the request handler 'login' passes it to be written with request data ('req.tenant')}}
REQUEST_HANDLER void login(const web::Request &req) { // expected-note {{the request handler 'login' runs once per request}} expected-note {{the request handler 'login' runs once per request}}
  remember(g_lastUser, req.user); // expected-note {{passes it to be written with request data ('req.user') here}}
  rememberThroughPointer(g_lastTenant, req.tenant); // expected-note {{passes it to be written with request data ('req.tenant') here}}
}

// Look-alike: an alias that is only read.
std::size_t lengthOf(std::string &Slot) {
  std::string &Alias = Slot;
  return Alias.size();
}

std::string g_banner = "welcome"; // SAFE
REQUEST_HANDLER std::size_t banner(const web::Request &req) { return lengthOf(g_banner); }
