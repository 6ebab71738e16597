#include "shared.h"

std::map<std::string, int> g_quota;

[[clang::annotate("statescope::request_handler")]] std::string handle(const web::Request &req) {
  currentSession().setUser(req.user);
  recordTenant(req.tenant);
  if (lookup(g_quota, req.user) < 0)
    return "over quota";
  return describe("fixed");
}
