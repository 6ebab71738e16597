// The shape of cpp-httplib 0.11's Server API, for fixtures that need no
// network code. Included with -isystem, as the real /usr/include/httplib.h is.
#pragma once
#include <functional>
#include <map>
#include <string>

namespace httplib {
struct Request {
  std::string path;
  std::string body;
  std::multimap<std::string, std::string> headers;
  std::string get_header_value(const std::string &key) const {
    auto it = headers.find(key);
    return it == headers.end() ? std::string() : it->second;
  }
};
struct Response {
  int status = 200;
  std::string body;
  void set_content(const std::string &text, const char *) { body = text; }
};
class Server {
public:
  using Handler = std::function<void(const Request &, Response &)>;
  Server &Get(const std::string &, Handler) { return *this; }
  Server &Post(const std::string &, Handler) { return *this; }
  Server &set_error_handler(Handler) { return *this; }
  bool listen(const char *, int) { return true; }
  void stop() { running_ = false; }

private:
  bool running_ = true;
};
} // namespace httplib
