//===--- FrontEndTest.cpp - statescope inside clang-tidy and clangd -------===//
//
// Drives the real binaries: clang-tidy-19 loading the plugin, and
// statescope-clangd over an LSP session. The CLI has CliTest.cpp.
//
//===----------------------------------------------------------------------===//

#include "Expectations.h"
#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statescope::test {
namespace {

//===----------------------------------------------------------------------===//
// The fixture harness itself: it must fail when the checks misbehave
//===----------------------------------------------------------------------===//

TEST(Harness, ComparesEveryDiagnosticWithEveryExpectation) {
  ScratchDir Dir;
  std::string Path = Dir.file("f.cpp");
  writeFile(Dir.file("h.h"), "int h;\n");
  writeFile(Path, "int a; // expected-warning {{shared by every request}}\n"
                  "// expected-note@+1 2 {{runs once}}\n"
                  "int b;\n"
                  "// expected-note@h.h:1 {{in a header}}\n");
  auto F = parseFixture(Path, "");
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  ASSERT_EQ(4u, F->Expectations.size());

  std::vector<Diagnostic> Exact = {
      {Path, 1, "warning", "'a' is shared by every request", "statescope-x"},
      {Path, 3, "note", "it runs once per request", ""},
      {Path, 3, "note", "it runs once per request", ""},
      {Dir.file("h.h"), 1, "note", "declared in a header", ""}};
  EXPECT_TRUE(compare(*F, Exact).empty());

  std::vector<Diagnostic> Extra = Exact;
  Extra.push_back({Path, 2, "warning", "surprise", "statescope-x"});
  auto Problems = compare(*F, Extra);
  ASSERT_EQ(1u, Problems.size());
  EXPECT_NE(std::string::npos, Problems[0].find("unexpected warning")) << Problems[0];

  std::vector<Diagnostic> Missing(Exact.begin(), Exact.begin() + 2);
  EXPECT_EQ(2u, compare(*F, Missing).size()); // one note and the header note not seen

  std::vector<Diagnostic> WrongLine = Exact;
  WrongLine[0].Line = 2;
  EXPECT_EQ(2u, compare(*F, WrongLine).size()); // unexpected, and not seen

  std::vector<Diagnostic> WrongLevel = Exact;
  WrongLevel[0].Level = "note";
  EXPECT_EQ(2u, compare(*F, WrongLevel).size());

  std::vector<Diagnostic> WrongFile = Exact;
  WrongFile[3].File = Path;
  EXPECT_EQ(2u, compare(*F, WrongFile).size());
}

TEST(Harness, RejectsFixturesThatStateNothing) {
  ScratchDir Dir;
  writeFile(Dir.file("empty.cpp"), "int a;\n");
  auto Empty = parseFixture(Dir.file("empty.cpp"), "");
  EXPECT_FALSE(static_cast<bool>(Empty));
  llvm::consumeError(Empty.takeError());

  writeFile(Dir.file("both.cpp"), "// expected-no-diagnostics\nint a; // expected-warning {{x}}\n");
  auto Both = parseFixture(Dir.file("both.cpp"), "");
  EXPECT_FALSE(static_cast<bool>(Both));
  llvm::consumeError(Both.takeError());
}

TEST(Harness, ReadsClangStyleOutput) {
  auto D = parseClangOutput("/a/b.cpp:12:3: warning: 'x' is shared [statescope-mutable-static]\n"
                            "  int x;\n  ^\n/a/b.cpp:14:1: note: written here\n");
  ASSERT_EQ(2u, D.size());
  EXPECT_EQ("/a/b.cpp", D[0].File);
  EXPECT_EQ(12u, D[0].Line);
  EXPECT_EQ("warning", D[0].Level);
  EXPECT_EQ("'x' is shared", D[0].Message);
  EXPECT_EQ("statescope-mutable-static", D[0].Check);
  EXPECT_EQ("note", D[1].Level);
  EXPECT_EQ("", D[1].Check);
}

//===----------------------------------------------------------------------===//
// clang-tidy-19 with the plugin
//===----------------------------------------------------------------------===//

class PluginFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PluginFixture, ClangTidyLoadsThePluginAndReportsWhatTheFixtureExpects) {
  auto F = parseFixture(GetParam(), STATESCOPE_BINARY_DIR);
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  if (std::string Missing = F->missingRequirement(); !Missing.empty())
    GTEST_SKIP() << "needs " << Missing;
  auto ClangTidy = llvm::sys::findProgramByName("clang-tidy-19");
  ASSERT_TRUE(static_cast<bool>(ClangTidy)) << "clang-tidy-19 is not installed";

