#include "shared.h"

void Session::setUser(const std::string &user) { user_ = user; }
std::string Session::user() const { return user_; }

Session &currentSession() {
  static Session session;
  return session;
}

static std::string g_lastTenant;
void recordTenant(const std::string &tenant) { g_lastTenant = tenant; }

static std::string g_lastDescribed;
std::string describe(const std::string &user) { return "user " + user; }
void startup() { g_lastDescribed = describe("boot"); }

int lookup(std::map<std::string, int> &table, const std::string &key) {
  auto found = table.find(key);
  return found == table.end() ? 0 : found->second;
}
