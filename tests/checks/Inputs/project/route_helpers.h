// A project's own routing helper: handlers registered through it reach
// httplib from inside a template in this header.
#pragma once
#include <httplib.h>
#include <string>

struct Exchange {
  const httplib::Request &req;
  httplib::Response &res;
};

class Routes {
public:
  explicit Routes(httplib::Server &server) : server_(server) {}
  template <typename Handler> void get(const std::string &path, Handler handler) {
    server_.Get(path, [handler](const httplib::Request &req, httplib::Response &res) {
      Exchange exchange{req, res};
      handler(exchange);
    });
  }

private:
  httplib::Server &server_;
};
