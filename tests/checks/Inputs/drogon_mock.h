// Mock of Drogon's HTTP controller API, for statescope tests (Drogon is not
// installed here). Names, namespaces, base classes, signatures and macros
// follow the real headers, read from drogonframework/drogon @74fc004c:
//   lib/inc/drogon/HttpController.h        METHOD_LIST_BEGIN, METHOD_ADD,
//                                          ADD_METHOD_TO, ADD_METHOD_VIA_REGEX,
//                                          METHOD_LIST_END, HttpController<T, AutoCreation>
//   lib/inc/drogon/HttpSimpleController.h  PATH_LIST_BEGIN/PATH_ADD/PATH_LIST_END,
//                                          HttpSimpleControllerBase::asyncHandleHttpRequest
//   lib/inc/drogon/HttpAppFramework.h      HttpAppFramework, registerHandler,
//                                          registerController, app()
//   lib/inc/drogon/utils/FunctionTraits.h  FunctionTraits (non-coroutine part)
//   lib/inc/drogon/HttpBinder.h            HttpBinderBase, HttpBinder, getControllerObj
//   lib/inc/drogon/DrObject.h, DrClassMap.h, utils/HttpConstraint.h, HttpTypes.h,
//   lib/inc/drogon/HttpRequest.h, HttpResponse.h
// Coroutine handler forms (Task<>, AsyncTask) are left out: fixtures are C++17.
// Bodies are simplified; declarations that only the library defines are left
// undefined, as in the real headers.
#pragma once
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

