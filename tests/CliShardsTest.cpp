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
// format, for any number of shards; so do the whole-program fixtures.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
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

// The whole-program fixtures (tests/checks-whole-program), one project:
// accessors, setters and a read-only lookup across two files, objects and a
// virtual call across three. Every split gives one run's report.
TEST(CliShards, WholeProgramFixturesMergeIntoOneRunsReport) {
  ScratchDir Dir;
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
