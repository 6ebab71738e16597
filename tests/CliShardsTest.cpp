//===--- CliShardsTest.cpp - shards that agree with one run ---------------===//
//
// A generated server of 200 translation units whose handlers call into
// other files: accessors and setters, a global written by another file's
// function, a shared object passed to another file's function that writes
// it, a virtual call whose override in a third file writes the shared
// model, and a lookup defined elsewhere that only reads the table a
// handler passes it (a finding one file alone must report, which the
// whole-program join removes). Shards split each group's files apart;
// merged, their summaries give exactly the report of one run, in every
// format, for any number of shards; so do the whole-program fixtures. The
// units the first pass analyses ahead for the second give the report of
// analysing them again.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include <cstring>
#include <gtest/gtest.h>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

/// Types the handlers share, with no standard header, so that 200 units
/// parse in seconds.
constexpr const char *CommonHeader = R"cpp(#pragma once
struct Text {
  const char *data = "";
  Text() = default;
  Text(const char *d) : data(d) {}
};
struct Table {
  Text keys[8];
  int values[8] = {};
  int find(const Text &key) const;
};
namespace web {
struct Request {
  Text user;
  Text tenant;
  Text path;
  Text body;
};
} // namespace web
)cpp";

/// Group G's declarations (@ stands for G), seen by its four units.
constexpr const char *GroupHeader = R"cpp(#pragma once
#include "common.h"
class Session@ {
public:
  void setUser(const Text &user);
private:
  Text user_;
};
Session@ &currentSession@();
void recordTenant@(const Text &tenant);
Text describe@(const Text &user);
int lookup@(Table &table, const Text &key);
struct Tally@ {
  int requests = 0;
  Text lastPath;
};
void count@(Tally@ &tally, const Text &path);
class Model@ {
public:
  virtual ~Model@() = default;
  virtual Text predict(const Text &prompt) = 0;
};
class CachingModel@ : public Model@ {
public:
  Text predict(const Text &prompt) override;
private:
  Text lastPrompt_;
};
Text complete@(Model@ *model, const Text &prompt);
)cpp";

/// The handler: everything it leaks is written in other files.
constexpr const char *HandlersUnit = R"cpp(#include "api@.h"
Table g_quota@;
Tally@ g_tally@;
Model@ *g_model@ = new CachingModel@();
[[clang::annotate("statescope::request_handler")]] Text handle@(const web::Request &req) {
  currentSession@().setUser(req.user);
  recordTenant@(req.tenant);
  count@(g_tally@, req.path);
  if (lookup@(g_quota@, req.user) < 0)
    return "over quota";
  complete@(g_model@, req.body);
  return describe@("fixed");
}
)cpp";

/// The accessor, the setter, the global a function writes, and the lookup
/// that only reads its table.
constexpr const char *StoreUnit = R"cpp(#include "api@.h"
void Session@::setUser(const Text &user) { user_ = user; }
Session@ &currentSession@() {
  static Session@ session;
  return session;
}
static Text g_lastTenant@;
void recordTenant@(const Text &tenant) { g_lastTenant@ = tenant; }
Text describe@(const Text &user) { return user; }
int lookup@(Table &table, const Text &key) { return table.find(key); }
)cpp";

/// Functions the handler hands its shared objects to.
constexpr const char *ServeUnit = R"cpp(#include "api@.h"
void count@(Tally@ &tally, const Text &path) {
  ++tally.requests;
  tally.lastPath = path;
}
Text complete@(Model@ *model, const Text &prompt) { return model->predict(prompt); }
)cpp";

/// The override the virtual call in serve.cpp reaches (a third pass).
constexpr const char *ModelsUnit = R"cpp(#include "api@.h"
Text CachingModel@::predict(const Text &prompt) {
  static int calls = 0;
  ++calls;
  lastPrompt_ = prompt;
  return prompt;
}
)cpp";

/// Text with each @ replaced by the group's number.
std::string forGroup(llvm::StringRef Text, unsigned G) {
  std::string Result;
  for (char C : Text)
    Result += C == '@' ? std::to_string(G) : std::string(1, C);
  return Result;
}

