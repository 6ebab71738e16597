// Mock of Oat++'s ApiController / ENDPOINT code generation, for statescope
// tests (Oat++ is not installed here). Qualified names, base classes, member
// signatures and the shape of the code ENDPOINT generates follow the real
// headers, read from oatpp/oatpp @c9765f9e:
//   src/oatpp/codegen/api_controller/base_define.hpp  ENDPOINT, REQUEST, HEADER, PATH,
//                                                      QUERY, QUERIES, BODY_STRING,
//                                                      Z__PROXY_METHOD_<NAME>, Z__ENDPOINT_<NAME>
//   src/oatpp/codegen/ApiController_define.hpp, src/oatpp/macro/codegen.hpp
//                                                      OATPP_CODEGEN_BEGIN/END
//   src/oatpp/macro/basic.hpp                          OATPP_MACRO_* helpers (argument counting,
//                                                      FOREACH); here at most 4 endpoint parameters
//   src/oatpp/web/server/api/ApiController.hpp         ApiController, Handler<T>, TypeInterpretation,
//                                                      createEndpoint, createResponse
//   src/oatpp/web/server/api/Endpoint.hpp, src/oatpp/web/server/HttpRequestHandler.hpp,
//   src/oatpp/web/server/HttpRouter.hpp
//   src/oatpp/web/protocol/http/incoming/Request.hpp   getHeader, getPathVariable,
//                                                      getQueryParameter, readBodyToString
//   src/oatpp/web/protocol/http/outgoing/Response.hpp, outgoing/ResponseFactory.hpp,
//   src/oatpp/web/protocol/http/Http.hpp               Status, Header, HttpError
//   src/oatpp/data/type/Type.hpp, Primitive.hpp, src/oatpp/Types.hpp
//                                                      ObjectWrapper, String, Int32/Int64/Boolean
// Left out: ENDPOINT_INFO / parameter documentation info, BODY_DTO, AUTHORIZATION,
// ENDPOINT_ASYNC, interceptors, OATPP_COMPONENT. Unlike the real headers, the
// codegen macros are defined for the whole translation unit;
// `#include OATPP_CODEGEN_BEGIN(ApiController)` re-includes this file (a no-op).
#pragma once
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <list>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// ---- src/oatpp/macro/basic.hpp (subset) ----
#define OATPP_MACRO_EXPAND(X) X
#define OATPP_MACRO_CONCAT2(X, Y) X##Y
#define OATPP_MACRO_STR(X) #X
#define OATPP_MACRO_FIRSTARG(X, ...) X
#define OATPP_MACRO_FIRSTARG_STR(X, ...) #X
#define OATPP_MACRO_RESTARGS(X, ...) __VA_ARGS__
#define OATPP_MACRO_FIRSTARG_EXPAND(X, ...) X
#define OATPP_MACRO_UNFOLD_VA_ARGS(...) __VA_ARGS__
#define OATPP_MACRO__NUM_ARGS(X8, X7, X6, X5, X4, X3, X2, X1, N, ...) N
#define OATPP_MACRO_NUM_ARGS(...) OATPP_MACRO_EXPAND(OATPP_MACRO__NUM_ARGS(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1))
#define OATPP_MACRO_HAS_ARGS_ARR(...) OATPP_MACRO_EXPAND(OATPP_MACRO__NUM_ARGS(__VA_ARGS__, 1, 1, 1, 1, 1, 1, 1, 0))
#define OATPP_MACRO_MACRO_SELECTOR_CALL(X, Y) OATPP_MACRO_CONCAT2(X, Y)
#define OATPP_MACRO_MACRO_SELECTOR(MACRO, PARAMS_LIST) \
  OATPP_MACRO_MACRO_SELECTOR_CALL(MACRO, OATPP_MACRO_NUM_ARGS PARAMS_LIST)
#define OATPP_MACRO_MACRO_BINARY_SELECTOR(MACRO, PARAMS_LIST) \
  OATPP_MACRO_MACRO_SELECTOR_CALL(MACRO, OATPP_MACRO_HAS_ARGS_ARR PARAMS_LIST)

