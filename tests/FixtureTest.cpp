//===--- FixtureTest.cpp - the checks on annotated fixtures, in process ---===//
//
// Runs each fixture under tests/checks through clang-tidy's library with the
// statescope module, and checks that the diagnostics are exactly the ones the
// fixture expects. A fixture with a .fixed twin also has its fix-its applied,
// compared with the twin, compiled, and analysed again.
//
//===----------------------------------------------------------------------===//

#include "Expectations.h"
#include "Render.h"
#include "Runner.h"
#include "WholeProgram.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace statescope::test {
namespace {

using clang::tidy::ClangTidyError;

std::vector<Diagnostic> toDiagnostics(const std::vector<ClangTidyError> &Errors) {
  SourceLines Lines;
  std::vector<Diagnostic> Result;
  auto Add = [&](const clang::tooling::DiagnosticMessage &M, std::string Level, std::string Check) {
    Location Loc = Lines.locate(M.FilePath, M.FileOffset);
    Result.push_back({M.FilePath, Loc.Line, std::move(Level), M.Message, std::move(Check)});
  };
  for (const ClangTidyError &E : Errors) {
    Add(E.Message, E.DiagLevel == ClangTidyError::Error ? "error" : "warning", E.DiagnosticName);
    for (const auto &Note : E.Notes)
      Add(Note, "note", "");
  }
  return Result;
}

std::string joinLines(const std::vector<std::string> &Lines) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += "  " + L + "\n";
  return Out;
}

std::vector<ClangTidyError> analyse(const Fixture &F, const std::string &File) {
  clang::tooling::FixedCompilationDatabase DB(llvm::sys::path::parent_path(F.Path), F.Args);
  auto Errors = runChecks(DB, {File}, {F.Checks, F.Config});
  EXPECT_TRUE(static_cast<bool>(Errors)) << llvm::toString(Errors.takeError());
  return Errors ? *Errors : std::vector<ClangTidyError>{};
}

/// The checks whose warnings claim a shared-state bug. The marker check and
/// never-written advice are about something else and are not counted.
bool claimsLeak(const Diagnostic &D) {
  return D.Level == "warning" &&
         (D.Check == "statescope-singleton-setter" || D.Check == "statescope-mutable-static" ||
          D.Check == "statescope-request-field" ||
          D.Check == "statescope-thread-local-across-await");
}

/// The lines of F where more than one leak-claiming warning is reported:
/// one bug is one finding, reported once.
std::vector<std::string> reportedTwice(const Fixture &F, const std::vector<Diagnostic> &Found) {
  std::map<unsigned, unsigned> PerLine;
  for (const Diagnostic &D : Found)
    if (claimsLeak(D) && D.File == F.Path && !llvm::is_contained(F.Truth.Advice, D.Line))
      ++PerLine[D.Line];
  std::vector<std::string> Twice;
  for (const auto &[Line, Count] : PerLine)
    if (Count > 1)
      Twice.push_back(llvm::sys::path::filename(F.Path).str() + ":" + std::to_string(Line) +
                      " has " + std::to_string(Count) + " warnings");
  return Twice;
}

class CheckFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckFixture, ReportsExactlyWhatItExpects) {
  auto F = parseFixture(GetParam(), STATESCOPE_BINARY_DIR);
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  if (std::string Missing = F->missingRequirement(); !Missing.empty())
    GTEST_SKIP() << "needs " << Missing;
  std::vector<ClangTidyError> Errors = analyse(*F, F->Path);
  std::vector<Diagnostic> Found = toDiagnostics(Errors);
  std::vector<std::string> Problems = compare(*F, Found);
  EXPECT_TRUE(Problems.empty()) << F->Path << ":\n" << joinLines(Problems);
  std::vector<std::string> Twice = reportedTwice(*F, Found);
  EXPECT_TRUE(Twice.empty()) << "one bug, one warning:\n" << joinLines(Twice);
}

