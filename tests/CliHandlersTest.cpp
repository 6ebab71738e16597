//===--- CliHandlersTest.cpp - statescope handlers, as a user meets it ----===//
//
// A user whose run reports nothing asks `statescope handlers` what
// statescope sees: a server with one cpp-httplib route and one entry point
// of the project's own, which statescope does not know. The listing names
// the route and its rule, the shared state it writes and why, and the
// project's entry point with the option line that adds it; pasted into
// .clang-tidy, that line makes the next run find the entry point's leak.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include <gtest/gtest.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

constexpr const char *RequestHeader = R"cpp(
#pragma once
#include <string>
namespace web {
struct Request {
  std::string user;
  std::string path;
};
} // namespace web
)cpp";

/// A cpp-httplib route keeping the last path in a global.
constexpr const char *FrameworkServer = R"cpp(
#include <httplib.h>
#include "web.h"
#include <string>

static std::string lastPath;
std::string handleAccount(const web::Request &req);

int main() {
  httplib::Server server;
  server.Get("/orders", [](const httplib::Request &req, httplib::Response &res) {
    lastPath = req.path;
    res.set_content(lastPath, "text/plain");
  });
  return server.listen("0.0.0.0", 8080) ? 0 : 1;
}
)cpp";

/// The project's own entry point, which no framework registers: the user it
/// serves is kept in the one session every request shares.
constexpr const char *OwnHandler = R"cpp(
#include "web.h"
#include <string>

class Session {
public:
  void setUser(const std::string &user) { user_ = user; }
  const std::string &user() const { return user_; }
private:
  std::string user_;
};
Session currentSession;

std::string handleAccount(const web::Request &req) {
  currentSession.setUser(req.user);
  return "account of " + currentSession.user();
}
)cpp";

/// The project's own router, taking lambdas.
constexpr const char *OwnRouter = R"cpp(
#include "web.h"
#include <functional>
#include <string>

class Router {
public:
  void add(const std::string &path, std::function<void(const web::Request &)> handler) {}
};

static std::string lastUser;

void routes(Router &router) {
  router.add("/whoami", [](const web::Request &req) { lastUser = req.user; });
}
)cpp";

struct Server {
  ScratchDir Dir;
  explicit Server(const std::vector<std::pair<std::string, std::string>> &Sources) {
    writeFile(Dir.file("web.h"), RequestHeader);
    writeFile(Dir.file("sys/httplib.h"),
              readFile(STATESCOPE_SOURCE_DIR "/tests/checks/Inputs/httplib_mock.h"));
    std::vector<std::string> Files;
    for (const auto &[Name, Text] : Sources) {
      writeFile(Dir.file(Name), Text);
      Files.push_back(Dir.file(Name));
    }
    writeFile(Dir.file("compile_commands.json"),
              compileDatabase(Dir.Path, Files, {"-isystem", Dir.file("sys")}));
  }
  ProcessResult statescope(std::vector<std::string> Args) const {
    Args.insert(Args.begin(), {"-p", Dir.Path, "--quiet"});
    return run(Cli, Args);
  }
  ProcessResult handlers(std::vector<std::string> Args = {}) const {
    Args.insert(Args.begin(), {"handlers", "-p", Dir.Path, "--quiet"});
    return run(Cli, Args);
  }
};

/// The .clang-tidy snippet the text listing ends with: from "CheckOptions:"
/// to the blank line after it.
std::string suggestedConfiguration(llvm::StringRef Listing) {
  size_t Start = Listing.find("CheckOptions:\n");
  if (Start == llvm::StringRef::npos)
    return "";
  llvm::StringRef Rest = Listing.drop_front(Start);
  return Rest.take_front(Rest.find("\n\n") + 1).str();
}

bool contains(llvm::StringRef Text, llvm::StringRef Part) { return Text.contains(Part); }

