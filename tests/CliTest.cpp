//===--- CliTest.cpp - the statescope command line, as users run it -------===//
//
// Runs the real binary on generated multi-TU projects with a
// compile_commands.json: inputs and configuration, header filtering and
// de-duplication, every output format, baselines, fix-its, shards and
// merge, parallelism, exit codes, and the help that the README quotes.
//
//===----------------------------------------------------------------------===//

#include "Expectations.h"
#include "JsonSchema.h"
#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"
#include <gtest/gtest.h>
#include <map>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

/// A header with a request handler that stores request data in a shared
/// object of class Class. Line 11 is the handler.
std::string handlerHeader(llvm::StringRef Class, llvm::StringRef Object, llvm::StringRef Handler) {
  return llvm::formatv(R"cpp(#pragma once
#include "request.h"
class {0} {{
public:
  void set(const std::string &u) {{ value_ = u; }
private:
  std::string value_;
};
inline {0} {1};
[[clang::annotate("statescope::request_handler")]]
inline void {2}(const web::Request &req) {{ {1}.set(req.user); }
)cpp",
                       Class, Object, Handler);
}

/// A project laid out like a CMake one: src/ and include/ with the build
/// directory (and its compile database and generated header) in build/.
struct ServerProject {
  ScratchDir Dir;
  std::string Build = Dir.file("build");

  ServerProject() {
    writeFile(Dir.file("src/leaky.cpp"), LeakySource);
    writeFile(Dir.file("src/clean.cpp"), CleanSource);
    writeFile(Dir.file("src/login_a.cpp"),
              "#include \"session.h\"\n#include \"generated.h\"\nint loginA() { return 1; }\n");
    writeFile(Dir.file("src/login_b.cpp"), "#include \"session.h\"\nint loginB() { return 2; }\n");
    // session.h is included by two units, whose findings in it must be
    // reported once; generated.h, generated into the build directory, is
    // not the project's own by default.
    writeFile(Dir.file("include/request.h"), "#pragma once\n#include <string>\nnamespace web { "
                                             "struct Request { std::string user; }; }\n");
    writeFile(Dir.file("include/session.h"),
              handlerHeader("Session", "currentSession", "handleLogin"));
    writeFile(Dir.file("build/gen/generated.h"),
              handlerHeader("Generated", "generatedState", "handleGenerated"));
    writeDatabase();
  }

  void writeDatabase(const std::vector<std::string> &Extra = {}) {
    std::vector<std::string> Files = {Dir.file("src/leaky.cpp"), Dir.file("src/clean.cpp"),
                                      Dir.file("src/login_a.cpp"), Dir.file("src/login_b.cpp")};
    for (const std::string &Name : Extra)
      Files.push_back(Dir.file(Name));
    writeFile(joinPath(Build, "compile_commands.json"),
              compileDatabase(Build, Files, {"-I../include", "-Igen"}));
  }

  ProcessResult statescope(std::vector<std::string> Args) const {
    Args.insert(Args.begin(), {"-p", Build});
    return run(Cli, Args);
  }
};

llvm::json::Value parseJson(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  EXPECT_TRUE(static_cast<bool>(V)) << llvm::toString(V.takeError()) << "\n" << Text;
  return V ? std::move(*V) : llvm::json::Value(nullptr);
}

const llvm::json::Array &array(const llvm::json::Value &V, llvm::StringRef Key) {
  static const llvm::json::Array Empty;
  const llvm::json::Object *O = V.getAsObject();
  const llvm::json::Array *A = O ? O->getArray(Key) : nullptr;
  EXPECT_TRUE(A) << "no array '" << Key.str() << "'";
  return A ? *A : Empty;
}

std::string str(const llvm::json::Value &V, llvm::StringRef Key) {
  const llvm::json::Object *O = V.getAsObject();
  return O ? O->getString(Key).value_or("").str() : "";
}

/// (check, file relative to Root, line) of each finding in a JSON report.
std::vector<std::string> summarise(const llvm::json::Value &Report, llvm::StringRef Root) {
  std::vector<std::string> Result;
  for (const llvm::json::Value &F : array(Report, "findings")) {
    const llvm::json::Object *Loc = F.getAsObject()->getObject("location");
    llvm::StringRef File = Loc->getString("file").value_or("");
    File.consume_front(Root);
    File.consume_front("/");
    Result.push_back(str(F, "check") + " " + File.str() + ":" +
                     std::to_string(Loc->getInteger("line").value_or(0)));
  }
  return Result;
}

std::vector<std::string> docPages() {
  std::vector<std::string> Pages;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(STATESCOPE_SOURCE_DIR "/docs/checks", EC), End;
       It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".md"))
      Pages.push_back(It->path());
  llvm::sort(Pages);
  return Pages;
}

std::string checkOfPage(llvm::StringRef Page) {
  return "statescope-" + llvm::sys::path::stem(Page).str();
}

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

TEST(Cli, ReportsFindingsClangStyleAndExitsOne) {
  ServerProject P;
  ProcessResult R = P.statescope({});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  std::vector<Diagnostic> Found = parseClangOutput(R.Out);
  auto Has = [&](const std::string &Check, const std::string &File, unsigned Line) {
    return llvm::any_of(Found, [&](const Diagnostic &D) {
      return D.Level == "warning" && D.Check == Check && D.Line == Line &&
             D.File == P.Dir.file(File);
    });
  };
  EXPECT_TRUE(Has("statescope-singleton-setter", "src/leaky.cpp", 11)) << R.Out;
  EXPECT_TRUE(Has("statescope-request-field", "src/leaky.cpp", 20)) << R.Out;
  EXPECT_FALSE(llvm::any_of(Found, [&](const Diagnostic &D) {
    return D.File == P.Dir.file("src/clean.cpp");
  })) << R.Out;
  // The source line and a caret follow each diagnostic.
  EXPECT_NE(std::string::npos, R.Out.find("\n   11 | OrderManager orderManager;\n")) << R.Out;
  // The summary: units, findings per check.
  EXPECT_NE(std::string::npos, R.Err.find("4 translation units, 3 findings")) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find("     1 statescope-request-field\n")) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find("     2 statescope-singleton-setter\n")) << R.Err;
}

TEST(Cli, CleanCodeExitsZeroAndPathsSelectTranslationUnits) {
  ServerProject P;
  ProcessResult R = P.statescope({P.Dir.file("src/clean.cpp")});
  EXPECT_EQ(0, R.Status) << R.Out << R.Err;
  EXPECT_EQ("", R.Out);
  EXPECT_NE(std::string::npos, R.Err.find("1 translation unit, 0 findings")) << R.Err;

  ProcessResult Directory = P.statescope({"--format=json", P.Dir.file("src")});
  EXPECT_EQ(4, parseJson(Directory.Out).getAsObject()->getInteger("translationUnits"));
}

TEST(Cli, FindsTheCompileDatabaseAboveThePaths) {
  ScratchDir Dir;
  writeFile(Dir.file("leaky.cpp"), LeakySource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Dir.file("leaky.cpp")}));
  ProcessResult R = run(Cli, {Dir.file("leaky.cpp")});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
}

TEST(Cli, ChecksConfigFileAndClangTidyFilesChooseTheChecks) {
  ServerProject P;
  auto ChecksReported = [](const ProcessResult &R) {
    std::set<std::string> Checks;
    llvm::json::Value Report = parseJson(R.Out);
    for (const llvm::json::Value &F : array(Report, "findings"))
      Checks.insert(str(F, "check"));
    return Checks;
  };
  using Set = std::set<std::string>;
  EXPECT_EQ(
      Set{"statescope-request-field"},
      ChecksReported(P.statescope({"--format=json", "--checks=-*,statescope-request-field"})));

  writeFile(P.Dir.file("config.yaml"), "Checks: '-*,statescope-singleton-setter'\n");
  EXPECT_EQ(Set{"statescope-singleton-setter"},
            ChecksReported(
                P.statescope({"--format=json", "--config-file=" + P.Dir.file("config.yaml")})));

  // A .clang-tidy file applies to the files below it, like clang-tidy's.
  writeFile(P.Dir.file("src/.clang-tidy"), "Checks: '-*,statescope-singleton-setter'\n");
  EXPECT_EQ(Set{"statescope-singleton-setter"},
            ChecksReported(P.statescope({"--format=json", P.Dir.file("src/leaky.cpp")})));
  // --checks applies after it.
  EXPECT_EQ(Set{"statescope-request-field"},
            ChecksReported(P.statescope({"--format=json", "--checks=-*,statescope-request-field",
                                         P.Dir.file("src/leaky.cpp")})));
}

/// The CLI's JSON report on File, the one unit of a compile database in Dir.
ProcessResult analyseAsJson(const ScratchDir &Dir, llvm::StringRef File) {
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Dir.file(File.str())}));
  return run(Cli, {"-p", Dir.Path, "--format=json"});
}

/// File of Dir analysed: the findings shown are Shown, NoLint were
/// suppressed, and the summary says so. Returns the JSON report.
llvm::json::Value expectNolintReport(const ScratchDir &Dir, llvm::StringRef File,
                                     const std::vector<std::string> &Shown, int NoLint) {
  ProcessResult R = analyseAsJson(Dir, File);
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  EXPECT_EQ(Shown, summarise(Report, Dir.Path));
  EXPECT_EQ(NoLint, Report.getAsObject()->getObject("suppressed")->getInteger("nolint"));
  EXPECT_NE(std::string::npos, R.Err.find(llvm::formatv("not shown: {0} by NOLINT", NoLint).str()))
      << R.Err;
  return Report;
}

TEST(Cli, NolintCommentsSuppressFindings) {
  ScratchDir Dir;
  writeFile(Dir.file("nolint.cpp"), R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
static std::string lastUser; // NOLINT(statescope-mutable-static)
// NOLINTNEXTLINE(statescope-mutable-static)
static std::string lastTenant;
// NOLINTBEGIN(statescope-mutable-static)
static std::string lastPath;
// NOLINTEND(statescope-mutable-static)
static std::string lastAgent;
[[clang::annotate("statescope::request_handler")]]
void handle(const web::Request &req) {
  lastUser = req.user;
  lastTenant = req.user;
  lastPath = req.user;
  lastAgent = req.user;
}
)cpp");
  expectNolintReport(Dir, "nolint.cpp", {"statescope-mutable-static nolint.cpp:9"}, 3);
}

// NOLINT on the writes in the handlers, where users put it: a finding all of
// whose writes are covered is suppressed and counted once, however many
// writes and notes it has; one with a write left is reported with that
// write only.
TEST(Cli, NolintOnWriteSitesCountsFindingsNotNotes) {
  ScratchDir Dir;
  writeFile(Dir.file("writes.cpp"), R"cpp(#include <string>
namespace web { struct Request { std::string user, token; }; }
class Cart {
public:
  void setOwner(const std::string &o) { owner_ = o; }
  void setCoupon(const std::string &c) { coupon_ = c; }
private:
  std::string owner_, coupon_;
};
Cart reviewed;
Cart partly;
[[clang::annotate("statescope::request_handler")]]
void checkout(const web::Request &req) {
  reviewed.setOwner(req.user); // NOLINT(statescope-singleton-setter)
  // NOLINTNEXTLINE(statescope-singleton-setter)
  reviewed.setCoupon(req.token);
  partly.setOwner(req.user); // NOLINT
  partly.setCoupon(req.token);
}
)cpp");
  llvm::json::Value Report =
      expectNolintReport(Dir, "writes.cpp", {"statescope-singleton-setter writes.cpp:11"}, 1);
  // The finding left shows the write that no NOLINT covers, not the other.
  const llvm::json::Array *Findings = Report.getAsObject()->getArray("findings");
  ASSERT_TRUE(Findings && Findings->size() == 1);
  std::string Notes;
  for (const llvm::json::Value &Note : *(*Findings)[0].getAsObject()->getArray("notes"))
    Notes += Note.getAsObject()->getString("message").value_or("").str() + "\n";
  EXPECT_NE(std::string::npos, Notes.find("through 'setCoupon' here")) << Notes;
  EXPECT_EQ(std::string::npos, Notes.find("through 'setOwner' here")) << Notes;
}