// The CLI leaves library code's bodies out of the parse and the matchers
// (RunOptions::SkipLibraryBodies); that must change nothing it reports: the
// findings with their notes and fix-its, the failures, the suppressed counts
// and the whole-program facts.
TEST_P(CheckFixture, SameResultWhenLibraryCodeIsAnalysedInFull) {
  auto F = parseFixture(GetParam(), STATESCOPE_BINARY_DIR);
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
  if (std::string Missing = F->missingRequirement(); !Missing.empty())
    GTEST_SKIP() << "needs " << Missing;
  clang::tooling::FixedCompilationDatabase DB(llvm::sys::path::parent_path(F->Path), F->Args);
  auto Analyse = [&](bool Skip, UnitTrace &Trace) {
    std::optional<clang::statescope::UnitFacts> Facts;
    clang::statescope::setUnitFactsSink([&](const clang::statescope::UnitFacts &U) { Facts = U; });
    RunOptions Options{F->Checks, F->Config};
    Options.SkipLibraryBodies = Skip;
    auto Unit = analyseUnit(DB, F->Path, Options, &Trace);
    clang::statescope::setUnitFactsSink(nullptr);
    EXPECT_TRUE(static_cast<bool>(Unit)) << llvm::toString(Unit.takeError());
    if (!Unit)
      return std::string();
    Unit->Facts = std::move(Facts);
    std::string Text;
    llvm::raw_string_ostream(Text) << llvm::formatv("{0:2}", toJSON(*Unit));
    return Text;
  };
  UnitTrace Skipping, Full;
  std::string Fast = Analyse(true, Skipping);
  EXPECT_EQ(Analyse(false, Full), Fast);
  EXPECT_EQ(0u, Full.SkippedFunctionBodies);
  // Not a comparison of two identical runs: a fixture that includes the
  // standard library had bodies there skipped.
  if (llvm::any_of(Full.Inputs, [](const auto &In) {
        return llvm::StringRef(In.first).starts_with("/usr/include/c++/");
      }))
    EXPECT_GT(Skipping.SkippedFunctionBodies, 0u);
}

class FixItFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(FixItFixture, FixItsProduceTheFixedFile) {
  std::string FixedPath = GetParam() + ".fixed";
  auto F = parseFixture(GetParam(), STATESCOPE_BINARY_DIR);
  ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());

  // The fix-its attached to warnings (what --fix applies), and with
  // `FIX: notes` those attached to notes too (what --fix-notes applies).
  clang::tooling::Replacements Fixes;
  std::set<std::string> Reported, FixedFindings;
  auto Take = [&](const clang::tooling::DiagnosticMessage &M, const std::string &Finding) {
    for (const auto &[File, Replacements] : M.Fix)
      for (const clang::tooling::Replacement &R : Replacements) {
        ASSERT_FALSE(static_cast<bool>(Fixes.add(R))) << "conflicting fix-its";
        FixedFindings.insert(Finding);
      }
  };
  for (const ClangTidyError &E : analyse(*F, F->Path)) {
    Reported.insert(E.Message.Message);
    Take(E.Message, E.Message.Message);
    if (F->FixNotes)
      for (const auto &Note : E.Notes)
        Take(Note, E.Message.Message);
  }
  ASSERT_FALSE(Fixes.empty()) << "a .fixed twin but no fix-its";
  auto Source = llvm::MemoryBuffer::getFile(F->Path);
  auto Expected = llvm::MemoryBuffer::getFile(FixedPath);
  ASSERT_TRUE(Source && Expected);
  auto Fixed = clang::tooling::applyAllReplacements((*Source)->getBuffer(), Fixes);
  ASSERT_TRUE(static_cast<bool>(Fixed)) << llvm::toString(Fixed.takeError());
  EXPECT_EQ((*Expected)->getBuffer().str(), *Fixed);

  // The fixed source compiles, and analysing it again finds nothing to fix.
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("statescope-fixed", Dir));
  llvm::SmallString<128> Out(Dir);
  llvm::sys::path::append(Out, llvm::sys::path::filename(F->Path));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Out, EC);
    ASSERT_FALSE(EC);
    OS << *Fixed;
  }
  std::string Include = "-I" + llvm::sys::path::parent_path(F->Path).str();
  std::vector<llvm::StringRef> Compile = {"clang++-19", "-fsyntax-only", Include};
  for (const std::string &A : F->Args)
    Compile.push_back(A);
  Compile.push_back(Out);
  auto Clang = llvm::sys::findProgramByName("clang++-19");
  ASSERT_TRUE(static_cast<bool>(Clang)) << "clang++-19 not found";
  EXPECT_EQ(0, llvm::sys::ExecuteAndWait(*Clang, Compile)) << "fixed source does not compile";

  // Each fixed finding is gone, and fixing made no new one.
  Fixture Again = *F;
  Again.Args.push_back(Include);
  for (const ClangTidyError &E : analyse(Again, std::string(Out))) {
    EXPECT_EQ(0u, FixedFindings.count(E.Message.Message))
        << "still reported after its fix: " << E.Message.Message;
    EXPECT_EQ(1u, Reported.count(E.Message.Message)) << "new after fixing: " << E.Message.Message;
  }
  llvm::sys::fs::remove_directories(Dir);
}

