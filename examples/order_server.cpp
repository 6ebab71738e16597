// An order service with the shared-state bug: one OrderManager for the whole
// server "remembers" the current caller. Two requests that overlap (httplib
// runs handlers on a thread pool) write each other's user into the order.
// `statescope --fix-notes` rewrites it into the per-request version.
#include <httplib.h>
#include <string>

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

OrderManager orderManager;           // one instance for every request
static long g_ordersPlaced = 0;      // counted by every request, unsynchronised

int main() {
  httplib::Server server;

  server.Post("/orders", [](const httplib::Request &req, httplib::Response &res) {
    orderManager.setContext(req.get_header_value("X-User"), req.get_header_value("X-Tier"));
    ++g_ordersPlaced;
    res.set_header("X-Orders-Placed", std::to_string(g_ordersPlaced));
    res.set_content(orderManager.createOrder(req.body), "text/plain");
  });

  server.listen("127.0.0.1", 8080);
}
