//===--- CliOutputTest.cpp - what a person reads from the CLI -------------===//
//
// The text report against clang-tidy-19 with the plugin, byte for byte, on
// lines with UTF-8 and tabs, with and without colours; the fix-available
// notes; the progress display on a pseudo-terminal and in a log;
// `statescope explain` for a terminal, its help, its list and its
// suggestions.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Program.h"
#include <gtest/gtest.h>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";
constexpr const char *Plugin = STATESCOPE_BINARY_DIR "/lib/libstatescope-tidy.so";

/// The leaky server with a UTF-8 comment and a tab before the shared
/// object, so that byte and display columns differ; a counter whose fix is
/// the warning's own; a field finding without a fix.
const char *const Source = R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
class OrderManager {
public:
  void setContext(const std::string &user) { user_ = user; }
  std::string create() const { return "order for " + user_; }
private:
  std::string user_;
};
/* käufer → */	OrderManager orderManager;
static int hits = 0;
[[clang::annotate("statescope::request_handler")]]
std::string handleOrder(const web::Request &req) {
  ++hits;
  orderManager.setContext(req.user);
  return orderManager.create();
}
)cpp";

struct Project {
  ScratchDir Dir;
  Project() {
    writeFile(Dir.file("server.cpp"), Source);
    writeFile(Dir.file("compile_commands.json"),
              compileDatabase(Dir.Path, {Dir.file("server.cpp")}));
  }
};

/// The output without the notes only statescope prints ("fix available"),
/// which have no source line. With colours, such a note starts with the
/// reset that ends the caret line before it, which is kept.
std::string withoutFixAvailableNotes(llvm::StringRef Text) {
  std::string Kept;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    if (Line.contains("fix available (")) {
      if (Line.starts_with("\x1b[0m"))
        Kept += "\x1b[0m";
    } else {
      Kept += Line.str() + (Rest.empty() && !Text.ends_with("\n") ? "" : "\n");
    }
    Text = Rest;
  }
  return Kept;
}

TEST(CliOutput, TextIsWhatClangTidyPrintsForTheSameFindings) {
  auto ClangTidy = llvm::sys::findProgramByName("clang-tidy-19");
  ASSERT_TRUE(static_cast<bool>(ClangTidy)) << "clang-tidy-19 is not on PATH";
  Project P;
  for (bool Color : {false, true}) {
    std::vector<std::string> TidyArgs = {"--load=" + std::string(Plugin), "-p", P.Dir.Path,
                                         "--checks=-*,statescope-*", P.Dir.file("server.cpp")};
    std::vector<std::string> OurArgs = {"-p", P.Dir.Path, "--no-cache"};
    if (Color) {
      TidyArgs.push_back("--use-color");
      OurArgs.push_back("--color");
    }
    ProcessResult Tidy = run(*ClangTidy, TidyArgs);
    ProcessResult Ours = run(Cli, OurArgs);
    ASSERT_EQ(1, Ours.Status) << Ours.Err;
    ASSERT_NE(std::string::npos, Tidy.Out.find("warning:")) << Tidy.Out << Tidy.Err;
    EXPECT_EQ(Tidy.Out, withoutFixAvailableNotes(Ours.Out))
        << (Color ? "with" : "without") << " colours";
    EXPECT_EQ(Color, llvm::StringRef(Ours.Out).contains("\x1b[")) << Ours.Out;
  }
}

TEST(CliOutput, FixableFindingsSayWhichOptionAppliesTheFix) {
  Project P;
  ProcessResult R = run(Cli, {"-p", P.Dir.Path, "--no-cache"});
  std::string File = P.Dir.file("server.cpp");
  // The counter's fix-it is its warning's; the shared object's is its
  // note's (a per-request object); the field has none.
  EXPECT_NE(std::string::npos,
            R.Out.find("   11 | static int hits = 0;\n"
                       "      |        ~~~ ^\n      |        std::atomic<int>\n"))
      << R.Out;
  EXPECT_NE(std::string::npos, R.Out.find(File + ":11:12: note: fix available (--fix)\n")) << R.Out;
  EXPECT_NE(std::string::npos, R.Out.find(File + ":10:32: note: fix available (--fix-notes)\n"))
      << R.Out;
  EXPECT_EQ(2u, llvm::StringRef(R.Out).count("note: fix available")) << R.Out;
}

