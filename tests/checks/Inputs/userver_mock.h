// Mock of userver's HTTP handler components, for statescope tests (userver is
// not installed here). Namespaces, class names, base classes and signatures
// follow the real headers, read from userver-framework/userver @c2f43b4e:
//   core/include/userver/server/handlers/http_handler_base.hpp       HttpHandlerBase,
//                                                                    HandleRequestThrow
//   core/include/userver/server/handlers/http_handler_json_base.hpp  HttpHandlerJsonBase,
//                                                                    HandleRequestJsonThrow
//   core/include/userver/server/handlers/handler_base.hpp            HandlerBase
//   core/include/userver/components/component_base.hpp, raw_component_base.hpp,
//   core/include/userver/components/component_config.hpp, component_context.hpp,
//   core/include/userver/components/component_list.hpp, minimal_server_component_list.hpp,
//   core/include/userver/utils/daemon_run.hpp                        DaemonMain
//   core/include/userver/server/http/http_request.hpp                GetArg, GetPathArg,
//                                                                    GetHeader, RequestBody, ...
//   core/include/userver/server/http/http_response.hpp, http_method.hpp, http_status.hpp,
//   universal/include/userver/http/status_code.hpp
//   core/include/userver/server/request/request_context.hpp          RequestContext
//   universal/include/userver/formats/json/value.hpp, value_builder.hpp
//   universal/include/userver/yaml_config/yaml_config.hpp            YamlConfig
//   universal/CMakeLists.txt, cmake/GetUserverVersion.cmake          USERVER_NAMESPACE_BEGIN
// As in a default userver build, everything sits in `namespace userver { inline
// namespace v2_5_rc {` (USERVER_NAMESPACE_BEGIN); public code names it as
// userver::server::handlers::HttpHandlerBase. Streaming handlers, auth checkers,
// middlewares and statistics are left out.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef USERVER_NAMESPACE
#define USERVER_NAMESPACE userver
#define USERVER_NAMESPACE_BEGIN \
  namespace userver {           \
  inline namespace v2_5_rc {
#define USERVER_NAMESPACE_END \
  }                           \
  }
#endif

USERVER_NAMESPACE_BEGIN

namespace yaml_config {
class YamlConfig {
public:
  YamlConfig operator[](std::string_view key) const;
  YamlConfig operator[](size_t index) const;
  bool IsMissing() const noexcept;
  template <typename T> T As() const;
  template <typename T> T As(T default_value) const;
};
} // namespace yaml_config

namespace formats::json {
class ValueBuilder;
class Value final {
public:
  Value() noexcept = default;
  Value operator[](std::string_view key) const;
  Value operator[](std::size_t index) const;
  bool HasMember(std::string_view key) const;
  bool IsMissing() const noexcept;
  template <typename T> T As() const;
  template <typename T> T As(T default_value) const;
};

class ValueBuilder final {
public:
  ValueBuilder() = default;
  ValueBuilder(const ValueBuilder &other);
  ValueBuilder(ValueBuilder &&other);
  ValueBuilder &operator=(const ValueBuilder &other);
  ValueBuilder &operator=(ValueBuilder &&other);
  ValueBuilder(const formats::json::Value &other);
  ValueBuilder(bool t);
  ValueBuilder(const char *str);
  ValueBuilder(const std::string &str);
  ValueBuilder(std::string_view str);
  ValueBuilder(int t);
  ValueBuilder(unsigned int t);
  ValueBuilder(uint64_t t);
  ValueBuilder(int64_t t);
  ValueBuilder(double t);
  ValueBuilder operator[](std::string key);
  ValueBuilder operator[](std::size_t index);
  formats::json::Value ExtractValue();
};
} // namespace formats::json

namespace http {
enum StatusCode : uint16_t {
  kOk = 200,
  kCreated = 201,
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kInternalServerError = 500,
  kServiceUnavailable = 503,
};
} // namespace http

namespace components {
class ComponentConfig final : public yaml_config::YamlConfig {
public:
  const std::string &Name() const;
};

class ComponentContext final {
public:
  template <typename T> T &FindComponent() const;
  template <typename T> T &FindComponent(std::string_view name) const;
};

enum class ComponentHealth { kOk, kFallback, kFatal };

class RawComponentBase {
public:
  RawComponentBase() = default;
  RawComponentBase(RawComponentBase &&) = delete;
  RawComponentBase(const RawComponentBase &) = delete;
  virtual ~RawComponentBase();
  virtual ComponentHealth GetComponentHealth() const { return ComponentHealth::kOk; }
  virtual void OnLoadingCancelled() {}
  virtual void OnAllComponentsLoaded() {}
  virtual void OnAllComponentsAreStopping() {}
};

class ComponentBase : public RawComponentBase {
public:
  ComponentBase(const ComponentConfig &, const ComponentContext &);
  ComponentBase(ComponentBase &&) = delete;
  ComponentBase(const ComponentBase &) = delete;
  ~ComponentBase() override = default;

protected:
  using LoggableComponentBase = ComponentBase;
};
using LoggableComponentBase = ComponentBase;

// Each component is constructed once by the component system, from its kName.
class ComponentList final {
public:
  template <typename Component> ComponentList &Append() &;
  template <typename Component> ComponentList &Append(std::string_view name) &;
  template <typename Component, typename... Args> ComponentList &&Append(Args &&...) &&;
  ComponentList &AppendComponentList(ComponentList &&other) &;
};
ComponentList MinimalServerComponentList();
} // namespace components