#define OATPP_MACRO_FOREACH(MACRO, ...) OATPP_MACRO_FOREACH_(OATPP_MACRO_NUM_ARGS(__VA_ARGS__), MACRO, __VA_ARGS__)
#define OATPP_MACRO_FOREACH_(N, M, ...) OATPP_MACRO_FOREACH__(N, M, __VA_ARGS__)
#define OATPP_MACRO_FOREACH__(N, M, ...) OATPP_MACRO_FOREACH_##N(N, M, __VA_ARGS__)
#define OATPP_MACRO_FOREACH_CALL(INDEX, COUNT, MACRO, PARAM) MACRO(INDEX, COUNT, PARAM)
#define OATPP_MACRO_FOREACH_1(N, M, ...) OATPP_MACRO_FOREACH_CALL(N - 1, N, M, OATPP_MACRO_FIRSTARG_EXPAND(__VA_ARGS__))
#define OATPP_MACRO_FOREACH_2(N, M, ...)                                                          \
  OATPP_MACRO_EXPAND(OATPP_MACRO_FOREACH_CALL(N - 2, N, M, OATPP_MACRO_FIRSTARG_EXPAND(__VA_ARGS__))) \
  OATPP_MACRO_FOREACH_1(N, M, OATPP_MACRO_RESTARGS(__VA_ARGS__))
#define OATPP_MACRO_FOREACH_3(N, M, ...)                                                          \
  OATPP_MACRO_EXPAND(OATPP_MACRO_FOREACH_CALL(N - 3, N, M, OATPP_MACRO_FIRSTARG_EXPAND(__VA_ARGS__))) \
  OATPP_MACRO_FOREACH_2(N, M, OATPP_MACRO_RESTARGS(__VA_ARGS__))
#define OATPP_MACRO_FOREACH_4(N, M, ...)                                                          \
  OATPP_MACRO_EXPAND(OATPP_MACRO_FOREACH_CALL(N - 4, N, M, OATPP_MACRO_FIRSTARG_EXPAND(__VA_ARGS__))) \
  OATPP_MACRO_FOREACH_3(N, M, OATPP_MACRO_RESTARGS(__VA_ARGS__))

#define OATPP_MACRO_FOREACH_FIRST_AND_REST_0(FIRST_MACRO, MACRO, FIRST_ARG) FIRST_MACRO(0, 0, FIRST_ARG)
#define OATPP_MACRO_FOREACH_FIRST_AND_REST_1(FIRST_MACRO, MACRO, FIRST_ARG, ...) \
  OATPP_MACRO_EXPAND(FIRST_MACRO(0, 0, FIRST_ARG) OATPP_MACRO_FOREACH(MACRO, __VA_ARGS__))
#define OATPP_MACRO_FOREACH_FIRST_AND_REST(FIRST_MACRO, MACRO, ...)                                    \
  OATPP_MACRO_EXPAND(OATPP_MACRO_MACRO_BINARY_SELECTOR(OATPP_MACRO_FOREACH_FIRST_AND_REST_, (__VA_ARGS__))( \
      FIRST_MACRO, MACRO, __VA_ARGS__))

// ---- src/oatpp/macro/codegen.hpp ----
#define OATPP_CODEGEN_DEFINE_ApiController <oatpp_mock.h>
#define OATPP_CODEGEN_UNDEF_ApiController <oatpp_mock.h>
#define OATPP_CODEGEN_BEGIN(NAME) OATPP_MACRO_EXPAND(OATPP_CODEGEN_DEFINE_##NAME)
#define OATPP_CODEGEN_END(NAME) OATPP_MACRO_EXPAND(OATPP_CODEGEN_UNDEF_##NAME)

// ---- src/oatpp/codegen/api_controller/base_define.hpp ----
#define OATPP_MACRO_API_CONTROLLER_PARAM_MACRO(MACRO, INFO, TYPE, PARAM_LIST) MACRO(TYPE, PARAM_LIST)
#define OATPP_MACRO_API_CONTROLLER_PARAM_TYPE(MACRO, INFO, TYPE, PARAM_LIST) const TYPE&
#define OATPP_MACRO_API_CONTROLLER_PARAM_NAME(MACRO, INFO, TYPE, PARAM_LIST) OATPP_MACRO_FIRSTARG PARAM_LIST
#define OATPP_MACRO_API_CONTROLLER_PARAM(MACRO, INFO, TYPE, PARAM_LIST) (MACRO, INFO, TYPE, PARAM_LIST)

#define REQUEST(TYPE, ...) \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_REQUEST, OATPP_MACRO_API_CONTROLLER_REQUEST_INFO, TYPE, (__VA_ARGS__))
#define HEADER(TYPE, ...) \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_HEADER, OATPP_MACRO_API_CONTROLLER_HEADER_INFO, TYPE, (__VA_ARGS__))
#define PATH(TYPE, ...) \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_PATH, OATPP_MACRO_API_CONTROLLER_PATH_INFO, TYPE, (__VA_ARGS__))
#define QUERIES(TYPE, ...) \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_QUERIES, OATPP_MACRO_API_CONTROLLER_QUERIES_INFO, TYPE, (__VA_ARGS__))
#define QUERY(TYPE, ...) \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_QUERY, OATPP_MACRO_API_CONTROLLER_QUERY_INFO, TYPE, (__VA_ARGS__))
#define BODY_STRING(TYPE, ...)                                                                    \
  OATPP_MACRO_API_CONTROLLER_PARAM(OATPP_MACRO_API_CONTROLLER_BODY_STRING,                          \
                                   OATPP_MACRO_API_CONTROLLER_BODY_STRING_INFO, TYPE, (__VA_ARGS__))