TEST(CliHandlers, ListsWhatItSeesAndItsSuggestionFindsTheLeakItMissed) {
  Server S({{"server.cpp", FrameworkServer}, {"api.cpp", OwnHandler}});

  // The run finds the route's leak and says nothing of the session.
  ProcessResult Before = S.statescope({"--no-cache"});
  EXPECT_EQ(1, Before.Status) << Before.Err;
  EXPECT_TRUE(contains(Before.Out, "'lastPath' is shared by every request")) << Before.Out;
  EXPECT_FALSE(contains(Before.Out, "currentSession")) << Before.Out;

  ProcessResult Listing = S.handlers();
  ASSERT_EQ(0, Listing.Status) << Listing.Err;
  const std::string &Out = Listing.Out;
  EXPECT_TRUE(contains(Out, "server.cpp:11:25: the handler for GET /orders\n"
                            "      rule: a framework's registration or handler shape\n"
                            "      request data: 'req' (const httplib::Request &)"))
      << Out;
  EXPECT_TRUE(contains(Out, "server.cpp:6:20: 'lastPath' is a namespace-scope variable: one "
                            "object for the whole process\n"
                            "      1 write, 1 storing request data; first at server.cpp:12:5"))
      << Out;
  EXPECT_TRUE(contains(Out, "api.cpp\n  request handlers: none (statescope does not know this "
                            "unit's server)"))
      << Out;
  EXPECT_TRUE(contains(Out, "api.cpp:14:13: 'handleAccount' takes 'req' (const web::Request "
                            "&): its type's name says request\n"
                            "      add HandlerFunctions: '^handleAccount$'"))
      << Out;
  std::string Suggested = suggestedConfiguration(Out);
  EXPECT_EQ("CheckOptions:\n  HandlerFunctions: '^handleAccount$'\n", Suggested) << Out;

  // Pasted into .clang-tidy, the suggestion makes the run find the leak.
  writeFile(S.Dir.file(".clang-tidy"), Suggested);
  ProcessResult After = S.statescope({"--no-cache"});
  EXPECT_EQ(1, After.Status) << After.Err;
  EXPECT_TRUE(contains(After.Out, "'currentSession' is shared by every request; the request "
                                  "handler 'handleAccount' stores request data ('req.user')"))
      << After.Out;

  // And the listing now shows the entry point as a configured handler.
  ProcessResult Configured = S.handlers();
  EXPECT_EQ(0, Configured.Status) << Configured.Err;
  EXPECT_TRUE(contains(Configured.Out, "rule: the HandlerFunctions option names it"))
      << Configured.Out;
  EXPECT_TRUE(contains(Configured.Out, "'currentSession' is a namespace-scope variable"))
      << Configured.Out;
  EXPECT_FALSE(contains(Configured.Out, "not analysed (")) << Configured.Out;
  EXPECT_FALSE(contains(Configured.Out, "CheckOptions:")) << Configured.Out;
}

TEST(CliHandlers, JsonListsTheSameFactsAsKeys) {
  Server S({{"server.cpp", FrameworkServer}, {"api.cpp", OwnHandler}});
  ProcessResult Listing = S.handlers({"--format=json"});
  ASSERT_EQ(0, Listing.Status) << Listing.Err;
  auto Parsed = llvm::json::parse(Listing.Out);
  ASSERT_TRUE(static_cast<bool>(Parsed)) << llvm::toString(Parsed.takeError());
  const llvm::json::Object &Root = *Parsed->getAsObject();
  EXPECT_EQ(1, Root.getInteger("version"));
  EXPECT_EQ("^handleAccount$",
            Root.getObject("suggestedOptions")->getString("HandlerFunctions").value_or(""));

  const llvm::json::Array &Units = *Root.getArray("units");
  ASSERT_EQ(2u, Units.size());
  // Units in the compile database's order: api.cpp, then server.cpp.
  const llvm::json::Object &Api = *Units[0].getAsObject();
  EXPECT_EQ("api.cpp", Api.getString("file").value_or(""));
  EXPECT_TRUE(Api.getArray("handlers")->empty());
  const llvm::json::Object &Candidate = *(*Api.getArray("unrecognised"))[0].getAsObject();
  EXPECT_EQ("handleAccount", Candidate.getString("name").value_or(""));
  EXPECT_EQ("request-like-name", Candidate.getString("evidence").value_or(""));
  EXPECT_EQ("HandlerFunctions", Candidate.getString("option").value_or(""));

  const llvm::json::Object &Server = *Units[1].getAsObject();
  const llvm::json::Object &Route = *(*Server.getArray("handlers"))[0].getAsObject();
  EXPECT_EQ("framework", Route.getString("rule").value_or(""));
  EXPECT_EQ("the handler for GET /orders", Route.getString("description").value_or(""));
  const llvm::json::Object &Shared = *(*Server.getArray("sharedObjects"))[0].getAsObject();
  EXPECT_EQ("lastPath", Shared.getString("name").value_or(""));
  EXPECT_EQ("global", Shared.getString("sharing").value_or(""));
  EXPECT_EQ(1, Shared.getInteger("requestDataWrites"));
}

TEST(CliHandlers, ALambdaGivenToTheProjectsRouterSuggestsTheRouterAsARegistration) {
  Server S({{"routes.cpp", OwnRouter}});
  EXPECT_EQ(0, S.statescope({"--no-cache"}).Status);
  ProcessResult Listing = S.handlers();
  ASSERT_EQ(0, Listing.Status) << Listing.Err;
  EXPECT_TRUE(contains(Listing.Out, "a lambda takes 'req' (const web::Request &): its type's "
                                    "name says request\n"
                                    "      add HandlerRegistrations: '^Router::add$' (the "
                                    "function it is passed to)"))
      << Listing.Out;
  writeFile(S.Dir.file(".clang-tidy"), suggestedConfiguration(Listing.Out));
  ProcessResult After = S.statescope({"--no-cache"});
  EXPECT_EQ(1, After.Status) << After.Err;
  EXPECT_TRUE(contains(After.Out, "'lastUser' is shared by every request")) << After.Out;

  ProcessResult Configured = S.handlers();
  EXPECT_TRUE(contains(Configured.Out, "rule: passed to a function the HandlerRegistrations "
                                       "option names"))
      << Configured.Out;
}