//===----------------------------------------------------------------------===//
// Headers
//===----------------------------------------------------------------------===//

TEST(Cli, HeaderFindingsAreReportedOnceAndOnlyForTheProjectsOwnHeaders) {
  ServerProject P;
  ProcessResult R = P.statescope({"--format=json"});
  llvm::json::Value Report = parseJson(R.Out);
  // Both login units report the handler in session.h; it appears once,
  // attributed to the first unit. The generated header is not the
  // project's own.
  EXPECT_EQ((std::vector<std::string>{"statescope-singleton-setter include/session.h:11",
                                      "statescope-singleton-setter src/leaky.cpp:11",
                                      "statescope-request-field src/leaky.cpp:20"}),
            summarise(Report, P.Dir.Path));
  for (const llvm::json::Value &F : array(Report, "findings"))
    if (F.getAsObject()->getObject("location")->getString("file")->ends_with("session.h"))
      EXPECT_EQ(P.Dir.file("src/login_a.cpp"), str(F, "translationUnit"));
  EXPECT_EQ(1, Report.getAsObject()->getObject("suppressed")->getInteger("outsideProject"));

  // The project's .clang-tidy files decide, not the one where statescope
  // happens to be started.
  ScratchDir Elsewhere;
  writeFile(Elsewhere.file(".clang-tidy"), "HeaderFilterRegex: '^$'\n");
  ProcessResult FromElsewhere = run(Cli, {"-p", P.Build, "--format=json"}, Elsewhere.Path);
  EXPECT_EQ(R.Out, FromElsewhere.Out);

  // --header-filter replaces the default, as in clang-tidy.
  ProcessResult All = P.statescope({"--format=json", "--header-filter=.*"});
  std::vector<std::string> WithGenerated = summarise(parseJson(All.Out), P.Dir.Path);
  EXPECT_TRUE(
      llvm::is_contained(WithGenerated, "statescope-singleton-setter build/gen/generated.h:11"));
  ProcessResult None = P.statescope({"--format=json", "--header-filter=^$"});
  EXPECT_EQ((std::vector<std::string>{"statescope-singleton-setter src/leaky.cpp:11",
                                      "statescope-request-field src/leaky.cpp:20"}),
            summarise(parseJson(None.Out), P.Dir.Path));
}

//===----------------------------------------------------------------------===//
// The cache
//===----------------------------------------------------------------------===//

/// How many units each pass analysed in this run and took from the cache,
/// from --profile: {pass 1 analysed, pass 1 cached, pass 2 analysed, pass 2
/// cached}. A second pass's unit analysed ahead in the first pass counts as
/// analysed.
std::vector<unsigned> cacheUse(const std::string &Err) {
  std::vector<unsigned> Result;
  llvm::Regex Pass("pass [12]: [0-9]+ units, ([0-9]+) analysed, ([0-9]+) from the "
                   "cache(, ([0-9]+) analysed ahead in the first pass)?");
  llvm::StringRef Rest = Err;
  llvm::SmallVector<llvm::StringRef, 5> Match;
  while (Pass.match(Rest, &Match)) {
    unsigned Ahead = Match[4].empty() ? 0 : std::stoi(Match[4].str());
    Result.push_back(std::stoi(Match[1].str()) + Ahead);
    Result.push_back(std::stoi(Match[2].str()));
    Rest = Rest.substr(Rest.find(Match[0]) + Match[0].size());
  }
  EXPECT_EQ(4u, Result.size()) << Err;
  return Result;
}

/// The server project with the whole-program example beside it: the
/// handlers in handlers.cpp reach an accessor, a setter and functions that
/// store.cpp defines, so the second pass has work too. session.h is
/// included by login_a.cpp and login_b.cpp, shared.h by handlers.cpp and
/// store.cpp.
struct CachedProject : ServerProject {
  CachedProject() {
    for (const char *Name : {"shared.h", "store.cpp", "handlers.cpp"})
      writeFile(Dir.file(std::string("src/") + Name),
                readFile(std::string(STATESCOPE_SOURCE_DIR "/tests/checks-whole-program/") + Name));
    writeDatabase({"src/handlers.cpp", "src/store.cpp"});
  }

  /// A JSON report and --profile's stderr.
  ProcessResult analyse(std::vector<std::string> Args = {}) const {
    Args.insert(Args.end(), {"--format=json", "--profile", "-j2"});
    return statescope(Args);
  }

  /// An edit that moves everything in the file down a line.
  void touch(llvm::StringRef Name) const {
    writeFile(Dir.file(Name), "// edited\n" + readFile(Dir.file(Name)));
  }
};

TEST(Cli, CacheReanalysesOnlyTheUnitsThatReadAChangedFile) {
  CachedProject P;
  ProcessResult Cold = P.analyse();
  ASSERT_EQ(1, Cold.Status) << Cold.Err;
  std::vector<unsigned> Use = cacheUse(Cold.Err);
  EXPECT_EQ(6u, Use[0]) << Cold.Err;
  EXPECT_EQ(0u, Use[1]);
  ASSERT_GT(Use[2], 0u) << "the second pass must have units to cache too";
  unsigned SecondPass = Use[2];
  // The default place: beside the compile database.
  EXPECT_TRUE(llvm::sys::fs::is_directory(joinPath(P.Build, ".statescope-cache")));

  // Nothing changed: every unit of both passes comes from the cache, and
  // the report is the same.
  ProcessResult Warm = P.analyse();
  EXPECT_EQ((std::vector<unsigned>{0, 6, 0, SecondPass}), cacheUse(Warm.Err)) << Warm.Err;
  EXPECT_EQ(Cold.Out, Warm.Out);

  // A header two units include: those two are analysed again, and the
  // report (where session.h's finding moved a line down) is what a run
  // without the cache reports.
  P.touch("include/session.h");
  ProcessResult Touched = P.analyse();
  EXPECT_EQ((std::vector<unsigned>{2, 4, 0, SecondPass}), cacheUse(Touched.Err)) << Touched.Err;
  ProcessResult Uncached = P.analyse({"--no-cache"});
  EXPECT_EQ((std::vector<unsigned>{6, 0, SecondPass, 0}), cacheUse(Uncached.Err));
  EXPECT_EQ(Uncached.Out, Touched.Out);
  EXPECT_NE(Cold.Out, Touched.Out) << "session.h's finding should have moved";

  // The header of the whole-program example: its two units are analysed
  // again in both passes that they take part in, the others are not.
  P.touch("src/shared.h");
  Touched = P.analyse();
  std::vector<unsigned> AfterShared = cacheUse(Touched.Err);
  EXPECT_EQ(2u, AfterShared[0]) << Touched.Err;
  EXPECT_EQ(4u, AfterShared[1]);
  EXPECT_LE(AfterShared[2], 2u);
  EXPECT_EQ(SecondPass, AfterShared[2] + AfterShared[3]);
  EXPECT_EQ(P.analyse({"--no-cache"}).Out, Touched.Out);

  // Another configuration is another key: every unit is analysed.
  ProcessResult Configured = P.analyse({"--checks=-*,statescope-mutable-static"});
  EXPECT_EQ(6u, cacheUse(Configured.Err)[0]) << Configured.Err;
}

TEST(Cli, CacheDirectoryIsAnOptionAndNoCacheWritesNone) {
  CachedProject P;
  std::string Elsewhere = P.Dir.file("elsewhere");
  ProcessResult First = P.analyse({"--cache-dir=" + Elsewhere});
  EXPECT_EQ(6u, cacheUse(First.Err)[0]) << First.Err;
  EXPECT_TRUE(llvm::sys::fs::is_directory(Elsewhere));
  EXPECT_FALSE(llvm::sys::fs::exists(joinPath(P.Build, ".statescope-cache")));
  EXPECT_EQ(0u, cacheUse(P.analyse({"--cache-dir", Elsewhere}).Err)[0]);

  ProcessResult None = P.analyse({"--no-cache"});
  EXPECT_EQ(6u, cacheUse(None.Err)[0]);
  EXPECT_FALSE(llvm::sys::fs::exists(joinPath(P.Build, ".statescope-cache")));
}

TEST(Cli, DamagedCacheEntriesAreIgnoredWithAWarning) {
  CachedProject P;
  std::string Cache = P.Dir.file("cache");
  ProcessResult Cold = P.analyse({"--cache-dir=" + Cache});
  ASSERT_EQ(1, Cold.Status) << Cold.Err;

  // Every entry cut in half, as a full disk or a killed run might leave
  // it, or its result replaced by something that is not a unit's result.
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator It(Cache, EC), End; It != End && !EC;
       It.increment(EC), ++Entries) {
    std::string Text = readFile(It->path());
    if (Entries % 2)
      writeFile(It->path(), Text.substr(0, Text.size() / 2));
    else
      writeFile(It->path(),
                Text.substr(0, Text.rfind("\"result\"")) + "\"result\": {\"findings\": 3}}");
  }
  ASSERT_GE(Entries, 7u);

  ProcessResult Damaged = P.analyse({"--cache-dir=" + Cache});
  EXPECT_EQ(Cold.Status, Damaged.Status);
  EXPECT_EQ(Cold.Out, Damaged.Out);
  std::vector<unsigned> Use = cacheUse(Damaged.Err);
  EXPECT_EQ(0u, Use[1] + Use[3]) << Damaged.Err;
  EXPECT_EQ(Entries, Use[0] + Use[2]);
  size_t Warnings = 0;
  for (size_t At = Damaged.Err.find("ignoring the damaged cache entry"); At != std::string::npos;
       At = Damaged.Err.find("ignoring the damaged cache entry", At + 1))
    ++Warnings;
  EXPECT_EQ(Entries, Warnings) << Damaged.Err;

  // The entries were written again.
  ProcessResult Again = P.analyse({"--cache-dir=" + Cache});
  EXPECT_EQ(0u, cacheUse(Again.Err)[0]) << Again.Err;
  EXPECT_EQ(std::string::npos, Again.Err.find("damaged")) << Again.Err;
  EXPECT_EQ(Cold.Out, Again.Out);
}

//===----------------------------------------------------------------------===//
// Parallelism
//===----------------------------------------------------------------------===//

TEST(Cli, OutputDoesNotDependOnTheNumberOfJobs) {
  ServerProject P;
  for (const char *Format : {"--format=text", "--format=json", "--format=sarif"}) {
    ProcessResult One = P.statescope({Format, "-j1"});
    ProcessResult Two = P.statescope({Format, "-j", "2"});
    ProcessResult Four = P.statescope({Format, "-j4"});
    EXPECT_EQ(1, One.Status) << One.Err;
    EXPECT_FALSE(One.Out.empty());
    EXPECT_EQ(One.Out, Two.Out) << Format;
    EXPECT_EQ(One.Out, Four.Out) << Format;
  }
}

//===----------------------------------------------------------------------===//
// Output formats
//===----------------------------------------------------------------------===//