/// Writes Groups groups of four units and the compile database into Dir.
void writeServer(const ScratchDir &Dir, unsigned Groups) {
  writeFile(Dir.file("common.h"), CommonHeader);
  std::vector<std::string> Units;
  for (unsigned G = 0; G < Groups; ++G) {
    writeFile(Dir.file(forGroup("api@.h", G)), forGroup(GroupHeader, G));
    for (auto [Name, Text] : {std::pair{"handlers", HandlersUnit}, std::pair{"store", StoreUnit},
                              std::pair{"serve", ServeUnit}, std::pair{"models", ModelsUnit}}) {
      Units.push_back(Dir.file(llvm::formatv("{0}{1}.cpp", Name, G).str()));
      writeFile(Units.back(), forGroup(Text, G));
    }
  }
  writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, Units));
}

/// "file:line check" of each finding of a JSON report, sorted.
std::vector<std::string> findingsOf(const std::string &Json) {
  auto Report = llvm::json::parse(Json);
  EXPECT_TRUE(static_cast<bool>(Report)) << Json.substr(0, 200);
  std::vector<std::string> Found;
  if (!Report) {
    llvm::consumeError(Report.takeError());
    return Found;
  }
  for (const llvm::json::Value &F : *Report->getAsObject()->getArray("findings")) {
    const llvm::json::Object &Finding = *F.getAsObject();
    const llvm::json::Object &Loc = *Finding.getObject("location");
    Found.push_back(llvm::formatv("{0}:{1} {2}", *Loc.getString("file"), *Loc.getInteger("line"),
                                  *Finding.getString("check")));
  }
  llvm::sort(Found);
  return Found;
}

TEST(CliShards, MergedShardsGiveExactlyTheReportOfOneRun) {
  ScratchDir Dir;
  writeServer(Dir, 50);
  const std::vector<std::string> Formats = {"text", "json", "sarif"};
  std::map<std::string, std::string> OneRun;
  for (const std::string &Format : Formats) {
    ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--format=" + Format,
                                "--cache-dir=" + Dir.file("one-run-cache")});
    ASSERT_EQ(1, R.Status) << R.Err << R.Out.substr(0, 2000);
    OneRun[Format] = R.Out;
  }
  std::vector<std::string> Whole = findingsOf(OneRun["json"]);
  // Per group, one finding per shared state: the session behind its
  // accessor, the tenant global, the tally where it is passed out and where
  // its two fields are written, the model's field and static; not the quota
  // table.
  EXPECT_EQ(50u * 6, Whole.size());
  EXPECT_FALSE(llvm::any_of(Whole, [](const std::string &F) {
    return llvm::StringRef(F).contains("handlers0.cpp:2 ");
  })) << "g_quota0, which lookup0 only reads";

  for (unsigned N : {1u, 2u, 3u, 7u}) {
    std::vector<std::string> Shards, ShardsFound;
    for (unsigned K = 1; K <= N; ++K) {
      Shards.push_back(Dir.file(llvm::formatv("shard-{0}-of-{1}.json", K, N).str()));
      ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache",
                                  llvm::formatv("--shard={0}/{1}", K, N).str(), "--format=json",
                                  "-o", Shards.back()});
      ASSERT_NE(2, R.Status) << R.Err;
      for (std::string &F : findingsOf(readFile(Shards.back())))
        ShardsFound.push_back(std::move(F));
    }
    llvm::sort(ShardsFound);
    // Each shard alone (what merge gave before shards carried summaries)
    // misses the findings whose writer another shard holds, and reports
    // the quota table.
    if (N > 1)
      EXPECT_NE(Whole, ShardsFound) << N << " shards split no group";
    else
      EXPECT_EQ(Whole, ShardsFound);

    for (const std::string &Format : Formats) {
      std::vector<std::string> Args = {"merge", "-p",         Dir.Path,    "--quiet",
                                       "-j2",   "--no-cache", "--profile", "--format=" + Format};
      // In any order.
      Args.insert(Args.end(), Shards.rbegin(), Shards.rend());
      ProcessResult Merged = run(Cli, Args);
      EXPECT_EQ(1, Merged.Status) << Merged.Err;
      EXPECT_EQ(OneRun[Format], Merged.Out) << Format << " merged from " << N << " shards";
      // Merge analyses again only what the other shards' facts change.
      if (N == 1 && Format == "json")
        EXPECT_NE(std::string::npos, Merged.Err.find("pass 2: 150 units, 0 analysed"))
            << Merged.Err;
      if (N == 7 && Format == "json")
        EXPECT_NE(std::string::npos, Merged.Err.find("from the shards")) << Merged.Err;
    }
    // Without the compile database merge can only reuse the shards' work:
    // enough for one shard, not for a split one.
    ProcessResult Alone = run(Cli, {"merge", "--quiet", "--format=json", Shards.front()});
    if (N == 1) {
      EXPECT_EQ(OneRun["json"], Alone.Out) << Alone.Err;
    } else {
      EXPECT_EQ(2, Alone.Status);
      EXPECT_NE(std::string::npos, Alone.Err.find("shards")) << Alone.Err;
      std::vector<std::string> Args = {"merge", "--quiet"};
      Args.insert(Args.end(), Shards.begin(), Shards.end());
      ProcessResult NoDatabase = run(Cli, Args);
      EXPECT_EQ(2, NoDatabase.Status);
      EXPECT_NE(std::string::npos, NoDatabase.Err.find("give merge -p")) << NoDatabase.Err;
    }
  }
}

