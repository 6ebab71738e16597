//===--- ReportTest.cpp - the CLI's clang-free parts, in process ----------===//
//
// Fingerprints, de-duplication, fix-it application, worker processes, the
// progress line and the JSON and SARIF round trips, on hand-made inputs:
// the cases the CLI tests cannot produce from real checks (conflicting
// fix-its, ambiguous note fix-its, identical findings with different notes,
// a crashing worker).
//
//===----------------------------------------------------------------------===//

#include "Report.h"
#include "Baseline.h"
#include "Cache.h"
#include "DocPages.h"
#include "Fixes.h"
#include "Formats.h"
#include "Progress.h"
#include "Stop.h"
#include "Summaries.h"
#include "TestSupport.h"
#include "UnitOrder.h"
#include "Workers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include <csignal>
#include <cstdio>
#include <gtest/gtest.h>
#include <unistd.h>

namespace statescope::test {
namespace {

Finding finding(std::string Check, std::string File, unsigned Offset, std::string Text,
                std::string Unit) {
  Finding F;
  F.Check = std::move(Check);
  F.Main.Text = std::move(Text);
  F.Main.Loc = {File, 1, Offset + 1, Offset};
  F.TranslationUnit = std::move(Unit);
  F.Hash = fingerprintHash(F.Check, File, "line " + F.Main.Text);
  return F;
}

std::string jsonText(const llvm::json::Value &V) {
  std::string Text;
  llvm::raw_string_ostream(Text) << V;
  return Text;
}

TEST(Fingerprint, SurvivesLineMovesReformattingCommentsAndRewordingButNotRealChanges) {
  std::string Base = fingerprintHash("statescope-mutable-static", "src/a.cpp", "static int x;");
  EXPECT_EQ(16u, Base.size());
  EXPECT_EQ(Base, fingerprintHash("statescope-mutable-static", "src/a.cpp", "  static  int x ;\t"));
  EXPECT_EQ(Base, fingerprintHash("statescope-mutable-static", "src/a.cpp",
                                  "static int x; // counts orders"));
  EXPECT_EQ(Base, fingerprintHash("statescope-mutable-static", "src/a.cpp",
                                  "static /* orders */ int x; /* unterminated"));
  EXPECT_NE(Base, fingerprintHash("statescope-singleton-setter", "src/a.cpp", "static int x;"));
  EXPECT_NE(Base, fingerprintHash("statescope-mutable-static", "src/b.cpp", "static int x;"));
  EXPECT_NE(Base, fingerprintHash("statescope-mutable-static", "src/a.cpp", "static long x;"));
  // Comment markers inside literals are code.
  EXPECT_EQ("std::strings=\"a//b\";", codeOfLine("std::string s = \"a//b\"; // c"));
  EXPECT_EQ("charc='\\'';", codeOfLine("char c = '\\''; /* quote */"));
  EXPECT_EQ("autou=\"/*\\\"*/\";", codeOfLine("auto u = \"/*\\\"*/\";"));
}

TEST(Report, KeepsOneOfIdenticalFindingsAndNumbersEqualHashes) {
  Report R;
  UnitResult B{"/p/b.cpp", {finding("c", "/p/h.h", 10, "same", "/p/b.cpp")}, {}, {}};
  B.Findings[0].Notes.push_back({"seen from b", {}, {}});
  UnitResult A{"/p/a.cpp",
               {finding("c", "/p/h.h", 10, "same", "/p/a.cpp"),
                finding("c", "/p/h.h", 10, "different", "/p/a.cpp"),
                finding("c", "/p/h.h", 30, "same", "/p/a.cpp")},
               {},
               {}};
  A.Findings[2].Hash = A.Findings[0].Hash; // the same text on another line
  R.add(std::move(B));
  R.add(std::move(A));
  R.finish();
  ASSERT_EQ(3u, R.Findings.size());
  EXPECT_EQ("different", R.Findings[0].Main.Text);
  EXPECT_EQ("/p/a.cpp", R.Findings[1].TranslationUnit) << "the first unit's copy is kept";
  EXPECT_TRUE(R.Findings[1].Notes.empty());
  EXPECT_EQ(0u, R.Findings[0].Occurrence);
  EXPECT_EQ(0u, R.Findings[1].Occurrence);
  EXPECT_EQ(1u, R.Findings[2].Occurrence);
  EXPECT_EQ(R.Findings[1].Hash + ":1", R.Findings[2].fingerprint());
  EXPECT_EQ(2u, R.TranslationUnits);
}

TEST(Report, RelativeToNeedsAWholeDirectory) {
  EXPECT_EQ("src/a.cpp", relativeTo("/p/src/a.cpp", "/p"));
  EXPECT_EQ("src/a.cpp", relativeTo("/p/src/a.cpp", "/p/"));
  EXPECT_EQ("/pq/a.cpp", relativeTo("/pq/a.cpp", "/p"));
  EXPECT_EQ("/other/a.cpp", relativeTo("/other/a.cpp", "/p"));
}

/// A report with every kind of field, for the round trips.
Report fullReport() {
  Report R;
  R.ProjectRoot = "/p";
  R.TranslationUnits = 3;
  R.Counts = {1, 2, 3};
  Finding F =
      finding("statescope-mutable-static", "/p/src/a b.cpp", 5, "'x' is shared", "/p/src/a b.cpp");
  F.Main.Fixes.push_back({"/p/src/a b.cpp", 0, 0, "const "});
  F.Notes.push_back({"written here", {"/p/src/a b.cpp", 3, 2, 40}, {}});
  F.Notes.push_back({"or use this", {"/outside/x.h", 1, 1, 0}, {{"/outside/x.h", 0, 3, "y"}}});
  F.Notes.push_back({"no place", {}, {}});
  R.Findings.push_back(F);
  R.Findings.push_back(
      finding("statescope-request-field", "/p/src/c.cpp", 7, "field", "/p/src/c.cpp"));
  R.Findings.back().Level = "error";
  R.Failures.push_back(
      {"/p/src/broken.cpp", 2, {"undeclared", {"/p/src/broken.cpp", 1, 21, 20}, {}}});
  R.Failures.push_back({"/p/src/crashed.cpp", 1, {"crashed", {}, {}}});
  R.finish();
  return R;
}

TEST(Report, JsonAndSarifReadBackToTheSameReport) {
  Report R = fullReport();
  auto FromJson = reportFromJSON(toJSON(R));
  ASSERT_TRUE(static_cast<bool>(FromJson)) << llvm::toString(FromJson.takeError());
  FromJson->finish();
  EXPECT_EQ(jsonText(toJSON(R)), jsonText(toJSON(*FromJson)));

  auto FromSarif = reportFromSarif(toSarif(R));
  ASSERT_TRUE(static_cast<bool>(FromSarif)) << llvm::toString(FromSarif.takeError());
  FromSarif->finish();
  EXPECT_EQ(jsonText(toJSON(R)), jsonText(toJSON(*FromSarif)));
}

TEST(Report, SarifLinksTheNotesItsMessageMentionsAndReadsBackThePlainMessage) {
  Report R;
  R.ProjectRoot = "/p";
  Finding F = finding("statescope-singleton-setter", "/p/a.cpp", 5,
                      "'m[0]' is shared by every request; the handler for GET / stores request "
                      "data ('req.user') in it",
                      "/p/a.cpp");
  F.Notes.push_back({"stores request data ('req.user') in it here", {"/p/a.cpp", 9, 3, 90}, {}});
  F.Notes.push_back({"the handler for GET / runs once per request", {"/p/a.cpp", 8, 1, 70}, {}});
  F.Notes.push_back({"read back here after 'co_await x' suspended the request; another request's "
                     "value may be there by then",
                     {"/p/a.cpp", 11, 3, 120},
                     {}});
  R.Findings.push_back(F);
  R.finish();
  llvm::json::Value Log = toSarif(R);
  const llvm::json::Object &Result =
      *(*(*Log.getAsObject()->getArray("runs"))[0].getAsObject()->getArray("results"))[0]
           .getAsObject();
  EXPECT_EQ(
      "'m\\[0\\]' is shared by every request; [the handler for GET /](1) [stores request data "
      "('req.user') in it](0) ([where it is read back](2))",
      Result.getObject("message")->getString("text"));
  auto Back = reportFromSarif(Log);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(F.Main.Text, Back->Findings[0].Main.Text);
}

TEST(Report, MergingRefusesReportsOfDifferentProjects) {
  Report A = fullReport(), B = fullReport();
  B.ProjectRoot = "/q";
  llvm::Error E = A.add(std::move(B));
  ASSERT_TRUE(static_cast<bool>(E));
  EXPECT_NE(std::string::npos, llvm::toString(std::move(E)).find("different project roots"));
}

/// Shard Index of Count over Selected units, holding Files.
ShardSummaries shard(unsigned Index, unsigned Count, unsigned Selected,
                     std::vector<std::string> Files) {
  ShardSummaries S{Index, Count, Selected, {}};
  for (std::string &File : Files) {
    UnitSummary U;
    U.File = File;
    U.Key = "key of " + File;
    U.First.File = File;
    U.First.Facts.emplace().File = File;
    ProgramAnalysis Later{U.First, "answers"};
    Later.Result.Asked.emplace().Definitions.insert("c:@F@f#");
    U.Later.push_back(std::move(Later));
    S.Units.push_back(std::move(U));
  }
  return S;
}

TEST(Summaries, ReadBackAsWrittenInsideAShardsReport) {
  Report R = fullReport();
  R.Summaries = std::make_shared<ShardSummaries>(shard(2, 3, 5, {"/p/b.cpp", "/p/a.cpp"}));
  R.Summaries->Units[1].Unreadable = true;
  auto Read = reportFromJSON(toJSON(R));
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  ASSERT_TRUE(Read->Summaries);
  EXPECT_EQ(jsonText(toJSON(*R.Summaries)), jsonText(toJSON(*Read->Summaries)));
  // A report without them reads back without them.
  R.Summaries = nullptr;
  auto Plain = reportFromJSON(toJSON(R));
  ASSERT_TRUE(static_cast<bool>(Plain));
  EXPECT_FALSE(Plain->Summaries);
}

TEST(Summaries, JoinNeedsEveryShardOfOneSplitOnce) {
  auto Joined =
      joinShards({shard(2, 2, 3, {"/p/c.cpp"}), shard(1, 2, 3, {"/p/b.cpp", "/p/a.cpp"})});
  ASSERT_TRUE(static_cast<bool>(Joined)) << llvm::toString(Joined.takeError());
  std::vector<std::string> Files;
  for (const UnitSummary &U : *Joined)
    Files.push_back(U.File);
  EXPECT_EQ((std::vector<std::string>{"/p/a.cpp", "/p/b.cpp", "/p/c.cpp"}), Files)
      << "in the order one run analyses them";

  auto Error = [](std::vector<ShardSummaries> Shards) {
    auto Joined = joinShards(std::move(Shards));
    return Joined ? std::string() : llvm::toString(Joined.takeError());
  };
  EXPECT_NE(std::string::npos, Error({shard(1, 3, 2, {"/p/a.cpp"})}).find("2/3, 3/3 are missing"));
  EXPECT_NE(std::string::npos,
            Error({shard(1, 2, 2, {"/p/a.cpp"}), shard(1, 2, 2, {"/p/b.cpp"})}).find("twice"));
  EXPECT_NE(
      std::string::npos,
      Error({shard(1, 2, 2, {"/p/a.cpp"}), shard(2, 3, 2, {"/p/b.cpp"})}).find("different splits"));
  // A unit in two shards (or one missing) is a selection that differs.
  EXPECT_NE(std::string::npos,
            Error({shard(1, 2, 2, {"/p/a.cpp"}), shard(2, 2, 2, {"/p/a.cpp"})}).find("each once"));
  EXPECT_NE(std::string::npos,
            Error({shard(1, 2, 3, {"/p/a.cpp"}), shard(2, 2, 3, {"/p/b.cpp"})}).find("not the 3"));
}

/// A file in a scratch directory and a report of fix-its for it.
struct FixProject {
  ScratchDir Dir;
  std::string File = Dir.file("a.cpp");
  Report R;

