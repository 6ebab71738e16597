#include <string>
#include <vector>
namespace web { struct Request { std::string user; std::vector<std::string> items; }; }
class Session {
public:
  static Session &instance() { static Session s; return s; }
  void bind(const std::string &u) { user = u; }
  std::string user;
};
thread_local std::string t_user;
char *lastBuffer() { static char buf[32]; return buf; }
struct Handler {
  std::string current_; // statescope: shared - one per server, guarded below
  [[clang::annotate("statescope::request_handler")]] void handle(const web::Request &req) {
    Session::instance().bind(req.user);
    t_user = req.user;
    current_ = req.items.empty() ? req.user : req.items.front();
    lastBuffer()[0] = req.user[0];
  }
};