TEST(Cli, JsonReportFollowsTheDocumentedSchema) {
  ServerProject P;
  writeFile(P.Dir.file("src/broken.cpp"), "int main() { return undeclared; }\n");
  P.writeDatabase({"src/broken.cpp"});
  ProcessResult R = P.statescope({"--format=json"});
  EXPECT_EQ(3, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  const llvm::json::Object &O = *Report.getAsObject();
  EXPECT_EQ(1, O.getInteger("version"));
  EXPECT_EQ("statescope", O.getObject("tool")->getString("name"));
  EXPECT_TRUE(O.getObject("tool")->getString("llvmVersion")->starts_with("19."));
  EXPECT_EQ(P.Dir.Path, O.getString("projectRoot"));
  EXPECT_EQ(5, O.getInteger("translationUnits"));
  for (const char *Key : {"nolint", "outsideProject", "baseline"})
    EXPECT_TRUE(O.getObject("suppressed")->getInteger(Key)) << Key;

  const llvm::json::Array &Failures = array(Report, "failures");
  ASSERT_EQ(1u, Failures.size());
  const llvm::json::Object &Failure = *Failures[0].getAsObject();
  EXPECT_EQ(P.Dir.file("src/broken.cpp"), Failure.getString("translationUnit"));
  EXPECT_EQ(1, Failure.getInteger("errors"));
  EXPECT_EQ("use of undeclared identifier 'undeclared'",
            Failure.getObject("firstError")->getString("message"));
  EXPECT_EQ(21, Failure.getObject("firstError")->getObject("location")->getInteger("column"));

  const llvm::json::Array &Findings = array(Report, "findings");
  ASSERT_EQ(3u, Findings.size());
  for (const llvm::json::Value &V : Findings) {
    const llvm::json::Object &F = *V.getAsObject();
    EXPECT_TRUE(F.getString("check")->starts_with("statescope-"));
    EXPECT_EQ("warning", F.getString("level"));
    EXPECT_FALSE(F.getString("message")->empty());
    const llvm::json::Object *Loc = F.getObject("location");
    ASSERT_TRUE(Loc);
    for (const char *Key : {"line", "column", "offset"})
      EXPECT_TRUE(Loc->getInteger(Key)) << Key;
    EXPECT_TRUE(F.getArray("fixes"));
    ASSERT_TRUE(F.getArray("notes"));
    EXPECT_FALSE(F.getArray("notes")->empty());
    for (const llvm::json::Value &N : *F.getArray("notes")) {
      EXPECT_TRUE(N.getAsObject()->getString("message"));
      EXPECT_TRUE(N.getAsObject()->getObject("location"));
      EXPECT_TRUE(N.getAsObject()->getArray("fixes"));
    }
    EXPECT_TRUE(llvm::Regex("^[0-9a-f]{16}:[0-9]+$").match(*F.getString("fingerprint")));
    EXPECT_TRUE(F.getString("translationUnit")->starts_with(P.Dir.file("src/")));
  }
}

/// The SARIF log of the server project, parsed.
llvm::json::Value sarifOf(const ServerProject &P) {
  ProcessResult R = P.statescope({"--format=sarif"});
  EXPECT_EQ(1, R.Status) << R.Err;
  return parseJson(R.Out);
}

TEST(Cli, SarifLogHasRulesWithHelpResultsNotesAndFingerprints) {
  // More of the log (code flows, links, the validator): CliSarifTest.cpp.
  ServerProject P;
  llvm::json::Value Log = sarifOf(P);
  const llvm::json::Object &O = *Log.getAsObject();
  EXPECT_EQ("2.1.0", O.getString("version"));
  ASSERT_EQ(1u, array(Log, "runs").size());
  const llvm::json::Object &Run = *array(Log, "runs")[0].getAsObject();
  const llvm::json::Object &Driver = *Run.getObject("tool")->getObject("driver");
  EXPECT_EQ("statescope", Driver.getString("name"));

  // One rule per doc page, its help the page itself.
  std::vector<std::string> RuleIds;
  for (const llvm::json::Value &V : *Driver.getArray("rules")) {
    const llvm::json::Object &Rule = *V.getAsObject();
    RuleIds.push_back(Rule.getString("id")->str());
    std::string Page = readFile(STATESCOPE_SOURCE_DIR "/docs/checks/" +
                                Rule.getString("id")->drop_front(11).str() + ".md");
    EXPECT_EQ(Page, Rule.getObject("help")->getString("text"));
    EXPECT_EQ(Page, Rule.getObject("help")->getString("markdown"));
    llvm::StringRef Short = *Rule.getObject("shortDescription")->getString("text");
    EXPECT_FALSE(Short.empty());
    EXPECT_EQ(std::string::npos, Short.find('\n'));
    // The full description is the sentence that opens the page.
    llvm::StringRef Full = *Rule.getObject("fullDescription")->getString("text");
    EXPECT_NE(std::string::npos, Page.find(Full.take_front(40))) << Full.str();
  }
  std::vector<std::string> Pages;
  for (const std::string &Page : docPages())
    Pages.push_back(checkOfPage(Page));
  EXPECT_EQ(Pages, RuleIds);

  // The results are the JSON report's findings: notes as related locations,
  // fix-its (here the per-request rewrite on a note) as fixes.
  llvm::json::Value Report = parseJson(P.statescope({"--format=json"}).Out);
  const llvm::json::Array &Findings = array(Report, "findings");
  const llvm::json::Array &Results = *Run.getArray("results");
  ASSERT_EQ(3u, Results.size());
  ASSERT_EQ(Findings.size(), Results.size());
  unsigned NoteFixes = 0;
  for (size_t I = 0; I < Results.size(); ++I) {
    const llvm::json::Object &Result = *Results[I].getAsObject();
    const llvm::json::Object &Finding = *Findings[I].getAsObject();
    int64_t Index = *Result.getInteger("ruleIndex");
    EXPECT_EQ(RuleIds[Index], Result.getString("ruleId"));
    EXPECT_EQ(Finding.getString("check"), Result.getString("ruleId"));
    EXPECT_EQ("warning", Result.getString("level"));
    // The message links the notes it mentions; the check's own words are
    // kept for merge.
    EXPECT_EQ(Finding.getString("message"), Result.getObject("properties")->getString("message"));
    EXPECT_NE(std::string::npos, Result.getObject("message")->getString("text")->find("]("))
        << "no link to a note";
    const llvm::json::Object &Physical =
        *(*Result.getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
    llvm::StringRef Uri = *Physical.getObject("artifactLocation")->getString("uri");
    EXPECT_EQ(P.Dir.file(Uri), Finding.getObject("location")->getString("file"));
    EXPECT_EQ("%SRCROOT%", Physical.getObject("artifactLocation")->getString("uriBaseId"));
    EXPECT_EQ(Finding.getObject("location")->getInteger("line"),
              Physical.getObject("region")->getInteger("startLine"));
    const llvm::json::Array &Notes = *Finding.getArray("notes");
    const llvm::json::Array *Related = Result.getArray("relatedLocations");
    ASSERT_TRUE(Related);
    ASSERT_EQ(Notes.size(), Related->size());
    for (size_t N = 0; N < Notes.size(); ++N)
      EXPECT_EQ(Notes[N].getAsObject()->getString("message"),
                (*Related)[N].getAsObject()->getObject("message")->getString("text"));
    if (const llvm::json::Array *Fixes = Result.getArray("fixes"))
      for (const llvm::json::Value &Fix : *Fixes) {
        const llvm::json::Object *Properties = Fix.getAsObject()->getObject("properties");
        ASSERT_TRUE(Properties && Properties->getInteger("note"));
        const llvm::json::Object &Note = *Notes[*Properties->getInteger("note")].getAsObject();
        EXPECT_FALSE(Note.getArray("fixes")->empty());
        EXPECT_EQ(Note.getString("message"),
                  Fix.getAsObject()->getObject("description")->getString("text"));
        ++NoteFixes;
      }
    EXPECT_EQ(Finding.getString("fingerprint"),
              Result.getObject("partialFingerprints")->getString("statescope/v2"));
    EXPECT_EQ(Finding.getString("fingerprint"),
              Result.getObject("partialFingerprints")->getString("primaryLocationLineHash"));
  }
  EXPECT_GE(NoteFixes, 1u);
  const llvm::json::Object &Root = *Run.getObject("originalUriBaseIds")->getObject("%SRCROOT%");
  EXPECT_EQ("file://" + P.Dir.Path + "/", Root.getString("uri"));
}

TEST(Cli, SarifLogValidatesAgainstTheSarif210Schema) {
  std::string SchemaPath = STATESCOPE_SARIF_SCHEMA;
  if (SchemaPath.empty())
    GTEST_SKIP() << "configure with -DSTATESCOPE_SARIF_SCHEMA=path/to/sarif-schema-2.1.0.json "
                    "(from github.com/oasis-tcs/sarif-spec) to validate against it";
  llvm::json::Value Schema = parseJson(readFile(SchemaPath));
  ServerProject P;
  writeFile(P.Dir.file("src/broken.cpp"), "int main() { return undeclared; }\n");
  P.writeDatabase({"src/broken.cpp"});
  ProcessResult R = P.statescope({"--format=sarif"});
  std::vector<std::string> Problems = validateJson(Schema, parseJson(R.Out));
  EXPECT_TRUE(Problems.empty()) << llvm::join(Problems, "\n");

  // The validator notices a broken log.
  llvm::json::Value Broken = parseJson(R.Out);
  Broken.getAsObject()->erase("version");
  (*Broken.getAsObject()->getArray("runs"))[0].getAsObject()->insert({"surprise", 1});
  EXPECT_EQ(2u, validateJson(Schema, Broken).size());
}

TEST(JsonSchema, ReportsEveryKindOfViolation) {
  llvm::json::Value Schema = parseJson(R"({
    "type": "object", "additionalProperties": false, "required": ["a"],
    "properties": {
      "a": {"$ref": "#/definitions/list"},
      "b": {"enum": ["x", "y"]},
      "c": {"type": "integer", "minimum": 1},
      "d": {"type": "string", "pattern": "^[a-z]+$"},
      "e": {"anyOf": [{"required": ["p"]}, {"required": ["q"]}]}
    },
    "definitions": {"list": {"type": "array", "minItems": 1, "uniqueItems": true,
                             "items": {"type": "string"}}}})");
  EXPECT_TRUE(validateJson(Schema, parseJson(R"({"a": ["s"], "b": "x", "c": 2, "d": "ok",
                                                 "e": {"q": 1}})"))
                  .empty());
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"b": "x"})")).size());           // required
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "z": 1})")).size()); // additional
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": []})")).size());            // minItems
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s", "s"]})")).size());    // unique
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": [1]})")).size());           // item type
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "b": "z"})")).size());
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "c": 0})")).size());
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "c": 1.5})")).size());
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "d": "A1"})")).size());
  EXPECT_EQ(1u, validateJson(Schema, parseJson(R"({"a": ["s"], "e": {}})")).size());
  EXPECT_EQ(1u, validateJson(parseJson(R"({"not": {}})"), parseJson("1")).size());
}

