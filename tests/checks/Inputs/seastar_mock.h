// Mock of Seastar's HTTP server API, for statescope tests (Seastar is not
// installed here). Namespaces, class names, base classes and signatures follow
// the real headers, read from scylladb/seastar @525fcc86:
//   include/seastar/http/handlers.hh           httpd::handler_base::handle, httpd::const_req
//   include/seastar/http/function_handlers.hh  httpd::function_handler and its function typedefs
//   include/seastar/http/routes.hh             httpd::routes::put/add, httpd::url
//   include/seastar/http/httpd.hh              httpd::http_server, httpd::http_server_control
//   include/seastar/http/common.hh             httpd::parameters, httpd::operation_type
//   include/seastar/http/request.hh            http::request (get_header, get_query_param,
//                                              get_path_param, _headers, param, content)
//   include/seastar/http/reply.hh              http::reply
//   include/seastar/json/json_elements.hh      json::json_return_type
//   include/seastar/core/sstring.hh            sstring (basic_sstring when SEASTAR_SSTRING,
//                                              the default of CMake option Seastar_SSTRING)
//   include/seastar/core/future.hh, core/scheduling.hh  future<T = void>, make_ready_future
//   include/seastar/core/app-template.hh, net/socket_defs.hh  app_template, socket_address, ipv4_addr
// The future here is always ready: then() runs the continuation at once.
// Define SEASTAR_MOCK_STD_STRING to get `using sstring = std::string;` (a
// Seastar build with Seastar_SSTRING=OFF).
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#if !defined(SEASTAR_SSTRING) && !defined(SEASTAR_MOCK_STD_STRING)
#define SEASTAR_SSTRING
#endif

namespace seastar {
// ---- core/sstring.hh ----
template <typename char_type, typename Size, Size max_size, bool NulTerminate = true> class basic_sstring {
  std::basic_string<char_type> s_;

public:
  using value_type = char_type;
  using size_type = Size;
  basic_sstring() noexcept {}
  basic_sstring(const basic_sstring &x) = default;
  basic_sstring(basic_sstring &&x) noexcept = default;
  basic_sstring &operator=(const basic_sstring &x) = default;
  basic_sstring &operator=(basic_sstring &&x) noexcept = default;
  basic_sstring(const char_type *x, size_t size) : s_(x, size) {}
  basic_sstring(const char *x) : s_(x) {}
  basic_sstring(const std::basic_string<char_type> &s) : s_(s) {}
  explicit basic_sstring(std::basic_string_view<char_type> v) : s_(v) {}
  operator std::basic_string<char_type>() const { return s_; }
  operator std::basic_string_view<char_type>() const noexcept { return s_; }
  const char_type *c_str() const noexcept { return s_.c_str(); }
  const char_type *data() const noexcept { return s_.data(); }
  size_t size() const noexcept { return s_.size(); }
  size_t length() const noexcept { return s_.size(); }
  bool empty() const noexcept { return s_.empty(); }
  basic_sstring substr(size_t from, size_t len = std::string::npos) const { return basic_sstring(s_.substr(from, len)); }
  basic_sstring &operator+=(const basic_sstring &x) {
    s_ += x.s_;
    return *this;
  }
  basic_sstring operator+(const basic_sstring &x) const { return basic_sstring(s_ + x.s_); }
  bool operator==(const basic_sstring &x) const noexcept { return s_ == x.s_; }
  bool operator!=(const basic_sstring &x) const noexcept { return s_ != x.s_; }
  bool operator<(const basic_sstring &x) const noexcept { return s_ < x.s_; }
};
template <typename char_type, typename Size, Size max_size, bool NulTerminate, size_t N>
basic_sstring<char_type, Size, max_size, NulTerminate> operator+(const char (&s)[N],
                                                                 const basic_sstring<char_type, Size, max_size, NulTerminate> &t) {
  return basic_sstring<char_type, Size, max_size, NulTerminate>(s) + t;
}

#ifdef SEASTAR_SSTRING
using sstring = basic_sstring<char, uint32_t, 15>;
#else
using sstring = std::string;
#endif
} // namespace seastar

namespace std {
template <typename char_type, typename Size, Size max_size, bool NulTerminate>
struct hash<seastar::basic_sstring<char_type, Size, max_size, NulTerminate>> {
  size_t operator()(const seastar::basic_sstring<char_type, Size, max_size, NulTerminate> &s) const {
    return std::hash<std::basic_string_view<char_type>>()(s);
  }
};
} // namespace std

