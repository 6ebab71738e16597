// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/httplib.h
// A slot connected to a signal (a timer's expiry, Boost.Signals2) runs when
// the signal fires, not as part of the request that connects it. The
// request's own writes, and a lambda the request calls right away, stay on
// the request path.
#include <boost/signals2/signal.hpp>
#include <httplib.h>
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

// A project's own timer with an expiry signal.
template <typename... Args> class Signal {
public:
  template <typename Slot> void connect(Slot slot) { slots_.push_back(slot); }

private:
  std::vector<std::function<void(Args...)>> slots_;
};
struct Timer {
  Signal<const Timer *> OnExpired;
  void start(int seconds);
};

std::string g_lastExpired; // SAFE
std::string g_lastClosed; // SAFE
std::string g_lastUser; // LEAK expected-warning {{'g_lastUser' is shared by every request; the handler for POST /watch stores request data ('req.body') in it}}
std::string g_lastItem; // LEAK expected-warning {{'g_lastItem' is shared by every request; the handler for POST /watch assigns it}}
boost::signals2::signal<void()> g_onShutdown;

int main() {
  httplib::Server svr;
  svr.Post("/watch", [](const httplib::Request &req, httplib::Response &res) { // expected-note {{the handler for POST /watch runs once per request}} expected-note {{the handler for POST /watch runs once per request}}
    auto timer = std::make_shared<Timer>();
    timer->OnExpired.connect([](const Timer *) { g_lastExpired = "expired"; });
    g_onShutdown.connect([] { g_lastClosed = "closed"; });
    timer->start(5);
    g_lastUser = req.body; // expected-note {{stores request data ('req.body') in it here}}
    std::vector<std::string> items{req.body};
    std::for_each(items.begin(), items.end(), [](const std::string &item) { g_lastItem = item; }); // expected-note {{assigns it here}}
    res.set_content("ok", "text/plain");
  });
  svr.listen("127.0.0.1", 0);
}