/// Runs the CLI with stderr on a pseudo-terminal Columns wide, without
/// $COLUMNS, and returns what the terminal showed.
std::string runOnTerminal(unsigned short Columns, const std::vector<std::string> &Args) {
  int Master, Slave;
  winsize Size = {24, Columns, 0, 0};
  if (openpty(&Master, &Slave, nullptr, nullptr, &Size))
    return "openpty failed";
  pid_t Pid = fork();
  if (Pid == 0) {
    int Null = open("/dev/null", O_WRONLY);
    dup2(Null, STDOUT_FILENO);
    dup2(Slave, STDERR_FILENO);
    close(Master);
    unsetenv("COLUMNS");
    std::vector<char *> Argv = {const_cast<char *>(Cli)};
    for (const std::string &A : Args)
      Argv.push_back(const_cast<char *>(A.c_str()));
    Argv.push_back(nullptr);
    execv(Cli, Argv.data());
    _exit(127);
  }
  close(Slave);
  std::string Shown;
  char Buffer[4096];
  ssize_t N;
  // Reading fails with EIO once the child has exited and the terminal closed.
  while ((N = read(Master, Buffer, sizeof(Buffer))) > 0)
    Shown.append(Buffer, N);
  close(Master);
  waitpid(Pid, nullptr, 0);
  return Shown;
}

/// The whole-program fixture (two units, both analysed again by the second
/// pass) under a long directory.
struct WholeProgramProject {
  ScratchDir Dir;
  std::string Sources = Dir.file("services/orders/implementation");
  WholeProgramProject() {
    for (const char *Name : {"shared.h", "store.cpp", "handlers.cpp"})
      writeFile(Sources + "/" + Name,
                readFile(std::string(STATESCOPE_SOURCE_DIR "/tests/checks-whole-program/") + Name));
    writeFile(Dir.file("compile_commands.json"),
              compileDatabase(Dir.Path, {Sources + "/handlers.cpp", Sources + "/store.cpp"}));
  }
};

TEST(CliOutput, ProgressOnATerminalFitsItsWidthAndNamesTheWholeProgramPass) {
  WholeProgramProject P;
  for (unsigned short Columns : {100, 40}) {
    std::string Shown = runOnTerminal(Columns, {"-p", P.Dir.Path, "--no-cache", "-j1"});
    llvm::SmallVector<llvm::StringRef> Frames;
    llvm::StringRef(Shown).split(Frames, "\r\x1b[K");
    unsigned Drawn = 0;
    for (llvm::StringRef Frame : Frames) {
      llvm::StringRef Line = Frame.split("\r").first.split('\n').first;
      if (!Line.starts_with("["))
        continue;
      ++Drawn;
      EXPECT_LT(Line.size(), Columns) << Line.str();
      // Never more units done than the pass has.
      EXPECT_FALSE(llvm::StringRef(Line).starts_with("[3/")) << Line.str();
    }
    // Two units in the first pass; the whole-program pass analyses
    // handlers.cpp again, and takes store.cpp's analysis ahead (it came
    // after handlers.cpp, whose facts it had).
    EXPECT_GE(Drawn, 6u) << Shown;
    if (Columns == 100) {
      // The width is the terminal's, not $COLUMNS's: the whole path shows.
      EXPECT_NE(std::string::npos, Shown.find("[0/2] services/orders/implementation/handlers.cpp"))
          << Shown;
      EXPECT_NE(std::string::npos, Shown.find("[0/1 whole-program pass] services/orders/"))
          << Shown;
    } else {
      EXPECT_NE(std::string::npos, Shown.find("[0/2] ...rs/implementation/handlers.cpp")) << Shown;
    }
    EXPECT_NE(std::string::npos, Shown.find("statescope: 2 translation units, 2 findings"))
        << Shown;
  }
}