namespace seastar {
// ---- core/future.hh ----
template <typename T = void> class future;
template <typename T = void, typename... A> future<T> make_ready_future(A &&...value) noexcept;

template <typename T> struct is_future : std::false_type {};
template <typename T> struct is_future<future<T>> : std::true_type {};
template <typename T> struct futurize { using type = future<T>; };
template <> struct futurize<void> { using type = future<>; };
template <typename T> struct futurize<future<T>> { using type = future<T>; };
template <typename T> using futurize_t = typename futurize<T>::type;

template <> class future<void> {
public:
  future() = default;
  void get() {}
  template <typename Func> futurize_t<std::invoke_result_t<Func>> then(Func &&func) noexcept {
    using R = std::invoke_result_t<Func>;
    if constexpr (std::is_void_v<R>) {
      std::invoke(func);
      return future<>();
    } else if constexpr (is_future<R>::value) {
      return std::invoke(func);
    } else {
      return make_ready_future<R>(std::invoke(func));
    }
  }
};

template <typename T> class future {
public:
  explicit future(T &&value) : value_(std::move(value)) {}
  T get() { return std::move(value_); }
  template <typename Func> futurize_t<std::invoke_result_t<Func, T &&>> then(Func &&func) noexcept {
    using R = std::invoke_result_t<Func, T &&>;
    if constexpr (std::is_void_v<R>) {
      std::invoke(func, std::move(value_));
      return make_ready_future<>();
    } else if constexpr (is_future<R>::value) {
      return std::invoke(func, std::move(value_));
    } else {
      return make_ready_future<R>(std::invoke(func, std::move(value_)));
    }
  }

private:
  T value_;
};

template <typename T, typename... A> future<T> make_ready_future(A &&...value) noexcept {
  if constexpr (std::is_void_v<T>)
    return future<>();
  else
    return future<T>(T(std::forward<A>(value)...));
}

// ---- net/socket_defs.hh ----
class socket_address;
struct ipv4_addr {
  uint32_t ip;
  uint16_t port;
  ipv4_addr() noexcept : ip(0), port(0) {}
  ipv4_addr(uint32_t ip, uint16_t port) noexcept : ip(ip), port(port) {}
  ipv4_addr(const std::string &addr);
  ipv4_addr(const std::string &addr, uint16_t port);
};
class socket_address {
public:
  socket_address(const ipv4_addr &) noexcept;
  socket_address(uint16_t) noexcept;
};

// ---- core/app-template.hh ----
class app_template {
public:
  int run(int ac, char **av, std::function<future<int>()> &&func) noexcept;
  int run(int ac, char **av, std::function<future<>()> &&func) noexcept;
};

namespace httpd {
// ---- http/common.hh ----
class parameters {
  std::unordered_map<sstring, sstring> params;

public:
  const sstring &path(const sstring &key) const { return params.at(key); }
  const sstring &at(const sstring &key) const { return path(key); }
  sstring get_decoded_param(const sstring &key) const {
    auto res = params.find(key);
    if (res == params.end())
      return "";
    return res->second.substr(1);
  }
  bool exists(const sstring &key) const { return params.find(key) != params.end(); }
  void set(const sstring &key, const sstring &value) { params[key] = value; }
};

enum operation_type { GET, POST, PUT, DELETE, HEAD, OPTIONS, TRACE, CONNECT, PATCH, NUM_OPERATION };
} // namespace httpd

namespace http {
// ---- http/request.hh ----
struct request {
  sstring _method;
  sstring _url;
  sstring _version;
  std::unordered_map<sstring, sstring> _headers;
  std::unordered_map<sstring, std::vector<sstring>> _query_params;
  httpd::parameters param;
  sstring content; // server-side deprecated: use content_stream instead
  sstring protocol_name = "http";

  sstring get_header(const sstring &name) const {
    auto res = _headers.find(name);
    if (res == _headers.end())
      return "";
    return res->second;
  }
  bool has_query_param(std::string_view key) const { return _query_params.count(sstring(key)) != 0; }
  sstring get_query_param(std::string_view key, std::string_view default_value = "") const {
    auto res = _query_params.find(sstring(key));
    if (res != _query_params.end())
      return res->second.back();
    return sstring(default_value);
  }
  const std::vector<sstring> &get_query_param_array(std::string_view key) const { return _query_params.at(sstring(key)); }
  sstring get_path_param(const sstring &key) const { return param.get_decoded_param(key); }
  sstring get_protocol_name() const { return protocol_name; }
  sstring get_url() const { return get_protocol_name() + "://" + get_header("Host") + _url; }
};

// ---- http/reply.hh ----
struct reply {
  enum class status_type {
    ok = 200,
    created = 201,
    no_content = 204,
    bad_request = 400,
    unauthorized = 401,
    forbidden = 403,
    not_found = 404,
    internal_server_error = 500,
  };
  status_type _status = status_type::ok;
  std::unordered_map<sstring, sstring> _headers;
  sstring _content;

