// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
#include <seastar_mock.h>
#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

using namespace seastar;
using namespace seastar::httpd;

const sstring kBanner = "kv-store"; // SAFE
sstring g_lastKey; // LEAK expected-warning {{'g_lastKey' is shared by every request; the Seastar function handler stores request data ('req.get_query_param("key")') in it}}
static unsigned g_replicas = 3; // SAFE

class MetricsHub {
public:
  static MetricsHub &instance() {
    static MetricsHub hub; // LEAK expected-warning {{'MetricsHub::instance()' is shared by every request; the Seastar function handler stores request data ('req.get_header("User-Agent")') in it through 'setLastClient'}} expected-note {{no automatic fix for 'MetricsHub::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return hub;
  }
  void setLastClient(const sstring &client) { lastClient_ = client; }

private:
  sstring lastClient_;
};

class TraceSink {
public:
  void setContext(const sstring &user) { user_ = user; }

private:
  sstring user_;
};
TraceSink traceSink; // LEAK expected-warning {{'traceSink' is shared by every request; the Seastar handler 'put_handler::handle' stores request data ('user') in it through 'setContext'}} expected-note {{build a per-request 'TraceSink' in each handler, with a new factory 'makeTraceSink', instead of sharing 'traceSink'}}

class WriteBatch {
public:
  void setContext(const sstring &user) { currentUser_ = user; }
  sstring describe(const sstring &zone) const { return currentUser_ + " wrote in " + zone; }

private:
  sstring currentUser_; // SAFE
};

class put_handler : public handler_base {
public:
  explicit put_handler(sstring zone) : zone_(std::move(zone)) {}

  future<std::unique_ptr<http::reply>> handle(const sstring &, std::unique_ptr<http::request> req, // expected-note 2 {{the Seastar handler 'put_handler::handle' runs once per request}}
                                              std::unique_ptr<http::reply> rep) override {
    const sstring user = req->get_header("X-User");
    lastWriter_ = user; // expected-note {{stores request data ('user') in it (field 'lastWriter_') here}}
    traceSink.setContext(user); // expected-note {{stores request data ('user') in it through 'setContext' here}}
    last_ = req->get_path_param("key"); // expected-note {{stores request data ('req->get_path_param("key")') in it (field 'last_') here}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    writes_.fetch_add(1, std::memory_order_relaxed);
    WriteBatch batch; // SAFE
    batch.setContext(user);
    const sstring tenant = req->get_query_param("tenant");
    {
      std::lock_guard<std::mutex> lock(mu_);
      valueByTenant_[tenant] = req->get_query_param("value");
    }
    rep->_content = batch.describe(zone_);
    return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
  }

private:
  const sstring zone_; // SAFE
  sstring lastWriter_; // LEAK expected-warning {{fields 'lastWriter_' and 'last_' hold request data ('user') from the Seastar handler 'put_handler::handle', but the framework keeps one 'put_handler' for every request; concurrent requests also race on 'requests_'}}
  sstring last_;
  uint64_t requests_ = 0;
  std::atomic<uint64_t> writes_{0}; // SAFE
  std::mutex mu_;
  std::map<sstring, sstring> valueByTenant_; // SAFE
};

void set_routes(routes &r) {
  r.add(PUT, url("/kv").remainder("key"), new put_handler("eu-1"));
  r.put(GET, "/lookup", new function_handler([](const_req req) { // expected-note 2 {{the Seastar function handler runs once per request}}
          g_lastKey = req.get_query_param("key"); // expected-note {{stores request data ('req.get_query_param("key")') in it here}}
          MetricsHub::instance().setLastClient(req.get_header("User-Agent")); // expected-note {{stores request data ('req.get_header("User-Agent")') in it through 'setLastClient' here}}
          return kBanner + " replicas=" + std::to_string(g_replicas);
        }, "txt"));
  r.put(GET, "/health", new function_handler([](std::unique_ptr<http::request>, std::unique_ptr<http::reply> rep) {
          rep->_content = kBanner;
          return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
        }, "txt"));
}

int main(int argc, char **argv) {
  if (const char *replicas = std::getenv("KV_REPLICAS"))
    g_replicas = static_cast<unsigned>(std::atoi(replicas));
  app_template app;
  return app.run(argc, argv, [] {
    auto server = new http_server_control();
    return server->start("kv")
        .then([server] { return server->set_routes(set_routes); })
        .then([server] { return server->listen(socket_address(ipv4_addr("127.0.0.1", 10000))); })
        .then([] { return make_ready_future<int>(0); });
  });
}
