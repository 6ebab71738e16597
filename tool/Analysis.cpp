//===--- Analysis.cpp - the units of a run, analysed --------------------===//

#include "Analysis.h"
#include "Cache.h"
#include "UnitOrder.h"
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

using clang::statescope::ProgramFacts;
using clang::statescope::ProgramLookups;
using clang::statescope::UnitFacts;

/// Analyses units of a project: each pass over some of them takes from the
/// cache what it can and analyses the others, each in a child process that
/// also reports the unit's whole-program facts and the files it read.
class UnitAnalyser {
public:
  UnitAnalyser(const Project &P, const std::vector<std::string> &Files, const RunOptions &Options,
               const AnalysisSettings &Settings, Progress &Progress, RunProfile &Profiled,
               AnalysedContents &Read)
      : P(P), Files(Files), Options(Options), Settings(Settings), Shown(Progress),
        Profiled(Profiled), Read(Read), Analyses(Files.size()), Inputs(Files.size()) {}

  /// Computes each unit's key (what its result depends on besides the files
  /// it reads), when the cache or the summaries need it.
  Error prepare(bool NeedKeys);
  /// The key of Files[I], once prepared.
  const std::string &key(size_t I) const { return Keys[I]; }
  /// Pass Number over the units at Indices, with Program's facts (null in
  /// the first pass); then each result says what it looked up in them.
  std::vector<UnitResult> pass(const std::vector<size_t> &Indices, unsigned Number,
                               const std::shared_ptr<const ProgramFacts> &Program);
  /// Every analysis of Files[I] with program facts, for a shard's summary.
  std::vector<ProgramAnalysis> analyses(size_t I) const;

private:
  /// An analysis with program facts, and the pass that made it (1: ahead,
  /// in the first).
  struct Made {
    ProgramAnalysis Analysis;
    unsigned Pass;
  };
  /// In a worker: Files[I] analysed with Program's facts, as the JSON the
  /// parent reads. With Known, also its analyses ahead for the second and
  /// third passes.
  /// The facts of the units known when a first-pass worker starts, by
  /// index: their first-pass facts, and those their second-pass analyses
  /// will likely have (their analyses ahead's, or else the first's).
  struct KnownFacts {
    std::vector<std::optional<UnitFacts>> Pass1, Pass2;
  };
  std::string analyseInWorker(size_t I, const std::shared_ptr<const ProgramFacts> &Program,
                              const KnownFacts *Known) const;
  /// An analysis of Files[I] whose lookups Program answers as the facts it
  /// was made with did, or null.
  const Made *analysisAnswering(size_t I, const ProgramFacts &Program) const;
  /// Keeps what an analysis of Files[I] in pass Number read, and the
  /// analysis itself when it had program facts.
  void remember(size_t I, unsigned Number, const UnitResult &Result, const ProgramFacts *Program,
                const std::vector<std::pair<std::string, std::string>> &Read);

  const Project &P;
  const std::vector<std::string> &Files;
  const RunOptions &Options;
  const AnalysisSettings &Settings;
  Progress &Shown;
  RunProfile &Profiled;
  AnalysedContents &Read;
  std::optional<ResultCache> Cache;
  std::vector<std::string> Keys;
  /// Per unit, its analyses with program facts, and the files it reads (for
  /// caching a result taken from one of them).
  std::vector<std::vector<Made>> Analyses;
  std::vector<std::vector<std::pair<std::string, std::string>>> Inputs;
};

Error UnitAnalyser::prepare(bool NeedKeys) {
  if (!Settings.UseCache && !NeedKeys)
    return Error::success();
  auto Dependencies = unitDependencies(*P.Database, Files, Options);
  if (!Dependencies)
    return Dependencies.takeError();
  std::string Tool = toolIdentity();
  for (const std::string &D : *Dependencies)
    Keys.push_back(contentHash(Tool + '\0' + D));
  if (Settings.UseCache) {
    SmallString<256> Dir(Settings.CacheDir);
    if (Dir.empty())
      sys::path::append(Dir, P.DatabaseDir, ".statescope-cache");
    Cache.emplace(std::string(Dir));
  }
  return Error::success();
}