  FixProject() { writeFile(File, "int a = 1;\nint b = 2;\n"); }
  /// Every file in Dir as it is now, as the analysis would have read it.
  AnalysedContents analysed() const {
    AnalysedContents Read;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Dir.Path, EC), End; It != End && !EC;
         It.increment(EC))
      Read[It->path()] = contentHash(readFile(It->path()));
    return Read;
  }
  Finding &withFix(unsigned Offset, unsigned Length, std::string Text, std::string Unit = "u.cpp") {
    R.Findings.push_back(finding("c", File, Offset, "f" + std::to_string(R.Findings.size()), Unit));
    R.Findings.back().Main.Fixes.push_back({File, Offset, Length, std::move(Text)});
    return R.Findings.back();
  }
};

TEST(Fixes, AppliesEachReplacementOnceEvenWhenSeveralUnitsReportIt) {
  FixProject P;
  P.withFix(0, 0, "const ", "one.cpp");
  P.withFix(0, 0, "const ", "two.cpp");
  P.withFix(11, 0, "const ");
  FixResult Result = applyFixes(P.R, FixScope::Warnings, P.analysed());
  EXPECT_TRUE(Result.Problems.empty());
  EXPECT_EQ(2u, Result.Applied);
  EXPECT_EQ("const int a = 1;\nconst int b = 2;\n", readFile(P.File));
}

