#include "httplib_mock.h"
#include <atomic>
#include <mutex>
static std::string g_lastPath;
static std::atomic<long> g_hits;
static int g_count = 0;
static const int kLimit = 10;
int main() {
  httplib::Server svr;
  std::string startup = "boot";
  std::mutex m;
  svr.Get("/a", [&](const httplib::Request &req, httplib::Response &res) {
    g_lastPath = req.path;
    ++g_hits;
    { std::lock_guard<std::mutex> lock(m); ++g_count; }
    startup = req.get_header_value("X-User");
    res.set_content(g_lastPath + startup, "text/plain");
  });
  return svr.listen("0.0.0.0", kLimit) ? 0 : 1;
}