  std::vector<std::string> Args = {"--load=" STATESCOPE_BINARY_DIR "/lib/libstatescope-tidy.so",
                                   "--checks=" + F->Checks, "--quiet"};
  if (!F->Config.empty())
    Args.push_back("--config=" + F->Config);
  Args.push_back(F->Path);
  Args.push_back("--");
  for (const std::string &A : F->Args)
    Args.push_back(A);
  ProcessResult R = run(*ClangTidy, Args);
  ASSERT_NE(R.Status, -1) << R.Err;
  EXPECT_EQ(std::string::npos, R.Err.find("error: ")) << R.Err;

  std::vector<std::string> Problems = compare(*F, parseClangOutput(R.Out));
  std::string Report;
  for (const std::string &P : Problems)
    Report += "  " + P + "\n";
  EXPECT_TRUE(Problems.empty()) << F->Path << ":\n" << Report << "output:\n" << R.Out;
}

TEST(Plugin, InvalidRegularExpressionsInOptionsAreConfigurationErrors) {
  auto ClangTidy = llvm::sys::findProgramByName("clang-tidy-19");
  ASSERT_TRUE(static_cast<bool>(ClangTidy)) << "clang-tidy-19 is not installed";
  ScratchDir Dir;
  std::string File = Dir.file("handler.cpp");
  writeFile(File, "long g_count;\nvoid handle() { ++g_count; }\n");
  ProcessResult R =
      run(*ClangTidy, {"--load=" STATESCOPE_BINARY_DIR "/lib/libstatescope-tidy.so",
                       "--checks=-*,statescope-mutable-static",
                       "--config={CheckOptions: {HandlerFunctions: 'handle('}}", File, "--"});
  std::string Output = R.Out + R.Err;
  EXPECT_NE(std::string::npos,
            Output.find("error: statescope-mutable-static: option 'HandlerFunctions': 'handle(' "
                        "is not a valid regular expression (parentheses not balanced) "
                        "[clang-tidy-config]"))
      << Output;
  EXPECT_NE(0, R.Status);
}

std::string testName(const ::testing::TestParamInfo<std::string> &Info) {
  return fixtureTestName(Info.param, STATESCOPE_SOURCE_DIR "/tests/checks/");
}

INSTANTIATE_TEST_SUITE_P(Checks, PluginFixture,
                         ::testing::ValuesIn(listFixtures(STATESCOPE_SOURCE_DIR "/tests/checks")),
                         testName);

//===----------------------------------------------------------------------===//
// statescope-clangd over LSP
//===----------------------------------------------------------------------===//

/// A language server child process spoken to over its standard streams.
class LspSession {
public:
  explicit LspSession(std::vector<std::string> Command) {
    int ToChild[2], FromChild[2];
    if (pipe(ToChild) || pipe(FromChild))
      return;
    Pid = fork();
    if (Pid == 0) {
      dup2(ToChild[0], 0);
      dup2(FromChild[1], 1);
      int Null = ::open("/dev/null", O_WRONLY);
      dup2(Null, 2);
      close(ToChild[1]);
      close(FromChild[0]);
      std::vector<char *> Argv;
      for (std::string &A : Command)
        Argv.push_back(A.data());
      Argv.push_back(nullptr);
      execv(Argv[0], Argv.data());
      _exit(127);
    }
    close(ToChild[0]);
    close(FromChild[1]);
    In = ToChild[1];
    Out = FromChild[0];
  }