TEST(Cli, GithubFormatAnnotatesWithWorkflowCommands) {
  ServerProject P;
  ProcessResult R = P.statescope({"--format=github"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(R.Out).trim().split(Lines, '\n');
  ASSERT_EQ(3u, Lines.size()) << R.Out;
  EXPECT_TRUE(Lines[1].starts_with(
      "::warning file=src/leaky.cpp,line=11,col=14,title=statescope-singleton-setter::"
      "'orderManager' is shared by every request; "))
      << Lines[1].str();
  // Notes follow on their own lines, escaped as GitHub requires.
  EXPECT_NE(std::string::npos,
            Lines[1].find("%0Anote: src/leaky.cpp:14:3: stores request data ('req.user') in "
                          "it through 'setContext' here"))
      << Lines[1].str();
  for (llvm::StringRef Line : Lines)
    EXPECT_TRUE(Line.starts_with("::warning file=")) << Line.str();
}

TEST(Cli, ProjectRootIsTheEnclosingGitWorkTree) {
  ScratchDir Dir;
  llvm::sys::fs::create_directories(Dir.file(".git"));
  writeFile(Dir.file("service/src/leaky.cpp"), LeakySource);
  writeFile(Dir.file("service/build/compile_commands.json"),
            compileDatabase(Dir.file("service/build"), {Dir.file("service/src/leaky.cpp")}));
  ProcessResult R = run(Cli, {"-p", Dir.file("service/build"), "--format=github"});
  EXPECT_TRUE(llvm::StringRef(R.Out).starts_with("::warning file=service/src/leaky.cpp,")) << R.Out;
  ProcessResult Explicit = run(Cli, {"-p", Dir.file("service/build"), "--format=github",
                                     "--project-root=" + Dir.file("service")});
  EXPECT_TRUE(llvm::StringRef(Explicit.Out).starts_with("::warning file=src/leaky.cpp,"))
      << Explicit.Out;
}

TEST(Cli, OutputFileIsWrittenWholeAndUnwritablePathsFailEarly) {
  ServerProject P;
  ProcessResult Stdout = P.statescope({"--format=json"});
  std::string Out = P.Dir.file("out/report.json");
  llvm::sys::fs::create_directories(P.Dir.file("out"));
  ProcessResult ToFile = P.statescope({"--format=json", "-o", Out});
  EXPECT_EQ(1, ToFile.Status) << ToFile.Err;
  EXPECT_EQ("", ToFile.Out);
  EXPECT_EQ(Stdout.Out, readFile(Out));
  // Nothing but the report is left in its directory.
  std::error_code EC;
  llvm::sys::fs::directory_iterator It(P.Dir.file("out"), EC);
  ASSERT_FALSE(EC);
  EXPECT_EQ(Out, It->path());
  EXPECT_EQ(llvm::sys::fs::directory_iterator(), It.increment(EC));

  for (const char *Option : {"-o", "--write-baseline", "--export-fixes"}) {
    ProcessResult Bad = P.statescope({Option, P.Dir.file("no/such/dir/file")});
    EXPECT_EQ(2, Bad.Status) << Option;
    EXPECT_EQ(1, llvm::count(Bad.Err, '\n')) << Bad.Err;
    EXPECT_NE(std::string::npos, Bad.Err.find("cannot write " + P.Dir.file("no/such/dir/file")))
        << Bad.Err;
  }
}

//===----------------------------------------------------------------------===//
// Baselines
//===----------------------------------------------------------------------===//

TEST(Cli, BaselineHidesKnownFindingsAndShowsNewOnesAfterLinesMove) {
  ServerProject P;
  std::string Baseline = P.Dir.file("statescope-baseline.json");
  ProcessResult Write = P.statescope({"--write-baseline=" + Baseline, "--quiet"});
  EXPECT_EQ(0, Write.Status) << Write.Err;
  llvm::json::Value Written = parseJson(readFile(Baseline));
  EXPECT_EQ(2, Written.getAsObject()->getInteger("statescopeBaseline"));
  EXPECT_EQ(3u, array(Written, "findings").size());

  ProcessResult Known = P.statescope({"--baseline=" + Baseline});
  EXPECT_EQ(0, Known.Status) << Known.Out << Known.Err;
  EXPECT_EQ("", Known.Out);
  EXPECT_NE(std::string::npos, Known.Err.find("not shown: 1 in system or other projects' "
                                              "headers, 3 in the baseline"))
      << Known.Err;

  // Lines inserted above the old findings, re-indentation, and one new leak.
  std::string Source = LeakySource;
  Source = "// Orders.\n//\n// (c) the team\n\n" + Source;
  Source.replace(Source.find("OrderManager orderManager;"), 26, "OrderManager   orderManager ;");
  Source.replace(Source.find("[[clang::annotate"), 0, "std::string lastUser;\n");
  Source.replace(Source.find("  orderManager.setContext"), 0, "  lastUser = req.user;\n");
  writeFile(P.Dir.file("src/leaky.cpp"), Source);
  ProcessResult New = P.statescope({"--baseline=" + Baseline, "--format=json"});
  EXPECT_EQ(1, New.Status) << New.Err;
  EXPECT_EQ(std::vector<std::string>{"statescope-mutable-static src/leaky.cpp:16"},
            summarise(parseJson(New.Out), P.Dir.Path));

  // Writing the baseline again after the edit changes only by the new one.
  std::string Again = P.Dir.file("again.json");
  P.statescope({"--write-baseline=" + Again, "--quiet"});
  llvm::json::Value Rewritten = parseJson(readFile(Again));
  std::vector<llvm::json::Value> OldEntries(array(Written, "findings").begin(),
                                            array(Written, "findings").end());
  unsigned Kept = 0;
  for (const llvm::json::Value &E : array(Rewritten, "findings"))
    Kept += llvm::is_contained(OldEntries, E);
  EXPECT_EQ(3u, Kept);
  EXPECT_EQ(4u, array(Rewritten, "findings").size());
}

TEST(Cli, BadBaselinesAreOneLineErrors) {
  ServerProject P;
  auto Expect = [&](llvm::StringRef Contents, llvm::StringRef Message) {
    std::string Path = P.Dir.file("baseline.json");
    writeFile(Path, Contents);
    ProcessResult R = P.statescope({"--baseline=" + Path});
    EXPECT_EQ(2, R.Status) << R.Err;
    EXPECT_EQ(1, llvm::count(R.Err, '\n')) << R.Err;
    EXPECT_NE(std::string::npos, R.Err.find(Message.str())) << R.Err;
  };
  Expect("{\"statescopeBaseline\": 1, \"findings\": [", "not a statescope baseline: invalid JSON");
  Expect("{\"statescopeBaseline\": 1, \"findings\": []}",
         "baseline format version 1; this statescope reads version 2");
  Expect("{\"findings\": []}", "no \"statescopeBaseline\" version");
  Expect("{\"statescopeBaseline\": 2, \"findings\": [{}]}", "findings[0] has no \"fingerprint\"");
  ProcessResult Missing = P.statescope({"--baseline=" + P.Dir.file("missing.json")});
  EXPECT_EQ(2, Missing.Status);
  EXPECT_NE(std::string::npos, Missing.Err.find("cannot read baseline")) << Missing.Err;
}

//===----------------------------------------------------------------------===//
// Shards and merge
//===----------------------------------------------------------------------===//

TEST(Cli, ShardsMergedEqualTheUnshardedRun) {
  ServerProject P;
  writeFile(P.Dir.file("src/broken.cpp"), "int main() { return undeclared; }\n");
  P.writeDatabase({"src/broken.cpp"});
  for (const char *Format : {"json", "sarif"}) {
    ProcessResult Whole = P.statescope({std::string("--format=") + Format});
    ASSERT_EQ(3, Whole.Status) << Whole.Err;
    for (unsigned N : {2u, 3u}) {
      std::vector<std::string> Parts = {"merge", std::string("--format=") + Format};
      int64_t Units = 0;
      for (unsigned K = 1; K <= N; ++K) {
        std::string Part = P.Dir.file("shard" + std::to_string(K) + "." + Format);
        ProcessResult Shard =
            P.statescope({"--format=json", "--shard=" + std::to_string(K) + "/" + std::to_string(N),
                          "-o", Part, "--quiet"});
        EXPECT_NE(2, Shard.Status) << Shard.Err;
        Units += *parseJson(readFile(Part)).getAsObject()->getInteger("translationUnits");
        Parts.push_back(Part);
      }
      EXPECT_EQ(5, Units) << "the shards split the units";
      // Given in any order.
      std::reverse(Parts.begin() + 2, Parts.end());
      ProcessResult Merged = run(Cli, Parts);
      EXPECT_EQ(3, Merged.Status) << Merged.Err;
      EXPECT_EQ(Whole.Out, Merged.Out) << Format << " with " << N << " shards";
    }
  }
  // SARIF shards merge as well, into any format.
  std::vector<std::string> Sarif = {"merge", "--format=text"};
  for (unsigned K = 1; K <= 2; ++K) {
    std::string Part = P.Dir.file("part" + std::to_string(K) + ".sarif");
    P.statescope({"--format=sarif", "--shard=" + std::to_string(K) + "/2", "-o", Part});
    Sarif.push_back(Part);
  }
  EXPECT_EQ(P.statescope({}).Out, run(Cli, Sarif).Out);
}

// merge quotes source lines from the files a report names; a report may
// name anything, and a device or FIFO would be read forever.
TEST(Cli, MergeReadsOnlyRegularFilesForSourceLines) {
  ServerProject P;
  std::string Json = P.statescope({"--format=json", P.Dir.file("src/leaky.cpp")}).Out;
  std::string Leaky = "\"" + P.Dir.file("src/leaky.cpp") + "\"";
  for (size_t At; (At = Json.find(Leaky)) != std::string::npos;)
    Json.replace(At, Leaky.size(), "\"/dev/zero\"");
  writeFile(P.Dir.file("zero.json"), Json);
  ProcessResult R = run(Cli, {"merge", P.Dir.file("zero.json")});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_NE(std::string::npos, R.Out.find("/dev/zero:11:14: warning:")) << R.Out;
}

TEST(Cli, MergeRejectsWhatItCannotUse) {
  ServerProject P;
  ProcessResult NoInputs = run(Cli, {"merge"});
  EXPECT_EQ(2, NoInputs.Status);
  ProcessResult Analysis = run(Cli, {"merge", "--shard=1/2", P.Dir.file("x.json")});
  EXPECT_EQ(2, Analysis.Status);
  EXPECT_NE(std::string::npos, Analysis.Err.find("merge does not take -shard")) << Analysis.Err;
  writeFile(P.Dir.file("other.json"), "{\"runs\": []}");
  ProcessResult Foreign = run(Cli, {"merge", P.Dir.file("other.json")});
  EXPECT_EQ(2, Foreign.Status);
  EXPECT_NE(std::string::npos, Foreign.Err.find("not a SARIF log statescope wrote")) << Foreign.Err;
  writeFile(P.Dir.file("v2.json"), "{\"version\": 2}");
  ProcessResult Version = run(Cli, {"merge", P.Dir.file("v2.json")});
  EXPECT_EQ(2, Version.Status);
  EXPECT_NE(std::string::npos, Version.Err.find("report version 2")) << Version.Err;
}

//===----------------------------------------------------------------------===//
// Fix-its
//===----------------------------------------------------------------------===//

constexpr const char *NeverWritten =
    STATESCOPE_SOURCE_DIR "/tests/checks/mutable-static-never-written.cpp";
constexpr const char *ReportNeverWritten =
    "--config={CheckOptions: {statescope-mutable-static.ReportNeverWritten: true}}";

TEST(Cli, FixAppliesTheWarningsFixItsKeepingPermissions) {
  ScratchDir Dir;
  std::string Source = Dir.file("statics.cpp");
  writeFile(Source, readFile(NeverWritten));
  llvm::sys::fs::setPermissions(Source, llvm::sys::fs::perms(0640));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));

  ProcessResult Stats = run(Cli, {"-p", Dir.Path, ReportNeverWritten, "--statistics"});
  EXPECT_EQ("    9  statescope-mutable-static (5 fixable with --fix)\n    9  in total\n",
            Stats.Out);

  ProcessResult R = run(Cli, {"-p", Dir.Path, ReportNeverWritten, "--fix"});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find("applied 5 fix-its to 1 file")) << R.Err;
  EXPECT_EQ(readFile(std::string(NeverWritten) + ".fixed"), readFile(Source));
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(Source, Status));
  EXPECT_EQ(llvm::sys::fs::perms(0640), Status.permissions());
}

// The fixtures' .fixed twins are what the checks' fix-its make of them; the
// CLI must make the same, with --fix-notes where the twin has note fix-its
// applied, and leave those out with --fix.
TEST(Cli, FixAndFixNotesMakeEachFixturesFixedTwin) {
  unsigned Twins = 0;
  for (const std::string &Path : listFixtures(STATESCOPE_SOURCE_DIR "/tests/checks")) {
    std::string Fixed = readFile(Path + ".fixed");
    if (Fixed.empty())
      continue;
    ++Twins;
    auto F = parseFixture(Path, STATESCOPE_BINARY_DIR);
    ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
    auto FixWith = [&](llvm::StringRef Option) {
      ScratchDir Dir;
      std::string Copy = Dir.file(llvm::sys::path::filename(Path));
      writeFile(Copy, readFile(Path));
      writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Copy}, F->Args));
      std::vector<std::string> Args = {"-p", Dir.Path, "--checks=" + F->Checks, Option.str(),
                                       "--quiet"};
      if (!F->Config.empty())
        Args.push_back("--config=" + F->Config);
      ProcessResult R = run(Cli, Args);
      EXPECT_EQ(1, R.Status) << Path << ": " << R.Err;
      return readFile(Copy);
    };
    EXPECT_EQ(Fixed, FixWith(F->FixNotes ? "--fix-notes" : "--fix")) << Path;
    if (F->FixNotes)
      EXPECT_NE(Fixed, FixWith("--fix")) << Path << ": --fix applied note fix-its";
  }
  EXPECT_GE(Twins, 2u);
}