/// The whole-program fixtures (tests/checks-whole-program) as one project
/// in Dir: accessors, setters and a read-only lookup across two files,
/// objects and a virtual call across three.
void writeWholeProgramFixtures(const ScratchDir &Dir) {
  const std::string Fixtures = STATESCOPE_SOURCE_DIR "/tests/checks-whole-program/";
  for (const char *Name : {"shared.h", "store.cpp", "handlers.cpp", "objects/objects.h",
                           "objects/handlers.cpp", "objects/serve.cpp", "objects/models.cpp"})
    writeFile(Dir.file(Name), readFile(Fixtures + Name));
  std::vector<std::string> Units = {Dir.file("handlers.cpp"), Dir.file("store.cpp"),
                                    Dir.file("objects/handlers.cpp"), Dir.file("objects/serve.cpp"),
                                    Dir.file("objects/models.cpp")};
  writeFile(
      Dir.file("compile_commands.json"),
      compileDatabase(Dir.Path, Units, {"-isystem", STATESCOPE_SOURCE_DIR "/tests/checks/Inputs"}));
}

// The whole-program fixtures, one project: every split gives one run's
// report.
TEST(CliShards, WholeProgramFixturesMergeIntoOneRunsReport) {
  ScratchDir Dir;
  writeWholeProgramFixtures(Dir);
  ProcessResult One = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache", "--format=json"});
  ASSERT_EQ(1, One.Status) << One.Err;
  EXPECT_EQ(7u, findingsOf(One.Out).size());
  for (unsigned N : {2u, 3u, 5u}) {
    std::vector<std::string> Args = {"merge",   "-p",         Dir.Path,
                                     "--quiet", "--no-cache", "--format=json"};
    for (unsigned K = 1; K <= N; ++K) {
      Args.push_back(Dir.file(llvm::formatv("shard-{0}-of-{1}.json", K, N).str()));
      ProcessResult R = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache",
                                  llvm::formatv("--shard={0}/{1}", K, N).str(), "--format=json",
                                  "-o", Args.back()});
      ASSERT_NE(2, R.Status) << R.Err;
    }
    ProcessResult Merged = run(Cli, Args);
    EXPECT_EQ(1, Merged.Status) << Merged.Err;
    EXPECT_EQ(One.Out, Merged.Out) << N << " shards";
  }
}