std::string testName(const ::testing::TestParamInfo<std::string> &Info) {
  return fixtureTestName(Info.param, STATESCOPE_SOURCE_DIR "/tests/checks/");
}

INSTANTIATE_TEST_SUITE_P(Checks, CheckFixture,
                         ::testing::ValuesIn(listFixtures(STATESCOPE_SOURCE_DIR "/tests/checks")),
                         testName);

std::vector<std::string> fixturesWithFixedTwin() {
  std::vector<std::string> Result;
  for (const std::string &Path : listFixtures(STATESCOPE_SOURCE_DIR "/tests/checks"))
    if (llvm::sys::fs::exists(Path + ".fixed"))
      Result.push_back(Path);
  return Result;
}

INSTANTIATE_TEST_SUITE_P(Checks, FixItFixture, ::testing::ValuesIn(fixturesWithFixedTwin()),
                         testName);

// The CLI's two passes, in process: each unit's facts, their join, and the
// second pass that uses them to follow an accessor, a setter and a call
// chain into files the handler's unit only declares.
TEST(WholeProgram, FollowsAccessorsSettersAndCallsAcrossFiles) {
  using namespace clang::statescope;
  std::string Dir = STATESCOPE_SOURCE_DIR "/tests/checks-whole-program";
  std::vector<std::string> Files = {Dir + "/handlers.cpp", Dir + "/store.cpp"};
  clang::tooling::FixedCompilationDatabase DB(Dir, {"-std=c++17"});
  auto Warnings = [&] {
    std::vector<std::string> Found;
    auto Errors = runChecks(DB, Files, {"-*,statescope-*", ""});
    EXPECT_TRUE(static_cast<bool>(Errors)) << llvm::toString(Errors.takeError());
    for (const ClangTidyError &E : *Errors)
      Found.push_back(llvm::sys::path::filename(E.Message.FilePath).str() + ": " +
                      E.Message.Message);
    llvm::sort(Found);
    return Found;
  };

  // One file at a time, as the plugin and clangd see them: the handler's
  // unit cannot tell that currentSession() returns a static, store.cpp does
  // not know that a handler calls recordTenant, and lookup() must be assumed
  // to write the table it takes by non-const reference.
  std::string Quota = "handlers.cpp: 'g_quota' is shared by every request; the request handler "
                      "'handle' passes it to be written with request data ('req.user')";
  EXPECT_EQ(std::vector<std::string>{Quota}, Warnings());

  std::vector<UnitFacts> Units;
  setUnitFactsSink([&](const UnitFacts &Unit) { Units.push_back(Unit); });
  Warnings();
  setUnitFactsSink(nullptr);
  ASSERT_EQ(2u, Units.size());
  // The facts travel between processes as JSON.
  ProgramFacts Joined;
  llvm::json::Path::Root Root;
  ASSERT_TRUE(fromJSON(toJSON(joinFacts(Units)), Joined, Root));
  // Every function defined elsewhere that the handler calls runs per request.
  EXPECT_EQ(5u, Joined.Roots.size());

  setProgramFacts(std::make_shared<ProgramFacts>(std::move(Joined)));
  std::vector<std::string> Found = Warnings();
  setProgramFacts(nullptr);
  EXPECT_EQ((std::vector<std::string>{
                "handlers.cpp: 'currentSession()' is shared by every request; the request "
                "handler 'handle' stores request data ('req.user') in it through 'setUser' "
                "(field 'user_')",
                "store.cpp: 'g_lastTenant' is shared by every request; 'recordTenant', called "
                "per request by the request handler 'handle' in " +
                    Dir + "/handlers.cpp stores request data ('tenant') in it"}),
            Found);
}