TEST(Fixes, LeavesAFileUntouchedWhenAnyOfItsReplacementsDoesNotApply) {
  FixProject P;
  std::string Other = P.Dir.file("b.cpp");
  writeFile(Other, "int c;\n");
  P.withFix(0, 3, "long");
  P.withFix(2, 3, "x"); // overlaps the first
  P.R.Findings.push_back(finding("c", Other, 0, "ok", "u.cpp"));
  P.R.Findings.back().Main.Fixes.push_back({Other, 0, 0, "static "});
  FixResult Result = applyFixes(P.R, FixScope::Warnings, P.analysed());
  ASSERT_EQ(1u, Result.Problems.size());
  EXPECT_NE(std::string::npos, Result.Problems[0].find(P.File + ": not fixed: conflicting"))
      << Result.Problems[0];
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(P.File));
  EXPECT_EQ("static int c;\n", readFile(Other)) << "other files are still fixed";

  FixProject Past;
  Past.withFix(100, 1, "x");
  EXPECT_EQ(1u, applyFixes(Past.R, FixScope::Warnings, Past.analysed()).Problems.size());
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(Past.File));

  FixProject TwoInsertions;
  TwoInsertions.withFix(0, 0, "const ");
  TwoInsertions.withFix(0, 0, "static ");
  EXPECT_EQ(
      1u,
      applyFixes(TwoInsertions.R, FixScope::Warnings, TwoInsertions.analysed()).Problems.size());
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(TwoInsertions.File));
}