/// "pass N: U units, A analysed, ..., M analysed ahead in the first pass,
/// S analysed ahead in the second pass" of a --profile: A and M + S (none
/// when the pass did not run).
std::pair<unsigned, unsigned> passCounts(llvm::StringRef Profile, unsigned Pass = 2) {
  unsigned Analysed = 0, Ahead = 0;
  std::string Start = llvm::formatv("pass {0}: ", Pass).str();
  if (!Profile.contains(Start))
    return {0, 0};
  llvm::StringRef Line = Profile.substr(Profile.find(Start)).split('\n').first;
  auto Count = [&](llvm::StringRef Before) {
    llvm::StringRef Left = Line.substr(0, Line.find(Before)).rtrim();
    unsigned N = 0;
    Left.substr(Left.find_last_of(' ') + 1).getAsInteger(10, N);
    return N;
  };
  if (Line.contains(" analysed,"))
    Analysed = Count(" analysed,");
  for (const char *In : {" analysed ahead in the first", " analysed ahead in the second"})
    if (Line.contains(In))
      Ahead += Count(In);
  return {Analysed, Ahead};
}

/// Each "pass N: U units, A analysed" line of a --profile is followed by A
/// lines "analysed again: FILE (...)", each saying how many lookups changed
/// since the unit's closest earlier analysis, and at least one did (else
/// that analysis would have been taken), or that it had none. Without
/// analyses ahead (EarlierAnalyses false), no unit of the second pass has
/// one.
void expectEveryAnalysisAgainExplained(llvm::StringRef Profile, bool EarlierAnalyses) {
  unsigned Listed = 0;
  for (unsigned Pass = 2; Pass <= 3; ++Pass) {
    unsigned Analysed = passCounts(Profile, Pass).first;
    std::string Start = llvm::formatv("pass {0}: ", Pass).str();
    if (!Profile.contains(Start))
      continue;
    llvm::StringRef Rest = Profile.substr(Profile.find(Start)).split('\n').second;
    unsigned Again = 0;
    while (Rest.consume_front("    analysed again: ")) {
      auto [Line, Next] = Rest.split('\n');
      ++Again;
      bool None = Line.ends_with("(no earlier analysis with program facts)");
      if (Pass == 2 && !EarlierAnalyses)
        EXPECT_TRUE(None) << Line.str();
      if (!None) {
        unsigned Definitions = 0, Roots = 0;
        llvm::StringRef Counts = Line.substr(Line.find("analysis, ") + strlen("analysis, "));
        EXPECT_FALSE(Counts.consumeInteger(10, Definitions)) << Line.str();
        Counts = Counts.substr(Counts.find("definitions and ") + strlen("definitions and "));
        EXPECT_FALSE(Counts.consumeInteger(10, Roots)) << Line.str();
        EXPECT_GT(Definitions + Roots, 0u) << Line.str();
      }
      Rest = Next;
    }
    EXPECT_EQ(Analysed, Again) << Profile.str();
    Listed += Again;
  }
  EXPECT_GT(Listed, 0u) << Profile.str();
}

