//===--- CliAdoptionTest.cpp - the ways a project takes statescope up -----===//
//
// What a team does in its first week: accept today's findings (a baseline
// that exits 0, --exit-zero), preview the fixes (--diff), look only at what
// a pull request changes (--diff-base on a real two-commit repository), read
// the findings in a GitHub job summary, see the configuration
// (--dump-config), and run on a project whose .clang-tidy was written for
// other checks.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include <gtest/gtest.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

/// A handler that bumps Count shared counters, each a finding with a fix.
std::string counters(unsigned Count) {
  std::string Source = "#include <string>\nnamespace web { struct Request { std::string user; }; "
                       "}\n";
  for (unsigned I = 0; I < Count; ++I)
    Source += llvm::formatv("static int hits{0} = 0;\n", I);
  Source += "[[clang::annotate(\"statescope::request_handler\")]]\n"
            "int handle(const web::Request &req) {\n  int total = 0;\n";
  for (unsigned I = 0; I < Count; ++I)
    Source += llvm::formatv("  total += ++hits{0};\n", I);
  return Source + "  return total;\n}\n";
}

struct Project {
  ScratchDir Dir;
  explicit Project(const std::string &Source = LeakySource) {
    writeFile(Dir.file("server.cpp"), Source);
    writeDatabase({"server.cpp"});
  }
  void writeDatabase(const std::vector<std::string> &Names) {
    std::vector<std::string> Files;
    for (const std::string &Name : Names)
      Files.push_back(Dir.file(Name));
    writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Files));
  }
  ProcessResult statescope(std::vector<std::string> Args,
                           const std::vector<std::string> &Env = {}) const {
    Args.insert(Args.begin(), {"-p", Dir.Path, "--no-cache"});
    return run(Cli, Args, "", Env);
  }
};

std::string program(llvm::StringRef Name) {
  auto Found = llvm::sys::findProgramByName(Name);
  EXPECT_TRUE(static_cast<bool>(Found)) << Name.str() << " is not on PATH";
  return Found ? *Found : Name.str();
}

TEST(CliAdoption, WritingABaselineExitsZeroAndExitZeroStillShowsTheFindings) {
  Project P;
  ProcessResult Adopt = P.statescope({"--write-baseline=" + P.Dir.file("baseline.json")});
  EXPECT_EQ(0, Adopt.Status) << Adopt.Err;
  EXPECT_NE(std::string::npos, readFile(P.Dir.file("baseline.json")).find("\"findings\""));
  EXPECT_EQ(0, P.statescope({"--baseline=" + P.Dir.file("baseline.json")}).Status);

  ProcessResult Lenient = P.statescope({"--exit-zero"});
  EXPECT_EQ(0, Lenient.Status) << Lenient.Err;
  EXPECT_NE(std::string::npos, Lenient.Out.find("[statescope-singleton-setter]")) << Lenient.Out;
  EXPECT_EQ(1, P.statescope({}).Status);

  // Neither hides a unit that could not be analysed.
  writeFile(P.Dir.file("broken.cpp"), "int f() { return undeclared; }\n");
  P.writeDatabase({"server.cpp", "broken.cpp"});
  EXPECT_EQ(3, P.statescope({"--exit-zero"}).Status);
  EXPECT_EQ(3, P.statescope({"--write-baseline=" + P.Dir.file("baseline.json")}).Status);
}

TEST(CliAdoption, DiffShowsWhatFixWouldDoAndChangesNothing) {
  Project Previewed(counters(2)), Fixed(counters(2));
  std::string Before = readFile(Previewed.Dir.file("server.cpp"));
  ProcessResult Diff = Previewed.statescope({"--diff"});
  EXPECT_EQ(1, Diff.Status) << Diff.Err;
  EXPECT_EQ(Before, readFile(Previewed.Dir.file("server.cpp")));
  EXPECT_TRUE(llvm::StringRef(Diff.Out).starts_with("--- a/server.cpp\n+++ b/server.cpp\n@@ -1,"))
      << Diff.Out;
  EXPECT_NE(std::string::npos, Diff.Out.find("\n-static int hits1 = 0;\n")) << Diff.Out;

  // The diff, applied, is what --fix writes.
  writeFile(Previewed.Dir.file("fixes.patch"), Diff.Out);
  ProcessResult Applied =
      run(program("git"), {"-C", Previewed.Dir.Path, "apply", Previewed.Dir.file("fixes.patch")});
  ASSERT_EQ(0, Applied.Status) << Applied.Err;
  EXPECT_EQ(1, Fixed.statescope({"--fix"}).Status);
  EXPECT_EQ(readFile(Fixed.Dir.file("server.cpp")), readFile(Previewed.Dir.file("server.cpp")));
  EXPECT_NE(Before, readFile(Fixed.Dir.file("server.cpp")));

  EXPECT_EQ(2, Previewed.statescope({"--diff", "--fix"}).Status);
}