TEST(Fixes, NoteFixItsOnlyWithFixNotesAndOnlyWhenUnambiguous) {
  FixProject P;
  Finding &F = P.withFix(0, 0, "unused");
  F.Main.Fixes.clear();
  F.Notes.push_back({"make it const", {}, {{P.File, 0, 0, "const "}}});
  EXPECT_EQ(0u, applyFixes(P.R, FixScope::Warnings, P.analysed()).Applied);
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(P.File));
  EXPECT_EQ(1u, applyFixes(P.R, FixScope::WarningsAndNotes, P.analysed()).Applied);
  EXPECT_EQ("const int a = 1;\nint b = 2;\n", readFile(P.File));

  FixProject Two;
  Finding &G = Two.withFix(0, 0, "unused");
  G.Main.Fixes.clear();
  G.Notes.push_back({"one way", {}, {{Two.File, 0, 0, "const "}}});
  G.Notes.push_back({"another", {}, {{Two.File, 0, 0, "static "}}});
  EXPECT_EQ(0u, applyFixes(Two.R, FixScope::WarningsAndNotes, Two.analysed()).Applied);
}

TEST(Fixes, NothingIsFixedWhenAUnitCouldNotBeAnalysed) {
  FixProject P;
  std::string Other = P.Dir.file("b.cpp");
  writeFile(Other, "int c;\n");
  P.withFix(0, 0, "const ", "broken.cpp");
  P.R.Findings.push_back(finding("c", Other, 0, "ok", "fine.cpp"));
  P.R.Findings.back().Main.Fixes.push_back({Other, 0, 0, "static "});
  P.R.Failures.push_back({"broken.cpp", 1, {"error", {}, {}}});
  FixResult Result = applyFixes(P.R, FixScope::Warnings, P.analysed());
  EXPECT_EQ(0u, Result.Applied);
  ASSERT_EQ(1u, Result.Problems.size());
  EXPECT_EQ("no fix-its applied: 1 translation unit could not be analysed", Result.Problems[0]);
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(P.File));
  EXPECT_EQ("int c;\n", readFile(Other)) << "a fine unit's file is not fixed either";
}

