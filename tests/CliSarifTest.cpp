//===--- CliSarifTest.cpp - findings where code scanning shows them -------===//
//
// The SARIF log as GitHub reads it: the two requests' interleaving as code
// flows on fixtures with a suspension and with two handlers, the rules'
// metadata and links, Microsoft's validator with GitHub's rules, and
// fingerprints that survive the edits that do not change a finding; and
// the same timeline in the text output (--show-interleaving).
//
//===----------------------------------------------------------------------===//

#include "Expectations.h"
#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include <gtest/gtest.h>
#include <set>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";
// Installed by `make sarif-validator` (npm); the test is skipped without it.
constexpr const char *Multitool =
    STATESCOPE_BINARY_DIR "/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/"
                          "Sarif.Multitool";

using llvm::json::Array;
using llvm::json::Object;

llvm::json::Value parseJson(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  EXPECT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError()) << "\n" << Text;
  return V ? std::move(*V) : llvm::json::Value(nullptr);
}

const Object &run0(const llvm::json::Value &Log) {
  return *(*Log.getAsObject()->getArray("runs"))[0].getAsObject();
}

std::string text(const Object *Message) {
  return Message ? Message->getString("text").value_or("").str() : "";
}

/// One step of a thread flow: its order, line and message.
struct Step {
  int64_t Order;
  int64_t Line;
  std::string Text;
};

std::vector<Step> steps(const Object &ThreadFlow) {
  std::vector<Step> Result;
  for (const llvm::json::Value &V : *ThreadFlow.getArray("locations")) {
    const Object &L = *V.getAsObject();
    const Object &Location = *L.getObject("location");
    Result.push_back(
        {*L.getInteger("executionOrder"),
         *Location.getObject("physicalLocation")->getObject("region")->getInteger("startLine"),
         text(Location.getObject("message"))});
  }
  return Result;
}

/// Request A's and request B's steps of each result that has two.
std::vector<std::pair<std::vector<Step>, std::vector<Step>>> interleavings(const Object &Run) {
  std::vector<std::pair<std::vector<Step>, std::vector<Step>>> Result;
  for (const llvm::json::Value &R : *Run.getArray("results")) {
    const Array *Flows = R.getAsObject()->getArray("codeFlows");
    if (!Flows)
      continue;
    EXPECT_EQ(1u, Flows->size());
    const Array &Threads = *(*Flows)[0].getAsObject()->getArray("threadFlows");
    for (const llvm::json::Value &T : Threads)
      EXPECT_FALSE(T.getAsObject()->getArray("locations")->empty());
    if (Threads.size() == 2)
      Result.push_back({steps(*Threads[0].getAsObject()), steps(*Threads[1].getAsObject())});
  }
  return Result;
}

/// statescope --format=sarif over one fixture, in place.
llvm::json::Value sarifOfFixture(const std::string &Name, const ScratchDir &Dir) {
  std::string Path = STATESCOPE_SOURCE_DIR "/tests/checks/" + Name;
  auto F = parseFixture(Path, STATESCOPE_BINARY_DIR);
  EXPECT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Path}, F->Args));
  std::vector<std::string> Args = {
      "-p", Dir.Path, "--checks=" + F->Checks, "--format=sarif", "--quiet", "--no-cache"};
  if (!F->Config.empty())
    Args.push_back("--config=" + F->Config);
  ProcessResult R = run(Cli, Args);
  EXPECT_EQ(1, R.Status) << R.Err;
  return parseJson(R.Out);
}

bool mentions(const std::vector<Step> &Steps, llvm::StringRef Words) {
  return llvm::any_of(Steps,
                      [&](const Step &S) { return llvm::StringRef(S.Text).contains(Words); });
}

TEST(CliSarif, CodeFlowShowsRequestAReadingBackAfterItsSuspension) {
  ScratchDir Dir;
  llvm::json::Value Log = sarifOfFixture("coroutines/task_type.cpp", Dir);
  unsigned Suspended = 0;
  for (const auto &[A, B] : interleavings(run0(Log))) {
    // A writes, B writes later, A reads last: after its suspension.
    const Step &Read = A.back();
    if (!llvm::StringRef(Read.Text).contains("suspend") &&
        !llvm::StringRef(Read.Text).contains("resuming"))
      continue;
    ++Suspended;
    for (const Step &S : B)
      EXPECT_LT(S.Order, Read.Order) << Read.Text;
    EXPECT_LT(A.front().Order, B.front().Order);
    // B's last step is a write, as one of A's steps before its read.
    EXPECT_TRUE(llvm::any_of(A, [&](const Step &S) {
      return S.Line == B.back().Line && S.Text == B.back().Text && S.Order < B.back().Order;
    })) << B.back().Text;
  }
  EXPECT_GE(Suspended, 1u) << "no code flow reads back after a suspension";
}

