#include "shared.h"

[[clang::annotate("statescope::request_handler")]] std::string handle(const web::Request &req) {
  currentSession().setUser(req.user);
  recordTenant(req.tenant);
  return describe("fixed");
}