  ~LspSession() {
    if (Pid > 0) {
      kill(Pid, SIGKILL);
      waitpid(Pid, nullptr, 0);
    }
    if (In >= 0)
      close(In);
    if (Out >= 0)
      close(Out);
  }

  bool started() const { return Pid > 0; }

  void send(llvm::json::Value Message) {
    std::string Body;
    llvm::raw_string_ostream OS(Body);
    OS << Message;
    OS.flush();
    std::string Frame = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
    [[maybe_unused]] ssize_t Written = write(In, Frame.data(), Frame.size());
  }

  void request(int Id, llvm::StringRef Method, llvm::json::Value Params) {
    send(llvm::json::Object{
        {"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", std::move(Params)}});
  }
  void notify(llvm::StringRef Method, llvm::json::Value Params) {
    send(llvm::json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }
  /// Opens a C++ document, as an editor does when a file is shown.
  void open(llvm::StringRef Uri, llvm::StringRef Text) {
    notify("textDocument/didOpen",
           llvm::json::Object{{"textDocument", llvm::json::Object{{"uri", Uri},
                                                                  {"languageId", "cpp"},
                                                                  {"version", 1},
                                                                  {"text", Text}}}});
  }

  /// The next message, or nothing once Deadline passes.
  std::optional<llvm::json::Value> receive(std::chrono::steady_clock::time_point Deadline) {
    while (true) {
      size_t HeaderEnd = Buffer.find("\r\n\r\n");
      if (HeaderEnd != std::string::npos) {
        llvm::StringRef Header = llvm::StringRef(Buffer).take_front(HeaderEnd);
        size_t Length = 0;
        for (llvm::StringRef Line : llvm::split(Header, "\r\n"))
          if (Line.consume_front("Content-Length: "))
            Line.trim().getAsInteger(10, Length);
        if (Buffer.size() >= HeaderEnd + 4 + Length) {
          std::string Body = Buffer.substr(HeaderEnd + 4, Length);
          Buffer.erase(0, HeaderEnd + 4 + Length);
          if (auto V = llvm::json::parse(Body))
            return std::move(*V);
          else
            llvm::consumeError(V.takeError());
          continue;
        }
      }
      auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
          Deadline - std::chrono::steady_clock::now());
      if (Left.count() <= 0)
        return std::nullopt;
      pollfd P{Out, POLLIN, 0};
      if (poll(&P, 1, static_cast<int>(Left.count())) <= 0)
        return std::nullopt;
      char Chunk[65536];
      ssize_t N = read(Out, Chunk, sizeof(Chunk));
      if (N <= 0)
        return std::nullopt;
      Buffer.append(Chunk, N);
    }
  }

private:
  pid_t Pid = -1;
  int In = -1, Out = -1;
  std::string Buffer;
};

/// Our clangd on a scratch project holding Sources (path, text), with the
/// statescope checks enabled as docs/clangd.md says (no FastCheckFilter:
/// statescope's clangd knows its checks are fast), initialized for a client
/// with Capabilities.
std::unique_ptr<LspSession> startClangd(const ScratchDir &Dir,
                                        const std::vector<std::string> &Sources,
                                        const std::vector<std::string> &Args = {},
                                        llvm::json::Object Capabilities = {}) {
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Sources, Args));
  writeFile(Dir.file(".clangd"), "Diagnostics:\n  ClangTidy:\n    Add: [statescope-*]\n");
  auto Server = std::make_unique<LspSession>(std::vector<std::string>{
      STATESCOPE_BINARY_DIR "/bin/statescope-clangd", "--compile-commands-dir=" + Dir.Path,
      "--log=error", "--background-index=false", "--clang-tidy"});
  if (!Server->started())
    return Server;
  Server->request(1, "initialize",
                  llvm::json::Object{{"processId", static_cast<int64_t>(getpid())},
                                     {"rootUri", "file://" + Dir.Path},
                                     {"capabilities", std::move(Capabilities)}});
  Server->notify("initialized", llvm::json::Object{});
  return Server;
}