TEST(Cli, ExportedFixesAreWhatClangApplyReplacementsReads) {
  ScratchDir Dir;
  std::string Source = Dir.file("statics.cpp");
  writeFile(Source, readFile(NeverWritten));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  llvm::sys::fs::create_directories(Dir.file("fixes"));
  ProcessResult R = run(Cli, {"-p", Dir.Path, ReportNeverWritten,
                              "--export-fixes=" + Dir.file("fixes/statics.yaml")});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_EQ(readFile(NeverWritten), readFile(Source)) << "exporting changes nothing";
  std::string Yaml = readFile(Dir.file("fixes/statics.yaml"));
  EXPECT_NE(std::string::npos, Yaml.find("DiagnosticName:  statescope-mutable-static")) << Yaml;
  EXPECT_EQ(5u, llvm::StringRef(Yaml).count("ReplacementText: 'const '")) << Yaml;

  auto Apply = llvm::sys::findProgramByName("clang-apply-replacements-19");
  if (!Apply)
    GTEST_SKIP() << "clang-apply-replacements-19 is not installed";
  ProcessResult Applied = run(*Apply, {Dir.file("fixes")});
  EXPECT_EQ(0, Applied.Status) << Applied.Err;
  EXPECT_EQ(readFile(std::string(NeverWritten) + ".fixed"), readFile(Source));
}

//===----------------------------------------------------------------------===//
// Exit codes, messages, help
//===----------------------------------------------------------------------===//

TEST(Cli, BadUsageExitsTwoWithOneLineNamingTheProblem) {
  ScratchDir Dir;
  auto ExpectError = [](const ProcessResult &R, llvm::StringRef Message) {
    EXPECT_EQ(2, R.Status) << R.Err;
    EXPECT_NE(std::string::npos, R.Err.find(Message.str())) << R.Err;
    EXPECT_EQ(1, llvm::count(R.Err, '\n')) << R.Err;
  };
  ExpectError(run(Cli, {"-p", Dir.file("nowhere")}),
              "no compile_commands.json in " + Dir.file("nowhere"));

  writeFile(Dir.file("compile_commands.json"), "[{\"directory\": ");
  ExpectError(run(Cli, {"-p", Dir.Path}), Dir.file("compile_commands.json"));

  EXPECT_EQ(2, run(Cli, {"--no-such-flag"}).Status);

  writeFile(Dir.file("a.cpp"), "int a;\n");
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Dir.file("a.cpp")}));
  ExpectError(run(Cli, {"-p", Dir.Path, Dir.file("compile_commands.json")}),
              "not in the compile database");
  ExpectError(run(Cli, {"-p", Dir.Path, "--config={}", "--config-file=x"}),
              "use --config or --config-file, not both");
  ExpectError(run(Cli, {"-p", Dir.Path, "--config-file=" + Dir.file("none.yaml")}),
              "cannot read " + Dir.file("none.yaml"));
  ExpectError(run(Cli, {"-p", Dir.Path, "--config={Checks: [}"}), "invalid --config");
  ExpectError(run(Cli, {"-p", Dir.Path, "--header-filter=("}), "invalid --header-filter");
  ExpectError(run(Cli, {"-p", Dir.Path, "--shard=3/2"}), "expected K/N with 1 <= K <= N");
  ExpectError(run(Cli, {"-p", Dir.Path, "--checks=-*"}), "no statescope checks are enabled");
  ExpectError(run(Cli, {"-p", Dir.Path, "--statistics", "--format=json"}),
              "use it with --format=text");
}

TEST(Cli, CodeThatDoesNotCompileExitsThreeAndNamesTheError) {
  ServerProject P;
  writeFile(P.Dir.file("src/broken.cpp"), "int main() { return undeclared; }\n");
  P.writeDatabase({"src/broken.cpp"});
  ProcessResult R = P.statescope({});
  EXPECT_EQ(3, R.Status) << R.Out << R.Err;
  EXPECT_NE(std::string::npos,
            R.Out.find(P.Dir.file("src/broken.cpp") +
                       ":1:21: error: use of undeclared identifier 'undeclared'"))
      << R.Out;
  // The other units' findings are still reported.
  EXPECT_NE(std::string::npos, R.Out.find("[statescope-singleton-setter]")) << R.Out;
  EXPECT_NE(std::string::npos, R.Err.find("1 translation unit could not be analysed:\n    " +
                                          P.Dir.file("src/broken.cpp")))
      << R.Err;
}

TEST(Cli, ExitCodesSayWhatHappened) {
  ServerProject P;
  EXPECT_EQ(0, P.statescope({P.Dir.file("src/clean.cpp")}).Status);
  EXPECT_EQ(1, P.statescope({P.Dir.file("src/leaky.cpp")}).Status);
  EXPECT_EQ(2, P.statescope({"--format=yaml"}).Status);
  writeFile(P.Dir.file("src/broken.cpp"), "int main() { return undeclared; }\n");
  P.writeDatabase({"src/broken.cpp"});
  EXPECT_EQ(3, P.statescope({P.Dir.file("src/broken.cpp")}).Status);
  // Not analysing some units outweighs findings in others.
  EXPECT_EQ(3, P.statescope({}).Status);
  // An empty shard is a clean run: of two shards of one unit, one is empty.
  unsigned Empty = 0;
  for (const char *Shard : {"--shard=1/2", "--shard=2/2"}) {
    ProcessResult R = P.statescope({Shard, "--format=json", P.Dir.file("src/broken.cpp")});
    if (parseJson(R.Out).getAsObject()->getInteger("translationUnits") == 0) {
      ++Empty;
      EXPECT_EQ(0, R.Status) << R.Err;
    }
  }
  EXPECT_EQ(1u, Empty);
}

TEST(Cli, ListChecksNamesEveryCheckAndEachHasAPage) {
  ProcessResult R = run(Cli, {"--list-checks"});
  EXPECT_EQ(0, R.Status) << R.Err;
  std::string Expected;
  for (const std::string &Page : docPages())
    Expected += checkOfPage(Page) + "\n";
  EXPECT_EQ(Expected, R.Out);
}

TEST(Cli, ExplainPrintsTheChecksPage) {
  std::vector<std::string> Pages = docPages();
  ASSERT_GE(Pages.size(), 4u);
  for (const std::string &Page : Pages) {
    ProcessResult Short = run(Cli, {"explain", "--markdown", llvm::sys::path::stem(Page).str()});
    EXPECT_EQ(0, Short.Status) << Short.Err;
    EXPECT_EQ(readFile(Page), Short.Out);
    EXPECT_EQ(readFile(Page), run(Cli, {"explain", "--markdown", checkOfPage(Page)}).Out);
  }
  ProcessResult Unknown = run(Cli, {"explain", "no-such-check"});
  EXPECT_EQ(2, Unknown.Status);
  EXPECT_NE(std::string::npos, Unknown.Err.find("no check named 'no-such-check'"));
  EXPECT_NE(std::string::npos, Unknown.Err.find("\n  " + checkOfPage(Pages[0])));
  EXPECT_EQ(2, run(Cli, {"explain", "a", "b"}).Status);
}

TEST(Cli, VersionNamesTheLlvmVersion) {
  ProcessResult R = run(Cli, {"--version"});
  EXPECT_EQ(0, R.Status);
  EXPECT_TRUE(llvm::Regex("^statescope [0-9.]+ \\(LLVM 19\\.[0-9.]+\\)\n$").match(R.Out)) << R.Out;
}

TEST(Cli, TheReadmeQuotesTheHelpExactly) {
  std::string Readme = readFile(STATESCOPE_SOURCE_DIR "/README.md");
  const std::string Marker = "<!-- statescope --help -->\n```text\n";
  size_t Start = Readme.find(Marker);
  ASSERT_NE(std::string::npos, Start) << "README.md lacks the marked --help block";
  Start += Marker.size();
  size_t End = Readme.find("```\n", Start);
  ASSERT_NE(std::string::npos, End);
  ProcessResult R = run(Cli, {"--help"});
  EXPECT_EQ(0, R.Status);
  EXPECT_EQ(R.Out, Readme.substr(Start, End - Start))
      << "copy `build/bin/statescope --help` into README.md";
}

//===----------------------------------------------------------------------===//
// Progress and summary
//===----------------------------------------------------------------------===//

/// Runs the CLI with stderr on a pseudo-terminal and returns what it showed.
std::string runWithTerminalStderr(const std::vector<std::string> &Args) {
  int Master, Slave;
  winsize Size = {24, 120, 0, 0};
  if (openpty(&Master, &Slave, nullptr, nullptr, &Size))
    return "openpty failed";
  pid_t Pid = fork();
  if (Pid == 0) {
    int Null = open("/dev/null", O_WRONLY);
    dup2(Null, STDOUT_FILENO);
    dup2(Slave, STDERR_FILENO);
    close(Master);
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

TEST(Cli, ProgressIsShownOnlyOnATerminal) {
  ServerProject P;
  std::string Shown = runWithTerminalStderr({"-p", P.Build, "-j1"});
  EXPECT_NE(std::string::npos, Shown.find("\r\x1b[K[0/4] src/clean.cpp")) << Shown;
  EXPECT_NE(std::string::npos, Shown.find("[4/4]")) << Shown;
  EXPECT_NE(std::string::npos, Shown.find("statescope: 4 translation units, 3 findings")) << Shown;

  std::string Quiet = runWithTerminalStderr({"-p", P.Build, "--quiet"});
  EXPECT_EQ("", Quiet);

  ProcessResult NotATerminal = P.statescope({});
  EXPECT_EQ(std::string::npos, NotATerminal.Err.find('\r')) << NotATerminal.Err;
  EXPECT_EQ("", P.statescope({"--quiet"}).Err);
}

//===----------------------------------------------------------------------===//
// The whole-program pass
//===----------------------------------------------------------------------===//

// What one file cannot know: the handler's unit only declares the accessor,
// the setter and recordTenant; store.cpp does not know a handler calls it.
// The CLI joins the units' facts and finds the leaks; clang-tidy with the
// plugin, one file at a time, cannot (docs/cli.md says so).
TEST(Cli, WholeProgramPassFollowsAccessorsSettersAndCallsAcrossFiles) {
  ScratchDir Dir;
  for (const char *Name : {"shared.h", "store.cpp", "handlers.cpp"})
    writeFile(Dir.file(Name),
              readFile(std::string(STATESCOPE_SOURCE_DIR "/tests/checks-whole-program/") + Name));
  std::vector<std::string> Units = {Dir.file("handlers.cpp"), Dir.file("store.cpp")};
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Units));

  ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2"});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  std::vector<std::string> Found;
  for (const Diagnostic &D : parseClangOutput(R.Out))
    if (D.Level == "warning")
      Found.push_back(llvm::sys::path::filename(D.File).str() + " " + D.Check);
  llvm::sort(Found);
  EXPECT_EQ((std::vector<std::string>{"handlers.cpp statescope-singleton-setter",
                                      "store.cpp statescope-mutable-static"}),
            Found)
      << R.Out;
  EXPECT_NE(std::string::npos,
            R.Out.find("'recordTenant', called per request by the request handler 'handle' in " +
                       Dir.file("handlers.cpp")))
      << R.Out;

  auto ClangTidy = llvm::sys::findProgramByName("clang-tidy-19");
  ASSERT_TRUE(static_cast<bool>(ClangTidy)) << "clang-tidy-19 is not installed";
  // One file at a time, the plugin sees none of the three, and must assume
  // that lookup() writes the table it takes by non-const reference; the
  // CLI knows from store.cpp that it only reads it.
  std::string OneFileWarnings;
  for (const std::string &Unit : Units) {
    ProcessResult OneFile =
        run(*ClangTidy, {"--load=" STATESCOPE_BINARY_DIR "/lib/libstatescope-tidy.so",
                         "--checks=-*,statescope-*", "--quiet", "-p", Dir.Path, Unit});
    for (const Diagnostic &D : parseClangOutput(OneFile.Out))
      if (D.Level == "warning")
        OneFileWarnings += llvm::sys::path::filename(D.File).str() + " " + D.Message + "\n";
  }
  EXPECT_EQ("handlers.cpp 'g_quota' is shared by every request; the request handler 'handle' "
            "passes it to be written with request data ('req.user')\n",
            OneFileWarnings);
  EXPECT_EQ(std::string::npos, R.Out.find("g_quota")) << R.Out;
}

