// The shape of Crow's routing API (CrowCpp/Crow include/crow/app.h and
// routing.h): CROW_ROUTE(app, url) yields a rule whose operator() takes the
// handler. Crow is not packaged in Debian; this mock follows its signatures.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace crow {
struct request {
  std::string url;
  std::string body;
  std::string get_header_value(const std::string &) const { return body; }
};
struct response {
  response() = default;
  response(std::string b) : body(std::move(b)) {}
  std::string body;
};
namespace black_magic {
constexpr uint64_t get_parameter_tag(const char *) { return 0; }
} // namespace black_magic
template <typename... Args> class TaggedRule {
public:
  template <typename Func> void operator()(Func &&f) { handler_ = std::forward<Func>(f); }
  TaggedRule &methods(int) { return *this; }

private:
  std::function<response(const request &)> handler_;
};
// Handlers run on one thread unless the app is made multithreaded: Crow
// runs `concurrency` threads, one of them accepting connections (at least 2).
template <typename... Middlewares> class Crow {
public:
  template <uint64_t Tag> TaggedRule<> &route(std::string &&) { return rule_; }
  Crow &port(int) { return *this; }
  Crow &multithreaded() { return concurrency(8); }
  Crow &concurrency(unsigned int n) {
    concurrency_ = n < 2 ? 2 : n;
    return *this;
  }
  void run() {}

private:
  TaggedRule<> rule_;
  unsigned int concurrency_ = 2;
};
using SimpleApp = Crow<>;
} // namespace crow

#define CROW_ROUTE(app, url) app.template route<crow::black_magic::get_parameter_tag(url)>(url)
