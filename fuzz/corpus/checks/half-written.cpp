#include <string>
namespace web { struct Request { std::string user; }; }
std::string lastUser;
[[clang::annotate("statescope::request_handler")]]
void handle(const web::Request &req) {
  lastUser = req.user;
  lastGuess = req.nosuchfield;
  if (req.user == 
}
struct Broken : Missing { int x = ; };
