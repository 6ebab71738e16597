// An order service with the shared-state bug: one OrderManager for the whole
// server "remembers" the current caller. Two requests that overlap (httplib
// runs handlers on a thread pool) write each other's user into the order.
#include <httplib.h>
#include <string>
#include <vector>

class OrderManager {
public:
  void setContext(const std::string &user, const std::string &tier) {
    user_ = user;
    tier_ = tier;
  }
  std::string createOrder(const std::string &item) const {
    return "order(" + item + ") for " + user_ + " [" + tier_ + "]";
  }

private:
  std::string user_;
  std::string tier_;
};

OrderManager orderManager;              // one instance for every request
static std::vector<std::string> g_recentItems; // grows with every caller's data

int main() {
  httplib::Server server;
  orderManager.setContext("nobody", "free"); // start-up default: fine

  server.Post("/orders", [](const httplib::Request &req, httplib::Response &res) {
    std::string user = req.get_header_value("X-User");
    std::string tier = req.get_header_value("X-Tier");
    orderManager.setContext(user, tier);     // the caller, stored in shared state
    g_recentItems.push_back(req.body);
    res.set_content(orderManager.createOrder(req.body), "text/plain");
  });

  server.listen("127.0.0.1", 8080);
}