// A handler by its own rule (here the annotation) stays one when another
// file's handler calls it too: its parameters still receive request data, and
// it is still described by its own rule, not by the caller's call (which
// passes a constant). A function that is no handler of its own is rooted by
// the call, as before.
TEST(Cli, HandlerByItsOwnRuleStaysOneWhenAnotherFileCallsIt) {
  ScratchDir Dir;
  writeFile(Dir.file("handle.cpp"),
            "#include <string>\n"
            "std::string g_lastUser;\n"
            "[[clang::annotate(\"statescope::request_handler\")]] void handle(const std::string "
            "&user) {\n"
            "  g_lastUser = user;\n"
            "}\n"
            "std::string g_lastProbe;\n"
            "void probe(const std::string &what) { g_lastProbe = what; }\n");
  writeFile(Dir.file("ping.cpp"),
            "#include <string>\n"
            "void handle(const std::string &user);\n"
            "void probe(const std::string &what);\n"
            "[[clang::annotate(\"statescope::request_handler\")]] void ping(const std::string "
            "&who) {\n"
            "  handle(\"health-check\");\n"
            "  probe(\"disk\");\n"
            "}\n");
  std::vector<std::string> Units = {Dir.file("handle.cpp"), Dir.file("ping.cpp")};
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Units));

  ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache"});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  std::vector<std::string> Found;
  for (const Diagnostic &D : parseClangOutput(R.Out))
    if (D.Level == "warning")
      Found.push_back(D.Message);
  llvm::sort(Found);
  EXPECT_EQ((std::vector<std::string>{
                "'g_lastProbe' is shared by every request; 'probe', called per request by the "
                "request handler 'ping' in " +
                    Dir.file("ping.cpp") + " assigns it",
                "'g_lastUser' is shared by every request; the request handler 'handle' stores "
                "request data ('user') in it"}),
            Found)
      << R.Out;
}

// Objects across files: handlers.cpp passes the tally and the model its
// start-up code made to functions of serve.cpp; complete() calls the virtual
// predict() that models.cpp overrides. The second pass carries the shared
// objects into serve.cpp, and a third carries the model on into the
// override. A tally of the request's own, and an override only start-up
// code calls, stay quiet.
TEST(Cli, WholeProgramPassCarriesSharedObjectsAndVirtualCallsAcrossFiles) {
  ScratchDir Dir;
  for (const char *Name : {"objects.h", "handlers.cpp", "serve.cpp", "models.cpp"})
    writeFile(
        Dir.file(Name),
        readFile(std::string(STATESCOPE_SOURCE_DIR "/tests/checks-whole-program/objects/") + Name));
  std::vector<std::string> Units = {Dir.file("handlers.cpp"), Dir.file("serve.cpp"),
                                    Dir.file("models.cpp")};
  writeFile(
      Dir.file("compile_commands.json"),
      compileDatabase(Dir.Path, Units, {"-isystem", STATESCOPE_SOURCE_DIR "/tests/checks/Inputs"}));

  ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--profile"});
  EXPECT_EQ(1, R.Status) << R.Out << R.Err;
  std::vector<std::string> Found;
  for (const Diagnostic &D : parseClangOutput(R.Out))
    if (D.Level == "warning")
      Found.push_back(
          llvm::formatv("{0}:{1} {2}", llvm::sys::path::filename(D.File), D.Line, D.Check));
  llvm::sort(Found);
  EXPECT_EQ((std::vector<std::string>{
                // The caller's unit knew this much alone.
                "handlers.cpp:6 statescope-singleton-setter",
                "models.cpp:13 statescope-request-field", // lastPrompt_
                "models.cpp:7 statescope-mutable-static", // scratchSize
                "models.cpp:8 statescope-mutable-static", // scratch
                                                          // requests and lastPath, one Tally
                "serve.cpp:4 statescope-request-field"}),
            Found)
      << R.Out;
  // The notes say where the object came from.
  EXPECT_NE(std::string::npos,
            R.Out.find("note: '*this' is 'model', a local of 'main' that handlers capture by "
                       "reference, passed in on the request path"))
      << R.Out;
  EXPECT_NE(std::string::npos, R.Out.find("'CachingModel::predict' (through the virtual "
                                          "'Model::predict'), called per request by 'complete'"))
      << R.Out;
  EXPECT_NE(std::string::npos, R.Err.find("pass 3: 1 units")) << R.Err;
}

// The README's example: one bug (the caller's user and tier kept in the one
// OrderManager) is one finding, naming both fields, beside the unrelated
// counter's; no second check reports the fields.
TEST(Cli, TheReadmeExampleIsOneFindingPerBug) {
  if (!llvm::sys::fs::exists("/usr/include/httplib.h"))
    GTEST_SKIP() << "needs cpp-httplib";
  ScratchDir Dir;
  std::string Server = Dir.file("order_server.cpp");
  writeFile(Server, readFile(STATESCOPE_SOURCE_DIR "/examples/order_server.cpp"));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Server}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  EXPECT_EQ((std::vector<std::string>{"statescope-singleton-setter order_server.cpp:23",
                                      "statescope-mutable-static order_server.cpp:24"}),
            summarise(Report, Dir.Path));
  const llvm::json::Array *Findings = Report.getAsObject()->getArray("findings");
  ASSERT_TRUE(Findings && !Findings->empty());
  std::string Message = (*Findings)[0].getAsObject()->getString("message").value_or("").str();
  EXPECT_TRUE(
      llvm::StringRef(Message).ends_with("through 'setContext' (fields 'user_' and 'tier_')"))
      << Message;
}

// The example server in examples/: `statescope --fix-notes` rewrites it into
// code that compiles and that statescope finds nothing in.
TEST(Cli, FixNotesTurnsTheExampleServerIntoCleanCode) {
  if (!llvm::sys::fs::exists("/usr/include/httplib.h"))
    GTEST_SKIP() << "needs cpp-httplib";
  ScratchDir Dir;
  std::string Server = Dir.file("order_server.cpp");
  writeFile(Server, readFile(STATESCOPE_SOURCE_DIR "/examples/order_server.cpp"));
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Server}));

  ProcessResult Fix = run(Cli, {"-p", Dir.Path, "--fix-notes", "--quiet"});
  EXPECT_EQ(1, Fix.Status) << Fix.Out << Fix.Err;
  std::string Fixed = readFile(Server);
  EXPECT_NE(std::string::npos, Fixed.find("auto orderManager = makeOrderManager(")) << Fixed;
  EXPECT_NE(std::string::npos, Fixed.find("static std::atomic<long> g_ordersPlaced")) << Fixed;

  auto Clang = llvm::sys::findProgramByName("clang++-19");
  ASSERT_TRUE(static_cast<bool>(Clang));
  ProcessResult Compile = run(*Clang, {"-std=c++17", "-fsyntax-only", Server});
  EXPECT_EQ(0, Compile.Status) << Compile.Err;
  ProcessResult Again = run(Cli, {"-p", Dir.Path});
  EXPECT_EQ(0, Again.Status) << Again.Out << Again.Err;
}

// The coroutine demo: statescope reports the thread_local read after
// co_await in the buggy request and nothing in the fixed one; its fix makes
// the program write every order as the right user.
TEST(Cli, FindsAndFixesTheCoroutineDemosThreadLocalLeak) {
  ScratchDir Dir;
  std::string Demo = Dir.file("leak_demo.cpp");
  std::string Source = readFile(STATESCOPE_SOURCE_DIR "/examples/leak_demo.cpp");
  writeFile(Demo, Source);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Demo}, {"-std=c++20"}));

  ProcessResult Found = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(1, Found.Status) << Found.Out << Found.Err;
  auto Report = llvm::json::parse(Found.Out);
  ASSERT_TRUE(static_cast<bool>(Report)) << llvm::toString(Report.takeError());
  const llvm::json::Array *Findings = Report->getAsObject()->getArray("findings");
  ASSERT_NE(nullptr, Findings);
  ASSERT_EQ(1u, Findings->size()) << Found.Out;
  const llvm::json::Object *Finding = (*Findings)[0].getAsObject();
  EXPECT_EQ("statescope-thread-local-across-await", Finding->getString("check").value_or(""));
  unsigned BadLine =
      1 +
      llvm::StringRef(Source).substr(0, Source.find("{customer, item, currentUser}")).count('\n');
  EXPECT_EQ(BadLine, Finding->getObject("location")->getInteger("line").value_or(0)) << Found.Out;

  ProcessResult Fix = run(Cli, {"-p", Dir.Path, "--fix-notes", "--quiet"});
  EXPECT_EQ(1, Fix.Status) << Fix.Out << Fix.Err;
  EXPECT_EQ(0, run(Cli, {"-p", Dir.Path}).Status);
  auto Clang = llvm::sys::findProgramByName("clang++-19");
  ASSERT_TRUE(static_cast<bool>(Clang));
  std::string Binary = Dir.file("leak_demo");
  ProcessResult Compile = run(*Clang, {"-std=c++20", "-o", Binary, Demo});
  ASSERT_EQ(0, Compile.Status) << Compile.Err;
  ProcessResult Ran = run(Binary, {});
  EXPECT_NE(std::string::npos, Ran.Out.find("0 of 2 orders written as the wrong user (bug)"))
      << Ran.Out << readFile(Demo);
}

// A project's .clang-tidy may enable other checks; statescope runs its own.
TEST(Cli, RunsOnlyStatescopeChecksWhateverTheProjectEnables) {
  ScratchDir Dir;
  std::string Source = Dir.file("null.cpp");
  writeFile(Source, "int main() { int *p = nullptr; return *p; }\n");
  writeFile(Dir.file(".clang-tidy"), "Checks: 'clang-analyzer-*,statescope-*'\n");
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult R = run(Cli, {"-p", Dir.Path});
  EXPECT_EQ(0, R.Status) << R.Out << R.Err;
  EXPECT_EQ(std::string::npos, R.Out.find("clang-analyzer")) << R.Out;
}

//===----------------------------------------------------------------------===//
// Robustness: broken code, bad input, crashes, hostile code, safe fixes
//===----------------------------------------------------------------------===//