TEST(CliSarif, CodeFlowShowsTwoHandlersAsRequestAAndRequestB) {
  ScratchDir Dir;
  llvm::json::Value Log = sarifOfFixture("singleton-setter-fix.cpp", Dir);
  unsigned TwoHandlers = 0;
  for (const auto &[A, B] : interleavings(run0(Log))) {
    auto Handler = [](const std::vector<Step> &Steps) {
      for (const Step &S : Steps)
        if (llvm::StringRef(S.Text).ends_with(" runs once per request"))
          return S.Text;
      return std::string();
    };
    if (Handler(A).empty() || Handler(B).empty() || Handler(A) == Handler(B))
      continue;
    ++TwoHandlers;
    EXPECT_TRUE(mentions(A, " here")) << "request A has no write";
    EXPECT_TRUE(mentions(B, " here")) << "request B has no write";
    EXPECT_GT(A.back().Order, B.back().Order) << "request A does not read after B's write";
  }
  EXPECT_GE(TwoHandlers, 1u) << "no code flow with two handlers";

  // The message links the handler it names to the handler's note.
  const Array &Results = *run0(Log).getArray("results");
  unsigned Linked = 0;
  for (const llvm::json::Value &R : Results) {
    const Object &Result = *R.getAsObject();
    std::string Message = text(Result.getObject("message"));
    // The check's own words are kept for merge; the links only add.
    std::optional<llvm::StringRef> Plain = Result.getObject("properties")->getString("message");
    ASSERT_TRUE(Plain);
    if (!llvm::StringRef(Message).contains("]("))
      EXPECT_EQ(*Plain, Message);
    const Array *Related = Result.getArray("relatedLocations");
    for (size_t I = 0; Related && I < Related->size(); ++I) {
      std::string Link = "](" + std::to_string(I) + ")";
      std::string Note = text((*Related)[I].getAsObject()->getObject("message"));
      if (llvm::StringRef(Note).ends_with(" runs once per request") &&
          llvm::StringRef(Message).contains(Link))
        ++Linked;
    }
  }
  EXPECT_GE(Linked, 1u);
}

TEST(CliSarif, RulesNameTheirPageWhichExistsAndTheBaseUrlCanBeSet) {
  ScratchDir Dir;
  writeFile(Dir.file("server.cpp"), LeakySource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Dir.file("server.cpp")}));
  auto Rules = [&](std::vector<std::string> Extra) {
    std::vector<std::string> Args = {"-p", Dir.Path, "--format=sarif", "--quiet"};
    Args.insert(Args.end(), Extra.begin(), Extra.end());
    ProcessResult R = run(Cli, Args);
    EXPECT_EQ(1, R.Status) << R.Err;
    llvm::json::Value Log = parseJson(R.Out);
    const Object &Driver = *run0(Log).getObject("tool")->getObject("driver");
    return std::make_pair(Driver.getString("informationUri").value_or("").str(),
                          *Driver.getArray("rules"));
  };
  auto [Information, ByDefault] = Rules({});
  EXPECT_EQ("file://" STATESCOPE_SOURCE_DIR "/README.md", Information);
  for (const llvm::json::Value &V : ByDefault) {
    const Object &Rule = *V.getAsObject();
    llvm::StringRef Id = *Rule.getString("id");
    llvm::StringRef Uri = *Rule.getString("helpUri");
    ASSERT_TRUE(Uri.consume_front("file://")) << Uri.str();
    EXPECT_TRUE(llvm::sys::fs::is_regular_file(Uri)) << Uri.str();
    EXPECT_TRUE(Uri.ends_with("/docs/checks/" + Id.drop_front(11).str() + ".md")) << Uri.str();
    // SingletonSetter for statescope-singleton-setter.
    llvm::StringRef Name = *Rule.getString("name");
    EXPECT_TRUE(llvm::isUpper(Name.front()) && !Name.contains('-')) << Name.str();
    EXPECT_EQ(Id.drop_front(11).size() - Id.drop_front(11).count('-'), Name.size());
    EXPECT_FALSE(text(Rule.getObject("shortDescription")).empty());
    EXPECT_FALSE(text(Rule.getObject("fullDescription")).empty());
    const Object &Properties = *Rule.getObject("properties");
    EXPECT_FALSE(Properties.getArray("tags")->empty());
    EXPECT_TRUE(Properties.getString("precision"));
    EXPECT_FALSE(Properties.getString("security-severity")) << "no CVSS score is claimed";
  }
  auto [Forge, Set] = Rules({"--doc-base-url=https://example.org/statescope/blob/v1"});
  EXPECT_EQ("https://example.org/statescope/blob/v1/README.md", Forge);
  EXPECT_EQ("https://example.org/statescope/blob/v1/docs/checks/mutable-static.md",
            Set[0].getAsObject()->getString("helpUri"));
}