// The join alone: a virtual call roots the overrides other units define
// (not those of the caller's own unit, whose model follows them already),
// with the call's request-data and shared-object parameters and its object;
// a later join that roots a unit's function anew asks for another pass.
TEST(WholeProgram, JoinRootsOverridesInOtherUnitsWithTheirSharedObjects) {
  using namespace clang::statescope;
  UnitFacts Handlers, Models, Local;
  Handlers.File = "handlers.cpp";
  CallOut Call;
  Call.Callee = "c:@S@Model@F@predict#";
  Call.Name = "Model::predict";
  Call.Handler = "the handler for POST /complete";
  Call.Virtual = true;
  Call.RequestParams = {0};
  Call.SharedParams = {{1, "'cache', a global"}};
  Call.SharedThis = "'model', a local of 'main' that handlers capture by reference";
  Handlers.CallsOut.push_back(Call);
  // An override in the caller's own unit: not a root.
  FunctionFacts Inline;
  Inline.Name = "InlineModel::predict";
  Inline.Overrides = {Call.Callee};
  Handlers.Defined["c:@S@InlineModel@F@predict#"] = Inline;
  Models.File = "models.cpp";
  FunctionFacts Override;
  Override.Name = "FastModel::predict";
  Override.Overrides = {Call.Callee};
  Models.Defined["c:@S@FastModel@F@predict#"] = Override;
  FunctionFacts Unrelated;
  Unrelated.Name = "FastModel::reload";
  Unrelated.Overrides = {"c:@S@Model@F@reload#"};
  Models.Defined["c:@S@FastModel@F@reload#"] = Unrelated;

  ProgramFacts Before = joinFacts({Local, Models});
  ProgramFacts Joined;
  llvm::json::Path::Root Root;
  ASSERT_TRUE(fromJSON(toJSON(joinFacts({Handlers, Models})), Joined, Root));
  ASSERT_EQ(1u, Joined.Roots.size());
  const ExternalRoot &Predict = Joined.Roots.at("c:@S@FastModel@F@predict#");
  EXPECT_EQ("'FastModel::predict' (through the virtual 'Model::predict'), called per request by "
            "the handler for POST /complete in handlers.cpp",
            Predict.Description);
  EXPECT_EQ(std::vector<unsigned>{0}, Predict.RequestParams);
  ASSERT_EQ(1u, Predict.SharedParams.size());
  EXPECT_EQ(1u, Predict.SharedParams[0].Param);
  EXPECT_EQ("'cache', a global", Predict.SharedParams[0].Object);
  EXPECT_EQ(Call.SharedThis, Predict.SharedThis);
  EXPECT_TRUE(needsSecondPass(Models, Joined));
  EXPECT_TRUE(rootsChanged(Models, Before, Joined));
  EXPECT_FALSE(rootsChanged(Models, Joined, Joined));
  EXPECT_FALSE(rootsChanged(Handlers, Before, Joined));
}

/// Labelled leaks found and missed, reports that are not labelled leaks, and
/// look-alikes kept quiet, over a set of fixtures.
struct Tally {
  unsigned TruePositives = 0, FalsePositives = 0, Missed = 0, QuietLookAlikes = 0, LookAlikes = 0,
           Fixtures = 0, Duplicates = 0;
  std::vector<std::string> Wrong;