// A half-written file: clang's first error is reported with its place, the
// findings in the code that parsed are still reported, and a write whose
// code did not compile (a guess of clang's error recovery) is not.
TEST(Cli, BrokenCodeReportsItsFirstErrorAndWhatParsed) {
  ScratchDir Dir;
  std::string Source = Dir.file("half.cpp");
  writeFile(Source, R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
std::string lastUser;
std::string lastGuess;
[[clang::annotate("statescope::request_handler")]]
void handle(const web::Request &req) {
  lastUser = req.user;
  lastGuess = req.nosuchfield;
}
void unfinished() { int x = ; }
)cpp");
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(3, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  EXPECT_EQ(std::vector<std::string>{"statescope-mutable-static half.cpp:3"},
            summarise(Report, Dir.Path));
  const llvm::json::Array &Failures = array(Report, "failures");
  ASSERT_EQ(1u, Failures.size());
  const llvm::json::Object &Failure = *Failures[0].getAsObject();
  EXPECT_EQ(2, Failure.getInteger("errors"));
  const llvm::json::Object &First = *Failure.getObject("firstError");
  EXPECT_EQ("no member named 'nosuchfield' in 'web::Request'", First.getString("message"));
  EXPECT_EQ(Source, First.getObject("location")->getString("file"));
  EXPECT_EQ(8, First.getObject("location")->getInteger("line"));
}

/// Runs the CLI on a fresh compile database of Files (written beside them)
/// and expects a usage error: exit 2 and one line naming File and Problem.
void expectBadInput(const ProcessResult &R, llvm::StringRef File, llvm::StringRef Problem) {
  EXPECT_EQ(2, R.Status) << R.Out << R.Err;
  EXPECT_EQ(1, llvm::count(R.Err, '\n')) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(File.str())) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(Problem.str())) << R.Err;
  EXPECT_EQ("", R.Out);
}

TEST(Cli, BadCompileDatabasesAreOneLineErrorsNamingTheFile) {
  ScratchDir Dir;
  std::string Source = Dir.file("a.cpp");
  writeFile(Source, LeakySource);
  std::string Database = Dir.file("compile_commands.json");
  auto With = [&](llvm::StringRef Text) {
    writeFile(Database, Text);
    return run(Cli, {"-p", Dir.Path});
  };
  std::string Command = R"("arguments": ["clang++-19", "-std=c++17", "-c", "a.cpp"])";
  expectBadInput(With(""), Database, "not valid JSON");
  expectBadInput(With("[{\"directory\": "), Database, "not valid JSON");
  // Clang's reader would print a YAML error and then accept this one.
  expectBadInput(With("[{" + Command + ", \"directory\": \"" + Dir.Path +
                      "\", \"file\": \"a.cpp\" \"extra\": 1}]"),
                 Database, "not valid JSON: [1:");
  expectBadInput(With("{\"directory\": \"/\"}"), Database, "Expected array");
  expectBadInput(With("[{" + Command + ", \"file\": \"a.cpp\"}]"), Database,
                 "Missing key: \"directory\"");
  expectBadInput(With("[{" + Command + ", \"directory\": \"" + Dir.Path + "\"}]"), Database,
                 "Missing key: \"file\"");
  expectBadInput(With("[{\"directory\": \"" + Dir.Path + "\", \"file\": \"a.cpp\"}]"), Database,
                 "Missing key: \"command\" or \"arguments\"");
  expectBadInput(With("[{" + Command + ", \"directory\": \"build\", \"file\": \"a.cpp\"}]"),
                 Database, "has a relative \"directory\" ('build'); it must be absolute");
  expectBadInput(With("[]"), Database, "the compile database lists no files");

  // Listed files that cannot be read, gone or a directory, are those units'
  // failures (tests/GuaranteesTest.cpp has more); the others are analysed.
  llvm::sys::fs::create_directories(Dir.file("dir.cpp"));
  writeFile(Database,
            compileDatabase(Dir.Path, {Source, Dir.file("gone.cpp"), Dir.file("dir.cpp")}));
  ProcessResult Unreadable = run(Cli, {"-p", Dir.Path});
  EXPECT_EQ(3, Unreadable.Status) << Unreadable.Err;
  EXPECT_NE(std::string::npos, Unreadable.Out.find(Dir.file("gone.cpp") +
                                                   ": error: cannot read it: No such file or "
                                                   "directory (listed in " +
                                                   Database + ")"))
      << Unreadable.Out;
  EXPECT_NE(std::string::npos,
            Unreadable.Out.find(Dir.file("dir.cpp") + ": error: cannot read it: it is a directory"))
      << Unreadable.Out;
  // Only the units selected are read.
  EXPECT_EQ(1, run(Cli, {"-p", Dir.Path, Source}).Status);
}

TEST(Cli, BadConfigurationIsAOneLineErrorNamingTheFile) {
  ServerProject P;
  std::string Leaky = P.Dir.file("src/leaky.cpp");
  // A .clang-tidy file that does not parse; clang-tidy would go on without it.
  writeFile(P.Dir.file("src/.clang-tidy"), "Checks: [\n");
  expectBadInput(P.statescope({}), P.Dir.file("src/.clang-tidy") + ":1:", "invalid");
  // ...also above a .clang-tidy that inherits from it.
  writeFile(P.Dir.file("src/.clang-tidy"), "InheritParentConfig: true\n");
  writeFile(P.Dir.file(".clang-tidy"), "CheckOptions: {a: [\n");
  expectBadInput(P.statescope({}), P.Dir.file(".clang-tidy") + ":", "invalid");
  llvm::sys::fs::remove(P.Dir.file(".clang-tidy"));

  // Option values the checks cannot use, from a file or the command line.
  writeFile(P.Dir.file("src/.clang-tidy"),
            "CheckOptions:\n  statescope-mutable-static.MaxCallDepth: deep\n");
  expectBadInput(P.statescope({}), "configuration for " + P.Dir.file("src/"),
                 "invalid configuration value 'deep' for option "
                 "'statescope-mutable-static.MaxCallDepth'; expected an integer");
  llvm::sys::fs::remove(P.Dir.file("src/.clang-tidy"));
  expectBadInput(
      P.statescope({"--config={CheckOptions: {statescope-request-field.MaxCallDepth: far}}"}),
      "configuration for " + P.Dir.file("src/"), "'statescope-request-field.MaxCallDepth'");

  // Checks that do not exist, as a typo would name them.
  expectBadInput(P.statescope({"--checks=statescope-mutabel-static"}),
                 "configuration for " + P.Dir.file("src/"),
                 "'statescope-mutabel-static' in Checks names no statescope check");
  writeFile(P.Dir.file("src/.clang-tidy"),
            "Checks: '-*,statescope-singleton-*,statescope-nope*'\n");
  expectBadInput(P.statescope({Leaky}), "configuration for " + Leaky,
                 "'statescope-nope*' in Checks names no statescope check");
  // Other tools' checks in a shared .clang-tidy are not statescope's business.
  writeFile(P.Dir.file("src/.clang-tidy"), "Checks: 'modernize-*,statescope-*'\n");
  EXPECT_EQ(1, P.statescope({Leaky}).Status);
}

TEST(Cli, InvalidRegularExpressionsInOptionsAreConfigurationErrors) {
  // A pattern that cannot match would silently turn a leak into a clean run.
  ServerProject P;
  for (const char *Option :
       {"HandlerFunctions", "HandlerRegistrations", "SafeTypes", "SharedClasses", "TestMacros"})
    expectBadInput(
        P.statescope(
            {std::string("--config={CheckOptions: {") + Option + ": 'handle;(unclosed'}}"}),
        "configuration for " + P.Dir.file("src/"),
        std::string("option '") + Option + "': '(unclosed' is not a valid regular expression");
  expectBadInput(P.statescope({"--config={CheckOptions: {SetterNames: '^set['}}"}),
                 "configuration for " + P.Dir.file("src/"),
                 "option 'SetterNames': '^set[' is not a valid regular expression");
  // A SingleThreaded that is neither true, false nor auto is no setting.
  expectBadInput(P.statescope({"--config={CheckOptions: {SingleThreaded: 'maybe'}}"}),
                 "configuration for " + P.Dir.file("src/"),
                 "option 'SingleThreaded': 'maybe' is not one of true, false, auto");
  // Valid patterns, the same options: the run goes on and finds the leak.
  EXPECT_EQ(
      1, P.statescope({"--config={CheckOptions: {HandlerFunctions: 'handle;(closed)'}}"}).Status);
}

TEST(Cli, UnwritableOutputsFailBeforeTheAnalysis) {
  ServerProject P;
  // A path under a regular file cannot be created, whoever runs the test.
  writeFile(P.Dir.file("plain"), "");
  for (const char *Option : {"-o", "--write-baseline", "--export-fixes"}) {
    ProcessResult R = P.statescope({Option, P.Dir.file("plain/report")});
    expectBadInput(R, "cannot write " + P.Dir.file("plain/report"), "Not a directory");
  }
}

/// The failure reported for File in a JSON report, or null.
const llvm::json::Object *failureOf(const llvm::json::Value &Report, llvm::StringRef File) {
  for (const llvm::json::Value &F : array(Report, "failures"))
    if (F.getAsObject()->getString("translationUnit") == File)
      return F.getAsObject();
  return nullptr;
}

// The test hook of docs/cli.md makes a check crash on a marked file, as a bug
// in it would; the unit is reported with a command that reproduces the
// crash, and every other unit's findings are reported as without it.
TEST(Cli, ACrashInOneUnitIsReportedAndTheOthersFinish) {
  ServerProject P;
  ProcessResult Without = P.statescope({"--format=json", "-j2"});
  ASSERT_EQ(1, Without.Status) << Without.Err;
  std::string Crashing = P.Dir.file("src/crashing.cpp");
  writeFile(Crashing, std::string(LeakySource) + "// statescope-test-crash-here\n");
  P.writeDatabase({"src/crashing.cpp"});

  for (const auto &[Kind, Signal] :
       {std::pair{"abort", "Aborted"}, std::pair{"segv", "Segmentation fault"}}) {
    std::vector<std::string> Env = {std::string("STATESCOPE_TEST_CRASH=") + Kind};
    ProcessResult R =
        run(Cli, {"-p", P.Build, "--format=json", "-j2", "--checks=-*,statescope-*"}, "", Env);
    EXPECT_EQ(3, R.Status) << R.Err;
    llvm::json::Value Report = parseJson(R.Out);
    EXPECT_EQ(array(parseJson(Without.Out), "findings"), array(Report, "findings")) << Kind;
    EXPECT_EQ(1u, array(Report, "failures").size());
    const llvm::json::Object *Failure = failureOf(Report, Crashing);
    ASSERT_TRUE(Failure) << R.Out;
    std::string Message = Failure->getObject("firstError")->getString("message")->str();
    EXPECT_NE(std::string::npos,
              Message.find(std::string("statescope crashed analysing it (") + Signal + ")"))
        << Message;
    std::string Reproduce =
        std::string(Cli) + " -p " + P.Build + " \"--checks=-*,statescope-*\" " + Crashing;
    EXPECT_NE(std::string::npos, Message.find("; to reproduce: " + Reproduce)) << Message;
    EXPECT_NE(std::string::npos, R.Err.find("could not be analysed:\n    " + Crashing)) << R.Err;

    // The command reproduces the crash.
    ProcessResult Again = run("/bin/sh", {"-c", Reproduce + " --format=json"}, "", Env);
    EXPECT_EQ(3, Again.Status) << Again.Err;
    EXPECT_TRUE(failureOf(parseJson(Again.Out), Crashing)) << Again.Out;
  }

  // The hook needs both the variable and the marker.
  EXPECT_EQ(1, P.statescope({Crashing}).Status);
  ProcessResult Unmarked =
      run(Cli, {"-p", P.Build, P.Dir.file("src/leaky.cpp")}, "", {"STATESCOPE_TEST_CRASH=abort"});
  EXPECT_EQ(1, Unmarked.Status) << Unmarked.Err;
}

/// Every regular file under Dir, with its SHA-256.
std::map<std::string, std::string> checksums(const std::string &Dir) {
  std::map<std::string, std::string> Sums;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::fs::is_regular_file(It->path()))
      Sums[It->path()] =
          llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef(readFile(It->path()))));
  return Sums;
}