// The first pass analyses each unit ahead for the second with the facts of
// the units analysed before it; where the second pass's facts answer that
// analysis's lookups alike, the second pass takes its result and does not
// parse the unit again. The report is the one the second pass gives when it
// analyses every unit again.
TEST(CliShards, AnalysesAheadGiveTheReportOfAnalysingAgain) {
  ScratchDir Dir;
  writeServer(Dir, 50);
  std::map<bool, ProcessResult> Runs;
  for (bool Ahead : {true, false})
    Runs[Ahead] = run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache", "--profile",
                            "--format=json", Ahead ? "--analyse-ahead" : "--analyse-ahead=false"});
  ASSERT_EQ(1, Runs[true].Status) << Runs[true].Err;
  EXPECT_EQ(50u * 6, findingsOf(Runs[true].Out).size());
  EXPECT_EQ(Runs[false].Out, Runs[true].Out);
  auto [AnalysedAgain, NoneAhead] = passCounts(Runs[false].Err);
  auto [Analysed, Ahead] = passCounts(Runs[true].Err);
  EXPECT_EQ(0u, NoneAhead);
  // Every unit the second pass needs is analysed once or taken ahead.
  EXPECT_EQ(AnalysedAgain, Analysed + Ahead) << Runs[true].Err;
  // The units are ordered so that most handlers come after the files they
  // call into: more than half are not parsed again.
  EXPECT_GT(Ahead, AnalysedAgain / 2) << Runs[true].Err;
  // The third pass (the overrides a virtual call in serve.cpp reaches once
  // the second pass roots it) takes the analyses the first pass made ahead
  // with the other units' analyses ahead for the second.
  auto [ThirdAgain, ThirdNoneAhead] = passCounts(Runs[false].Err, 3);
  auto [Third, ThirdAhead] = passCounts(Runs[true].Err, 3);
  EXPECT_EQ(50u, ThirdAgain) << Runs[false].Err;
  EXPECT_EQ(0u, ThirdNoneAhead);
  EXPECT_EQ(ThirdAgain, Third + ThirdAhead) << Runs[true].Err;
  EXPECT_GT(ThirdAhead, ThirdAgain / 2) << Runs[true].Err;
}

/// handlers.cpp of the chain projects below: its handler calls a() with
/// request data and b1() with a tally made in main, both defined elsewhere.
constexpr const char *ChainHandlers = R"cpp(#include "chain.h"
#include <httplib_mock.h>
int main() {
  httplib::Server svr;
  Tally tally;
  svr.Get("/search", [&](const httplib::Request &req, httplib::Response &) {
    a(req.body);
    b1(tally);
  });
  return svr.listen("127.0.0.1", 8080) ? 0 : 1;
}
)cpp";

// The second pass analyses its units ahead for the third, with the
// second-pass facts known when each starts. handlers.cpp roots a() and b1()
// (the second pass); a()'s second-pass facts root b2() (the third). At -j1
// and in the files' order, b.cpp's first-pass analysis ahead for the third
// knows only a.cpp's analysis before any root. The second pass takes the
// longest units first: a.cpp, which includes far more, goes before b.cpp,
// whose analysis ahead then knows a.cpp's second-pass facts, and the third
// pass takes it.
TEST(CliShards, SecondPassAnalysesAheadForTheThird) {
  ScratchDir Dir;
  writeFile(Dir.file("chain.h"), R"cpp(#pragma once
#include <string>
struct Tally {
  int requests = 0;
};
void a(const std::string &query);
void b1(Tally &tally);
void b2(const std::string &query);
)cpp");
  writeFile(Dir.file("a.cpp"), R"cpp(#include "chain.h"
#include <map>
#include <regex>
#include <unordered_map>
void a(const std::string &query) { b2(query); }
)cpp");
  writeFile(Dir.file("b.cpp"), R"cpp(#include "chain.h"
std::string g_lastQuery;
void b1(Tally &tally) { ++tally.requests; }
void b2(const std::string &query) { g_lastQuery = query; }
)cpp");
  writeFile(Dir.file("handlers.cpp"), ChainHandlers);
  writeFile(Dir.file("compile_commands.json"),
            compileDatabase(Dir.Path,
                            {Dir.file("a.cpp"), Dir.file("b.cpp"), Dir.file("handlers.cpp")},
                            {"-isystem", STATESCOPE_SOURCE_DIR "/tests/checks/Inputs"}));
  ProcessResult Ahead =
      run(Cli, {"-p", Dir.Path, "--quiet", "-j1", "--no-cache", "--profile", "--format=json"});
  ProcessResult Again = run(Cli, {"-p", Dir.Path, "--quiet", "-j1", "--no-cache", "--profile",
                                  "--format=json", "--analyse-ahead=false"});
  ASSERT_EQ(1, Ahead.Status) << Ahead.Err;
  EXPECT_EQ(Again.Out, Ahead.Out);
  // g_lastQuery's finding is found only in the third pass.
  EXPECT_NE(std::string::npos, Ahead.Out.find("g_lastQuery")) << Ahead.Out;
  EXPECT_NE(std::string::npos, Again.Err.find("pass 3: 1 units, 1 analysed")) << Again.Err;
  EXPECT_NE(std::string::npos,
            Ahead.Err.find("pass 3: 1 units, 0 analysed, 0 from the cache, 1 analysed ahead in "
                           "the second pass"))
      << Ahead.Err;
  // The profile names each unit a later pass analyses again, and why.
  expectEveryAnalysisAgainExplained(Ahead.Err, /*EarlierAnalyses=*/true);
  expectEveryAnalysisAgainExplained(Again.Err, /*EarlierAnalyses=*/false);
}