TEST(Clangd, PublishesDiagnosticsAndOffersThePerRequestRewrite) {
  ScratchDir Dir;
  std::string Source = Dir.file("leaky.cpp");
  writeFile(Source, LeakySource);
  auto Session = startClangd(Dir, {Source});
  LspSession &Server = *Session;
  ASSERT_TRUE(Server.started());
  std::string Uri = "file://" + Source;
  Server.open(Uri, LeakySource);

  std::vector<std::string> Codes;
  std::string Message;
  std::optional<llvm::json::Value> SingletonDiagnostic;
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Codes.empty()) {
    auto Received = Server.receive(Deadline);
    ASSERT_TRUE(Received.has_value()) << "no statescope diagnostics before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    if (!Obj || Obj->getString("method") != "textDocument/publishDiagnostics")
      continue;
    const llvm::json::Object *Params = Obj->getObject("params");
    if (!Params || Params->getString("uri") != Uri)
      continue;
    for (const llvm::json::Value &D : *Params->getArray("diagnostics")) {
      const llvm::json::Object *Diag = D.getAsObject();
      auto Code = Diag->getString("code");
      if (Code && Code->starts_with("statescope-")) {
        Codes.push_back(Code->str());
        if (*Code == "statescope-singleton-setter") {
          Message = Diag->getString("message").value_or("").str();
          SingletonDiagnostic = D;
        }
      }
    }
  }
  EXPECT_TRUE(llvm::is_contained(Codes, "statescope-singleton-setter"));
  EXPECT_TRUE(llvm::is_contained(Codes, "statescope-request-field"));
  EXPECT_NE(std::string::npos, Message.find("'orderManager' is shared by every request"))
      << Message;

  // The per-request rewrite is a code action on the finding.
  ASSERT_TRUE(SingletonDiagnostic.has_value());
  const llvm::json::Object *Diag = SingletonDiagnostic->getAsObject();
  Server.request(2, "textDocument/codeAction",
                 llvm::json::Object{
                     {"textDocument", llvm::json::Object{{"uri", Uri}}},
                     {"range", *Diag->get("range")},
                     {"context", llvm::json::Object{
                                     {"diagnostics", llvm::json::Array{*SingletonDiagnostic}}}}});
  std::string Edits;
  std::vector<std::string> Titles;
  while (true) {
    auto Received = Server.receive(Deadline);
    ASSERT_TRUE(Received.has_value()) << "no code actions before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    if (!Obj || Obj->getInteger("id") != 2)
      continue;
    const llvm::json::Array *Actions = Obj->getArray("result");
    ASSERT_NE(nullptr, Actions) << llvm::formatv("{0}", *Received).str();
    for (const llvm::json::Value &Action : *Actions) {
      const llvm::json::Object *A = Action.getAsObject();
      Titles.push_back(A->getString("title").value_or("").str());
      // Without client capabilities clangd sends a fix as a command whose
      // argument is the workspace edit.
      Edits += llvm::formatv("{0}", Action).str();
    }
    break;
  }
  EXPECT_TRUE(llvm::any_of(Titles, [](const std::string &T) {
    return T.find("makeOrderManager") != std::string::npos;
  })) << llvm::join(Titles, " | ");
  EXPECT_NE(std::string::npos, Edits.find("auto orderManager = makeOrderManager(req.user)"))
      << Edits;
  EXPECT_NE(std::string::npos, Edits.find("OrderManager makeOrderManager(const std::string &user)"))
      << Edits;
}