// ---- lib/inc/drogon/HttpController.h (verbatim macro bodies) ----
#define METHOD_LIST_BEGIN         \
    static void initPathRouting() \
    {
#define METHOD_ADD(method, pattern, ...) \
    registerMethod(&method, pattern, {__VA_ARGS__}, true, #method)
#define ADD_METHOD_TO(method, path_pattern, ...) \
    registerMethod(&method, path_pattern, {__VA_ARGS__}, false, #method)
#define ADD_METHOD_VIA_REGEX(method, regex, ...) \
    registerMethodViaRegex(&method, regex, {__VA_ARGS__}, #method)
#define METHOD_LIST_END \
    return;             \
    }

// ---- lib/inc/drogon/HttpSimpleController.h (verbatim macro bodies) ----
#define PATH_LIST_BEGIN           \
    static void initPathRouting() \
    {
#define PATH_ADD(path, ...) registerSelf__(path, {__VA_ARGS__})
#define PATH_LIST_END }

// jsoncpp's Json::Value, which Drogon uses for JSON bodies and config.
namespace Json {
class Value {
public:
  Value() = default;
  Value(const char *s) : str_(s) {}
  Value(const std::string &s) : str_(s) {}
  Value(int i) : str_(std::to_string(i)) {}
  Value &operator[](const char *key) { return (*children_)[key]; }
  Value &operator[](const std::string &key) { return (*children_)[key]; }
  const Value &operator[](const char *key) const { return (*children_)[key]; }
  std::string asString() const { return str_; }
  int asInt() const { return str_.empty() ? 0 : std::stoi(str_); }
  bool isMember(const std::string &key) const { return children_->count(key) != 0; }

private:
  std::string str_;
  std::shared_ptr<std::map<std::string, Value>> children_ = std::make_shared<std::map<std::string, Value>>();
};
} // namespace Json

namespace trantor {
class EventLoop {
public:
  void queueInLoop(const std::function<void()> &cb);
};
class InetAddress {
public:
  std::string toIp() const;
};
} // namespace trantor

namespace drogon {
// ---- HttpTypes.h ----
enum HttpStatusCode {
  kUnknown = 0,
  k200OK = 200,
  k201Created = 201,
  k204NoContent = 204,
  k400BadRequest = 400,
  k401Unauthorized = 401,
  k403Forbidden = 403,
  k404NotFound = 404,
  k500InternalServerError = 500
};
enum ContentType { CT_NONE = 0, CT_APPLICATION_JSON, CT_TEXT_PLAIN, CT_TEXT_HTML };
enum HttpMethod { Get = 0, Post, Head, Put, Delete, Options, Patch, Propfind, Mkcol, Copy, Move, Invalid };

template <typename T> using SafeStringMap = std::map<std::string, T>;

// ---- utils/HttpConstraint.h ----
namespace internal {
enum class ConstraintType { None, HttpMethod, HttpMiddleware };
class HttpConstraint {
public:
  HttpConstraint(HttpMethod method) : type_(ConstraintType::HttpMethod), method_(method) {}
  HttpConstraint(std::string middlewareName)
      : type_(ConstraintType::HttpMiddleware), middlewareName_(std::move(middlewareName)) {}
  HttpConstraint(const char *middlewareName) : type_(ConstraintType::HttpMiddleware), middlewareName_(middlewareName) {}
  ConstraintType type() const { return type_; }
  HttpMethod getHttpMethod() const { return method_; }
  const std::string &getMiddlewareName() const { return middlewareName_; }

private:
  ConstraintType type_{ConstraintType::None};
  HttpMethod method_{HttpMethod::Invalid};
  std::string middlewareName_;
};
} // namespace internal

// ---- DrObject.h / DrClassMap.h ----
class DrObjectBase {
public:
  virtual const std::string &className() const {
    static const std::string name{"DrObjectBase"};
    return name;
  }
  virtual bool isClass(const std::string &class_name) const { return className() == class_name; }
  virtual ~DrObjectBase() {}
};

template <typename T> class DrObject : public virtual DrObjectBase {
public:
  const std::string &className() const override { return classTypeName(); }
  static const std::string &classTypeName() {
    static const std::string name = typeid(T).name();
    return name;
  }

protected:
  DrObject() = default;
  ~DrObject() override = default;
};

class DrClassMap {
public:
  static const std::shared_ptr<DrObjectBase> &getSingleInstance(const std::string &className);
  template <typename T> static std::shared_ptr<T> getSingleInstance() {
    static_assert(std::is_base_of<DrObjectBase, T>::value, "T must be a sub-class of DrObjectBase");
    static auto const singleton = std::dynamic_pointer_cast<T>(getSingleInstance(T::classTypeName()));
    return singleton;
  }
  static void setSingleInstance(const std::shared_ptr<DrObjectBase> &ins);
};

// ---- HttpRequest.h ----
class HttpRequest;
using HttpRequestPtr = std::shared_ptr<HttpRequest>;
class HttpRequest {
public:
  virtual ~HttpRequest() = default;
  virtual HttpMethod method() const = 0;
  HttpMethod getMethod() const { return method(); }
  virtual const std::string &getHeader(std::string key) const = 0;
  virtual const std::string &getCookie(const std::string &field) const = 0;
  virtual const SafeStringMap<std::string> &headers() const = 0;
  const SafeStringMap<std::string> &getHeaders() const { return headers(); }
  virtual const std::string &query() const = 0;
  const std::string &getQuery() const { return query(); }
  std::string_view body() const { return std::string_view(bodyData(), bodyLength()); }
  std::string_view getBody() const { return body(); }
  virtual const char *bodyData() const = 0;
  virtual size_t bodyLength() const = 0;
  virtual const std::string &path() const = 0;
  const std::string &getPath() const { return path(); }
  virtual const SafeStringMap<std::string> &parameters() const = 0;
  const SafeStringMap<std::string> &getParameters() const { return parameters(); }
  virtual const std::string &getParameter(const std::string &key) const = 0;
  template <typename T> std::optional<T> getOptionalParameter(const std::string &key);
  virtual const trantor::InetAddress &peerAddr() const = 0;
  const trantor::InetAddress &getPeerAddr() const { return peerAddr(); }
  virtual const std::shared_ptr<Json::Value> &jsonObject() const = 0;
  const std::shared_ptr<Json::Value> &getJsonObject() const { return jsonObject(); }
  virtual void setRoutingParameters(std::vector<std::string> &&params) = 0;
};

// ---- HttpResponse.h ----
class HttpResponse;
using HttpResponsePtr = std::shared_ptr<HttpResponse>;
class HttpResponse {
public:
  virtual ~HttpResponse() = default;
  virtual void setStatusCode(HttpStatusCode code) = 0;
  virtual void setContentTypeCode(ContentType type) = 0;
  virtual void addHeader(std::string field, const std::string &value) = 0;
  virtual void setBody(const std::string &body) = 0;
  virtual void setBody(std::string &&body) = 0;
  static HttpResponsePtr newHttpResponse();
  static HttpResponsePtr newHttpResponse(HttpStatusCode code, ContentType type);
  static HttpResponsePtr newNotFoundResponse(const HttpRequestPtr &req = HttpRequestPtr());
  static HttpResponsePtr newHttpJsonResponse(const Json::Value &data);
  static HttpResponsePtr newHttpJsonResponse(Json::Value &&data);
};

// ---- utils/FunctionTraits.h (non-coroutine part) ----
namespace internal {
template <typename> struct FunctionTraits;

template <typename ReturnType, typename... Arguments> struct FunctionTraits<ReturnType (*)(Arguments...)> {
  using result_type = ReturnType;
  template <std::size_t Index> using argument = typename std::tuple_element_t<Index, std::tuple<Arguments...>>;
  static const std::size_t arity = sizeof...(Arguments);
  using class_type = void;
  using return_type = ReturnType;
  static const bool isHTTPFunction = false;
  static const bool isClassFunction = false;
  static const bool isStreamHandler = false;
  static const bool isDrObjectClass = false;
  static const bool isCoroutine = false;
};

// normal function for HTTP handling
template <typename ReturnType, typename... Arguments>
struct FunctionTraits<ReturnType (*)(const HttpRequestPtr &req, std::function<void(const HttpResponsePtr &)> &&callback,
                                     Arguments...)> : FunctionTraits<ReturnType (*)(Arguments...)> {
  static const bool isHTTPFunction = true;
  static const bool isCoroutine = false;
  using class_type = void;
  using first_param_type = HttpRequestPtr;
  using return_type = ReturnType;
};

// functor, lambda, std::function
template <typename Function>
struct FunctionTraits : public FunctionTraits<decltype(&std::remove_reference_t<Function>::operator())> {
  static const bool isClassFunction = false;
  static const bool isDrObjectClass = false;
  using class_type = void;
};

// class const method
template <typename ClassType, typename ReturnType, typename... Arguments>
struct FunctionTraits<ReturnType (ClassType::*)(Arguments...) const> : FunctionTraits<ReturnType (*)(Arguments...)> {
  static const bool isClassFunction = true;
  static const bool isDrObjectClass = std::is_base_of<DrObject<ClassType>, ClassType>::value;
  using class_type = ClassType;
};

// class non-const method
template <typename ClassType, typename ReturnType, typename... Arguments>
struct FunctionTraits<ReturnType (ClassType::*)(Arguments...)> : FunctionTraits<ReturnType (*)(Arguments...)> {
  static const bool isClassFunction = true;
  static const bool isDrObjectClass = std::is_base_of<DrObject<ClassType>, ClassType>::value;
  using class_type = ClassType;
};

// ---- HttpBinder.h ----
class HttpBinderBase {
public:
  virtual void handleHttpRequest(std::deque<std::string> &pathArguments, const HttpRequestPtr &req,
                                 std::function<void(const HttpResponsePtr &)> &&callback) = 0;
  virtual size_t paramCount() = 0;
  virtual ~HttpBinderBase() {}
};
using HttpBinderBasePtr = std::shared_ptr<HttpBinderBase>;

// One controller object per class for the whole process.
template <typename T> T &getControllerObj() {
  static T obj;
  return obj;
}

template <typename FUNCTION> class HttpBinder : public HttpBinderBase {
public:
  using traits = FunctionTraits<FUNCTION>;
  using FunctionType = FUNCTION;
  HttpBinder(FUNCTION &&func) : func_(std::forward<FUNCTION>(func)) {
    static_assert(traits::isHTTPFunction, "Your API handler function interface is wrong!");
  }
  // The real binder converts pathArguments and calls func_ (on the single
  // controller object for member functions); the mock does not call it.
  void handleHttpRequest(std::deque<std::string> &pathArguments, const HttpRequestPtr &req,
                         std::function<void(const HttpResponsePtr &)> &&callback) override {
    (void)pathArguments;
    (void)req;
    (void)callback;
  }
  size_t paramCount() override { return traits::arity; }
  template <bool isClassFunction = traits::isClassFunction, bool isDrObjectClass = traits::isDrObjectClass>
  void createHandlerInstance() {
    if constexpr (isClassFunction) {
      if constexpr (isDrObjectClass) {
        auto objPtr = DrClassMap::getSingleInstance<typename traits::class_type>();
        (void)objPtr;
      } else {
        auto &obj = getControllerObj<typename traits::class_type>();
        (void)obj;
      }
    }
  }

private:
  std::remove_reference_t<FUNCTION> func_;
};
} // namespace internal

class HttpControllerBase;
class HttpSimpleControllerBase;

// ---- HttpAppFramework.h ----
class HttpAppFramework {
public:
  virtual ~HttpAppFramework() = default;
  static HttpAppFramework &instance();
  virtual void run() = 0;
  virtual bool isRunning() = 0;
  virtual HttpAppFramework &loadConfigFile(const std::string &fileName) noexcept(false) = 0;
  virtual const Json::Value &getCustomConfig() const = 0;
  virtual HttpAppFramework &setThreadNum(size_t threadNum) = 0;
  virtual HttpAppFramework &addListener(const std::string &ip, uint16_t port, bool useSSL = false,
                                        const std::string &certFile = "", const std::string &keyFile = "",
                                        bool useOldTLS = false,
                                        const std::vector<std::pair<std::string, std::string>> &sslConfCmds = {}) = 0;
  virtual trantor::EventLoop *getLoop() const = 0;
  virtual HttpAppFramework &registerHttpSimpleController(
      const std::string &pathName, const std::string &ctrlName,
      const std::vector<internal::HttpConstraint> &constraints = {}) = 0;

  template <typename FUNCTION>
  HttpAppFramework &registerHandler(const std::string &pathPattern, FUNCTION &&function,
                                    const std::vector<internal::HttpConstraint> &constraints = {},
                                    const std::string &handlerName = "") {
    auto binder = std::make_shared<internal::HttpBinder<FUNCTION>>(std::forward<FUNCTION>(function));
    getLoop()->queueInLoop([binder]() { binder->createHandlerInstance(); });
    std::vector<HttpMethod> validMethods;
    std::vector<std::string> middlewares;
    for (auto const &constraint : constraints) {
      if (constraint.type() == internal::ConstraintType::HttpMiddleware)
        middlewares.push_back(constraint.getMiddlewareName());
      else if (constraint.type() == internal::ConstraintType::HttpMethod)
        validMethods.push_back(constraint.getHttpMethod());
    }
    registerHttpController(pathPattern, binder, validMethods, middlewares, handlerName);
    return *this;
  }

  template <typename FUNCTION>
  HttpAppFramework &registerHandlerViaRegex(const std::string &regExp, FUNCTION &&function,
                                            const std::vector<internal::HttpConstraint> &constraints = {},
                                            const std::string &handlerName = "") {
    internal::HttpBinderBasePtr binder =
        std::make_shared<internal::HttpBinder<FUNCTION>>(std::forward<FUNCTION>(function));
    std::vector<HttpMethod> validMethods;
    std::vector<std::string> middlewares;
    for (auto const &constraint : constraints) {
      if (constraint.type() == internal::ConstraintType::HttpMethod)
        validMethods.push_back(constraint.getHttpMethod());
    }
    registerHttpControllerViaRegex(regExp, binder, validMethods, middlewares, handlerName);
    return *this;
  }

  // For controllers declared with AutoCreation=false and built by the user.
  template <typename T> HttpAppFramework &registerController(const std::shared_ptr<T> &ctrlPtr) {
    static_assert((std::is_base_of<HttpControllerBase, T>::value ||
                   std::is_base_of<HttpSimpleControllerBase, T>::value),
                  "Error! Only controller objects can be registered here");
    static_assert(!T::isAutoCreation, "Controllers created and initialized automatically by drogon cannot be "
                                      "registered here");
    DrClassMap::setSingleInstance(ctrlPtr);
    T::initPathRouting();
    return *this;
  }

private:
  virtual void registerHttpController(const std::string &pathPattern, const internal::HttpBinderBasePtr &binder,
                                      const std::vector<HttpMethod> &validMethods,
                                      const std::vector<std::string> &middlewareNames,
                                      const std::string &handlerName) = 0;
  virtual void registerHttpControllerViaRegex(const std::string &regExp, const internal::HttpBinderBasePtr &binder,
                                              const std::vector<HttpMethod> &validMethods,
                                              const std::vector<std::string> &middlewareNames,
                                              const std::string &handlerName) = 0;
};

/// A wrapper of the instance() method
inline HttpAppFramework &app() { return HttpAppFramework::instance(); }

// ---- HttpController.h ----
class HttpControllerBase {};

template <typename T, bool AutoCreation = true>
class HttpController : public DrObject<T>, public HttpControllerBase {
public:
  static constexpr bool isAutoCreation = AutoCreation;

protected:
  template <typename FUNCTION>
  static void registerMethod(FUNCTION &&function, const std::string &pattern,
                             const std::vector<internal::HttpConstraint> &constraints = {},
                             bool classNameInPath = true, const std::string &handlerName = "") {
    if (classNameInPath) {
      std::string path = "/";
      path.append(HttpController<T, AutoCreation>::classTypeName());
      std::string::size_type pos;
      while ((pos = path.find("::")) != std::string::npos)
        path.replace(pos, 2, "/");
      if (pattern.empty() || pattern[0] == '/')
        app().registerHandler(path + pattern, std::forward<FUNCTION>(function), constraints, handlerName);
      else
        app().registerHandler(path + "/" + pattern, std::forward<FUNCTION>(function), constraints, handlerName);
    } else {
      std::string path = pattern;
      if (path.empty() || path[0] != '/')
        path = "/" + path;
      app().registerHandler(path, std::forward<FUNCTION>(function), constraints, handlerName);
    }
  }

  template <typename FUNCTION>
  static void registerMethodViaRegex(FUNCTION &&function, const std::string &regExp,
                                     const std::vector<internal::HttpConstraint> &constraints =
                                         std::vector<internal::HttpConstraint>{},
                                     const std::string &handlerName = "") {
    app().registerHandlerViaRegex(regExp, std::forward<FUNCTION>(function), constraints, handlerName);
  }

private:
  class methodRegistrator {
  public:
    methodRegistrator() {
      if (AutoCreation)
        T::initPathRouting();
    }
  };
  // use static value to register controller method in framework before main();
  static methodRegistrator registrator_;
  virtual void *touch() { return &registrator_; }
};
template <typename T, bool AutoCreation>
typename HttpController<T, AutoCreation>::methodRegistrator HttpController<T, AutoCreation>::registrator_;

// ---- HttpSimpleController.h ----
class HttpSimpleControllerBase : public virtual DrObjectBase {
public:
  virtual void asyncHandleHttpRequest(const HttpRequestPtr &req,
                                      std::function<void(const HttpResponsePtr &)> &&callback) = 0;
  virtual ~HttpSimpleControllerBase() {}
};

template <typename T, bool AutoCreation = true>
class HttpSimpleController : public DrObject<T>, public HttpSimpleControllerBase {
public:
  static const bool isAutoCreation = AutoCreation;
  virtual ~HttpSimpleController() {}

protected:
  HttpSimpleController() {}
  static void registerSelf__(const std::string &path, const std::vector<internal::HttpConstraint> &constraints) {
    app().registerHttpSimpleController(path, HttpSimpleController<T, AutoCreation>::classTypeName(), constraints);
  }

private:
  class pathRegistrator {
  public:
    pathRegistrator() {
      if (AutoCreation)
        T::initPathRouting();
    }
  };
  friend pathRegistrator;
  static pathRegistrator registrator_;
  virtual void *touch() { return &registrator_; }
};
template <typename T, bool AutoCreation>
typename HttpSimpleController<T, AutoCreation>::pathRegistrator HttpSimpleController<T, AutoCreation>::registrator_;
} // namespace drogon