// A fix run that fails changes nothing: not when a unit crashes (the other
// units' fix-its are not applied either), and not when one fixed file cannot
// be written (the files written before it are not replaced).
TEST(Cli, AFailedFixRunLeavesEverySourceFileByteIdentical) {
  ScratchDir Dir;
  std::vector<std::string> Units;
  for (const char *Name : {"a.cpp", "b.cpp", "c.cpp"}) {
    Units.push_back(Dir.file(Name));
    writeFile(Units.back(), readFile(NeverWritten));
  }
  auto FixRun = [&](std::vector<std::string> Env) {
    writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Units));
    std::map<std::string, std::string> Before = checksums(Dir.Path);
    // No result cache: it is written next to the compile database, and the
    // checksums are of everything in the tree.
    ProcessResult R =
        run(Cli, {"-p", Dir.Path, ReportNeverWritten, "--fix", "--no-cache", "-j2"}, "", Env);
    std::map<std::string, std::string> After = checksums(Dir.Path);
    return std::make_tuple(R, Before, After);
  };

  // One unit crashes.
  writeFile(Dir.file("b.cpp"), readFile(NeverWritten) + "// statescope-test-crash-here\n");
  auto [Crashed, Before, After] = FixRun({"STATESCOPE_TEST_CRASH=segv"});
  EXPECT_EQ(3, Crashed.Status) << Crashed.Err;
  EXPECT_NE(std::string::npos,
            Crashed.Err.find("no fix-its applied: 1 translation unit could not be analysed"))
      << Crashed.Err;
  EXPECT_EQ(Before, After);

  // One fixed file cannot be written: its temporary twin's name would be
  // longer than a directory entry can be.
  Units.push_back(Dir.file(std::string(245, 'z') + ".cpp"));
  writeFile(Units.back(), readFile(NeverWritten));
  auto [Unwritable, Before2, After2] = FixRun({});
  EXPECT_EQ(2, Unwritable.Status) << Unwritable.Err;
  EXPECT_NE(std::string::npos, Unwritable.Err.find("error: no fix-its applied: cannot write " +
                                                   Units.back() + ": File name too long"))
      << Unwritable.Err;
  EXPECT_EQ(Before2, After2);

  // Without the failures the same run changes every file: the comparison
  // above would have seen it.
  Units.pop_back();
  llvm::sys::fs::remove(Dir.file(std::string(245, 'z') + ".cpp"));
  auto [Fixed, Before3, After3] = FixRun({});
  EXPECT_EQ(1, Fixed.Status) << Fixed.Err;
  EXPECT_EQ(Before3.size(), After3.size());
  for (const std::string &Unit : Units)
    EXPECT_NE(Before3[Unit], After3[Unit]) << Unit;
}

// Code that pushes the compiler: templates instantiated hundreds deep, one
// that recurses without end (clang stops it: an error, exit 3), and a
// hundred handlers generated by a macro, each leaking into its own global.
TEST(Cli, DeepTemplatesAndMacroGeneratedHandlersAreAnalysed) {
  ScratchDir Dir;
  std::string Deep = Dir.file("deep.cpp"), Endless = Dir.file("endless.cpp");
  std::string Code = R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
template <int N> struct Depth { static constexpr int value = Depth<N - 1>::value + 1; };
template <> struct Depth<0> { static constexpr int value = 0; };
template <typename... T> struct Pack { static constexpr int size = sizeof...(T); };
#define HANDLER(n)                                                            \
  std::string last##n;                                                        \
  [[clang::annotate("statescope::request_handler")]]                          \
  void handle##n(const web::Request &req) { last##n = req.user + std::to_string(Depth<900>::value); }
)cpp";
  const unsigned FirstHandlerLine = 10, Handlers = 100;
  for (unsigned I = 0; I < Handlers; ++I)
    Code += "HANDLER(" + std::to_string(I) + ")\n";
  writeFile(Deep, Code);
  writeFile(Endless, "template <int N> struct Up { static const int v = Up<N + 1>::v; };\n"
                     "int x = Up<0>::v;\n");
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Deep, Endless}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json", "-j2"});
  EXPECT_EQ(3, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  std::vector<std::string> Expected;
  for (unsigned I = 0; I < Handlers; ++I)
    Expected.push_back("statescope-mutable-static deep.cpp:" +
                       std::to_string(FirstHandlerLine + I));
  EXPECT_EQ(Expected, summarise(Report, Dir.Path));
  const llvm::json::Object *Failure = failureOf(Report, Endless);
  ASSERT_TRUE(Failure) << R.Out;
  EXPECT_NE(std::string::npos,
            Failure->getObject("firstError")
                ->getString("message")
                ->find("recursive template instantiation exceeded maximum depth"))
      << R.Out;
}

// An expression nested 100,000 deep, as generated code writes them: deeper
// than recursion over the AST can go on a thread's stack (clang itself does
// not recurse there). It found a crash; now the leak is reported.
TEST(Cli, DeeplyNestedExpressionsAreAnalysed) {
  ScratchDir Dir;
  std::string Source = Dir.file("nested.cpp");
  std::string Sum = "req.user";
  for (unsigned I = 1; I < 100000; ++I)
    Sum += " + req.user";
  writeFile(Source, "#include <string>\nnamespace web { struct Request { std::string user; }; }\n"
                    "std::string last;\n[[clang::annotate(\"statescope::request_handler\")]]\n"
                    "void handle(const web::Request &req) { last = " +
                        Sum + "; }\n");
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  EXPECT_TRUE(array(Report, "failures").empty()) << R.Out;
  EXPECT_EQ(std::vector<std::string>{"statescope-mutable-static nested.cpp:3"},
            summarise(Report, Dir.Path));
}

// Generated code: a 50,000-line file whose leak is on its last lines, and a
// table initialised with 200,000 values. README.md gives the time and
// memory they take; here only the results are checked.
TEST(Cli, HugeGeneratedFilesAreAnalysed) {
  ScratchDir Dir;
  std::string Generated = Dir.file("generated.cpp"), Table = Dir.file("table.cpp");
  std::string Code = "#include <string>\nnamespace web { struct Request { std::string user; }; }\n";
  unsigned Lines = 2;
  for (unsigned I = 0; Lines < 50000; ++I, Lines += 4)
    Code += "int f" + std::to_string(I) + "(int x) {\n  int y = x * " + std::to_string(I) +
            ";\n  return y + 1;\n}\n";
  unsigned LeakLine = Lines + 1;
  Code += "std::string lastUser;\n[[clang::annotate(\"statescope::request_handler\")]]\n"
          "void handle(const web::Request &req) { lastUser = req.user; }\n";
  writeFile(Generated, Code);
  ASSERT_GE(LeakLine, 50000u);

  std::string Values =
      "#include <string>\nnamespace web { struct Request { std::string user; }; }\n"
      "static const int table[] = {";
  for (unsigned I = 0; I < 200000; ++I)
    Values += std::to_string(I % 1000) + (I % 20 == 19 ? ",\n" : ",");
  Values += "};\nint lastValue;\n[[clang::annotate(\"statescope::request_handler\")]]\n"
            "void lookup(const web::Request &req) { lastValue = table[req.user.size()]; }\n";
  writeFile(Table, Values);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Generated, Table}));

  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json", "-j2"});
  EXPECT_EQ(1, R.Status) << R.Err;
  EXPECT_EQ(
      (std::vector<std::string>{
          "statescope-mutable-static generated.cpp:" + std::to_string(LeakLine),
          "statescope-mutable-static table.cpp:" + std::to_string(llvm::count(Values, '\n') - 2)}),
      summarise(parseJson(R.Out), Dir.Path));
}

// A byte-order mark, CRLF line endings, Latin-1 bytes where UTF-8 belongs
// and UTF-8 identifiers: positions are those of the plain file, and every
// report is valid UTF-8 (JSON and SARIF require it).
TEST(Cli, EncodingsAndLineEndingsKeepPositionsAndReportsValid) {
  ScratchDir Dir;
  const std::string Plain = R"cpp(#include <string>
namespace web { struct Request { std::string user; }; }
// caf\xE9 in Latin-1, where UTF-8 belongs
std::string lastGreeting;
std::string größe;
[[clang::annotate("statescope::request_handler")]]
void handle(const web::Request &req) {
  lastGreeting = req.user + "caf\xE9";
  größe = req.user;
}
)cpp";
  std::string Latin1 = Plain;
  for (size_t At; (At = Latin1.find("\\xE9")) != std::string::npos;)
    Latin1.replace(At, 4, "\xE9");
  std::string Crlf;
  for (char C : Latin1)
    Crlf += C == '\n' ? std::string("\r\n") : std::string(1, C);
  std::vector<std::string> Units = {Dir.file("plain.cpp"), Dir.file("latin1.cpp"),
                                    Dir.file("bom.cpp"), Dir.file("crlf.cpp")};
  writeFile(Units[0], Plain);
  writeFile(Units[1], Latin1);
  writeFile(Units[2], "\xEF\xBB\xBF" + Latin1);
  writeFile(Units[3], Crlf);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Units));

  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  // (line, column, message) of each unit's findings.
  std::map<std::string, std::vector<std::string>> Seen;
  for (const llvm::json::Value &F : array(Report, "findings")) {
    const llvm::json::Object &Loc = *F.getAsObject()->getObject("location");
    Seen[llvm::sys::path::filename(*Loc.getString("file")).str()].push_back(
        std::to_string(*Loc.getInteger("line")) + ":" + std::to_string(*Loc.getInteger("column")) +
        " " + str(F, "message"));
  }
  ASSERT_EQ(2u, Seen["plain.cpp"].size()) << R.Out;
  EXPECT_NE(std::string::npos, Seen["plain.cpp"][1].find("'größe' is shared")) << R.Out;
  for (const char *Unit : {"bom.cpp", "crlf.cpp", "latin1.cpp"}) {
    ASSERT_EQ(2u, Seen[Unit].size()) << Unit << "\n" << R.Out;
    EXPECT_EQ(Seen["plain.cpp"][1], Seen[Unit][1]) << Unit;
    // The request data's spelling quotes the Latin-1 byte, made valid.
    EXPECT_EQ(Seen["plain.cpp"][0].substr(0, 5), Seen[Unit][0].substr(0, 5)) << Unit;
    EXPECT_NE(std::string::npos, Seen[Unit][0].find("req.user + \"caf")) << Seen[Unit][0];
  }
  EXPECT_TRUE(
      static_cast<bool>(llvm::json::parse(run(Cli, {"-p", Dir.Path, "--format=sarif"}).Out)));
  // Text shows the source lines without the CR.
  ProcessResult Text = run(Cli, {"-p", Dir.Path, Units[3]});
  EXPECT_EQ(std::string::npos, Text.Out.find('\r')) << Text.Out;
}

// The same file by a symbolic link, twice, and through a linked directory
// is one translation unit, its findings reported once.
TEST(Cli, SymlinkedAndDuplicatePathsAreOneUnit) {
  ScratchDir Dir;
  std::string Source = Dir.file("src/leaky.cpp");
  writeFile(Source, LeakySource);
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  ProcessResult Once = run(Cli, {"-p", Dir.Path, "--format=json"});
  ASSERT_EQ(1, Once.Status) << Once.Err;

  ASSERT_FALSE(llvm::sys::fs::create_link(Dir.file("src"), Dir.file("linked")));
  ASSERT_FALSE(llvm::sys::fs::create_link(Source, Dir.file("alias.cpp")));
  writeFile(Dir.file("compile_commands.json"),
            compileDatabase(Dir.Path, {Dir.file("linked/leaky.cpp"), Source, Dir.file("alias.cpp"),
                                       Source, Dir.file("src/../src/leaky.cpp")}));
  ProcessResult R = run(Cli, {"-p", Dir.Path, "--format=json"});
  EXPECT_EQ(1, R.Status) << R.Err;
  llvm::json::Value Report = parseJson(R.Out);
  EXPECT_EQ(1, Report.getAsObject()->getInteger("translationUnits"));
  EXPECT_EQ(array(parseJson(Once.Out), "findings"), array(Report, "findings"));
  EXPECT_TRUE(array(Report, "failures").empty());
}

} // namespace
} // namespace statescope::test