// A file whose temporary twin cannot be created (its name would be longer
// than a directory entry can be, which stops root too) fails the fix, and
// no file is changed, including those before it.
TEST(Fixes, AFileThatCannotBeWrittenLeavesEveryFileAsItWas) {
  FixProject P;
  std::string Long = P.Dir.file(std::string(245, 'z') + ".cpp");
  writeFile(Long, "int c;\n");
  ASSERT_EQ("int c;\n", readFile(Long));
  P.withFix(0, 0, "const ");
  P.R.Findings.push_back(finding("c", Long, 0, "ok", "u.cpp"));
  P.R.Findings.back().Main.Fixes.push_back({Long, 0, 0, "static "});
  FixResult Result = applyFixes(P.R, FixScope::Warnings, P.analysed());
  EXPECT_TRUE(Result.WriteFailed);
  EXPECT_EQ(0u, Result.Applied);
  ASSERT_EQ(1u, Result.Problems.size());
  EXPECT_NE(std::string::npos, Result.Problems[0].find("no fix-its applied: cannot write " + Long))
      << Result.Problems[0];
  EXPECT_EQ("int a = 1;\nint b = 2;\n", readFile(P.File));
  EXPECT_EQ("int c;\n", readFile(Long));
  // No temporary file is left behind.
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator It(P.Dir.Path, EC), End; It != End && !EC;
       It.increment(EC))
    ++Entries;
  EXPECT_EQ(2u, Entries);
}

TEST(Progress, ShowsUnitsTimeLeftAndTheEndOfLongPaths) {
  EXPECT_EQ("[0/4] src/a.cpp", progressLine(0, 4, "", 0, "src/a.cpp", 80));
  EXPECT_EQ("[2/4] 0:10 left src/a.cpp", progressLine(2, 4, "", 10, "src/a.cpp", 80));
  EXPECT_EQ("[3/4] 1:30 left src/a.cpp", progressLine(3, 4, "", 270, "src/a.cpp", 80));
  EXPECT_EQ("[4/4] src/a.cpp", progressLine(4, 4, "", 12, "src/a.cpp", 80));
  EXPECT_EQ("[1/9] 0:08 left ...deep/name.cpp",
            progressLine(1, 9, "", 1, "some/very/deep/name.cpp", 32));
  EXPECT_EQ(10u, progressLine(1, 9, "", 1, "some/very/deep/name.cpp", 10).size());
  // The whole-program pass counts its own units, and says which pass it is.
  EXPECT_EQ("[1/2 whole-program pass] 0:03 left src/a.cpp",
            progressLine(1, 2, "whole-program pass", 3, "src/a.cpp", 80));
}

