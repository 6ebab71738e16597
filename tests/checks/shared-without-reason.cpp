// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// Shared on purpose: a marker with a reason silences statescope for that
// state and stays in the code for reviewers; a marker without one is itself
// reported and silences nothing.
#include <map>
#include <mutex>
#include <string>
#include <web.h>

#define SHARED_ON_PURPOSE(why) [[clang::annotate("statescope::shared", why)]]

//--- Markers with a reason: quiet --------------------------------------------

// statescope: shared - the last caller is shown on the admin page, by design
std::string g_lastCaller; // SAFE

[[clang::annotate("statescope::shared", "per-process debug trace, read only by the operator")]]
std::string g_debugTrace; // SAFE

SHARED_ON_PURPOSE("holds the most recent tenant for the status endpoint")
std::string g_recentTenant; // SAFE

class AuditLog {
public:
  void setActor(const std::string &user) { actor_ = user; }

private:
  std::string actor_; // statescope: shared - overwritten on purpose, only the last actor is shown
};
AuditLog g_audit; // statescope: shared: the audit object is only a display of the last actor

// A class marked once covers every instance and field.
// statescope: shared - a sink that keeps the last message for the health probe
class LastMessage {
public:
  void record(const std::string &text) { text_ = text; }

private:
  std::string text_; // SAFE
};
LastMessage g_lastMessage; // SAFE

//--- Markers without a reason: reported, and they silence nothing ------------

[[clang::annotate("statescope::shared")]] std::string g_unexplained; // LEAK expected-warning {{'g_unexplained' is marked as shared on purpose without a reason; give the reason as the annotation's second argument}} expected-warning {{'g_unexplained' is shared by every request; the request handler 'handle' stores request data ('req.user') in it}}
// statescope: shared
std::string g_bareComment; // LEAK expected-warning {{'g_bareComment' is shared by every request; the request handler 'handle' stores request data ('req.tenant') in it}} expected-warning@-1 {{shared-state marker without a reason; write why the state is safe to share after it ('statescope: shared - <reason>')}}

REQUEST_HANDLER void handle(const web::Request &req) { // expected-note 2 {{the request handler 'handle' runs once per request}}
  g_lastCaller = req.user;
  g_debugTrace += req.user;
  g_recentTenant = req.tenant;
  g_audit.setActor(req.user);
  g_lastMessage.record(req.token);
  g_unexplained = req.user; // expected-note {{stores request data ('req.user') in it here}}
  g_bareComment = req.tenant; // expected-note {{stores request data ('req.tenant') in it here}}
}