TEST(CliOutput, ProgressInALogIsAPlainLineEveryFewSeconds) {
  WholeProgramProject P;
  // Every unit (interval 0), so that the test does not depend on time.
  ProcessResult R = run(Cli, {"-p", P.Dir.Path, "--no-cache", "-j1", "--progress-interval=0"});
  EXPECT_EQ(1, R.Status) << R.Err;
  for (const char *Line :
       {"statescope: 1/2 translation units, 0:0", "statescope: 2/2 translation units, 0:0",
        "statescope: whole-program pass: 1/1 translation units, 0:0"})
    EXPECT_NE(std::string::npos, R.Err.find(Line)) << Line << "\n" << R.Err;
  EXPECT_EQ(std::string::npos, R.Err.find('\r')) << R.Err;
  EXPECT_EQ(std::string::npos, R.Err.find('\x1b')) << R.Err;
  EXPECT_EQ("", run(Cli, {"-p", P.Dir.Path, "--no-cache", "--quiet", "--progress-interval=0"}).Err);
}

TEST(CliOutput, ExplainRendersThePageAndMarkdownGivesItAsWritten) {
  std::string Page = readFile(STATESCOPE_SOURCE_DIR "/docs/checks/mutable-static.md");
  ProcessResult Rendered = run(Cli, {"explain", "mutable-static"});
  EXPECT_EQ(0, Rendered.Status) << Rendered.Err;
  // Headings underlined, code blocks indented without fences, links as
  // their text and where to read on; no colours when not a terminal.
  EXPECT_TRUE(llvm::StringRef(Rendered.Out)
                  .starts_with("statescope-mutable-static\n=========================\n"))
      << Rendered.Out;
  EXPECT_NE(std::string::npos, Rendered.Out.find("\nWhat it does\n------------\n"));
  EXPECT_NE(std::string::npos, Rendered.Out.find("\n    static std::string g_lastUser;\n"));
  EXPECT_EQ(std::string::npos, Rendered.Out.find("```"));
  EXPECT_EQ(std::string::npos, Rendered.Out.find("](")) << Rendered.Out;
  EXPECT_NE(std::string::npos, Rendered.Out.find("docs/request-scope-model.md in statescope's"));
  EXPECT_EQ(std::string::npos, Rendered.Out.find('\x1b'));

  ProcessResult Colored = run(Cli, {"explain", "--color", "mutable-static"});
  EXPECT_NE(std::string::npos, Colored.Out.find("\x1b[")) << Colored.Out;
  ProcessResult Markdown = run(Cli, {"explain", "--markdown", "statescope-mutable-static"});
  EXPECT_EQ(0, Markdown.Status);
  EXPECT_EQ(Page, Markdown.Out);
}

TEST(CliOutput, ExplainTakesHelpListsChecksAndSuggestsTheNearestName) {
  ProcessResult Help = run(Cli, {"explain", "--help"});
  EXPECT_EQ(0, Help.Status);
  EXPECT_TRUE(llvm::StringRef(Help.Out).starts_with("usage: statescope explain")) << Help.Out;
  EXPECT_NE(std::string::npos, Help.Out.find("\n  statescope-singleton-setter  "));

  ProcessResult List = run(Cli, {"explain"});
  EXPECT_EQ(0, List.Status);
  EXPECT_NE(std::string::npos, List.Out.find("\n  statescope-mutable-static  A mutable variable"))
      << List.Out;

  ProcessResult Part = run(Cli, {"explain", "mutable"});
  EXPECT_EQ(2, Part.Status);
  EXPECT_NE(std::string::npos,
            Part.Err.find("no check named 'mutable'; did you mean 'statescope-mutable-static'?"))
      << Part.Err;
  ProcessResult Typo = run(Cli, {"explain", "singelton-setter"});
  EXPECT_NE(std::string::npos, Typo.Err.find("did you mean 'statescope-singleton-setter'?"))
      << Typo.Err;
  ProcessResult Nothing = run(Cli, {"explain", "zzzzzzzzzzzzzzzz"});
  EXPECT_EQ(2, Nothing.Status);
  EXPECT_EQ(std::string::npos, Nothing.Err.find("did you mean")) << Nothing.Err;
  EXPECT_EQ(2, run(Cli, {"explain", "--frobnicate"}).Status);
}

} // namespace
} // namespace statescope::test
