// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
#include <drogon_mock.h>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

using namespace drogon;
using Callback = std::function<void(const HttpResponsePtr &)>;

const std::string kServiceName = "orders"; // SAFE
static std::string g_lastPath; // LEAK expected-warning {{'g_lastPath' is shared by every request; the handler for /orders/{1} and 1 other handler stores request data ('req->getPath()') in it}}
static size_t g_maxItems = 50; // SAFE

class AuditLog {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string line(const std::string &what) const { return user_ + ": " + what; }

private:
  std::string user_;
};
AuditLog auditLog; // LEAK expected-warning {{'auditLog' is shared by every request; the handler for /create stores request data ('customer') in it through 'setContext'}}

class SessionRegistry {
public:
  static SessionRegistry &instance() {
    static SessionRegistry registry; // LEAK expected-warning {{'SessionRegistry::instance()' is shared by every request; the handler for /create stores request data ('customer') in it through 'setActiveUser'}} expected-note {{no automatic fix for 'SessionRegistry::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return registry;
  }
  void setActiveUser(const std::string &user) { activeUser_ = user; }

private:
  std::string activeUser_;
};

class OrderManager {
public:
  void setContext(const std::string &user) { currentUser_ = user; }
  std::string place(const std::string &item) const { return currentUser_ + " ordered " + item; }

private:
  std::string currentUser_; // SAFE
};

class OrderCtrl : public drogon::HttpController<OrderCtrl> {
public:
  METHOD_LIST_BEGIN
  METHOD_ADD(OrderCtrl::create, "/create", Post); // expected-note 3 {{the handler for /create runs once per request}}
  ADD_METHOD_TO(OrderCtrl::show, "/orders/{1}", Get); // expected-note 2 {{the handler for /orders/{1} runs once per request}}
  METHOD_LIST_END

  void create(const HttpRequestPtr &req, Callback &&callback) {
    const std::string customer = req->getHeader("X-Customer");
    lastCustomer_ = customer; // expected-note {{stores request data ('customer') in it (field 'lastCustomer_') here}}
    auditLog.setContext(customer); // expected-note {{stores request data ('customer') in it through 'setContext' here}}
    SessionRegistry::instance().setActiveUser(customer); // expected-note {{stores request data ('customer') in it through 'setActiveUser' here}}
    OrderManager mgr; // SAFE
    mgr.setContext(customer);
    served_.fetch_add(1);
    const std::string tenant = req->getParameter("tenant");
    {
      std::lock_guard<std::mutex> lock(mu_);
      lastOrderByTenant_[tenant] = std::string(req->body());
    }
    auto resp = HttpResponse::newHttpResponse();
    resp->setBody(mgr.place(req->getParameter("item")) + " via " + kServiceName);
    callback(resp);
  }

  void show(const HttpRequestPtr &req, Callback &&callback, const std::string &orderId) {
    lastOrderId_ = orderId; // expected-note {{stores request data ('orderId') in it (field 'lastOrderId_') here}}
    id_ = req->getParameter("customer"); // expected-note {{stores request data ('req->getParameter("customer")') in it (field 'id_') here}}
    g_lastPath = req->getPath(); // expected-note {{stores request data ('req->getPath()') in it here}}
    auto resp = HttpResponse::newHttpResponse();
    resp->setBody(auditLog.line("show " + id_));
    callback(resp);
  }

private:
  std::string lastCustomer_; // LEAK expected-warning {{fields 'lastCustomer_', 'lastOrderId_' and 'id_' hold request data ('customer') from the handler for /create and 1 other handler, but the framework keeps one 'OrderCtrl' for every request}}
  std::string lastOrderId_;
  std::string id_;
  std::atomic<unsigned long> served_{0}; // SAFE
  std::mutex mu_;
  std::map<std::string, std::string> lastOrderByTenant_; // SAFE
};

class HealthCtrl : public drogon::HttpSimpleController<HealthCtrl, false> {
public:
  explicit HealthCtrl(std::string banner) : banner_(std::move(banner)) {}
  PATH_LIST_BEGIN
  PATH_ADD("/health", Get);
  PATH_LIST_END

  void asyncHandleHttpRequest(const HttpRequestPtr &, Callback &&callback) override { // expected-note {{the Drogon controller 'HealthCtrl::asyncHandleHttpRequest' runs once per request}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    auto resp = HttpResponse::newHttpResponse(k200OK, CT_TEXT_PLAIN);
    resp->setBody(banner_ + " limit=" + std::to_string(g_maxItems));
    callback(resp);
  }

private:
  std::string banner_; // SAFE
  unsigned long requests_ = 0; // LEAK expected-warning {{field 'requests_' is changed by the Drogon controller 'HealthCtrl::asyncHandleHttpRequest' without synchronisation, but the framework keeps one 'HealthCtrl' for every request; concurrent requests race on it}}
};

int main(int argc, char **argv) {
  if (argc > 1)
    g_maxItems = std::stoul(argv[1]);
  auditLog.setContext("startup"); // expected-note {{no automatic fix for 'auditLog': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  app().registerController(std::make_shared<HealthCtrl>("orders-service"));
  app().registerHandler("/echo", [](const HttpRequestPtr &req, Callback &&callback) { // expected-note {{the handler for /echo runs once per request}}
    g_lastPath = req->getPath(); // expected-note {{stores request data ('req->getPath()') in it here}}
    callback(HttpResponse::newHttpResponse());
  }, {Post});
  app().addListener("127.0.0.1", 8080).setThreadNum(4).run();
}