std::vector<UnitResult> UnitAnalyser::pass(const std::vector<size_t> &Indices, unsigned Number,
                                           const std::shared_ptr<const ProgramFacts> &Program) {
  RunProfile::PassCounts &Counts = Profiled.Passes[Number - 1];
  Counts.Units += Indices.size();
  std::vector<UnitResult> Results(Indices.size());
  auto Slot = [&](size_t K) {
    return contentHash(Twine(Number).concat("\0").concat(Files[Indices[K]]).str());
  };
  auto Key = [&](size_t K) {
    return Number == 1 ? Keys[Indices[K]] : contentHash(Keys[Indices[K]] + "\0program facts");
  };
  // Results of the later passes also depend on the program's facts, through
  // the lookups they made (ProgramView): an entry holds while the program
  // answers them as it did when the entry was stored, however the rest of
  // the program changed.
  auto AnswersOf = [&](const UnitResult &Result) {
    return Program && Result.Asked
               ? contentHash(clang::statescope::answersTo(*Result.Asked, *Program))
               : std::string();
  };
  // The first pass also analyses each unit ahead for the second, with the
  // facts of the units known before it (Finished: those taken from the
  // cache and those analysed before it): where the second pass's facts
  // answer that analysis's lookups alike, it is the second pass's result,
  // and the unit is not parsed again. The order makes that likelier
  // (UnitOrder.h).
  bool Ahead = Number == 1 && Settings.WholeProgram && Settings.AnalyseAhead;
  KnownFacts Finished;
  if (Ahead) {
    Finished.Pass1.resize(Files.size());
    Finished.Pass2.resize(Files.size());
  }
  std::vector<size_t> ToAnalyse;
  auto LookupStart = std::chrono::steady_clock::now();
  for (size_t K = 0; K < Indices.size(); ++K) {
    std::optional<UnitResult> Hit;
    std::vector<std::pair<std::string, std::string>> Inputs;
    std::string Answers;
    if (Cache)
      Hit = Cache->lookup(Slot(K), Key(K), &Inputs, &Answers);
    if (Hit && Answers != AnswersOf(*Hit))
      Hit.reset();
    size_t I = Indices[K];
    if (Hit) {
      Results[K] = std::move(*Hit);
      Read.insert(Inputs.begin(), Inputs.end());
      ++Counts.Cached;
      remember(I, Number, Results[K], Program.get(), Inputs);
      if (Ahead)
        Finished.Pass1[I] = Finished.Pass2[I] = Results[K].Facts;
    } else if (const Made *Same = Program ? analysisAnswering(I, *Program) : nullptr) {
      // Analysed with facts that answer alike: its result is this pass's.
      Results[K] = Same->Analysis.Result;
      ++(Same->Pass == 1 ? Counts.Ahead : Counts.Earlier);
      if (Cache && !this->Inputs[I].empty())
        if (Error E =
                Cache->store(Slot(K), Key(K), this->Inputs[I], Results[K], AnswersOf(Results[K])))
          WithColor::warning(errs(), "statescope") << toString(std::move(E)) << '\n';
    } else
      ToAnalyse.push_back(K);
  }
  Profiled.CacheSeconds += secondsSince(LookupStart);
  Counts.Analysed += ToAnalyse.size();
  if (Ahead) {
    std::vector<std::string> Named;
    for (size_t K : ToAnalyse)
      Named.push_back(Files[Indices[K]]);
    std::vector<size_t> InOrder;
    for (size_t J : analysisOrder(Named))
      InOrder.push_back(ToAnalyse[J]);
    ToAnalyse = std::move(InOrder);
  }

  // Children inherit the program facts when forked.
  clang::statescope::setProgramFacts(Program);
  unsigned Parallel = Settings.Jobs ? Settings.Jobs : hardware_concurrency().compute_thread_count();
  Shown.begin(ToAnalyse.size(), Number == 1 ? "" : "whole-program pass");
  auto FileOf = [&](size_t J) -> const std::string & { return Files[Indices[ToAnalyse[J]]]; };
  auto Work = [&](size_t J) {
    return analyseInWorker(Indices[ToAnalyse[J]], Program, Ahead ? &Finished : nullptr);
  };
  auto Started = [&](size_t J) { Shown.started(relativeTo(FileOf(J), P.Root)); };
  auto Collect = [&](size_t J, const ChildOutcome &Outcome) {
    Shown.finished();
    const std::string &File = FileOf(J);
    size_t I = Indices[ToAnalyse[J]];
    UnitResult &Result = Results[ToAnalyse[J]];
    auto Parsed = json::parse(Outcome.Output);
    const json::Object *Sent = Parsed ? Parsed->getAsObject() : nullptr;
    const json::Value *UnitJSON = Sent ? Sent->get("unit") : nullptr;
    auto Unit = UnitJSON
                    ? unitFromJSON(*UnitJSON)
                    : Expected<UnitResult>(createStringError("the worker's result is incomplete"));
    UnitTrace Trace;
    json::Path::Root Root;
    if (Outcome.Status != 0 || !Unit || !Sent->get("trace") ||
        !fromJSON(*Sent->get("trace"), Trace, Root)) {
      if (!Parsed)
        consumeError(Parsed.takeError());
      if (!Unit)
        consumeError(Unit.takeError());
      Result.File = File;
      Result.Failed = Failure{
          File,
          1,
          {describeFailure(Outcome) + "; to reproduce: " + Settings.Reproduction(File), {}, {}}};
      return;
    }
    Result = std::move(*Unit);
    Read.insert(Trace.Inputs.begin(), Trace.Inputs.end());
    Profiled.Analysed.ParseSeconds += Trace.ParseSeconds;
    Profiled.Analysed.CheckSeconds += Trace.CheckSeconds;
    Profiled.Analysed.SkippedFunctionBodies += Trace.SkippedFunctionBodies;
    for (const auto &[Check, Seconds] : Trace.PerCheckSeconds)
      Profiled.Analysed.PerCheckSeconds[Check] += Seconds;
    remember(I, Number, Result, Program.get(), Trace.Inputs);
    if (Ahead && !Result.Failed) {
      Finished.Pass1[I] = Finished.Pass2[I] = Result.Facts;
      if (const json::Array *Made = Sent->getArray("ahead"))
        for (const json::Value &Entry : *Made) {
          auto Analysis = programAnalysisFromJSON(Entry);
          if (!Analysis) {
            consumeError(Analysis.takeError());
            continue;
          }
          if (&Entry == &Made->front())
            Finished.Pass2[I] = Analysis->Result.Facts;
          Analyses[I].push_back({std::move(*Analysis), 1});
        }
    }
    // A unit that did not compile may compile once a file it could not
    // find appears, which its inputs do not show: it is not kept.
    if (Cache && !Result.Failed && !Trace.Inputs.empty())
      if (Error E = Cache->store(Slot(ToAnalyse[J]), Key(ToAnalyse[J]), Trace.Inputs, Result,
                                 AnswersOf(Result)))
        WithColor::warning(errs(), "statescope") << toString(std::move(E)) << '\n';
  };
  runInChildren(ToAnalyse.size(), Parallel, Work, Started, Collect);
  clang::statescope::setProgramFacts(nullptr);
  return Results;
}