// Code as an editor sends it while it is typed: every prefix of a file that
// ends with a half-written function. clangd analyses each version with the
// checks (which must not crash on the broken ASTs) and still reports the
// finding in the code that parsed, beside clang's errors.
TEST(Clangd, ChecksSurviveHalfWrittenCode) {
  ScratchDir Dir;
  std::string Source = Dir.file("typing.cpp");
  std::string Text = std::string(LeakySource) + "void unfinished() { int x = ; orderManager.\n";
  writeFile(Source, "");
  auto Session = startClangd(Dir, {Source});
  LspSession &Server = *Session;
  ASSERT_TRUE(Server.started());
  std::string Uri = "file://" + Source;

  /// The diagnostics clangd publishes for Version: (code, severity) pairs.
  auto DiagnosticsOf = [&](int64_t Version) {
    std::vector<std::pair<std::string, int64_t>> Result;
    auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (auto Received = Server.receive(Deadline)) {
      const llvm::json::Object *Obj = Received->getAsObject();
      const llvm::json::Object *Params = Obj ? Obj->getObject("params") : nullptr;
      if (!Params || Obj->getString("method") != "textDocument/publishDiagnostics" ||
          Params->getString("uri") != Uri || Params->getInteger("version") != Version)
        continue;
      for (const llvm::json::Value &D : *Params->getArray("diagnostics"))
        Result.push_back({D.getAsObject()->getString("code").value_or("").str(),
                          D.getAsObject()->getInteger("severity").value_or(0)});
      return std::optional(Result);
    }
    return std::optional<decltype(Result)>();
  };

  // Cut every 40 bytes, then the whole text.
  std::vector<size_t> Cuts;
  for (size_t Cut = 0; Cut < Text.size(); Cut += 40)
    Cuts.push_back(Cut);
  Cuts.push_back(Text.size());
  std::optional<std::vector<std::pair<std::string, int64_t>>> Last;
  for (size_t V = 0; V < Cuts.size(); ++V) {
    llvm::json::Object Document{{"uri", Uri}, {"version", static_cast<int64_t>(V)}};
    std::string Prefix = Text.substr(0, Cuts[V]);
    if (V == 0) {
      Document["languageId"] = "cpp";
      Document["text"] = Prefix;
      Server.notify("textDocument/didOpen",
                    llvm::json::Object{{"textDocument", std::move(Document)}});
    } else {
      Server.notify("textDocument/didChange",
                    llvm::json::Object{{"textDocument", std::move(Document)},
                                       {"contentChanges",
                                        llvm::json::Array{llvm::json::Object{{"text", Prefix}}}}});
    }
    Last = DiagnosticsOf(V);
    ASSERT_TRUE(Last.has_value()) << "no diagnostics for version " << V << " (" << Cuts[V]
                                  << " bytes): has clangd crashed?";
  }
  auto Has = [&](llvm::StringRef Code, int64_t Severity) {
    return llvm::any_of(*Last,
                        [&](const auto &D) { return D.first == Code && D.second == Severity; });
  };
  EXPECT_TRUE(Has("statescope-singleton-setter", 2));
  EXPECT_TRUE(llvm::any_of(*Last, [](const auto &D) { return D.second == 1; }))
      << "clang's errors are published too";

  // And it still answers.
  Server.request(2, "shutdown", nullptr);
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool Answered = false;
  while (auto Received = Server.receive(Deadline))
    if (Received->getAsObject() && Received->getAsObject()->getInteger("id") == 2) {
      Answered = true;
      break;
    }
  EXPECT_TRUE(Answered);
}

/// The workspace edits of the code actions clangd offers for the first
/// diagnostic of Check it publishes for Uri, as JSON text.
std::string codeActionsForFirst(LspSession &Server, llvm::StringRef Uri, llvm::StringRef Check,
                                int RequestId) {
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::optional<llvm::json::Value> Diagnostic;
  while (!Diagnostic) {
    auto Received = Server.receive(Deadline);
    if (!Received)
      return "no " + Check.str() + " diagnostic before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    if (!Obj || Obj->getString("method") != "textDocument/publishDiagnostics")
      continue;
    const llvm::json::Object *Params = Obj->getObject("params");
    if (!Params || Params->getString("uri") != Uri)
      continue;
    for (const llvm::json::Value &D : *Params->getArray("diagnostics"))
      if (D.getAsObject()->getString("code") == Check && !Diagnostic)
        Diagnostic = D;
  }
  Server.request(
      RequestId, "textDocument/codeAction",
      llvm::json::Object{
          {"textDocument", llvm::json::Object{{"uri", Uri}}},
          {"range", *Diagnostic->getAsObject()->get("range")},
          {"context", llvm::json::Object{{"diagnostics", llvm::json::Array{*Diagnostic}}}}});
  while (auto Received = Server.receive(Deadline)) {
    const llvm::json::Object *Obj = Received->getAsObject();
    if (Obj && Obj->getInteger("id") == RequestId)
      return llvm::formatv("{0}", *Obj->get("result")).str();
  }
  return "no code actions before the deadline";
}

