// A project header declaring shared objects defined elsewhere.
#pragma once
#include <string>

class AuditTrail {
public:
  void setLastUser(const std::string &user) { lastUser_ = user; }
  const std::string &lastUser() const { return lastUser_; }

private:
  std::string lastUser_;
};

extern AuditTrail sharedAudit;
extern std::string g_lastTenant;
