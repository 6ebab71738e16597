#include <string>
namespace web { struct Request { std::string user; }; }
class OrderManager {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string create() const { return "order for " + user_; }
private:
  std::string user_;
};
OrderManager orderManager;
[[clang::annotate("statescope::request_handler")]]
std::string handleOrder(const web::Request &req) {
  orderManager.setContext(req.user);
  return orderManager.create();
}