  reply &add_header(const sstring &h, const sstring &value) {
    _headers[h] = value;
    return *this;
  }
  reply &set_status(status_type status, sstring content = "") {
    _status = status;
    if (!content.empty())
      _content = std::move(content);
    return *this;
  }
  reply &set_content_type(std::optional<std::string_view> content_type) {
    if (content_type)
      _headers["Content-Type"] = sstring(*content_type);
    return *this;
  }
  void write_body(const sstring &content_type, sstring content) {
    set_content_type(std::string_view(content_type));
    _content = std::move(content);
  }
};
} // namespace http

namespace json {
// ---- json/json_elements.hh ----
struct json_return_type {
  sstring _res;
  json_return_type(const sstring &res) : _res(res) {}
  json_return_type(const char *res) : _res(res) {}
};
} // namespace json

namespace httpd {
// ---- http/handlers.hh ----
typedef const http::request &const_req;

class handler_base {
  std::vector<sstring> _mandatory_param;

protected:
  handler_base() = default;
  handler_base(const handler_base &) = default;

public:
  virtual ~handler_base() = default;
  virtual future<std::unique_ptr<http::reply>> handle(const sstring &path, std::unique_ptr<http::request> req,
                                                      std::unique_ptr<http::reply> rep) = 0;
  handler_base &mandatory(const sstring &param) {
    _mandatory_param.push_back(param);
    return *this;
  }
};

// ---- http/function_handlers.hh ----
typedef std::function<sstring(const_req req)> request_function;
typedef std::function<sstring(const_req req, http::reply &)> handle_function;
typedef std::function<json::json_return_type(const_req req)> json_request_function;
typedef std::function<future<json::json_return_type>(std::unique_ptr<http::request> req)> future_json_function;
typedef std::function<future<std::unique_ptr<http::reply>>(std::unique_ptr<http::request> req,
                                                           std::unique_ptr<http::reply> rep)>
    future_handler_function;

class function_handler : public handler_base {
public:
  function_handler(const handle_function &f_handle, const sstring &type)
      : _f_handle([f_handle](std::unique_ptr<http::request> req, std::unique_ptr<http::reply> rep) {
          rep->_content += f_handle(*req.get(), *rep.get());
          return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
        }),
        _type(type) {}
  function_handler(const future_handler_function &f_handle, const sstring &type) : _f_handle(f_handle), _type(type) {}
  function_handler(const request_function &_handle, const sstring &type)
      : _f_handle([_handle](std::unique_ptr<http::request> req, std::unique_ptr<http::reply> rep) {
          rep->_content += _handle(*req.get());
          return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
        }),
        _type(type) {}
  function_handler(const json_request_function &_handle)
      : _f_handle([_handle](std::unique_ptr<http::request> req, std::unique_ptr<http::reply> rep) {
          rep->_content += _handle(*req.get())._res;
          return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
        }),
        _type("json") {}
  function_handler(const function_handler &) = default;
  future<std::unique_ptr<http::reply>> handle(const sstring &path, std::unique_ptr<http::request> req,
                                              std::unique_ptr<http::reply> rep) override {
    (void)path;
    return _f_handle(std::move(req), std::move(rep)).then([this](std::unique_ptr<http::reply> rep) {
      rep->set_content_type(std::string_view(_type));
      return make_ready_future<std::unique_ptr<http::reply>>(std::move(rep));
    });
  }

protected:
  future_handler_function _f_handle;
  sstring _type;
};

// ---- http/routes.hh ----
class url {
public:
  url(url &&) = default;
  url(const sstring &path) : _path(path) {}
  url &remainder(const sstring &param) {
    this->_param = param;
    return *this;
  }
  sstring _path;
  sstring _param;
};

class match_rule;

class routes {
public:
  ~routes();
  routes &put(operation_type type, const sstring &url, handler_base *handler);
  handler_base *drop(operation_type type, const sstring &url);
  routes &add(match_rule *rule, operation_type type = GET);
  routes &add(operation_type type, const url &url, handler_base *handler);
  routes &add_default_handler(handler_base *handler);
  future<std::unique_ptr<http::reply>> handle(const sstring &path, std::unique_ptr<http::request> req,
                                              std::unique_ptr<http::reply> rep);
};

// ---- http/httpd.hh ----
class http_server {
public:
  routes _routes;
  explicit http_server(const sstring &name);
  future<> listen(socket_address addr);
  future<> stop();
};

class http_server_control {
public:
  http_server_control();
  future<> start(const sstring &name = "http-server");
  future<> stop() noexcept;
  future<> set_routes(std::function<void(routes &r)> fun);
  future<> listen(socket_address addr);
};
} // namespace httpd
} // namespace seastar
