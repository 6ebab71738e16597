//===--- Analysis.cpp - the units of a run, analysed --------------------===//

#include "Analysis.h"
#include "UnitAnalyser.h"
#include "WholeProgram.h"

#include "llvm/Support/FormatVariadic.h"
#include <chrono>
#include <numeric>

using namespace llvm;

namespace statescope {

using clang::statescope::ProgramFacts;

namespace {

/// Analyses the units at Indices with Program's facts in pass Number;
/// Results are every unit's results before it.
using AnalyseWith = function_ref<Expected<std::vector<UnitResult>>(
    const std::vector<size_t> &Indices, unsigned Number,
    const std::shared_ptr<const ProgramFacts> &Program, const std::vector<UnitResult> &Results)>;

/// Each result's facts, for the analyses ahead of the third pass.
std::vector<std::optional<clang::statescope::UnitFacts>>
factsOf(const std::vector<UnitResult> &Results) {
  std::vector<std::optional<clang::statescope::UnitFacts>> Facts;
  for (const UnitResult &U : Results)
    Facts.push_back(U.Facts);
  return Facts;
}

/// The whole-program join, and a second pass for the units it tells
/// something new; Results hold the first pass's results and get each unit's
/// last. The second pass puts more functions on the request path (those
/// other files' handlers call), and what they call out of their unit is
/// joined again: a third pass analyses the units whose functions that join
/// roots anew. A run and a merge decide the passes here, alike.
Error laterPasses(std::vector<UnitResult> &Results, AnalyseWith Analyse, RunProfile &Profiled) {
  auto JoinStart = std::chrono::steady_clock::now();
  auto Join = [&] {
    Profiled.Facts = 0;
    std::vector<const clang::statescope::UnitFacts *> Units;
    for (const UnitResult &U : Results)
      if (U.Facts) {
        Units.push_back(&*U.Facts);
        Profiled.Facts += U.Facts->Defined.size() + U.Facts->CallsOut.size();
      }
    return std::make_shared<const ProgramFacts>(clang::statescope::joinFacts(Units));
  };
  std::shared_ptr<const ProgramFacts> Program = Join(), Before;
  for (unsigned Number = 2; Number <= 3; ++Number) {
    std::vector<size_t> Again;
    for (size_t I = 0; I < Results.size(); ++I)
      if (Results[I].Facts &&
          (Number == 2 ? clang::statescope::needsSecondPass(*Results[I].Facts, *Program)
                       : clang::statescope::rootsChanged(*Results[I].Facts, *Before, *Program)))
        Again.push_back(I);
    Profiled.JoinSeconds += secondsSince(JoinStart);
    if (Again.empty())
      break;
    auto Next = Analyse(Again, Number, Program, Results);
    if (!Next)
      return Next.takeError();
    for (size_t K = 0; K < Again.size(); ++K)
      Results[Again[K]] = std::move((*Next)[K]);
    JoinStart = std::chrono::steady_clock::now();
    Before = std::move(Program);
    Program = Join();
  }
  return Error::success();
}

} // namespace

void printProfile(raw_ostream &OS, const RunProfile &P) {
  OS << "statescope: profile\n";
  for (unsigned Pass = 0; Pass < 3; ++Pass) {
    const RunProfile::PassCounts &C = P.Passes[Pass];
    // The third pass only runs when the second roots new functions.
    if (Pass == 2 && C.Units == 0)
      continue;
    OS << formatv("  pass {0}: {1} units, {2} analysed, {3} from the cache", Pass + 1, C.Units,
                  C.Analysed, C.Cached);
    if (C.Reused)
      OS << formatv(", {0} from the shards", C.Reused);
    if (C.Ahead)
      OS << formatv(", {0} analysed ahead in the first pass", C.Ahead);
    if (C.AheadInSecond)
      OS << formatv(", {0} analysed ahead in the second pass", C.AheadInSecond);
    if (C.Earlier)
      OS << formatv(", {0} as analysed in the pass before", C.Earlier);
    OS << '\n';
    for (const RunProfile::AnalysedAgain &A : P.Again) {
      if (A.Pass != Pass + 1)
        continue;
      OS << "    analysed again: " << A.File;
      if (A.HadEarlier)
        OS << formatv(" (since its closest earlier analysis, {0} of the {1} definitions and {2} "
                      "of the {3} roots it looks up changed)",
                      A.Definitions, A.OfDefinitions, A.Roots, A.OfRoots);
      else
        OS << " (no earlier analysis with program facts)";
      OS << '\n';
    }
  }
  OS << "  time in the units analysed, summed over the workers:\n";
  OS << formatv("    {0,8:f2}s  parsing (preprocessor, parser, semantic analysis; {1} "
                "function bodies of library code skipped)\n",
                P.Analysed.ParseSeconds, P.Analysed.SkippedFunctionBodies);
  OS << formatv("    {0,8:f2}s  checks, the request-scope model included\n",
                P.Analysed.CheckSeconds);
  for (const auto &[Check, Seconds] : P.Analysed.PerCheckSeconds)
    OS << formatv("    {0,8:f2}s    {1}\n", Seconds, Check);
  OS << formatv("  {0,10:f3}s  cache lookups\n", P.CacheSeconds);
  OS << formatv("  {0,10:f3}s  the whole-program join ({1} facts)\n", P.JoinSeconds, P.Facts);
}

Expected<Report> analyseUnits(const Project &P, const std::vector<std::string> &Files,
                              const RunOptions &Options, const AnalysisSettings &Settings,
                              std::vector<UnitResult> Unreadable, Progress &Progress,
                              RunProfile &Profiled, AnalysedContents &Read,
                              std::optional<ShardPlace> Shard) {
  UnitAnalyser Analyser(P, Files, Options, Settings, Progress, Profiled, Read);
  if (Error E = Analyser.prepare(/*NeedKeys=*/Shard.has_value()))
    return std::move(E);
  std::vector<size_t> All(Files.size());
  std::iota(All.begin(), All.end(), 0);
  std::vector<UnitResult> Results = Analyser.pass(All, 1, nullptr);

  // A shard keeps every unit's first result and each later analysis, with
  // a hash of what its program facts answered to the analysis's lookups.
  std::shared_ptr<ShardSummaries> Summaries;
  if (Shard) {
    Summaries = std::make_shared<ShardSummaries>();
    Summaries->Index = Shard->Index;
    Summaries->Count = Shard->Count;
    Summaries->Selected = Shard->Selected;
    for (size_t I = 0; I < Files.size(); ++I)
      Summaries->Units.push_back({Files[I], Analyser.key(I), false, Results[I], {}});
  }
  auto Analyse = [&](const std::vector<size_t> &Indices, unsigned Number,
                     const std::shared_ptr<const ProgramFacts> &Program,
                     const std::vector<UnitResult> &Before) -> Expected<std::vector<UnitResult>> {
    return Analyser.pass(Indices, Number, Program, factsOf(Before));
  };
  if (Settings.WholeProgram)
    if (Error E = laterPasses(Results, Analyse, Profiled))
      return std::move(E);
  if (Summaries)
    for (size_t I = 0; I < Files.size(); ++I)
      Summaries->Units[I].Later = Analyser.analyses(I);

  Report R;
  R.ProjectRoot = P.Root;
  R.Summaries = Summaries;
  for (UnitResult &U : Results)
    R.add(std::move(U));
  for (UnitResult &U : Unreadable) {
    if (Summaries)
      Summaries->Units.push_back({U.File, "", true, U, {}});
    R.add(std::move(U));
  }
  return R;
}

Expected<Report> mergeShards(std::vector<UnitSummary> Units, std::string ProjectRoot,
                             const Project *P, const RunOptions &Options,
                             const AnalysisSettings &Settings, Progress &Progress,
                             RunProfile &Profiled) {
  // The units that were read, in the order one run analyses them.
  std::vector<std::string> Files;
  std::vector<UnitResult> Results, Unreadable;
  std::vector<const UnitSummary *> Analysed;
  for (const UnitSummary &U : Units) {
    if (U.Unreadable) {
      Unreadable.push_back(U.First);
      continue;
    }
    Files.push_back(U.File);
    Results.push_back(U.First);
    Analysed.push_back(&U);
  }
  // The first pass is the shards'.
  Profiled.Passes[0].Units = Profiled.Passes[0].Reused = Files.size();
  AnalysedContents Read;
  std::optional<UnitAnalyser> Analyser;
  if (P) {
    if (P->Root != ProjectRoot)
      return createStringError("the shards' project root is " + ProjectRoot + ", this merge's " +
                               P->Root + " (see --project-root)");
    Analyser.emplace(*P, Files, Options, Settings, Progress, Profiled, Read);
    if (Error E = Analyser->prepare(/*NeedKeys=*/true))
      return std::move(E);
    // A unit analysed again must be analysed as its shard would have.
    for (size_t I = 0; I < Files.size(); ++I)
      if (Analyser->key(I) != Analysed[I]->Key)
        return createStringError(
            Files[I] +
            ": its shard analysed it with another statescope, compile command or "
            "configuration than this merge's (give merge the shards' -p, --checks, "
            "--config, --config-file, --header-filter, --project-root and --remove-arg)");
  }

  auto Analyse = [&](const std::vector<size_t> &Indices, unsigned Number,
                     const std::shared_ptr<const ProgramFacts> &Program,
                     const std::vector<UnitResult> &Before) -> Expected<std::vector<UnitResult>> {
    RunProfile::PassCounts &Counts = Profiled.Passes[Number - 1];
    std::vector<std::optional<clang::statescope::UnitFacts>> Current = factsOf(Before);
    std::vector<UnitResult> Next(Indices.size());
    std::vector<size_t> Missing, MissingAt;
    for (size_t K = 0; K < Indices.size(); ++K) {
      const UnitSummary &U = *Analysed[Indices[K]];
      auto Same = llvm::find_if(
          U.Later, [&](const ProgramAnalysis &A) { return answersAlike(A, *Program); });
      if (Same != U.Later.end()) {
        Next[K] = Same->Result;
        Current[Indices[K]] = Next[K].Facts;
        ++Counts.Reused;
        ++Counts.Units;
        continue;
      }
      Missing.push_back(Indices[K]);
      MissingAt.push_back(K);
    }
    if (Missing.empty())
      return Next;
    if (!Analyser)
      return createStringError(
          Twine(Missing.size()) + " units, " + Files[Missing.front()] +
          " first, must be analysed again with the facts of every shard (a function of one "
          "shard's unit is called or defined in another's): give merge -p with the shards' "
          "options");
    std::vector<UnitResult> Again = Analyser->pass(Missing, Number, Program, std::move(Current));
    for (size_t M = 0; M < Missing.size(); ++M)
      Next[MissingAt[M]] = std::move(Again[M]);
    return Next;
  };
  if (Error E = laterPasses(Results, Analyse, Profiled))
    return std::move(E);

  Report R;
  R.ProjectRoot = std::move(ProjectRoot);
  for (UnitResult &U : Results)
    R.add(std::move(U));
  for (UnitResult &U : Unreadable)
    R.add(std::move(U));
  return R;
}

} // namespace statescope
