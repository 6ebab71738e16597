// A request type and the annotation that declares a function a handler.
#pragma once
#include <string>

#define REQUEST_HANDLER [[clang::annotate("statescope::request_handler")]]

namespace web {
struct Request {
  std::string user;
  std::string tenant;
  std::string token;
  int amount = 0;
};
} // namespace web
