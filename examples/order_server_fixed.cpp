// The same service done right: the order's context is built per request and
// passed explicitly, so nothing one request writes is seen by another.
#include <httplib.h>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

class Order {
public:
  Order(std::string user, std::string tier) : user_(std::move(user)), tier_(std::move(tier)) {}
  std::string create(const std::string &item) const {
    return "order(" + item + ") for " + user_ + " [" + tier_ + "]";
  }

private:
  std::string user_;
  std::string tier_;
};

Order makeOrder(const httplib::Request &req) {
  return Order(req.get_header_value("X-User"), req.get_header_value("X-Tier"));
}

int main() {
  httplib::Server server;
  server.Post("/orders", [](const httplib::Request &req, httplib::Response &res) {
    auto order = makeOrder(req); // per request
    res.set_content(order.create(req.body), "text/plain");
  });
  server.listen("127.0.0.1", 8080);
}
