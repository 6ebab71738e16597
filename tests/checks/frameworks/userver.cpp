// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/../Inputs
#include <userver_mock.h>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>

namespace inventory {
using namespace userver;

constexpr std::string_view kDefaultWarehouse = "ams-1"; // SAFE
std::string gLastSku; // LEAK expected-warning {{'gLastSku' is shared by every request; the userver handler 'StockHandler::HandleRequestThrow' stores request data ('request.GetArg("sku")') in it}}
std::size_t gMaxBatch = 100; // SAFE

class PriceOracle {
public:
  static PriceOracle &Instance() {
    static PriceOracle oracle; // LEAK expected-warning {{'inventory::PriceOracle::Instance()' is shared by every request; the userver handler 'PriceHandler::HandleRequestJsonThrow' stores request data ('request.GetArg("currency")') in it through 'SetCurrency'}} expected-note {{no automatic fix for 'inventory::PriceOracle::Instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return oracle;
  }
  void SetCurrency(const std::string &currency) { currency_ = currency; }

private:
  std::string currency_;
};

class AuditTrail {
public:
  void SetContext(const std::string &user) { actor_ = user; }

private:
  std::string actor_;
};
AuditTrail audit; // LEAK expected-warning {{'audit' is shared by every request; the userver handler 'StockHandler::HandleRequestThrow' stores request data ('user') in it through 'SetContext'}}

class ReservationPlan {
public:
  void SetContext(const std::string &user) { currentUser_ = user; }
  std::string Describe(const std::string &warehouse, std::size_t batch) const {
    return currentUser_ + " reserves up to " + std::to_string(batch) + " at " + warehouse;
  }

private:
  std::string currentUser_; // SAFE
};

class StockHandler final : public server::handlers::HttpHandlerBase {
public:
  static constexpr std::string_view kName = "handler-stock";

  StockHandler(const components::ComponentConfig &config, const components::ComponentContext &context)
      : HttpHandlerBase(config, context), warehouse_(config["warehouse"].As<std::string>()) {}

  std::string HandleRequestThrow(const server::http::HttpRequest &request, // expected-note 3 {{the userver handler 'StockHandler::HandleRequestThrow' runs once per request}}
                                 server::request::RequestContext &) const override {
    const std::string &user = request.GetHeader("X-User");
    lastUser_ = user; // expected-note {{stores request data ('user') in it (field 'lastUser_') here}}
    audit.SetContext(user); // expected-note {{stores request data ('user') in it through 'SetContext' here}}
    data_ = request.GetPathArg("sku"); // expected-note {{stores request data ('request.GetPathArg("sku")') in it (field 'data_') here}}
    gLastSku = request.GetArg("sku"); // expected-note {{stores request data ('request.GetArg("sku")') in it here}}
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    hits_.fetch_add(1, std::memory_order_relaxed);
    ReservationPlan plan; // SAFE
    plan.SetContext(user);
    const std::string &tenant = request.GetArg("tenant");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      lastBodyByTenant_[tenant] = request.RequestBody();
    }
    return plan.Describe(warehouse_, gMaxBatch);
  }

private:
  const std::string warehouse_; // SAFE
  mutable std::string lastUser_; // LEAK expected-warning {{fields 'lastUser_' and 'data_' hold request data ('user') from the userver handler 'StockHandler::HandleRequestThrow', but the framework keeps one 'StockHandler' for every request; concurrent requests also race on 'requests_'}}
  mutable std::string data_;
  mutable unsigned long requests_ = 0;
  mutable std::atomic<unsigned long> hits_{0}; // SAFE
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::string> lastBodyByTenant_; // SAFE
};

class PriceHandler final : public server::handlers::HttpHandlerJsonBase {
public:
  static constexpr std::string_view kName = "handler-price";
  using HttpHandlerJsonBase::HttpHandlerJsonBase;

  formats::json::Value HandleRequestJsonThrow(const server::http::HttpRequest &request, // expected-note 2 {{the userver handler 'PriceHandler::HandleRequestJsonThrow' runs once per request}}
                                              const formats::json::Value &request_json,
                                              server::request::RequestContext &) const override {
    lastQuoteSku_ = request_json["sku"].As<std::string>(); // expected-note {{stores request data ('request_json["sku"].As<std::string>()') in it (field 'lastQuoteSku_') here}}
    PriceOracle::Instance().SetCurrency(request.GetArg("currency")); // expected-note {{stores request data ('request.GetArg("currency")') in it through 'SetCurrency' here}}
    formats::json::ValueBuilder builder;
    builder["sku"] = lastQuoteSku_;
    builder["warehouse"] = std::string(kDefaultWarehouse);
    return builder.ExtractValue();
  }

private:
  mutable std::string lastQuoteSku_; // LEAK expected-warning {{field 'lastQuoteSku_' holds request data ('request_json["sku"].As<std::string>()') from the userver handler 'PriceHandler::HandleRequestJsonThrow', but the framework keeps one 'PriceHandler' for every request}}
};
} // namespace inventory

int main(int argc, char *argv[]) {
  if (const char *batch = std::getenv("INVENTORY_MAX_BATCH"))
    inventory::gMaxBatch = std::stoul(batch);
  inventory::audit.SetContext("daemon"); // expected-note {{no automatic fix for 'audit': it is also used outside request handlers; build it per request in each handler and pass it the request data}}
  const auto component_list = userver::components::MinimalServerComponentList()
                                  .Append<inventory::StockHandler>()
                                  .Append<inventory::PriceHandler>();
  return userver::utils::DaemonMain(argc, argv, component_list);
}