#define OATPP_MACRO_API_CONTROLLER_MACRO_SELECTOR(MACRO, TYPE, ...) \
  OATPP_MACRO_EXPAND(OATPP_MACRO_MACRO_SELECTOR(MACRO, (__VA_ARGS__))(TYPE, __VA_ARGS__))

// REQUEST
#define OATPP_MACRO_API_CONTROLLER_REQUEST(TYPE, PARAM_LIST) const auto& OATPP_MACRO_FIRSTARG PARAM_LIST = __request;

// HEADER / PATH / QUERY: NAME, or NAME and QUALIFIER (QUERY also NAME, QUALIFIER, DEFAULT)
#define OATPP_MACRO_API_CONTROLLER_STR_PARAM_(KIND, GETTER, TYPE, NAME, QUALIFIER)                           \
  const auto& __param_str_val_##NAME = __request->GETTER(QUALIFIER);                                        \
  if (!__param_str_val_##NAME) {                                                                             \
    throw oatpp::web::protocol::http::HttpError(Status::CODE_400, "Missing " KIND " parameter");             \
  }                                                                                                          \
  bool __param_validation_check_##NAME;                                                                      \
  const auto& NAME =                                                                                         \
      ApiController::TypeInterpretation<TYPE>::fromString(#TYPE, __param_str_val_##NAME, __param_validation_check_##NAME); \
  if (!__param_validation_check_##NAME) {                                                                    \
    throw oatpp::web::protocol::http::HttpError(Status::CODE_400, "Invalid " KIND " parameter");             \
  }

#define OATPP_MACRO_API_CONTROLLER_HEADER_1(TYPE, NAME) OATPP_MACRO_API_CONTROLLER_STR_PARAM_("HEADER", getHeader, TYPE, NAME, #NAME)
#define OATPP_MACRO_API_CONTROLLER_HEADER_2(TYPE, NAME, QUALIFIER) \
  OATPP_MACRO_API_CONTROLLER_STR_PARAM_("HEADER", getHeader, TYPE, NAME, QUALIFIER)
#define OATPP_MACRO_API_CONTROLLER_HEADER(TYPE, PARAM_LIST) \
  OATPP_MACRO_API_CONTROLLER_MACRO_SELECTOR(OATPP_MACRO_API_CONTROLLER_HEADER_, TYPE, OATPP_MACRO_UNFOLD_VA_ARGS PARAM_LIST)

#define OATPP_MACRO_API_CONTROLLER_PATH_1(TYPE, NAME) OATPP_MACRO_API_CONTROLLER_STR_PARAM_("PATH", getPathVariable, TYPE, NAME, #NAME)
#define OATPP_MACRO_API_CONTROLLER_PATH_2(TYPE, NAME, QUALIFIER) \
  OATPP_MACRO_API_CONTROLLER_STR_PARAM_("PATH", getPathVariable, TYPE, NAME, QUALIFIER)
#define OATPP_MACRO_API_CONTROLLER_PATH(TYPE, PARAM_LIST) \
  OATPP_MACRO_API_CONTROLLER_MACRO_SELECTOR(OATPP_MACRO_API_CONTROLLER_PATH_, TYPE, OATPP_MACRO_UNFOLD_VA_ARGS PARAM_LIST)

#define OATPP_MACRO_API_CONTROLLER_QUERIES(TYPE, PARAM_LIST) \
  const auto& OATPP_MACRO_FIRSTARG PARAM_LIST = __request->getQueryParameters();

#define OATPP_MACRO_API_CONTROLLER_QUERY_1(TYPE, NAME) OATPP_MACRO_API_CONTROLLER_STR_PARAM_("QUERY", getQueryParameter, TYPE, NAME, #NAME)
#define OATPP_MACRO_API_CONTROLLER_QUERY_2(TYPE, NAME, QUALIFIER) \
  OATPP_MACRO_API_CONTROLLER_STR_PARAM_("QUERY", getQueryParameter, TYPE, NAME, QUALIFIER)
#define OATPP_MACRO_API_CONTROLLER_QUERY_3(TYPE, NAME, QUALIFIER, DEFAULT)                                  \
  TYPE NAME = DEFAULT;                                                                                      \
  const auto& __param_str_val_##NAME = __request->getQueryParameter(QUALIFIER);                             \
  if (__param_str_val_##NAME) {                                                                             \
    bool __param_validation_check_##NAME;                                                                   \
    NAME = ApiController::TypeInterpretation<TYPE>::fromString(#TYPE, __param_str_val_##NAME, __param_validation_check_##NAME); \
    if (!__param_validation_check_##NAME) {                                                                 \
      throw oatpp::web::protocol::http::HttpError(Status::CODE_400, "Invalid QUERY parameter");             \
    }                                                                                                       \
  }
#define OATPP_MACRO_API_CONTROLLER_QUERY(TYPE, PARAM_LIST) \
  OATPP_MACRO_API_CONTROLLER_MACRO_SELECTOR(OATPP_MACRO_API_CONTROLLER_QUERY_, TYPE, OATPP_MACRO_UNFOLD_VA_ARGS PARAM_LIST)

#define OATPP_MACRO_API_CONTROLLER_BODY_STRING(TYPE, PARAM_LIST) \
  const auto& OATPP_MACRO_FIRSTARG PARAM_LIST = __request->readBodyToString();

// FOR EACH
#define OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_DECL_FIRST(INDEX, COUNT, X) \
  OATPP_MACRO_API_CONTROLLER_PARAM_TYPE X OATPP_MACRO_API_CONTROLLER_PARAM_NAME X
#define OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_DECL_REST(INDEX, COUNT, X) \
  , OATPP_MACRO_API_CONTROLLER_PARAM_TYPE X OATPP_MACRO_API_CONTROLLER_PARAM_NAME X
#define OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_PUT(INDEX, COUNT, X) OATPP_MACRO_API_CONTROLLER_PARAM_MACRO X
#define OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_CALL_FIRST(INDEX, COUNT, X) OATPP_MACRO_API_CONTROLLER_PARAM_NAME X
#define OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_CALL_REST(INDEX, COUNT, X) , OATPP_MACRO_API_CONTROLLER_PARAM_NAME X

// ENDPOINT
#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL_DEFAULTS(NAME, METHOD, PATH)                                \
  template <class T>                                                                                         \
  static typename std::shared_ptr<Handler<T>> Z__ENDPOINT_HANDLER_GET_INSTANCE_##NAME(T* controller) {       \
    auto handler = std::static_pointer_cast<Handler<T>>(controller->getEndpointHandler(#NAME));             \
    if (!handler) {                                                                                          \
      handler = Handler<T>::createShared(controller, &T::Z__PROXY_METHOD_##NAME, nullptr);                  \
      controller->setEndpointHandler(#NAME, handler);                                                        \
    }                                                                                                        \
    return handler;                                                                                          \
  }                                                                                                          \
                                                                                                             \
  std::shared_ptr<oatpp::web::server::api::Endpoint::Info> Z__EDNPOINT_INFO_GET_INSTANCE_##NAME() {          \
    std::shared_ptr<oatpp::web::server::api::Endpoint::Info> info = getEndpointInfo(#NAME);                  \
    if (!info) {                                                                                             \
      info = oatpp::web::server::api::Endpoint::Info::createShared();                                        \
      setEndpointInfo(#NAME, info);                                                                          \
    }                                                                                                        \
    return info;                                                                                             \
  }

#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL(NAME, METHOD, PATH)                                         \
  EndpointInfoBuilder Z__CREATE_ENDPOINT_INFO_##NAME = [this]() {                                            \
    auto info = Z__EDNPOINT_INFO_GET_INSTANCE_##NAME();                                                      \
    info->name = #NAME;                                                                                      \
    info->path = ((m_routerPrefix != nullptr) ? m_routerPrefix + PATH : PATH);                               \
    info->method = METHOD;                                                                                   \
    return info;                                                                                             \
  };                                                                                                         \
                                                                                                             \
  const std::shared_ptr<oatpp::web::server::api::Endpoint> Z__ENDPOINT_##NAME =                              \
      createEndpoint(m_endpoints, Z__ENDPOINT_HANDLER_GET_INSTANCE_##NAME(this), Z__CREATE_ENDPOINT_INFO_##NAME);

#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_0(NAME, METHOD, PATH)                                            \
  OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL_DEFAULTS(NAME, METHOD, PATH)                                      \
  OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL(NAME, METHOD, PATH)                                               \
                                                                                                             \
  std::shared_ptr<oatpp::web::protocol::http::outgoing::Response> Z__PROXY_METHOD_##NAME(                    \
      const std::shared_ptr<oatpp::web::protocol::http::incoming::Request>& __request) {                     \
    (void)__request;                                                                                         \
    return NAME();                                                                                           \
  }                                                                                                          \
                                                                                                             \
  std::shared_ptr<oatpp::web::protocol::http::outgoing::Response> NAME()

#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_1(NAME, METHOD, PATH, ...)                                       \
  OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL_DEFAULTS(NAME, METHOD, PATH)                                      \
  OATPP_MACRO_API_CONTROLLER_ENDPOINT_DECL(NAME, METHOD, PATH)                                               \
                                                                                                             \
  std::shared_ptr<oatpp::web::protocol::http::outgoing::Response> Z__PROXY_METHOD_##NAME(                    \
      const std::shared_ptr<oatpp::web::protocol::http::incoming::Request>& __request) {                     \
    OATPP_MACRO_FOREACH(OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_PUT, __VA_ARGS__)                          \
    return NAME(OATPP_MACRO_FOREACH_FIRST_AND_REST(OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_CALL_FIRST,     \
                                                   OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_CALL_REST,      \
                                                   __VA_ARGS__));                                            \
  }                                                                                                          \
                                                                                                             \
  std::shared_ptr<oatpp::web::protocol::http::outgoing::Response> NAME(                                      \
      OATPP_MACRO_FOREACH_FIRST_AND_REST(OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_DECL_FIRST,               \
                                         OATPP_MACRO_API_CONTROLLER_FOR_EACH_PARAM_DECL_REST, __VA_ARGS__))

#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_MACRO_0(METHOD, PATH, NAME) \
  OATPP_MACRO_EXPAND(OATPP_MACRO_API_CONTROLLER_ENDPOINT_0(NAME, METHOD, PATH))
#define OATPP_MACRO_API_CONTROLLER_ENDPOINT_MACRO_1(METHOD, PATH, NAME, ...) \
  OATPP_MACRO_EXPAND(OATPP_MACRO_API_CONTROLLER_ENDPOINT_1(NAME, METHOD, PATH, __VA_ARGS__))

/// ENDPOINT(METHOD, PATH, NAME, PARAMS...) followed by the body of NAME.
#define ENDPOINT(METHOD, PATH, ...)                                                                    \
  OATPP_MACRO_EXPAND(OATPP_MACRO_MACRO_BINARY_SELECTOR(OATPP_MACRO_API_CONTROLLER_ENDPOINT_MACRO_, (__VA_ARGS__))( \
      METHOD, PATH, __VA_ARGS__))

// ---- src/oatpp/Environment.hpp (global namespace, as in the real header) ----
typedef int32_t v_int32;
typedef int64_t v_int64;
typedef intptr_t v_buff_size;

namespace oatpp {

namespace base {
class Countable {
public:
  Countable() = default;
  virtual ~Countable() = default;
};
} // namespace base

// ---- src/oatpp/data/type/Type.hpp, Primitive.hpp ----
namespace data { namespace type {
class Type {};
namespace __class {
struct Void { static const Type *getType(); };
struct String { static const Type *getType(); };
struct Int32 { static const Type *getType(); };
struct Int64 { static const Type *getType(); };
struct Boolean { static const Type *getType(); };
} // namespace __class

template <class T, class Clazz = __class::Void> class ObjectWrapper {
protected:
  std::shared_ptr<T> m_ptr;

public:
  typedef T ObjectType;
  typedef Clazz Class;
  ObjectWrapper() = default;
  ObjectWrapper(std::nullptr_t) {}
  ObjectWrapper(const std::shared_ptr<T> &ptr) : m_ptr(ptr) {}
  T *operator->() const { return m_ptr.operator->(); }
  T *get() const { return m_ptr.get(); }
  std::shared_ptr<T> getPtr() const { return m_ptr; }
  bool operator==(std::nullptr_t) const { return m_ptr.get() == nullptr; }
  bool operator!=(std::nullptr_t) const { return m_ptr.get() != nullptr; }
  explicit operator bool() const { return m_ptr.operator bool(); }
};

class String : public ObjectWrapper<std::string, __class::String> {
public:
  String() {}
  String(std::nullptr_t) {}
  String(const char *data) : ObjectWrapper(data ? std::make_shared<std::string>(data) : nullptr) {}
  String(const std::string &str) : ObjectWrapper(std::make_shared<std::string>(str)) {}
  String(std::string &&str) : ObjectWrapper(std::make_shared<std::string>(std::move(str))) {}
  String(const std::shared_ptr<std::string> &ptr) : ObjectWrapper(ptr) {}
  const std::string &operator*() const { return *m_ptr; }
  operator std::string() const { return m_ptr ? *m_ptr : std::string(); }
  std::string getValue(const std::string &defaultValue) const { return m_ptr ? *m_ptr : defaultValue; }
  bool operator==(const char *str) const { return m_ptr && str && *m_ptr == str; }
  bool operator!=(const char *str) const { return !operator==(str); }
  bool operator==(const String &other) const { return m_ptr && other.m_ptr && *m_ptr == *other.m_ptr; }
  bool operator!=(const String &other) const { return !operator==(other); }
};
inline String operator+(const char *a, const String &b) { return String(std::string(a) + *b); }
inline String operator+(const String &a, const char *b) { return String(*a + b); }
inline String operator+(const String &a, const String &b) { return String(*a + *b); }

template <typename TValueType, class Clazz> class Primitive : public ObjectWrapper<TValueType, Clazz> {
public:
  typedef TValueType UnderlyingType;
  Primitive() {}
  Primitive(std::nullptr_t) {}
  Primitive(TValueType value) : ObjectWrapper<TValueType, Clazz>(std::make_shared<TValueType>(value)) {}
  TValueType operator*() const { return *this->m_ptr; }
  operator TValueType() const { return *this->m_ptr; }
  TValueType getValue(const TValueType &defaultValue) const { return this->m_ptr ? *this->m_ptr : defaultValue; }
};
typedef Primitive<v_int32, __class::Int32> Int32;
typedef Primitive<v_int64, __class::Int64> Int64;
typedef Primitive<bool, __class::Boolean> Boolean;
}} // namespace data::type

// ---- src/oatpp/Types.hpp ----
typedef oatpp::data::type::String String;
typedef oatpp::data::type::Int32 Int32;
typedef oatpp::data::type::Int64 Int64;
typedef oatpp::data::type::Boolean Boolean;

namespace data { namespace share {
class StringKeyLabel {
public:
  StringKeyLabel(const char *constText);
  StringKeyLabel(const oatpp::String &str);
  StringKeyLabel(const std::string &str);
};
class StringKeyLabelCI {
public:
  StringKeyLabelCI(const char *constText);
  StringKeyLabelCI(const oatpp::String &str);
  StringKeyLabelCI(const std::string &str);
};
}} // namespace data::share

namespace data { namespace mapping {
class ObjectMapper {
public:
  virtual ~ObjectMapper() = default;
};
}} // namespace data::mapping

namespace json {
class ObjectMapper : public oatpp::data::mapping::ObjectMapper {};
} // namespace json

namespace web { namespace protocol { namespace http {
// ---- src/oatpp/web/protocol/http/Http.hpp ----
class Status {
public:
  Status(v_int32 pCode, const char *pDesc) : code(pCode), description(pDesc) {}
  static const Status CODE_200;
  static const Status CODE_201;
  static const Status CODE_204;
  static const Status CODE_400;
  static const Status CODE_401;
  static const Status CODE_403;
  static const Status CODE_404;
  static const Status CODE_500;
  v_int32 code;
  const char *description;
};

class HttpError : public std::runtime_error {
public:
  HttpError(const Status &status, const oatpp::String &message)
      : std::runtime_error(message.getValue("")), m_status(status) {}
  const Status &getInfo() const { return m_status; }

private:
  Status m_status;
};

class Header {
public:
  static const char *const AUTHORIZATION;
  static const char *const CONTENT_TYPE;
  static const char *const USER_AGENT;
};

class QueryParams {
public:
  oatpp::String get(const data::share::StringKeyLabel &key) const;
};

// ---- incoming/Request.hpp ----
namespace incoming {
class Request : public oatpp::base::Countable {
public:
  const http::QueryParams &getQueryParameters() const;
  oatpp::String getQueryParameter(const oatpp::data::share::StringKeyLabel &name) const;
  oatpp::String getQueryParameter(const oatpp::data::share::StringKeyLabel &name,
                                  const oatpp::String &defaultValue) const;
  oatpp::String getHeader(const oatpp::data::share::StringKeyLabelCI &headerName) const;
  std::vector<oatpp::String> getHeaderValues(const oatpp::data::share::StringKeyLabelCI &headerName) const;
  oatpp::String getPathVariable(const oatpp::data::share::StringKeyLabel &name) const;
  oatpp::String getPathTail() const;
  oatpp::String readBodyToString() const;
};
} // namespace incoming

// ---- outgoing/Response.hpp, outgoing/ResponseFactory.hpp ----
namespace outgoing {
class Response : public oatpp::base::Countable {
public:
  const Status &getStatus() const;
  void putHeader(const oatpp::String &key, const oatpp::String &value);
};
class ResponseFactory {
public:
  static std::shared_ptr<Response> createResponse(const Status &status);
  static std::shared_ptr<Response> createResponse(const Status &status, const oatpp::String &text);
};
} // namespace outgoing
}}} // namespace web::protocol::http

namespace web { namespace server {
// ---- src/oatpp/web/server/HttpRequestHandler.hpp ----
class HttpRequestHandler {
public:
  typedef oatpp::web::protocol::http::Status Status;
  typedef oatpp::web::protocol::http::Header Header;
  typedef oatpp::web::protocol::http::incoming::Request IncomingRequest;
  typedef oatpp::web::protocol::http::outgoing::Response OutgoingResponse;
  typedef oatpp::web::protocol::http::outgoing::ResponseFactory ResponseFactory;
  typedef oatpp::web::protocol::http::HttpError HttpError;
  virtual std::shared_ptr<OutgoingResponse> handle(const std::shared_ptr<IncomingRequest> &request) {
    (void)request;
    return nullptr;
  }
  virtual ~HttpRequestHandler() = default;
};

namespace api {
// ---- src/oatpp/web/server/api/Endpoint.hpp ----
class Endpoint : public oatpp::base::Countable {
public:
  typedef oatpp::web::server::HttpRequestHandler RequestHandler;
  class Info : public oatpp::base::Countable {
  public:
    static std::shared_ptr<Info> createShared() { return std::make_shared<Info>(); }
    oatpp::String name;
    oatpp::String summary;
    oatpp::String path;
    oatpp::String method;
  };
  Endpoint(const std::shared_ptr<RequestHandler> &pHandler, const std::function<std::shared_ptr<Endpoint::Info>()> &infoBuilder)
      : handler(pHandler), m_infoBuilder(infoBuilder) {}
  static std::shared_ptr<Endpoint> createShared(const std::shared_ptr<RequestHandler> &handler,
                                                const std::function<std::shared_ptr<Endpoint::Info>()> &infoBuilder) {
    return std::make_shared<Endpoint>(handler, infoBuilder);
  }
  const std::shared_ptr<RequestHandler> handler;
  std::shared_ptr<Info> info() { return m_info ? m_info : (m_info = m_infoBuilder()); }

private:
  std::shared_ptr<Info> m_info;
  std::function<std::shared_ptr<Endpoint::Info>()> m_infoBuilder;
};

struct Endpoints {
  std::list<std::shared_ptr<Endpoint>> list;
  void append(const std::shared_ptr<Endpoint> &endpoint) { list.push_back(endpoint); }
};

// ---- src/oatpp/web/server/api/ApiController.hpp ----
class ApiController : public oatpp::base::Countable {
protected:
  typedef ApiController __ControllerType;

public:
  typedef oatpp::web::protocol::http::outgoing::ResponseFactory ResponseFactory;
  typedef oatpp::web::protocol::http::incoming::Request IncomingRequest;
  typedef oatpp::web::protocol::http::outgoing::Response OutgoingResponse;
  typedef oatpp::web::protocol::http::Status Status;
  typedef oatpp::web::protocol::http::Header Header;
  typedef oatpp::web::protocol::http::QueryParams QueryParams;
  typedef oatpp::web::server::HttpRequestHandler RequestHandler;
  typedef oatpp::data::mapping::ObjectMapper ObjectMapper;
  typedef oatpp::String String;
  typedef oatpp::Int32 Int32;
  typedef oatpp::Int64 Int64;
  typedef oatpp::Boolean Boolean;
  typedef std::function<std::shared_ptr<Endpoint::Info>()> EndpointInfoBuilder;

protected:
  // One Handler per endpoint; it calls the proxy method on the single controller object.
  template <class T> class Handler : public RequestHandler {
  public:
    typedef std::shared_ptr<OutgoingResponse> (T::*Method)(const std::shared_ptr<IncomingRequest> &);
    typedef void *MethodAsync;

  private:
    T *m_controller;
    Method m_method;
    MethodAsync m_methodAsync;

  public:
    Handler(T *controller, Method method, MethodAsync methodAsync)
        : m_controller(controller), m_method(method), m_methodAsync(methodAsync) {}
    static std::shared_ptr<Handler> createShared(T *controller, Method method, MethodAsync methodAsync) {
      return std::make_shared<Handler>(controller, method, methodAsync);
    }
    std::shared_ptr<OutgoingResponse> handle(const std::shared_ptr<IncomingRequest> &request) override {
      return (m_controller->*m_method)(request);
    }
  };

  void setEndpointInfo(const std::string &endpointName, const std::shared_ptr<Endpoint::Info> &info) {
    m_endpointInfo[endpointName] = info;
  }
  std::shared_ptr<Endpoint::Info> getEndpointInfo(const std::string &endpointName) {
    auto it = m_endpointInfo.find(endpointName);
    return it == m_endpointInfo.end() ? nullptr : it->second;
  }
  void setEndpointHandler(const std::string &endpointName, const std::shared_ptr<RequestHandler> &handler) {
    m_endpointHandlers[endpointName] = handler;
  }
  std::shared_ptr<RequestHandler> getEndpointHandler(const std::string &endpointName) {
    auto it = m_endpointHandlers.find(endpointName);
    return it == m_endpointHandlers.end() ? nullptr : it->second;
  }

protected:
  Endpoints m_endpoints;
  std::shared_ptr<ObjectMapper> m_defaultObjectMapper;
  std::unordered_map<std::string, std::shared_ptr<Endpoint::Info>> m_endpointInfo;
  std::unordered_map<std::string, std::shared_ptr<RequestHandler>> m_endpointHandlers;
  const oatpp::String m_routerPrefix;

public:
  ApiController(const std::shared_ptr<oatpp::data::mapping::ObjectMapper> &defaultObjectMapper,
                const oatpp::String &routerPrefix = nullptr)
      : m_defaultObjectMapper(defaultObjectMapper), m_routerPrefix(routerPrefix) {}

  template <class T>
  static std::shared_ptr<Endpoint> createEndpoint(Endpoints &endpoints, const std::shared_ptr<Handler<T>> &handler,
                                                  const EndpointInfoBuilder &infoBuilder) {
    auto endpoint = Endpoint::createShared(handler, infoBuilder);
    endpoints.append(endpoint);
    return endpoint;
  }
  const Endpoints &getEndpoints() { return m_endpoints; }

  std::shared_ptr<OutgoingResponse> createResponse(const Status &status, const oatpp::String &str) const {
    return ResponseFactory::createResponse(status, str);
  }
  std::shared_ptr<OutgoingResponse> createResponse(const Status &status) const {
    return ResponseFactory::createResponse(status);
  }

public:
  template <typename T> struct TypeInterpretation {
    static T fromString(const oatpp::String &typeName, const oatpp::String &text, bool &success) {
      (void)text;
      success = false;
      throw std::runtime_error("No conversion from 'oatpp::String' to '" + *typeName + "' is defined.");
    }
  };
};

template <> struct ApiController::TypeInterpretation<oatpp::String> {
  static oatpp::String fromString(const oatpp::String &typeName, const oatpp::String &text, bool &success) {
    (void)typeName;
    success = true;
    return text;
  }
};
template <> struct ApiController::TypeInterpretation<oatpp::Int32> {
  static oatpp::Int32 fromString(const oatpp::String &typeName, const oatpp::String &text, bool &success) {
    (void)typeName;
    char *end = nullptr;
    long v = std::strtol(text->c_str(), &end, 10);
    success = end && *end == '\0' && !text->empty();
    return static_cast<v_int32>(v);
  }
};
template <> struct ApiController::TypeInterpretation<oatpp::Int64> {
  static oatpp::Int64 fromString(const oatpp::String &typeName, const oatpp::String &text, bool &success) {
    (void)typeName;
    char *end = nullptr;
    long long v = std::strtoll(text->c_str(), &end, 10);
    success = end && *end == '\0' && !text->empty();
    return static_cast<v_int64>(v);
  }
};
template <> struct ApiController::TypeInterpretation<oatpp::Boolean> {
  static oatpp::Boolean fromString(const oatpp::String &typeName, const oatpp::String &text, bool &success) {
    (void)typeName;
    success = (*text == "true" || *text == "false");
    return *text == "true";
  }
};
} // namespace api

// ---- src/oatpp/web/server/HttpRouter.hpp ----
class HttpRouter : public oatpp::base::Countable {
public:
  static std::shared_ptr<HttpRouter> createShared() { return std::make_shared<HttpRouter>(); }
  std::shared_ptr<server::api::ApiController> addController(const std::shared_ptr<server::api::ApiController> &controller) {
    m_controllers.push_back(controller);
    return controller;
  }

private:
  std::list<std::shared_ptr<server::api::ApiController>> m_controllers;
};
}} // namespace web::server
} // namespace oatpp