TEST(CliHandlers, AnnotatedAndDerivedRequestTypesAreTold) {
  Server S({{"mixed.cpp", R"cpp(
#include <httplib.h>
#include "web.h"
#include <string>
static int served = 0;
[[clang::annotate("statescope::request_handler")]] void count(const web::Request &) { ++served; }
struct ApiRequest : httplib::Request {};
void handleApi(const ApiRequest &request) {}
// Reached from the annotated handler: on the request path, not a candidate.
void audit(const web::Request &req) {}
[[clang::annotate("statescope::request_handler")]] void logged(const web::Request &req) {
  audit(req);
}
struct RequestLog {
  void merge(const RequestLog &other) {}
};
)cpp"}});
  ProcessResult Listing = S.handlers();
  ASSERT_EQ(0, Listing.Status) << Listing.Err;
  EXPECT_TRUE(contains(Listing.Out, "the request handler 'count'\n"
                                    "      rule: the statescope::request_handler annotation"))
      << Listing.Out;
  EXPECT_TRUE(contains(Listing.Out, "'served' is a namespace-scope variable")) << Listing.Out;
  // A class of the project's own derived from a framework's request: the
  // project's dispatcher hands it every request, so a function taking one is
  // a handler, not a candidate.
  EXPECT_TRUE(contains(Listing.Out, "the function taking request type 'ApiRequest' ('handleApi')\n"
                                    "      rule: it takes the project's class derived from a "
                                    "framework's request type"))
      << Listing.Out;
  EXPECT_FALSE(contains(Listing.Out, "'handleApi' takes")) << Listing.Out;
  EXPECT_FALSE(contains(Listing.Out, "'audit' takes")) << Listing.Out;
  EXPECT_FALSE(contains(Listing.Out, "'RequestLog::merge' takes")) << Listing.Out;
  EXPECT_TRUE(contains(Listing.Out, "3 request handlers in 1 unit")) << Listing.Out;
}

TEST(CliHandlers, AFunctionAnotherFilesHandlerCallsIsListedByTheWholeProgramRule) {
  Server S({{"server.cpp", R"cpp(
#include <httplib.h>
#include <string>
void remember(const std::string &path);
int main() {
  httplib::Server server;
  server.Get("/orders", [](const httplib::Request &req, httplib::Response &) {
    remember(req.path);
  });
  return 0;
}
)cpp"},
            {"store.cpp", R"cpp(
#include <string>
static std::string lastPath;
void remember(const std::string &path) { lastPath = path; }
)cpp"}});
  ProcessResult Listing = S.handlers();
  ASSERT_EQ(0, Listing.Status) << Listing.Err;
  EXPECT_TRUE(contains(Listing.Out, "store.cpp:4:6: 'remember', called per request by the "
                                    "handler for GET /orders"))
      << Listing.Out;
  EXPECT_TRUE(contains(Listing.Out, "rule: another file's handler calls it with request data\n"
                                    "      request data: 'path' (const std::string &)"))
      << Listing.Out;
  EXPECT_TRUE(contains(Listing.Out, "store.cpp:3:20: 'lastPath' is a namespace-scope variable"))
      << Listing.Out;
}

TEST(CliHandlers, BadUsageAndUnitsThatDoNotCompile) {
  Server S({{"api.cpp", OwnHandler}});
  ProcessResult Fix = S.handlers({"--fix"});
  EXPECT_EQ(2, Fix.Status);
  EXPECT_EQ("statescope: error: handlers does not take -fix; it lists what statescope "
            "recognises, not findings\n",
            Fix.Err);
  ProcessResult Sarif = S.handlers({"--format=sarif"});
  EXPECT_EQ(2, Sarif.Status);
  EXPECT_TRUE(contains(Sarif.Err, "handlers prints --format=text or --format=json")) << Sarif.Err;

  Server Broken({{"broken.cpp", "int f() { return undeclared; }\n"}});
  ProcessResult Listing = Broken.handlers();
  EXPECT_EQ(3, Listing.Status) << Listing.Err;
  EXPECT_TRUE(contains(Listing.Out, "broken.cpp\n  not analysed: it does not compile: "))
      << Listing.Out;
  EXPECT_TRUE(contains(Listing.Out, "1 unit not analysed")) << Listing.Out;
}

} // namespace
} // namespace statescope::test
