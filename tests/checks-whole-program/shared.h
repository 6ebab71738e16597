// Declarations every file of the program sees; the definitions are in
// store.cpp, the handler in handlers.cpp.
#pragma once
#include <map>
#include <string>

namespace web {
struct Request {
  std::string user;
  std::string tenant;
};
} // namespace web

class Session {
public:
  void setUser(const std::string &user);
  std::string user() const;

private:
  std::string user_;
};

/// Returns the one session of the process (a static in store.cpp).
Session &currentSession();
/// Records the tenant in a global of store.cpp.
void recordTenant(const std::string &tenant);
/// Formats a line; stores nothing.
std::string describe(const std::string &user);
/// Looks a key up; takes the table by non-const reference but only reads it.
int lookup(std::map<std::string, int> &table, const std::string &key);