/// Microsoft's validator's verdicts on Log at level error or warning, as
/// "RULE: message" lines.
std::vector<std::string> validatorProblems(const ScratchDir &Dir, const std::string &Log) {
  std::string In = Dir.file("in.sarif"), Out = Dir.file("validation.sarif");
  writeFile(In, Log);
  llvm::sys::fs::remove(Out);
  ProcessResult R = run(Multitool, {"validate", "--rule-kind", "Gh;Sarif", "--level",
                                    "Error;Warning", "-o", Out, In});
  EXPECT_EQ(0, R.Status) << R.Out << R.Err;
  llvm::json::Value Verdict = parseJson(readFile(Out));
  std::vector<std::string> Problems;
  for (const llvm::json::Value &V : *run0(Verdict).getArray("results")) {
    const Object &Result = *V.getAsObject();
    llvm::StringRef Level = Result.getString("level").value_or("warning");
    if (Level == "error" || Level == "warning")
      Problems.push_back(Result.getString("ruleId")->str() + ": " +
                         text(Result.getObject("message")));
  }
  return Problems;
}

TEST(CliSarif, MicrosoftsValidatorWithGithubsRulesFindsNothingToFix) {
  if (!llvm::sys::fs::can_execute(Multitool))
    GTEST_SKIP() << "Microsoft's SARIF validator is not installed: `make sarif-validator` installs "
                    "@microsoft/sarif-multitool with npm into the build directory";
  ScratchDir Dir;
  // Findings with notes, fixes and code flows, and a unit that fails.
  writeFile(Dir.file("server.cpp"), LeakySource);
  writeFile(Dir.file("broken.cpp"), "int main() { return undeclared; }\n");
  std::string Coroutines = Dir.file("task_type.cpp");
  writeFile(Coroutines, readFile(STATESCOPE_SOURCE_DIR "/tests/checks/coroutines/task_type.cpp"));
  writeFile(Dir.file("compile_commands.json"),
            compileDatabase(Dir.Path, {Dir.file("server.cpp"), Dir.file("broken.cpp"), Coroutines},
                            {"-std=c++20"}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=sarif", "--quiet"});
  ASSERT_EQ(3, R.Status) << R.Err;
  ASSERT_NE(std::string::npos, R.Out.find("\"codeFlows\""));
  std::vector<std::string> Problems = validatorProblems(Dir, R.Out);
  EXPECT_TRUE(Problems.empty()) << llvm::join(Problems, "\n");

  // It does check: a rule without its full description is GitHub's GH2012.
  llvm::json::Value Broken = parseJson(R.Out);
  Object &Run = *(*Broken.getAsObject()->getArray("runs"))[0].getAsObject();
  (*Run.getObject("tool")->getObject("driver")->getArray("rules"))[0].getAsObject()->erase(
      "fullDescription");
  std::string BrokenText;
  llvm::raw_string_ostream(BrokenText) << Broken;
  Problems = validatorProblems(Dir, BrokenText);
  ASSERT_EQ(1u, Problems.size()) << llvm::join(Problems, "\n");
  EXPECT_TRUE(llvm::StringRef(Problems[0]).starts_with("GH2012")) << Problems[0];
}

/// Two handlers write one shared session.
const char *const SessionSource = R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
class Session {
public:
  void set(const std::string &u) { user_ = u; }
private:
  std::string user_;
};
Session session;
[[clang::annotate("statescope::request_handler")]]
void handleLogin(const web::Request &req) { session.set(req.user); }
[[clang::annotate("statescope::request_handler")]]
void handleRefresh(const web::Request &req) { session.set(req.user); }
)cpp";

TEST(CliSarif, FingerprintsSurviveACommentOnTheLineAndARenameInAnotherHandler) {
  ScratchDir Dir;
  std::string Source = Dir.file("session.cpp");
  writeFile(Source, SessionSource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  auto Fingerprints = [&] {
    ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=sarif", "--quiet", "--no-cache"});
    EXPECT_EQ(1, R.Status) << R.Err;
    llvm::json::Value Log = parseJson(R.Out);
    std::map<std::string, std::string> ByRule; // rule -> primaryLocationLineHash
    std::string Messages;
    for (const llvm::json::Value &V : *run0(Log).getArray("results")) {
      const Object &Result = *V.getAsObject();
      const Object &Prints = *Result.getObject("partialFingerprints");
      EXPECT_EQ(Prints.getString("statescope/v2"), Prints.getString("primaryLocationLineHash"));
      ByRule[Result.getString("ruleId")->str()] +=
          Prints.getString("primaryLocationLineHash")->str() + " ";
      Messages += Result.getObject("properties")->getString("message")->str() + "\n";
    }
    return std::make_pair(ByRule, Messages);
  };
  auto [Before, MessagesBefore] = Fingerprints();
  ASSERT_FALSE(Before.empty());
  std::string Baseline = Dir.file("baseline.json");
  ASSERT_EQ(0, run(Cli, {"-p", Dir.Path, "--write-baseline=" + Baseline, "--quiet"}).Status);

  // A comment on the finding's line, and the handler the message names
  // renamed (its parameter too).
  std::string Edited = SessionSource;
  Edited.replace(Edited.find("Session session;"), 16,
                 "Session session; // one for the server, see the login flow");
  Edited.replace(Edited.find("handleLogin(const web::Request &req) { session.set(req.user)"), 60,
                 "handleSignIn(const web::Request &request) { session.set(request.user)");
  writeFile(Source, Edited);
  auto [After, MessagesAfter] = Fingerprints();
  EXPECT_NE(MessagesBefore, MessagesAfter) << "the edit should reword the messages";
  EXPECT_NE(std::string::npos, MessagesBefore.find("handleLogin")) << MessagesBefore;
  EXPECT_EQ(Before, After);
  ProcessResult Known = run(Cli, {"-p", Dir.Path, "--baseline=" + Baseline, "--format=json"});
  EXPECT_EQ(0, Known.Status) << Known.Out << Known.Err;

  // A change to the code of the line is a new finding.
  Edited.replace(Edited.find("Session session;"), 16, "Session session{};");
  writeFile(Source, Edited);
  EXPECT_EQ(1, run(Cli, {"-p", Dir.Path, "--baseline=" + Baseline, "--quiet"}).Status);
}

TEST(CliSarif, ShowInterleavingPrintsBothRequestsUnderEachFinding) {
  ScratchDir Dir;
  std::string Source = Dir.file("session.cpp");
  writeFile(Source, SessionSource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult Plain =
      run(Cli, {"-p", Dir.Path, "--quiet", "--checks=-*,statescope-singleton-setter"});
  ProcessResult Shown = run(Cli, {"-p", Dir.Path, "--quiet", "--show-interleaving",
                                  "--checks=-*,statescope-singleton-setter"});
  EXPECT_EQ(1, Shown.Status) << Shown.Err;
  EXPECT_EQ(std::string::npos, Plain.Out.find("two requests interleaved"));
  // The report as before, then the timeline: A in handleLogin, B in
  // handleRefresh, A's use of the session last.
  ASSERT_TRUE(llvm::StringRef(Shown.Out).starts_with(Plain.Out.substr(0, Plain.Out.size())))
      << Shown.Out;
  llvm::StringRef Timeline = llvm::StringRef(Shown.Out).drop_front(Plain.Out.size());
  EXPECT_EQ("  two requests interleaved:\n"
            "    A session.cpp:11:6   the request handler 'handleLogin' runs once per request\n"
            "    A session.cpp:11:45  stores request data ('req.user') in it through 'set' here\n"
            "    B session.cpp:13:6   the request handler 'handleRefresh' runs once per request\n"
            "    B session.cpp:13:47  stores request data ('req.user') in it through 'set' here\n"
            "    A session.cpp:9:9    request A uses it afterwards and may get request B's value\n",
            Timeline.str());
}

} // namespace
} // namespace statescope::test