namespace utils {
int DaemonMain(int argc, const char *const argv[], const components::ComponentList &components_list);
} // namespace utils

namespace server::http {
enum class HttpMethod { kDelete, kGet, kHead, kPost, kPut, kPatch, kConnect, kOptions, kUnknown };
using HttpStatus = USERVER_NAMESPACE::http::StatusCode;

class HttpResponse {
public:
  bool SetHeader(std::string name, std::string value);
  bool SetHeader(std::string_view name, std::string value);
  bool SetStatus(HttpStatus status);
};

class ResponseBodyStream;

class HttpRequest final {
public:
  HttpResponse &GetHttpResponse() const;
  const HttpMethod &GetMethod() const;
  const std::string &GetMethodStr() const;
  const std::string &GetUrl() const;
  const std::string &GetRequestPath() const;
  const std::string &GetHost() const;
  const std::string &GetArg(std::string_view arg_name) const;
  const std::vector<std::string> &GetArgVector(std::string_view arg_name) const;
  bool HasArg(std::string_view arg_name) const;
  const std::string &GetPathArg(std::string_view arg_name) const;
  const std::string &GetPathArg(size_t index) const;
  bool HasPathArg(std::string_view arg_name) const;
  const std::string &GetHeader(std::string_view header_name) const;
  bool HasHeader(std::string_view header_name) const;
  const std::string &GetCookie(const std::string &cookie_name) const;
  const std::string &RequestBody() const;
  void SetRequestBody(std::string body);
  void SetResponseStatus(HttpStatus status) const;
};
} // namespace server::http

namespace server::request {
class RequestBase;
class RequestContext final {
public:
  RequestContext();
  RequestContext(RequestContext &&) noexcept;
  RequestContext(const RequestContext &) = delete;
  ~RequestContext();
  template <typename Data> Data &SetUserData(Data data);
  template <typename Data> Data &GetUserData();
  template <typename Data> Data &SetData(std::string name, Data data);
  template <typename Data> Data &GetData(std::string_view name);
  template <typename Data> const Data &GetData(std::string_view name) const;
};
} // namespace server::request

namespace server::handlers {
class HandlerConfig;

struct ExternalBody {
  std::string body;
};
class ClientError : public std::runtime_error {
public:
  explicit ClientError(ExternalBody body) : std::runtime_error(body.body) {}
};

class HandlerBase : public components::ComponentBase {
public:
  HandlerBase(const components::ComponentConfig &config, const components::ComponentContext &component_context,
              bool is_monitor = false);
  ~HandlerBase() noexcept override = default;
  virtual void HandleRequest(request::RequestBase &request, request::RequestContext &context) const = 0;
  virtual void ReportMalformedRequest(request::RequestBase &) const {}
  bool IsMonitor() const { return is_monitor_; }
  const HandlerConfig &GetConfig() const;

private:
  bool is_monitor_;
};

class HttpHandlerBase : public HandlerBase {
public:
  HttpHandlerBase(const components::ComponentConfig &config, const components::ComponentContext &component_context,
                  bool is_monitor = false);
  ~HttpHandlerBase() override;
  void HandleRequest(request::RequestBase &request, request::RequestContext &context) const override;
  virtual const std::string &HandlerName() const;

protected:
  virtual std::string HandleRequestThrow(const http::HttpRequest &request, request::RequestContext &context) const;
  virtual void HandleStreamRequest(const server::http::HttpRequest &, server::request::RequestContext &,
                                   server::http::ResponseBodyStream &) const;
  virtual bool IsStreamed() const { return false; }
  virtual bool NeedCheckAuth() const { return true; }
  virtual void OnRequestCompleteThrow(const http::HttpRequest &, request::RequestContext &) const {}
  virtual void ParseRequestData(const http::HttpRequest &, request::RequestContext &) const {}
  virtual std::string GetRequestBodyForLogging(const http::HttpRequest &request, request::RequestContext &context,
                                               const std::string &request_body) const;
  virtual std::string GetResponseDataForLogging(const http::HttpRequest &request, request::RequestContext &context,
                                                const std::string &response_data) const;
};

class HttpHandlerJsonBase : public HttpHandlerBase {
public:
  HttpHandlerJsonBase(const components::ComponentConfig &config,
                      const components::ComponentContext &component_context, bool is_monitor = false);
  std::string HandleRequestThrow(const http::HttpRequest &request, request::RequestContext &context) const final;
  virtual formats::json::Value HandleRequestJsonThrow(const http::HttpRequest &request,
                                                      const formats::json::Value &request_json,
                                                      request::RequestContext &context) const = 0;

protected:
  static const formats::json::Value *GetRequestJson(const request::RequestContext &context);
  void ParseRequestData(const http::HttpRequest &request, request::RequestContext &context) const override;
};
} // namespace server::handlers

USERVER_NAMESPACE_END