  /// Reported: the leak-claiming warnings of F's own file, by line.
  void add(const Fixture &F, const std::map<unsigned, unsigned> &Reported) {
    ++Fixtures;
    const TruthLabels &Truth = F.Truth;
    std::string Where = llvm::sys::path::filename(F.Path).str() + ":";
    for (unsigned Line : Truth.Leak) {
      if (Reported.count(Line))
        ++TruePositives;
      else {
        ++Missed;
        Wrong.push_back("missed " + Where + std::to_string(Line));
      }
    }
    for (const auto &[Line, Count] : Reported) {
      if (!llvm::is_contained(Truth.Leak, Line) && !llvm::is_contained(Truth.Advice, Line)) {
        FalsePositives += Count;
        Wrong.push_back("false positive " + Where + std::to_string(Line));
      } else if (Count > 1 && llvm::is_contained(Truth.Leak, Line)) {
        // A second warning for the bug of a labelled line: neither right
        // nor wrong, but noise, counted apart.
        Duplicates += Count - 1;
        Wrong.push_back("reported twice " + Where + std::to_string(Line));
      }
    }
    for (unsigned Line : Truth.Safe) {
      ++LookAlikes;
      QuietLookAlikes += !Reported.count(Line);
    }
  }
  double precision() const {
    return TruePositives + FalsePositives ? double(TruePositives) / (TruePositives + FalsePositives)
                                          : 0;
  }
  double recall() const {
    return TruePositives + Missed ? double(TruePositives) / (TruePositives + Missed) : 0;
  }
  void print(const char *Title) const {
    std::printf("%s: %u fixtures, %u labelled leaks, %u look-alikes\n"
                "  precision %.3f (%u of %u reports are labelled leaks)\n"
                "  recall    %.3f (%u of %u labelled leaks reported)\n"
                "  look-alikes kept quiet: %u of %u\n"
                "  duplicates (a second warning on a labelled line): %u\n",
                Title, Fixtures, TruePositives + Missed, LookAlikes, precision(), TruePositives,
                TruePositives + FalsePositives, recall(), TruePositives, TruePositives + Missed,
                QuietLookAlikes, LookAlikes, Duplicates);
  }
};

// Precision and recall of the leak checks against the fixtures' truth labels,
// over every fixture at once, and over the coroutine and callback fixtures
// alone (where statescope-thread-local-across-await reports). The
// per-fixture tests pin each diagnostic; this one says how often a report is
// a real bug and how many labelled bugs are found, and fails below the bar
// users need to keep the checks switched on.
TEST(precision, LeakChecksAgreeWithTheFixturesTruthLabels) {
  Tally All, Coroutines;
  for (const std::string &Path : listFixtures(STATESCOPE_SOURCE_DIR "/tests/checks")) {
    auto F = parseFixture(Path, STATESCOPE_BINARY_DIR);
    ASSERT_TRUE(static_cast<bool>(F)) << llvm::toString(F.takeError());
    if (!F->missingRequirement().empty())
      continue;
    std::map<unsigned, unsigned> Reported;
    for (const Diagnostic &D : toDiagnostics(analyse(*F, F->Path)))
      if (claimsLeak(D) && D.File == F->Path)
        ++Reported[D.Line];
    All.add(*F, Reported);
    if (llvm::StringRef(Path).contains("/coroutines/"))
      Coroutines.add(*F, Reported);
  }
  All.print("statescope fixture suite");
  Coroutines.print("coroutines and callbacks (tests/checks/coroutines)");
  for (const Tally *T : {&All, &Coroutines}) {
    EXPECT_GE(T->precision(), 0.95) << joinLines(T->Wrong);
    EXPECT_GE(T->recall(), 0.95) << joinLines(T->Wrong);
    EXPECT_EQ(0u, T->Duplicates) << joinLines(T->Wrong);
  }
  // Enough labels that the ratios mean something.
  EXPECT_GE(All.TruePositives + All.Missed, 100u);
  EXPECT_GE(All.LookAlikes, 50u);
  EXPECT_GE(Coroutines.TruePositives + Coroutines.Missed, 30u);
  EXPECT_GE(Coroutines.LookAlikes, 30u);
}

} // namespace
} // namespace statescope::test