// clangd parses a file's #include lines into a preamble once and replays
// them to the checks: the counter fix still sees the file's own
// #include <atomic>, and a mention in a comment still does not count.
TEST(Clangd, TheCounterFixAddsTheAtomicIncludeOnlyWhereTheFileLacksIt) {
  ScratchDir Dir;
  const std::string Counter =
      "static long g_hits = 0;\n"
      "[[clang::annotate(\"statescope::request_handler\")]] void handle(const std::string &) {\n"
      "  ++g_hits;\n"
      "}\n";
  std::string Lacking = Dir.file("lacking.cpp"), Having = Dir.file("having.cpp");
  std::string LackingText = "#include <string>\n// Once: #include <atomic>\n" + Counter;
  std::string HavingText = "#include <atomic>\n#include <string>\n" + Counter;
  writeFile(Lacking, LackingText);
  writeFile(Having, HavingText);
  auto Session = startClangd(Dir, {Lacking, Having});
  LspSession &Server = *Session;
  ASSERT_TRUE(Server.started());

  Server.open("file://" + Lacking, LackingText);
  std::string Added =
      codeActionsForFirst(Server, "file://" + Lacking, "statescope-mutable-static", 2);
  EXPECT_NE(std::string::npos, Added.find("std::atomic<long>")) << Added;
  EXPECT_NE(std::string::npos, Added.find("#include <atomic>")) << Added;

  Server.open("file://" + Having, HavingText);
  std::string Kept =
      codeActionsForFirst(Server, "file://" + Having, "statescope-mutable-static", 3);
  EXPECT_NE(std::string::npos, Kept.find("std::atomic<long>")) << Kept;
  EXPECT_EQ(std::string::npos, Kept.find("#include <atomic>")) << Kept;
}

TEST(Clangd, ReportsAThreadLocalReadAfterCoAwaitAndOffersTheCopy) {
  ScratchDir Dir;
  std::string Source = Dir.file("leak_demo.cpp");
  std::string Text = readFile(STATESCOPE_SOURCE_DIR "/examples/leak_demo.cpp");
  writeFile(Source, Text);
  auto Session = startClangd(Dir, {Source}, {"-std=c++20"});
  LspSession &Server = *Session;
  ASSERT_TRUE(Server.started());
  std::string Uri = "file://" + Source;
  Server.open(Uri, Text);

  std::optional<llvm::json::Value> Found;
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!Found) {
    auto Received = Server.receive(Deadline);
    ASSERT_TRUE(Received.has_value()) << "no statescope diagnostics before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    const llvm::json::Object *Params = Obj ? Obj->getObject("params") : nullptr;
    if (!Params || Obj->getString("method") != "textDocument/publishDiagnostics" ||
        Params->getString("uri") != Uri)
      continue;
    for (const llvm::json::Value &D : *Params->getArray("diagnostics"))
      if (D.getAsObject()->getString("code") == "statescope-thread-local-across-await")
        Found = D;
  }
  const llvm::json::Object *Diag = Found->getAsObject();
  std::string Message = Diag->getString("message").value_or("").str();
  // clangd capitalises the message.
  EXPECT_NE(std::string::npos, Message.find("hread_local 'currentUser' is read after 'co_await"))
      << Message;
  unsigned ReadLine = llvm::StringRef(Text)
                          .substr(0, Text.find("{customer, item, currentUser}"))
                          .count('\n'); // LSP lines count from 0.
  EXPECT_EQ(ReadLine, Diag->getObject("range")->getObject("start")->getInteger("line"));

  Server.request(2, "textDocument/codeAction",
                 llvm::json::Object{
                     {"textDocument", llvm::json::Object{{"uri", Uri}}},
                     {"range", *Diag->get("range")},
                     {"context", llvm::json::Object{{"diagnostics", llvm::json::Array{*Found}}}}});
  std::string Actions;
  while (auto Received = Server.receive(Deadline)) {
    const llvm::json::Object *Obj = Received->getAsObject();
    if (Obj && Obj->getInteger("id") == 2) {
      Actions = llvm::formatv("{0}", *Received).str();
      break;
    }
  }
  EXPECT_NE(std::string::npos, Actions.find("copy 'currentUser' into a local")) << Actions;
  EXPECT_NE(std::string::npos, Actions.find("const auto savedCurrentUser = currentUser;"))
      << Actions;
}