std::string UnitAnalyser::analyseInWorker(size_t I,
                                          const std::shared_ptr<const ProgramFacts> &Program,
                                          const KnownFacts *Known) const {
  std::optional<UnitFacts> Facts;
  clang::statescope::setUnitFactsSink([&](const UnitFacts &F) {
    if (!Facts)
      Facts = F;
  });
  ProgramLookups Asked;
  // Ahead, the first analysis is made with the facts of no unit, which
  // answer as no facts at all, to know what it looks up.
  auto None = std::make_shared<const ProgramFacts>();
  if (Program || Known)
    clang::statescope::setProgramLookupRecord(&Asked);
  if (Known)
    clang::statescope::setProgramFacts(None);

  /// An analysis ahead: the facts it was made with, and what it found,
  /// looked up and told the join.
  struct Ahead {
    std::shared_ptr<const ProgramFacts> Program;
    std::optional<UnitFacts> Facts;
    ProgramLookups Asked;
  };
  // For the second pass, with the first-pass facts of the units known so
  // far; for the third, with the facts their second-pass analyses will
  // likely have (their own analyses ahead).
  Ahead Second, Third;
  // The join of the known units' facts and this unit's, in the units'
  // order, as the join of all of them is made.
  auto Join = [&](const std::vector<std::optional<UnitFacts>> &Units,
                  const std::optional<UnitFacts> &Own) {
    std::vector<const UnitFacts *> Joined;
    for (size_t U = 0; U < Units.size(); ++U)
      if (const std::optional<UnitFacts> &F = U == I ? Own : Units[U])
        Joined.push_back(&*F);
    return std::make_shared<const ProgramFacts>(clang::statescope::joinFacts(Joined));
  };
  // Before an analysis ahead with Made.Program: none when the analysis
  // before it (made with Before's facts, looking up BeforeAsked) would be
  // made again, its lookups being answered alike.
  auto Start = [&](Ahead &Made, const ProgramFacts &Before, const ProgramLookups &BeforeAsked) {
    if (clang::statescope::answersTo(BeforeAsked, *Made.Program) ==
        clang::statescope::answersTo(BeforeAsked, Before))
      return false;
    clang::statescope::setProgramFacts(Made.Program);
    clang::statescope::setUnitFactsSink([&Made](const UnitFacts &F) {
      if (!Made.Facts)
        Made.Facts = F;
    });
    clang::statescope::setProgramLookupRecord(&Made.Asked);
    return true;
  };
  LaterAnalysis Later[2];
  Later[0].Before = [&] {
    Second.Program = Join(Known->Pass1, Facts);
    return Start(Second, *None, Asked);
  };
  // The third pass joins this unit's second-pass facts, which its analysis
  // ahead for the second has.
  Later[1].Before = [&] {
    bool SecondRan = Second.Facts.has_value();
    Third.Program = Join(Known->Pass2, SecondRan ? Second.Facts : Facts);
    return Start(Third, *Second.Program, SecondRan ? Second.Asked : Asked);
  };
  UnitTrace Trace;
  auto Unit = analyseUnit(*P.Database, Files[I], Options, &Trace,
                          Known ? llvm::MutableArrayRef<LaterAnalysis>(Later)
                                : llvm::MutableArrayRef<LaterAnalysis>());
  if (!Unit) {
    errs() << toString(Unit.takeError()) << '\n';
    return "";
  }
  Unit->Facts = std::move(Facts);
  json::Object Sent{{"trace", toJSON(Trace)}};
  if (Known && !Unit->Failed) {
    // The analysis ahead for the second pass is the first again when it did
    // not run; the one for the third is made only when it differs.
    json::Array Made;
    auto Send = [&](std::optional<UnitResult> &Result, Ahead &A, const UnitResult &Otherwise,
                    const ProgramLookups &OtherwiseAsked) {
      ProgramAnalysis Analysis{Result ? std::move(*Result) : Otherwise, ""};
      Analysis.Result.Facts = Result ? std::move(A.Facts) : Otherwise.Facts;
      Analysis.Result.Asked = Result ? std::move(A.Asked) : OtherwiseAsked;
      Analysis.Answers =
          contentHash(clang::statescope::answersTo(*Analysis.Result.Asked, *A.Program));
      Made.push_back(toJSON(Analysis));
    };
    Send(Later[0].Result, Second, *Unit, Asked);
    if (Later[1].Result)
      Send(Later[1].Result, Third, *Unit, Asked);
    Sent["ahead"] = std::move(Made);
  }
  if (Program)
    Unit->Asked = std::move(Asked);
  Sent["unit"] = toJSON(*Unit);
  std::string Text;
  raw_string_ostream(Text) << json::Value(std::move(Sent));
  return Text;
}

