// A third-party library seen through a system include path: an HTTP client
// with per-call credentials and a thread-safe logger.
#pragma once
#include <string>

namespace vendor {
class HttpClient {
public:
  void setAuth(const std::string &token);
  std::string get(const std::string &path);
  void reconnect();
};
class Logger {
public:
  void info(const std::string &message);
  void flush();
};
} // namespace vendor
