// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// Initialisation that runs once, whichever request gets there first, is not
// a write of every request: std::call_once, pthread_once and the initialiser
// of a function-local static.
#include <mutex>
#include <pthread.h>
#include <string>
#include <web.h>

struct Templates {
  std::string notFound;
};

Templates g_templates; // SAFE
std::once_flag g_templatesOnce;
REQUEST_HANDLER std::string notFound(const web::Request &req) {
  std::call_once(g_templatesOnce, [] { g_templates.notFound = "<h1>not found</h1>"; });
  return g_templates.notFound;
}

long g_pid = 0; // SAFE
pthread_once_t g_pidOnce = PTHREAD_ONCE_INIT;
void readPid() { g_pid = 42; }
REQUEST_HANDLER long pid(const web::Request &req) {
  pthread_once(&g_pidOnce, readPid);
  return g_pid;
}

long g_instances = 0; // SAFE
REQUEST_HANDLER long instanceId(const web::Request &req) {
  static const long id = ++g_instances;
  return id;
}

// Look-alike: the same initialisation written without the once.
Templates g_pages; // LEAK expected-note {{no automatic fix for 'g_pages': it holds no request data; guard its updates with a lock or make them atomic}} expected-warning {{'g_pages' is shared by every request; the request handler 'page' assigns it (field 'notFound')}}
REQUEST_HANDLER std::string page(const web::Request &req) { // expected-note {{the request handler 'page' runs once per request}}
  if (g_pages.notFound.empty())
    g_pages.notFound = "<h1>not found</h1>"; // expected-note {{assigns its field 'notFound' here}}
  return g_pages.notFound;
}