void UnitAnalyser::remember(size_t I, unsigned Number, const UnitResult &Result,
                            const ProgramFacts *Program,
                            const std::vector<std::pair<std::string, std::string>> &Read) {
  if (Result.Failed)
    return;
  Inputs[I] = Read;
  // A later pass's analysis serves the next pass too when its facts answer
  // alike.
  if (Program && Result.Asked)
    Analyses[I].push_back(
        {{Result, contentHash(clang::statescope::answersTo(*Result.Asked, *Program))}, Number});
}

const UnitAnalyser::Made *UnitAnalyser::analysisAnswering(size_t I,
                                                          const ProgramFacts &Program) const {
  for (const Made &M : Analyses[I])
    if (contentHash(clang::statescope::answersTo(*M.Analysis.Result.Asked, Program)) ==
        M.Analysis.Answers)
      return &M;
  return nullptr;
}

std::vector<ProgramAnalysis> UnitAnalyser::analyses(size_t I) const {
  std::vector<ProgramAnalysis> Result;
  for (const Made &M : Analyses[I])
    Result.push_back(M.Analysis);
  return Result;
}

/// Analyses the units at Indices with Program's facts in pass Number.
using AnalyseWith = function_ref<Expected<std::vector<UnitResult>>(
    const std::vector<size_t> &Indices, unsigned Number,
    const std::shared_ptr<const ProgramFacts> &Program)>;

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
    auto Next = Analyse(Again, Number, Program);
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
    if (C.Earlier)
      OS << formatv(", {0} as analysed in the pass before", C.Earlier);
    OS << '\n';
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
  auto Analyse =
      [&](const std::vector<size_t> &Indices, unsigned Number,
          const std::shared_ptr<const ProgramFacts> &Program) -> Expected<std::vector<UnitResult>> {
    return Analyser.pass(Indices, Number, Program);
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

  auto Analyse =
      [&](const std::vector<size_t> &Indices, unsigned Number,
          const std::shared_ptr<const ProgramFacts> &Program) -> Expected<std::vector<UnitResult>> {
    RunProfile::PassCounts &Counts = Profiled.Passes[Number - 1];
    std::vector<UnitResult> Next(Indices.size());
    std::vector<size_t> Missing, MissingAt;
    for (size_t K = 0; K < Indices.size(); ++K) {
      const UnitSummary &U = *Analysed[Indices[K]];
      auto Same = llvm::find_if(U.Later, [&](const ProgramAnalysis &A) {
        return contentHash(clang::statescope::answersTo(*A.Result.Asked, *Program)) == A.Answers;
      });
      if (Same != U.Later.end()) {
        Next[K] = Same->Result;
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
    std::vector<UnitResult> Again = Analyser->pass(Missing, Number, Program);
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