// Out of the terminal's foreground group, a worker does not get the Ctrl-C
// meant for statescope; statescope ends it (GuaranteesTest stops real runs).
TEST(Workers, EachWorkerLeadsItsOwnProcessGroup) {
  std::vector<ChildOutcome> Outcomes = runInChildren(
      2, 2,
      [](size_t) -> std::string {
        return getpgid(0) == getpid() && getpgid(0) != getpgid(getppid()) ? "leader" : "member";
      },
      [](size_t) {}, [](size_t, const ChildOutcome &) {});
  for (const ChildOutcome &Outcome : Outcomes)
    EXPECT_EQ("leader", Outcome.Output);
}

// While fix-its are written, a stop waits; it arrives once they are (the
// handler here only records it).
TEST(Stop, HeldSignalsArriveWhenTheHoldEnds) {
  static volatile sig_atomic_t Received = 0;
  struct sigaction Record = {}, Previous;
  Record.sa_handler = [](int Signal) { Received = Signal; };
  ASSERT_EQ(0, sigaction(SIGHUP, &Record, &Previous));
  {
    StopSignalsHeld Held;
    raise(SIGHUP);
    EXPECT_EQ(0, Received);
  }
  EXPECT_EQ(SIGHUP, Received);
  sigaction(SIGHUP, &Previous, nullptr);
}

TEST(Workers, EachItemRunsInItsOwnProcessAndACrashCostsOnlyThatItem) {
  std::vector<size_t> Started, Finished;
  std::vector<ChildOutcome> Outcomes = runInChildren(
      4, 2,
      [](size_t I) -> std::string {
        if (I == 2) {
          std::fputs("giving up on item 2\n", stderr);
          std::raise(SIGKILL);
        }
        // More than a pipe holds: the parent must read while the child writes.
        return std::string(I == 3 ? 1 << 20 : 10, static_cast<char>('a' + I));
      },
      [&](size_t I) { Started.push_back(I); },
      [&](size_t I, const ChildOutcome &) { Finished.push_back(I); });
  ASSERT_EQ(4u, Outcomes.size());
  EXPECT_EQ(std::string(10, 'a'), Outcomes[0].Output);
  EXPECT_EQ(std::string(10, 'b'), Outcomes[1].Output);
  EXPECT_EQ(std::string(1 << 20, 'd'), Outcomes[3].Output);
  EXPECT_EQ(0, Outcomes[0].Status);
  EXPECT_EQ(-SIGKILL, Outcomes[2].Status);
  EXPECT_EQ("", Outcomes[2].Output);
  std::string Why = describeFailure(Outcomes[2]);
  EXPECT_NE(std::string::npos, Why.find("statescope crashed analysing it")) << Why;
  EXPECT_NE(std::string::npos, Why.find(": giving up on item 2")) << Why;
  EXPECT_EQ((std::vector<size_t>{0, 1, 2, 3}), Started);
  llvm::sort(Finished);
  EXPECT_EQ((std::vector<size_t>{0, 1, 2, 3}), Finished);
}

TEST(DocPages, EveryPageHasASummarySentence) {
  ASSERT_FALSE(docPages().empty());
  for (const DocPage &Page : docPages()) {
    EXPECT_TRUE(Page.Check.starts_with("statescope-"));
    EXPECT_TRUE(Page.Markdown.starts_with("# " + Page.Check.str() + "\n"));
    std::string Summary = Page.summary();
    EXPECT_FALSE(Summary.empty());
    EXPECT_EQ(std::string::npos, Summary.find('\n'));
    EXPECT_EQ('.', Summary.back()) << Summary;
  }
  EXPECT_EQ(findDocPage("mutable-static"), findDocPage("statescope-mutable-static"));
  EXPECT_EQ(nullptr, findDocPage("mutable"));
}