// An editor that shows related information gets each finding as one
// diagnostic whose notes are its related information, still with its code
// actions; its documentation link opens the check's page; and the server
// says it is statescope's clangd.
TEST(Clangd, OneDiagnosticPerFindingWithItsNotesAsRelatedInformation) {
  ScratchDir Dir;
  std::string Source = Dir.file("leaky.cpp");
  writeFile(Source, LeakySource);
  llvm::json::Object Capabilities{
      {"textDocument", llvm::json::Object{{"publishDiagnostics",
                                           llvm::json::Object{{"relatedInformation", true},
                                                              {"codeDescriptionSupport", true}}}}}};
  auto Session = startClangd(Dir, {Source}, {}, std::move(Capabilities));
  LspSession &Server = *Session;
  ASSERT_TRUE(Server.started());
  std::string Uri = "file://" + Source;
  Server.open(Uri, LeakySource);

  std::optional<llvm::json::Object> ServerInfo;
  std::vector<llvm::json::Value> Published;
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Published.empty() || !ServerInfo) {
    auto Received = Server.receive(Deadline);
    ASSERT_TRUE(Received.has_value()) << "no statescope diagnostics before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    if (!Obj)
      continue;
    if (Obj->getInteger("id") == 1) {
      const llvm::json::Object *Result = Obj->getObject("result");
      ASSERT_TRUE(Result && Result->getObject("serverInfo"));
      ServerInfo = *Result->getObject("serverInfo");
      continue;
    }
    const llvm::json::Object *Params = Obj->getObject("params");
    if (Obj->getString("method") != "textDocument/publishDiagnostics" ||
        Params->getString("uri") != Uri)
      continue;
    for (const llvm::json::Value &D : *Params->getArray("diagnostics"))
      if (D.getAsObject()->getString("code").value_or("").starts_with("statescope-"))
        Published.push_back(D);
  }
  // Editors match the name; the version says whose clangd it is.
  EXPECT_EQ("clangd", ServerInfo->getString("name"));
  EXPECT_TRUE(ServerInfo->getString("version")->starts_with("statescope-clangd 0.1.0: "))
      << ServerInfo->getString("version")->str();

  // The report's findings, each once: no note arrives as a diagnostic.
  std::vector<std::string> Codes;
  for (const llvm::json::Value &D : Published)
    Codes.push_back(D.getAsObject()->getString("code")->str());
  llvm::sort(Codes);
  ProcessResult Cli = run(STATESCOPE_BINARY_DIR "/bin/statescope",
                          {"-p", Dir.Path, "--format=json", "--quiet", "--no-cache"});
  auto Report = llvm::json::parse(Cli.Out);
  ASSERT_TRUE(static_cast<bool>(Report)) << Cli.Err;
  std::vector<std::string> Expected;
  for (const llvm::json::Value &F : *Report->getAsObject()->getArray("findings"))
    Expected.push_back(F.getAsObject()->getString("check")->str());
  llvm::sort(Expected);
  EXPECT_EQ(Expected, Codes);

  const llvm::json::Value *Singleton = nullptr;
  for (const llvm::json::Value &D : Published)
    if (D.getAsObject()->getString("code") == "statescope-singleton-setter")
      Singleton = &D;
  ASSERT_TRUE(Singleton);
  const llvm::json::Object &Diag = *Singleton->getAsObject();
  std::vector<std::string> Related;
  for (const llvm::json::Value &R : *Diag.getArray("relatedInformation")) {
    const llvm::json::Object &Info = *R.getAsObject();
    EXPECT_EQ(Uri, Info.getObject("location")->getString("uri"));
    Related.push_back(Info.getString("message")->str());
  }
  // clangd capitalises messages.
  EXPECT_TRUE(llvm::is_contained(
      Related, "Stores request data ('req.user') in it through 'setContext' here"))
      << llvm::join(Related, " | ");
  EXPECT_TRUE(llvm::any_of(Related, [](llvm::StringRef M) {
    return M.ends_with("runs once per request");
  })) << llvm::join(Related, " | ");

  llvm::StringRef Href = *Diag.getObject("codeDescription")->getString("href");
  EXPECT_EQ("file://" STATESCOPE_SOURCE_DIR "/docs/checks/singleton-setter.md", Href);
  EXPECT_TRUE(llvm::sys::fs::is_regular_file(Href.drop_front(7))) << Href.str();

  Server.request(
      2, "textDocument/codeAction",
      llvm::json::Object{
          {"textDocument", llvm::json::Object{{"uri", Uri}}},
          {"range", *Diag.get("range")},
          {"context", llvm::json::Object{{"diagnostics", llvm::json::Array{*Singleton}}}}});
  std::string Actions;
  while (auto Received = Server.receive(Deadline))
    if (Received->getAsObject() && Received->getAsObject()->getInteger("id") == 2) {
      Actions = llvm::formatv("{0}", *Received).str();
      break;
    }
  EXPECT_NE(std::string::npos, Actions.find("auto orderManager = makeOrderManager(req.user)"))
      << Actions;
}

