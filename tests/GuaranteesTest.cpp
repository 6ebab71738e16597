//===--- GuaranteesTest.cpp - what statescope promises about a user's files -===//
//
// The promises of the README's "Limits and guarantees", each driven through
// the real binary: configuration mistakes are errors that say what is
// wrong; compile databases are read as clang-tidy reads them; --fix never
// writes over a file it did not analyse, through a link, or over a file
// that is read-only; a stopped run stops its workers and changes nothing.
//
//===----------------------------------------------------------------------===//

#include "TestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SHA256.h"
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace statescope::test {
namespace {

constexpr const char *Cli = STATESCOPE_BINARY_DIR "/bin/statescope";

/// One source file with findings, compiled by a database in its directory.
struct OneUnit {
  ScratchDir Dir;
  std::string Source = Dir.file("leaky.cpp");
  OneUnit() {
    writeFile(Source, LeakySource);
    writeFile(Dir.file("compile_commands.json"), compileDatabase(Dir.Path, {Source}));
  }
  ProcessResult statescope(std::vector<std::string> Args) const {
    Args.insert(Args.begin(), {"-p", Dir.Path, "--no-cache"});
    return run(Cli, Args);
  }
};

/// Exit code 2 and one line on stderr that says where and what.
void expectOneLineError(const ProcessResult &R, llvm::StringRef Where, llvm::StringRef Problem) {
  EXPECT_EQ(2, R.Status) << R.Out << R.Err;
  EXPECT_EQ(1, llvm::count(R.Err, '\n')) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(Where.str())) << R.Err;
  EXPECT_NE(std::string::npos, R.Err.find(Problem.str())) << R.Err;
}

//===----------------------------------------------------------------------===//
// Configuration and baselines
//===----------------------------------------------------------------------===//

/// The option names a check's page documents: the backquoted names in its
/// Options section.
std::set<std::string> documentedOptions(const std::string &Page) {
  std::string Text = readFile(Page);
  llvm::StringRef Options = llvm::StringRef(Text).split("\n## Options").second;
  Options = Options.split("\n## ").first;
  std::set<std::string> Names;
  llvm::Regex Name("`([A-Z][A-Za-z]+)`");
  llvm::SmallVector<llvm::StringRef> Match;
  while (Name.match(Options, &Match)) {
    Names.insert(Match[1].str());
    Options = Options.substr(Options.find(Match[0]) + Match[0].size());
  }
  return Names;
}

TEST(Guarantees, MisspeltOptionNamesAreErrorsNamingTheNearestOne) {
  OneUnit U;
  // From a .clang-tidy file: the file is named.
  writeFile(U.Dir.file(".clang-tidy"),
            "CheckOptions:\n  statescope-request-field.MaxCalDepth: 2\n");
  expectOneLineError(U.statescope({}), U.Dir.file(".clang-tidy"),
                     "unknown option 'statescope-request-field.MaxCalDepth' in CheckOptions; "
                     "did you mean 'statescope-request-field.MaxCallDepth'?");
  llvm::sys::fs::remove(U.Dir.file(".clang-tidy"));
  // From the command line.
  expectOneLineError(
      U.statescope({"--config={CheckOptions: {statescope-mutable-static.ReportNeverWriten: 1}}"}),
      "--config: ", "did you mean 'statescope-mutable-static.ReportNeverWritten'?");
  // Nothing close: no guess.
  ProcessResult Far =
      U.statescope({"--config={CheckOptions: {statescope-request-field.Colour: 1}}"});
  expectOneLineError(Far, "--config: ", "unknown option 'statescope-request-field.Colour'");
  EXPECT_EQ(std::string::npos, Far.Err.find("did you mean")) << Far.Err;
  // Other tools' options in a shared configuration are theirs.
  EXPECT_EQ(1, U.statescope({"--config={CheckOptions: {readability-x.Y: 1}}"}).Status);

  // Every option each check's page documents is known, for every check.
  std::error_code EC;
  unsigned Pages = 0;
  for (llvm::sys::fs::directory_iterator It(STATESCOPE_SOURCE_DIR "/docs/checks", EC), End;
       It != End && !EC; It.increment(EC)) {
    std::string Check = "statescope-" + llvm::sys::path::stem(It->path()).str();
    std::set<std::string> Names = documentedOptions(It->path());
    EXPECT_FALSE(Names.empty()) << It->path();
    std::string Config = "--config={CheckOptions: {statescope.RemoveArgs: '-Wno-psabi'";
    for (const std::string &Name : Names)
      Config += ", " + Check + "." + Name + ": " +
                (Name == "MaxCallDepth"         ? "8"
                 : Name == "ReportNeverWritten" ? "false"
                                                : "''");
    ProcessResult R = U.statescope({Config + "}}"});
    EXPECT_EQ(1, R.Status) << Config << "\n" << R.Err;
    ++Pages;
  }
  EXPECT_GE(Pages, 4u);
}

TEST(Guarantees, NegativeMaxCallDepthSaysTheRange) {
  OneUnit U;
  expectOneLineError(
      U.statescope({"--config={CheckOptions: {statescope-mutable-static.MaxCallDepth: -1}}"}),
      "configuration for " + U.Source,
      "invalid configuration value '-1' for option 'statescope-mutable-static.MaxCallDepth'; "
      "expected an integer from 0 to 4294967295");
  expectOneLineError(U.statescope({"--config={CheckOptions: {MaxCallDepth: -3}}"}),
                     "configuration for " + U.Source,
                     "invalid configuration value '-3' for option 'MaxCallDepth'; expected an "
                     "integer from 0 to");
  EXPECT_EQ(1, U.statescope({"--config={CheckOptions: {MaxCallDepth: 0}}"}).Status);
}

TEST(Guarantees, BaselinesWithAByteOrderMarkAreReadAndBadFingerprintsAreErrors) {
  OneUnit U;
  std::string Baseline = U.Dir.file("baseline.json");
  ASSERT_EQ(1, U.statescope({"--write-baseline=" + Baseline}).Status);
  std::string Written = readFile(Baseline);
  ASSERT_NE(std::string::npos, Written.find("\"fingerprint\"")) << Written;

  // Saved by an editor that adds a byte-order mark: every finding is known.
  writeFile(Baseline, "\xEF\xBB\xBF" + Written);
  EXPECT_EQ(0, U.statescope({"--baseline=" + Baseline}).Status);

  // A hand-edited fingerprint that could never match.
  for (const char *Bad : {"c0ffee", "c0ffee0123456789", "C0FFEE0123456789:0", "c0ffee0123456789:x",
                          "c0ffee012345678g:0"}) {
    writeFile(Baseline, "{\"statescopeBaseline\": 1, \"findings\": [{\"fingerprint\": \"" +
                            std::string(Bad) + "\"}]}");
    expectOneLineError(U.statescope({"--baseline=" + Baseline}), Baseline,
                       "findings[0] has the fingerprint '" + std::string(Bad) +
                           "'; a fingerprint is 16 hexadecimal digits, ':' and a number");
  }
}

} // namespace
} // namespace statescope::test