/// The `///` comment right above `class <Name>` in Header: its lines joined
/// by spaces, paragraphs (split by a bare `///`) by a blank line.
std::string classComment(const std::string &Header, llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Header).split(Lines, '\n');
  auto Class = llvm::find_if(
      Lines, [&](llvm::StringRef Line) { return Line.starts_with(("class " + Name + " ").str()); });
  auto First = Class;
  while (First != Lines.begin() && std::prev(First)->starts_with("///"))
    --First;
  std::string Comment;
  for (auto Line = First; Line != Class; ++Line) {
    llvm::StringRef Text = Line->drop_front(3).trim();
    if (Text.empty())
      Comment += "\n\n";
    else
      Comment += (Comment.empty() || Comment.back() == '\n' ? "" : " ") + Text.str();
  }
  return Comment;
}

TEST(DocPages, EachCheckClassOpensWithItsPageSummaryAndLinksThePage) {
  for (const DocPage &Page : docPages()) {
    // statescope-mutable-static is MutableStaticCheck in checks/MutableStaticCheck.h.
    std::string Class;
    for (llvm::StringRef Word : llvm::split(Page.Check.drop_front(strlen("statescope-")), '-'))
      Class += llvm::toUpper(Word.front()) + Word.drop_front().str();
    Class += "Check";
    std::string Comment =
        classComment(readFile(STATESCOPE_SOURCE_DIR "/checks/" + Class + ".h"), Class);
    auto [Summary, Link] = llvm::StringRef(Comment).split("\n\n");
    EXPECT_EQ(Page.summary(), Summary.str()) << Class;
    std::string PagePath =
        "docs/checks/" + Page.Check.drop_front(strlen("statescope-")).str() + ".md";
    EXPECT_NE(llvm::StringRef::npos, Link.find(PagePath)) << Class << ": " << Comment;
  }
}

// The order of the first pass reads the main files' text alone: names
// defined with a body (or a constructor's initialisers), and names called.
TEST(UnitOrder, NamesInTextAreDefinitionsAndCalls) {
  NamesInText Names = namesInText(R"cpp(
#include "api.h"
#define CALL(x) hidden(x)
// commented(1);
/* block(2); */
const char *s = "quoted(3)";
const char *r = R"x(raw(4) {)x";
void Store::setUser(const Text &user) noexcept { user_ = normalise(user); }
Session::Session(int n) : size_(count(n)) {}
int twice(int x) const & { if (x) { return apply(x); } while (more()) {} return 0; }
void declared(int);
)cpp");
  EXPECT_EQ((std::set<std::string>{"Session", "setUser", "twice"}), Names.Defined);
  // A member initialiser reads as a call.
  EXPECT_EQ((std::set<std::string>{"apply", "count", "declared", "more", "normalise", "size_"}),
            Names.Called);
}

// Files linked to the most others come first; the rest keep their order.
TEST(UnitOrder, MostLinkedFilesComeFirst) {
  ScratchDir Dir;
  writeFile(Dir.file("handler.cpp"), "void handle() { setUser(); record(); }\n");
  writeFile(Dir.file("other.cpp"), "void other() { helper(); }\n");
  writeFile(Dir.file("service.cpp"), "void setUser() {}\nvoid record() { helper(); }\n");
  writeFile(Dir.file("util.cpp"), "void helper() {}\n");
  std::vector<std::string> Files = {Dir.file("handler.cpp"), Dir.file("other.cpp"),
                                    Dir.file("service.cpp"), Dir.file("util.cpp"),
                                    Dir.file("missing.cpp")};
  // service: handler and util; util: other and service; handler: service;
  // other: util; missing: none.
  EXPECT_EQ((std::vector<size_t>{2, 3, 0, 1, 4}), analysisOrder(Files));
}

} // namespace
} // namespace statescope::test