TEST(CliAdoption, DiffBaseReportsOnlyFindingsOnLinesChangedSinceTheRevision) {
  std::string Git = program("git");
  Project P(counters(1));
  auto InRepo = [&](std::vector<std::string> Args) {
    Args.insert(Args.begin(), {"-C", P.Dir.Path, "-c", "user.name=t", "-c", "user.email=t@t"});
    ProcessResult R = run(Git, Args);
    EXPECT_EQ(0, R.Status) << llvm::join(Args, " ") << ": " << R.Err;
  };
  InRepo({"init", "-q", "-b", "main"});
  InRepo({"add", "server.cpp"});
  InRepo({"commit", "-q", "-m", "one counter"});
  InRepo({"checkout", "-q", "-b", "feature"});
  // The pull request adds a second counter below the first.
  writeFile(P.Dir.file("server.cpp"), counters(2));
  InRepo({"commit", "-q", "-am", "two counters"});

  ProcessResult All = P.statescope({});
  EXPECT_EQ(2u, llvm::StringRef(All.Out).count("[statescope-mutable-static]")) << All.Out;
  ProcessResult Changed = P.statescope({"--diff-base=main"});
  EXPECT_EQ(1, Changed.Status) << Changed.Err;
  EXPECT_EQ(1u, llvm::StringRef(Changed.Out).count("[statescope-mutable-static]")) << Changed.Out;
  EXPECT_NE(std::string::npos, Changed.Out.find("'hits1' is shared")) << Changed.Out;
  EXPECT_NE(std::string::npos, Changed.Err.find("1 on lines not changed since the --diff-base"))
      << Changed.Err;
  // Nothing changed since the branch's own head.
  EXPECT_EQ(0, P.statescope({"--diff-base=feature"}).Status);

  ProcessResult Unknown = P.statescope({"--diff-base=no-such-branch"});
  EXPECT_EQ(2, Unknown.Status);
  EXPECT_EQ(1u, llvm::StringRef(Unknown.Err).count('\n')) << Unknown.Err;
  EXPECT_NE(std::string::npos, Unknown.Err.find("no-such-branch")) << Unknown.Err;
}

TEST(CliAdoption, GithubFormatWritesAJobSummaryAndSaysHowManyAnnotationsShow) {
  Project P(counters(12));
  std::string Summary = P.Dir.file("summary.md");
  writeFile(Summary, "earlier step\n");
  ProcessResult R = P.statescope({"--format=github"}, {"GITHUB_STEP_SUMMARY=" + Summary});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_EQ(12u, llvm::StringRef(R.Out).count("::warning ")) << R.Out;
  EXPECT_NE(std::string::npos,
            R.Out.find("::notice title=statescope::12 annotations; GitHub shows 10 of them"))
      << R.Out;
  std::string Table = readFile(Summary);
  EXPECT_TRUE(llvm::StringRef(Table).starts_with("earlier step\n### statescope: 12 findings"))
      << Table;
  EXPECT_NE(std::string::npos, Table.find("| server.cpp:14 | statescope-mutable-static | 'hits11'"))
      << Table;
  EXPECT_EQ(12u + 2, llvm::StringRef(Table).count("\n|")) << Table;

  // Ten or fewer: every one is shown, nothing to say.
  Project Few(counters(3));
  EXPECT_EQ(std::string::npos, Few.statescope({"--format=github"}).Out.find("::notice"));
}