// The later passes take the longest units first, as the first pass timed
// them. handlers.cpp roots a() in z.cpp and b1() in b.cpp; a()'s
// second-pass facts root b2() in b.cpp. b.cpp and z.cpp also call helper()
// in util.cpp (off the request path), which puts them before handlers.cpp
// in the first pass, so both miss their roots there and the second pass
// parses both again (and takes handlers.cpp ahead). At -j1, b.cpp's analysis ahead for the third
// pass knows z.cpp's second-pass facts only if z.cpp went first: it does when z.cpp is the longer
// unit, not when b.cpp is, whatever the files' order.
TEST(CliShards, LaterPassesTakeTheLongestUnitsFirst) {
  auto Project = [](const ScratchDir &Dir, bool ZIsLonger) {
    const char *Heavy = "#include <map>\n#include <regex>\n#include <unordered_map>\n";
    writeFile(Dir.file("chain.h"), R"cpp(#pragma once
#include <string>
struct Tally {
  int requests = 0;
};
void a(const std::string &query);
void b1(Tally &tally);
void b2(const std::string &query);
void helper();
)cpp");
    writeFile(Dir.file("z.cpp"), std::string("#include \"chain.h\"\n") + (ZIsLonger ? Heavy : "") +
                                     R"cpp(void a(const std::string &query) { b2(query); }
void tidyZ() { helper(); }
)cpp");
    writeFile(Dir.file("b.cpp"), std::string("#include \"chain.h\"\n") + (ZIsLonger ? "" : Heavy) +
                                     R"cpp(std::string g_lastQuery;
void b1(Tally &tally) { ++tally.requests; }
void b2(const std::string &query) { g_lastQuery = query; }
void tidyB() { helper(); }
)cpp");
    writeFile(Dir.file("util.cpp"), "#include \"chain.h\"\nvoid helper() {}\n");
    writeFile(Dir.file("handlers.cpp"), ChainHandlers);
    writeFile(Dir.file("compile_commands.json"),
              compileDatabase(Dir.Path,
                              {Dir.file("b.cpp"), Dir.file("handlers.cpp"), Dir.file("util.cpp"),
                               Dir.file("z.cpp")},
                              {"-isystem", STATESCOPE_SOURCE_DIR "/tests/checks/Inputs"}));
  };
  for (bool ZIsLonger : {true, false}) {
    ScratchDir Dir;
    Project(Dir, ZIsLonger);
    ProcessResult R =
        run(Cli, {"-p", Dir.Path, "--quiet", "-j1", "--no-cache", "--profile", "--format=json"});
    ASSERT_EQ(1, R.Status) << R.Err;
    EXPECT_NE(std::string::npos, R.Out.find("g_lastQuery")) << R.Out;
    // handlers.cpp is taken from its analysis ahead: it came after both.
    EXPECT_NE(std::string::npos, R.Err.find("pass 2: 3 units, 2 analysed")) << R.Err;
    EXPECT_NE(std::string::npos,
              R.Err.find(ZIsLonger ? "pass 3: 1 units, 0 analysed, 0 from the cache, 1 analysed "
                                     "ahead in the second pass"
                                   : "pass 3: 1 units, 1 analysed"))
        << (ZIsLonger ? "z.cpp longer\n" : "b.cpp longer\n") << R.Err;
  }
}