TEST(Clangd, TheDocumentationLinkFollowsDocBaseUrl) {
  ScratchDir Dir;
  std::string Source = Dir.file("leaky.cpp");
  writeFile(Source, LeakySource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  writeFile(Dir.file(".clangd"), "Diagnostics:\n  ClangTidy:\n    Add: [statescope-*]\n");
  LspSession Server({STATESCOPE_BINARY_DIR "/bin/statescope-clangd",
                     "--compile-commands-dir=" + Dir.Path, "--log=error",
                     "--background-index=false", "--clang-tidy",
                     "--doc-base-url=https://example.org/statescope/blob/v1"});
  ASSERT_TRUE(Server.started());
  Server.request(1, "initialize",
                 llvm::json::Object{{"processId", static_cast<int64_t>(getpid())},
                                    {"rootUri", "file://" + Dir.Path},
                                    {"capabilities", llvm::json::Object{}}});
  Server.notify("initialized", llvm::json::Object{});
  std::string Uri = "file://" + Source;
  Server.open(Uri, LeakySource);
  std::string Href;
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Href.empty()) {
    auto Received = Server.receive(Deadline);
    ASSERT_TRUE(Received.has_value()) << "no statescope diagnostics before the deadline";
    const llvm::json::Object *Obj = Received->getAsObject();
    const llvm::json::Object *Params = Obj ? Obj->getObject("params") : nullptr;
    if (!Params || Obj->getString("method") != "textDocument/publishDiagnostics")
      continue;
    for (const llvm::json::Value &D : *Params->getArray("diagnostics"))
      if (D.getAsObject()->getString("code") == "statescope-mutable-static" ||
          D.getAsObject()->getString("code") == "statescope-singleton-setter")
        Href = D.getAsObject()->getObject("codeDescription")->getString("href")->str();
  }
  EXPECT_TRUE(llvm::StringRef(Href).starts_with("https://example.org/statescope/blob/v1/docs/"
                                                "checks/"))
      << Href;
}

} // namespace
} // namespace statescope::test