TEST(CliAdoption, DumpConfigPrintsTheOptionsAsClangTidyDoes) {
  Project P;
  writeFile(P.Dir.file(".clang-tidy"),
            "Checks: '-*,statescope-mutable-static'\n"
            "CheckOptions:\n  statescope-mutable-static.MaxCallDepth: '3'\n");
  ProcessResult R = run(Cli, {"--dump-config", P.Dir.file("server.cpp")});
  EXPECT_EQ(0, R.Status) << R.Err;
  EXPECT_TRUE(llvm::StringRef(R.Out).starts_with("---\nChecks:")) << R.Out;
  EXPECT_NE(std::string::npos, R.Out.find("statescope-mutable-static.MaxCallDepth: '3'")) << R.Out;
  EXPECT_EQ(std::string::npos, R.Out.find("statescope-singleton-setter.")) << R.Out;
}

TEST(CliAdoption, AClangTidyFileForOtherChecksStillRunsStatescopeAndSaysSo) {
  Project P;
  writeFile(P.Dir.file(".clang-tidy"), "Checks: '-*,bugprone-*'\n");
  ProcessResult R = P.statescope({});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_NE(std::string::npos, R.Out.find("[statescope-singleton-setter]")) << R.Out;
  EXPECT_EQ(1u, llvm::StringRef(R.Err).count("does not mention statescope; running statescope-*"))
      << R.Err;

  // Turning statescope off is respected.
  writeFile(P.Dir.file(".clang-tidy"), "Checks: '-*,bugprone-*,-statescope-*'\n");
  ProcessResult Off = P.statescope({});
  EXPECT_EQ(2, Off.Status);
  EXPECT_NE(std::string::npos, Off.Err.find("no statescope checks are enabled")) << Off.Err;
}

// `cmake -B build` and `cmake -B ../build` of one checkout: the project
// root is the repository either way, so reports name the files as GitHub
// does and a baseline written with one build matches the other's findings.
TEST(CliAdoption, TheRootIsTheSourcesRepositoryWhereverTheBuildDirectoryIs) {
  ScratchDir Dir;
  std::string Repository = Dir.file("checkout");
  llvm::sys::fs::create_directories(Repository + "/.git");
  writeFile(Repository + "/src/server.cpp", LeakySource);
  std::string InTree = Repository + "/build", OutOfTree = Dir.file("build");
  for (const std::string &Build : {InTree, OutOfTree})
    writeFile(Build + "/compile_commands.json",
              compileDatabase(Build, {Repository + "/src/server.cpp"}));
  auto Analyse = [&](const std::string &Build, std::vector<std::string> Args) {
    Args.insert(Args.begin(), {"-p", Build, "--no-cache"});
    return run(Cli, Args);
  };
  std::string Baselines[2];
  for (int I = 0; I < 2; ++I) {
    const std::string &Build = I == 0 ? InTree : OutOfTree;
    ProcessResult Github = Analyse(Build, {"--format=github"});
    EXPECT_TRUE(llvm::StringRef(Github.Out).starts_with("::warning file=src/server.cpp,"))
        << Build << ": " << Github.Out;
    std::string Baseline = Dir.file("baseline" + std::to_string(I) + ".json");
    EXPECT_EQ(0, Analyse(Build, {"--write-baseline=" + Baseline}).Status);
    Baselines[I] = readFile(Baseline);
  }
  EXPECT_EQ(Baselines[0], Baselines[1]);
  EXPECT_NE(std::string::npos, Baselines[0].find("\"file\": \"src/server.cpp\"")) << Baselines[0];
  EXPECT_EQ(0, Analyse(OutOfTree, {"--baseline=" + Dir.file("baseline0.json")}).Status);
}