// A later pass's cache entry holds while the program answers its lookups as
// it did: a change to one group's facts analyses again only the units that
// look them up, not every unit of the second pass.
TEST(CliShards, SecondPassEntriesHoldWhileTheirLookupsAreAnsweredAlike) {
  ScratchDir Dir;
  writeServer(Dir, 10);
  std::vector<std::string> Args = {"-p",
                                   Dir.Path,
                                   "--quiet",
                                   "-j2",
                                   "--profile",
                                   "--format=json",
                                   "--cache-dir=" + Dir.file("cache")};
  ProcessResult Cold = run(Cli, Args);
  ASSERT_EQ(1, Cold.Status) << Cold.Err;
  // recordTenant0 stops storing the tenant: handlers0's lookup of it is
  // answered otherwise, and store0 itself changed.
  std::string Store = readFile(Dir.file("store0.cpp"));
  size_t At = Store.find("g_lastTenant0 = tenant;");
  ASSERT_NE(std::string::npos, At);
  writeFile(Dir.file("store0.cpp"),
            Store.replace(At, strlen("g_lastTenant0 = tenant;"), "(void)tenant;"));
  ProcessResult Warm = run(Cli, Args);
  EXPECT_NE(std::string::npos, Warm.Err.find("pass 1: 40 units, 1 analysed, 39 from the cache"))
      << Warm.Err;
  auto [Analysed, Ahead] = passCounts(Warm.Err);
  EXPECT_LE(Analysed + Ahead, 2u) << Warm.Err;
  // handlers0, whose lookup of recordTenant0 is answered otherwise, is not
  // taken from the cache.
  EXPECT_GE(Analysed + Ahead, 1u) << Warm.Err;
  ProcessResult Uncached =
      run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache", "--format=json"});
  EXPECT_EQ(Uncached.Out, Warm.Out);
  EXPECT_NE(Cold.Out, Warm.Out) << "g_lastTenant0's finding should be gone";
}

TEST(CliShards, WholeProgramFixturesGiveTheSameReportAnalysedAhead) {
  ScratchDir Dir;
  writeWholeProgramFixtures(Dir);
  for (const char *Format : {"--format=json", "--format=sarif", "--format=text"}) {
    // One unit at a time, so that which units come before which is fixed:
    // a unit analysed after those it is linked to has their facts, and the
    // second pass takes its analysis ahead.
    ProcessResult Ahead =
        run(Cli, {"-p", Dir.Path, "--quiet", "-j1", "--no-cache", "--profile", Format});
    EXPECT_NE(std::string::npos, Ahead.Err.find("analysed ahead in the first pass")) << Ahead.Err;
    ProcessResult Again =
        run(Cli, {"-p", Dir.Path, "--quiet", "-j2", "--no-cache", Format, "--analyse-ahead=false"});
    EXPECT_EQ(1, Ahead.Status) << Ahead.Err;
    EXPECT_EQ(Again.Out, Ahead.Out) << Format;
  }
}

// merge analyses a unit again only as its shard did: another configuration
// is refused rather than mixed into the report.
TEST(CliShards, MergeRefusesOptionsOtherThanTheShards) {
  ScratchDir Dir;
  writeServer(Dir, 2);
  std::vector<std::string> Args = {
      "merge", "-p", Dir.Path, "--quiet", "--no-cache", "--checks=-*,statescope-mutable-static"};
  for (unsigned K = 1; K <= 2; ++K) {
    Args.push_back(Dir.file(llvm::formatv("shard-{0}.json", K).str()));
    ProcessResult R =
        run(Cli, {"-p", Dir.Path, "--quiet", "--no-cache", llvm::formatv("--shard={0}/2", K).str(),
                  "--format=json", "-o", Args.back()});
    ASSERT_NE(2, R.Status) << R.Err;
  }
  ProcessResult R = run(Cli, Args);
  EXPECT_EQ(2, R.Status);
  EXPECT_NE(std::string::npos, R.Err.find("another statescope, compile command or configuration"))
      << R.Err;
}

} // namespace
} // namespace statescope::test
