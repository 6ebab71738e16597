// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
#include <oatpp_mock.h>
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

static const char *const kApiVersion = "v2"; // SAFE
std::string g_lastAuthToken; // LEAK expected-warning {{'g_lastAuthToken' is shared by every request; the Oat++ endpoint 'getUser' stores request data ('*auth') in it}}
static int g_pageSize = 20; // SAFE

class TenantCache {
public:
  static TenantCache &instance() {
    static TenantCache cache; // LEAK expected-warning {{'TenantCache::instance()' is shared by every request; the Oat++ endpoint 'createCart' stores request data ('*tenant') in it through 'setTenant'}} expected-note {{no automatic fix for 'TenantCache::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return cache;
  }
  void setTenant(const std::string &tenant) { tenant_ = tenant; }

private:
  std::string tenant_;
};

class Notifier {
public:
  void setContext(const std::string &user) { recipient_ = user; }
  void send(const std::string &text) const { (void)text; }

private:
  std::string recipient_;
};
Notifier notifier; // LEAK expected-warning {{'notifier' is shared by every request; the Oat++ endpoint 'createCart' stores request data ('*user') in it through 'setContext'}}

class CartBuilder {
public:
  void setContext(const std::string &user) { currentUser_ = user; }
  std::string describe(int pageSize) const { return "cart of " + currentUser_ + " / " + std::to_string(pageSize); }

private:
  std::string currentUser_; // SAFE
};

#include OATPP_CODEGEN_BEGIN(ApiController)

class UserController : public oatpp::web::server::api::ApiController {
public:
  UserController(const std::shared_ptr<ObjectMapper> &mapper, std::string region)
      : oatpp::web::server::api::ApiController(mapper), region_(std::move(region)) {}

  ENDPOINT("GET", "/users/{userId}", getUser, PATH(Int64, userId), HEADER(String, auth, "Authorization")) { // expected-note 2 {{'getUser' is called here on the request path}} expected-note 2 {{the Oat++ endpoint 'getUser' runs once per request}} expected-note {{stores request data ('userId') in it through 'getUser' here}}
    g_lastAuthToken = *auth; // expected-note {{stores request data ('*auth') in it here}}
    last_ = *userId; // expected-note {{stores request data ('*userId') in it (field 'last_') here}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    served_++;
    return createResponse(Status::CODE_200, "user " + std::to_string(*userId) + " in " + region_);
  }

  ENDPOINT("POST", "/carts", createCart, HEADER(String, user, "X-User"), QUERY(String, tenant), // expected-note 3 {{'createCart' is called here on the request path}} expected-note 3 {{the Oat++ endpoint 'createCart' runs once per request}} expected-note {{stores request data ('user') in it through 'createCart' here}}
           BODY_STRING(String, body)) {
    lastUser_ = *user; // expected-note {{stores request data ('*user') in it (field 'lastUser_') here}}
    notifier.setContext(*user); // expected-note {{stores request data ('*user') in it through 'setContext' here}} expected-note {{no automatic fix for 'notifier': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
    TenantCache::instance().setTenant(*tenant); // expected-note {{stores request data ('*tenant') in it through 'setTenant' here}}
    CartBuilder cart; // SAFE
    cart.setContext(*user);
    {
      std::lock_guard<std::mutex> lock(cacheMutex_);
      cartsByTenant_[*tenant] = *body;
    }
    notifier.send("cart created");
    return createResponse(Status::CODE_201, cart.describe(g_pageSize));
  }

  ENDPOINT("GET", "/health", health) {
    return createResponse(Status::CODE_200, region_ + " " + kApiVersion);
  }

private:
  std::string region_; // SAFE
  std::string lastUser_;
  v_int64 last_ = 0; // LEAK expected-warning {{fields 'last_' and 'lastUser_' hold request data ('userId') from the Oat++ endpoint 'getUser' and 1 other handler, but the framework keeps one 'UserController' for every request; concurrent requests also race on 'requests_'}}
  unsigned long requests_ = 0;
  std::atomic<unsigned long> served_{0}; // SAFE
  std::mutex cacheMutex_;
  std::map<std::string, std::string> cartsByTenant_; // SAFE
};

#include OATPP_CODEGEN_END(ApiController)

int main(int argc, char **argv) {
  if (argc > 1)
    g_pageSize = std::atoi(argv[1]);
  notifier.setContext("ops@example.com");
  auto router = oatpp::web::server::HttpRouter::createShared();
  auto mapper = std::make_shared<oatpp::json::ObjectMapper>();
  router->addController(std::make_shared<UserController>(mapper, "eu-west"));
  return 0;
}