// The fixes of a server built as C++11, 14, 17 and 20 compile as that
// standard, keep the comment with what it described, and name the
// per-request object for what it holds.
TEST(CliAdoption, FixesFitTheUnitsLanguageStandard) {
  const char *Server = R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
class RequestContext {
public:
  void setUser(const std::string &user) { user_ = user; }
  std::string greeting() const { return "hello " + user_; }
private:
  std::string user_;
};
RequestContext g_ctx; // the caller's context
static long g_requests = 0;
[[clang::annotate("statescope::request_handler")]]
std::string handle(const web::Request &req) {
  ++g_requests;
  g_ctx.setUser(req.user);
  return g_ctx.greeting();
}
)cpp";
  std::string Compiler = program("clang++-19");
  for (llvm::StringRef Standard : {"c++11", "c++14", "c++17", "c++20"}) {
    ScratchDir Dir;
    std::string File = Dir.file("server.cpp");
    writeFile(File, Server);
    writeFile(Dir.file("compile_commands.json"),
              compileDatabase(Dir.Path, {File}, {"-std=" + Standard.str()}));
    ProcessResult Fixed = run(Cli, {"-p", Dir.Path, "--no-cache", "--fix-notes"});
    EXPECT_EQ(1, Fixed.Status) << Fixed.Err;
    std::string Text = readFile(File);
    ProcessResult Compiled = run(Compiler, {"-std=" + Standard.str(), "-fsyntax-only", File});
    EXPECT_EQ(0, Compiled.Status) << Standard.str() << ":\n" << Compiled.Err << Text;
    EXPECT_NE(std::string::npos,
              Text.find(Standard < "c++17" ? "static std::atomic<long> g_requests{0};\n"
                                           : "static std::atomic<long> g_requests = 0;\n"))
        << Standard.str() << ":\n"
        << Text;
    EXPECT_NE(std::string::npos, Text.find("\n// the caller's context\nRequestContext "
                                           "makeRequestContext(const std::string &user) {\n"))
        << Text;
    EXPECT_NE(std::string::npos, Text.find("  auto requestContext = makeRequestContext(req.user);\n"
                                           "  return requestContext.greeting();\n"))
        << Text;
    EXPECT_EQ(std::string::npos, Text.find("g_ctx")) << Text;
    EXPECT_EQ(0, run(Cli, {"-p", Dir.Path, "--no-cache"}).Status) << Text;
  }
}

TEST(CliAdoption, EachBinarySaysWhatItIs) {
  ProcessResult Cli = run(STATESCOPE_BINARY_DIR "/bin/statescope", {"--version"});
  EXPECT_EQ(0, Cli.Status);
  EXPECT_TRUE(llvm::StringRef(Cli.Out).starts_with("statescope 0.")) << Cli.Out;
  ProcessResult Clangd = run(STATESCOPE_BINARY_DIR "/bin/statescope-clangd", {"--version"});
  EXPECT_EQ(0, Clangd.Status);
  EXPECT_TRUE(llvm::StringRef(Clangd.Out).starts_with("statescope-clangd 0.1.0: ")) << Clangd.Out;
  EXPECT_NE(std::string::npos, Clangd.Out.find("clangd version 19")) << Clangd.Out;
  EXPECT_NE(std::string::npos, Clangd.Out.find(" with the statescope checks\n")) << Clangd.Out;
}

// pre-commit runs the hook's entry with the staged files its `files`
// pattern selects, from the repository's top; so does this test.
TEST(CliAdoption, ThePreCommitHookRunsOnTheChangedSources) {
  std::string Hooks = readFile(STATESCOPE_SOURCE_DIR "/.pre-commit-hooks.yaml");
  auto Value = [&](llvm::StringRef Key) {
    size_t At = Hooks.find("\n  " + Key.str() + ": ");
    EXPECT_NE(std::string::npos, At) << Key.str();
    llvm::StringRef Rest = llvm::StringRef(Hooks).drop_front(At + Key.size() + 5);
    return Rest.split('\n').first.trim().trim('\'').str();
  };
  EXPECT_EQ("system", Value("language"));
  EXPECT_EQ("true", Value("require_serial"));
  std::string EntryText = Value("entry");
  llvm::SmallVector<llvm::StringRef> Entry;
  llvm::StringRef(EntryText).split(Entry, ' ');
  ASSERT_EQ("statescope", Entry.front().str());
  llvm::Regex Files(Value("files"));

  Project P;
  writeFile(P.Dir.file("shared.h"), "#pragma once\n");
  std::vector<std::string> Selected;
  for (const char *Staged : {"server.cpp", "shared.h", "README.md"})
    if (Files.match(Staged))
      Selected.push_back(Staged);
  EXPECT_EQ(std::vector<std::string>{"server.cpp"}, Selected);
  std::vector<std::string> Args(Entry.begin() + 1, Entry.end());
  Args.insert(Args.end(), Selected.begin(), Selected.end());
  ProcessResult R = run(Cli, Args, P.Dir.Path);
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_NE(std::string::npos, R.Out.find("[statescope-singleton-setter]")) << R.Out;
}

} // namespace
} // namespace statescope::test
