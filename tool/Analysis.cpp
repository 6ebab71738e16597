//===--- Analysis.cpp - the units of a run, analysed --------------------===//

#include "Analysis.h"
#include "Cache.h"
#include "WholeProgram.h"
#include "Workers.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <numeric>

using namespace llvm;

namespace statescope {

namespace {

double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
}

/// What identifies this statescope for the cache: its version, LLVM's, and
/// the executable itself, so that a rebuilt statescope does not reuse the
/// results of the one before.
std::string toolIdentity() {
  std::string Identity = "statescope " + statescopeVersion().str() + " LLVM " LLVM_VERSION_STRING;
  if (auto Self = MemoryBuffer::getFile(sys::fs::getMainExecutable(nullptr, nullptr),
                                        /*IsText=*/false, /*RequiresNullTerminator=*/false))
    Identity += " " + contentHash((*Self)->getBuffer());
  return Identity;
}

} // namespace

void printProfile(raw_ostream &OS, const RunProfile &P) {
  OS << "statescope: profile\n";
  for (unsigned Pass = 0; Pass < 3; ++Pass) {
    const RunProfile::PassCounts &C = P.Passes[Pass];
    // The third pass only runs when the second roots new functions.
    if (Pass == 2 && C.Units == 0)
      continue;
    OS << formatv("  pass {0}: {1} units, {2} analysed, {3} from the cache\n", Pass + 1, C.Units,
                  C.Analysed, C.Cached);
  }
  OS << "  time in the units analysed, summed over the workers:\n";
  OS << formatv("    {0,8:f2}s  parsing (preprocessor, parser, semantic analysis; {1} "
                "function bodies in system headers skipped)\n",
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
                              RunProfile &Profiled, AnalysedContents &Read) {
  // Each unit's key: what its result depends on besides the files it reads.
  std::optional<ResultCache> Cache;
  std::vector<std::string> Keys;
  if (Settings.UseCache) {
    auto Dependencies = unitDependencies(*P.Database, Files, Options);
    if (!Dependencies)
      return Dependencies.takeError();
    std::string Tool = toolIdentity();
    for (const std::string &D : *Dependencies)
      Keys.push_back(contentHash(Tool + '\0' + D));
    SmallString<256> Dir(Settings.CacheDir);
    if (Dir.empty())
      sys::path::append(Dir, P.DatabaseDir, ".statescope-cache");
    Cache.emplace(std::string(Dir));
  }

  // One pass over the units at Indices: those whose result is cached are
  // taken from the cache, the others analysed, each in a child process that
  // also reports the unit's whole-program facts and the files it read.
  // Results of the second pass also depend on the program's facts.
  unsigned Parallel = Settings.Jobs ? Settings.Jobs : hardware_concurrency().compute_thread_count();
  auto Pass = [&](const std::vector<size_t> &Indices, unsigned Number, StringRef ProgramKey) {
    RunProfile::PassCounts &Counts = Profiled.Passes[Number - 1];
    Counts.Units = Indices.size();
    std::vector<UnitResult> Results(Indices.size());
    auto Slot = [&](size_t K) {
      return contentHash(Twine(Number).concat("\0").concat(Files[Indices[K]]).str());
    };
    auto Key = [&](size_t K) {
      return Number == 1 ? Keys[Indices[K]]
                         : contentHash(Keys[Indices[K]] + '\0' + ProgramKey.str());
    };
    std::vector<size_t> ToAnalyse;
    auto LookupStart = std::chrono::steady_clock::now();
    for (size_t K = 0; K < Indices.size(); ++K) {
      std::optional<UnitResult> Hit;
      std::vector<std::pair<std::string, std::string>> Inputs;
      if (Cache)
        Hit = Cache->lookup(Slot(K), Key(K), &Inputs);
      if (Hit) {
        Results[K] = std::move(*Hit);
        Read.insert(Inputs.begin(), Inputs.end());
      } else
        ToAnalyse.push_back(K);
    }
    Profiled.CacheSeconds += secondsSince(LookupStart);
    Counts.Cached = Indices.size() - ToAnalyse.size();
    Counts.Analysed = ToAnalyse.size();

    Progress.begin(ToAnalyse.size(), Number == 1 ? "" : "whole-program pass");
    auto FileOf = [&](size_t J) -> const std::string & { return Files[Indices[ToAnalyse[J]]]; };
    auto Work = [&](size_t J) -> std::string {
      std::optional<clang::statescope::UnitFacts> Facts;
      clang::statescope::setUnitFactsSink([&](const clang::statescope::UnitFacts &F) {
        if (!Facts)
          Facts = F;
      });
      UnitTrace Trace;
      auto Unit = analyseUnit(*P.Database, FileOf(J), Options, &Trace);
      if (!Unit) {
        errs() << toString(Unit.takeError()) << '\n';
        return "";
      }
      Unit->Facts = std::move(Facts);
      std::string Text;
      raw_string_ostream(Text) << json::Value(
          json::Object{{"unit", toJSON(*Unit)}, {"trace", toJSON(Trace)}});
      return Text;
    };
    std::vector<ChildOutcome> Outcomes = runInChildren(
        ToAnalyse.size(), Parallel, Work,
        [&](size_t J) { Progress.started(relativeTo(FileOf(J), P.Root)); },
        [&](size_t) { Progress.finished(); });
    for (size_t J = 0; J < ToAnalyse.size(); ++J) {
      const std::string &File = FileOf(J);
      UnitResult &Result = Results[ToAnalyse[J]];
      auto Parsed = json::parse(Outcomes[J].Output);
      const json::Object *Sent = Parsed ? Parsed->getAsObject() : nullptr;
      const json::Value *UnitJSON = Sent ? Sent->get("unit") : nullptr;
      auto Unit =
          UnitJSON ? unitFromJSON(*UnitJSON)
                   : Expected<UnitResult>(createStringError("the worker's result is incomplete"));
      UnitTrace Trace;
      json::Path::Root Root;
      if (Outcomes[J].Status != 0 || !Unit || !Sent->get("trace") ||
          !fromJSON(*Sent->get("trace"), Trace, Root)) {
        if (!Parsed)
          consumeError(Parsed.takeError());
        if (!Unit)
          consumeError(Unit.takeError());
        Result.File = File;
        Result.Failed = Failure{
            File,
            1,
            {describeFailure(Outcomes[J]) + "; to reproduce: " + Settings.Reproduction(File),
             {},
             {}}};
        continue;
      }
      Result = std::move(*Unit);
      Read.insert(Trace.Inputs.begin(), Trace.Inputs.end());
      Profiled.Analysed.ParseSeconds += Trace.ParseSeconds;
      Profiled.Analysed.CheckSeconds += Trace.CheckSeconds;
      Profiled.Analysed.SkippedFunctionBodies += Trace.SkippedFunctionBodies;
      for (const auto &[Check, Seconds] : Trace.PerCheckSeconds)
        Profiled.Analysed.PerCheckSeconds[Check] += Seconds;
      // A unit that did not compile may compile once a file it could not
      // find appears, which its inputs do not show: it is not kept.
      if (Cache && !Result.Failed && !Trace.Inputs.empty())
        if (Error E = Cache->store(Slot(ToAnalyse[J]), Key(ToAnalyse[J]), Trace.Inputs, Result))
          WithColor::warning(errs(), "statescope") << toString(std::move(E)) << '\n';
    }
    return Results;
  };

  std::vector<size_t> All(Files.size());
  std::iota(All.begin(), All.end(), 0);
  std::vector<UnitResult> Results = Pass(All, 1, "");

  // The whole-program join, and a second pass for the units it tells
  // something new. The second pass puts more functions on the request path
  // (those other files' handlers call), and what they call out of their
  // unit is joined again: a third pass analyses the units whose functions
  // that join roots anew. Children inherit the program facts when forked.
  auto JoinStart = std::chrono::steady_clock::now();
  auto Join = [&] {
    Profiled.Facts = 0;
    std::vector<clang::statescope::UnitFacts> Units;
    for (const UnitResult &U : Results)
      if (U.Facts) {
        Units.push_back(*U.Facts);
        Profiled.Facts += U.Facts->Defined.size() + U.Facts->CallsOut.size();
      }
    return std::make_shared<clang::statescope::ProgramFacts>(clang::statescope::joinFacts(Units));
  };
  std::shared_ptr<clang::statescope::ProgramFacts> Program = Join(), Before;
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
    std::string ProgramKey;
    if (Cache) {
      std::string Text;
      raw_string_ostream(Text) << clang::statescope::toJSON(*Program);
      ProgramKey = contentHash(Text);
    }
    clang::statescope::setProgramFacts(Program);
    std::vector<UnitResult> Next = Pass(Again, Number, ProgramKey);
    clang::statescope::setProgramFacts(nullptr);
    for (size_t K = 0; K < Again.size(); ++K)
      Results[Again[K]] = std::move(Next[K]);
    JoinStart = std::chrono::steady_clock::now();
    Before = std::move(Program);
    Program = Join();
  }

  Report R;
  R.ProjectRoot = P.Root;
  for (UnitResult &U : Results)
    R.add(std::move(U));
  for (UnitResult &U : Unreadable)
    R.add(std::move(U));
  return R;
}

} // namespace statescope
