#include <map>
#include <string>
namespace web { struct Request { std::string user; }; }
template <int N> struct Depth { static constexpr int value = Depth<N - 1>::value + 1; };
template <> struct Depth<0> { static constexpr int value = 0; };
template <typename T> struct Cache { static std::map<std::string, T> entries; };
template <typename T> std::map<std::string, T> Cache<T>::entries;
#define HANDLER(name, field)                                                   \
  static std::string last_##name;                                              \
  [[clang::annotate("statescope::request_handler")]] void name(const web::Request &req) { \
    last_##name = req.field;                                                   \
    Cache<int>::entries[req.field] = Depth<40>::value;                         \
  }
HANDLER(login, user)
HANDLER(logout, user)
