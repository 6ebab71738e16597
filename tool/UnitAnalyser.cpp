//===--- UnitAnalyser.cpp - a run's units analysed in workers, pass by pass -===//

#include "UnitAnalyser.h"
#include "Cache.h"
#include "UnitOrder.h"
#include "Workers.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace statescope {

using clang::statescope::ProgramFacts;
using clang::statescope::ProgramLookups;
using clang::statescope::UnitFacts;

namespace {

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
                                           const std::shared_ptr<const ProgramFacts> &Program,
                                           std::vector<std::optional<UnitFacts>> Current) {
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
    return Program && Result.Asked ? answersHash(*Result.Asked, *Program) : std::string();
  };
  // The first pass also analyses each unit ahead for the second, with the
  // facts of the units known before it (Finished: those taken from the
  // cache and those analysed before it): where the second pass's facts
  // answer that analysis's lookups alike, it is the second pass's result,
  // and the unit is not parsed again. The second pass analyses its units
  // ahead for the third alike, with the second-pass facts known so far.
  // The first pass's order makes that likelier (UnitOrder.h); the later
  // passes take the longest units first.
  bool Ahead = Number <= 2 && Settings.WholeProgram && Settings.AnalyseAhead;
  KnownFacts Finished;
  if (Ahead && Number == 1) {
    Finished.Pass1.reset(std::vector<std::optional<UnitFacts>>(Files.size()));
    Finished.Pass2.reset(std::vector<std::optional<UnitFacts>>(Files.size()));
  } else if (Ahead)
    Finished.Pass2.reset(std::move(Current));
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
        know(Finished, I, Number, Results[K].Facts);
    } else if (const Made *Same = Program ? analysisAnswering(I, *Program) : nullptr) {
      // Analysed with facts that answer alike: its result is this pass's.
      Results[K] = Same->Analysis.Result;
      ++(!Same->Ahead ? Counts.Earlier : Same->Pass == 1 ? Counts.Ahead : Counts.AheadInSecond);
      if (Ahead)
        know(Finished, I, Number, Results[K].Facts);
      if (Cache && !this->Inputs[I].empty())
        if (Error E =
                Cache->store(Slot(K), Key(K), this->Inputs[I], Results[K], AnswersOf(Results[K])))
          WithColor::warning(errs(), "statescope") << toString(std::move(E)) << '\n';
    } else
      ToAnalyse.push_back(K);
  }
  Profiled.CacheSeconds += secondsSince(LookupStart);
  Counts.Analysed += ToAnalyse.size();
  if (Settings.ExplainAnalysesAgain && Program)
    for (size_t K : ToAnalyse)
      Profiled.Again.push_back(explainAgain(Indices[K], Number, *Program));
  // Until a unit analysed again in the second pass is done, its facts there
  // are likelier those of its analysis ahead of it than its first's.
  if (Ahead && Number == 2)
    for (size_t K : ToAnalyse)
      for (const Made &M : Analyses[Indices[K]])
        if (M.Ahead && M.Pass == 1) {
          Finished.Pass2.set(Indices[K], M.Analysis.Result.Facts);
          break;
        }
  if (Number > 1)
    // Longest first, as the first pass timed them: a pass ends when its
    // last unit does, and the other workers wait for it.
    llvm::stable_sort(
        ToAnalyse, [&](size_t A, size_t B) { return Seconds[Indices[A]] > Seconds[Indices[B]]; });
  else if (Ahead) {
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
    Seconds[I] = Trace.ParseSeconds + Trace.CheckSeconds;
    Profiled.Analysed.ParseSeconds += Trace.ParseSeconds;
    Profiled.Analysed.CheckSeconds += Trace.CheckSeconds;
    Profiled.Analysed.SkippedFunctionBodies += Trace.SkippedFunctionBodies;
    for (const auto &[Check, Seconds] : Trace.PerCheckSeconds)
      Profiled.Analysed.PerCheckSeconds[Check] += Seconds;
    remember(I, Number, Result, Program.get(), Trace.Inputs);
    if (Ahead && !Result.Failed) {
      know(Finished, I, Number, Result.Facts);
      if (const json::Array *Made = Sent->getArray("ahead"))
        for (const json::Value &Entry : *Made) {
          auto Analysis = programAnalysisFromJSON(Entry);
          if (!Analysis) {
            consumeError(Analysis.takeError());
            continue;
          }
          // The first pass's first analysis ahead is for the second.
          if (Number == 1 && &Entry == &Made->front())
            Finished.Pass2.set(I, Analysis->Result.Facts);
          Analyses[I].push_back({std::move(*Analysis), Number, /*Ahead=*/true});
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
  // In the first pass, ahead, the first analysis is made with the facts of
  // no unit, which answer as no facts at all, to know what it looks up.
  auto None = std::make_shared<const ProgramFacts>();
  const clang::statescope::ProgramAnswers &FirstProgram = Program ? *Program : *None;
  if (Program || Known)
    clang::statescope::setProgramLookupRecord(&Asked);
  if (Known && !Program)
    clang::statescope::setProgramFacts(None);

  /// An analysis ahead: the facts it was made with, and what it found,
  /// looked up and told the join.
  struct Ahead {
    std::shared_ptr<const clang::statescope::ProgramAnswers> Program;
    std::optional<UnitFacts> Facts;
    ProgramLookups Asked;
  };
  // What each analysis ahead takes the other units' facts to be: in the
  // first pass, for the second, their first-pass facts; for the third, the
  // facts their second-pass analyses will likely have (their own analyses
  // ahead's). In the second pass, for the third, their second-pass facts
  // known so far.
  std::vector<const IndexedFacts *> Guesses;
  if (Known && !Program)
    Guesses.push_back(&Known->Pass1);
  if (Known)
    Guesses.push_back(&Known->Pass2);
  std::vector<Ahead> Made(Guesses.size());
  // The join of the known units' facts and this unit's, in the units'
  // order, as the join of all of them is made; answered as looked up.
  auto Join = [&](const IndexedFacts &Units, const std::optional<UnitFacts> &Own) {
    return std::make_shared<const clang::statescope::JoinedView>(Units.index(), I,
                                                                 Own ? &*Own : nullptr);
  };
  std::vector<LaterAnalysis> Later(Guesses.size());
  for (size_t G = 0; G < Guesses.size(); ++G)
    Later[G].Before = [&, G] {
      // This unit's facts in the join are those of the last analysis that
      // ran. An analysis is not made when that one, made with Before's
      // facts, would be made again, its lookups being answered alike.
      const std::optional<UnitFacts> *Own = &Facts;
      const ProgramLookups *BeforeAsked = &Asked;
      for (size_t E = 0; E < G; ++E)
        if (Made[E].Facts) {
          Own = &Made[E].Facts;
          BeforeAsked = &Made[E].Asked;
        }
      const clang::statescope::ProgramAnswers &Before = G ? *Made[G - 1].Program : FirstProgram;
      Made[G].Program = Join(*Guesses[G], *Own);
      if (clang::statescope::answersTo(*BeforeAsked, *Made[G].Program) ==
          clang::statescope::answersTo(*BeforeAsked, Before))
        return false;
      clang::statescope::setProgramFacts(Made[G].Program);
      clang::statescope::setUnitFactsSink([&Made, G](const UnitFacts &F) {
        if (!Made[G].Facts)
          Made[G].Facts = F;
      });
      clang::statescope::setProgramLookupRecord(&Made[G].Asked);
      return true;
    };
  UnitTrace Trace;
  auto Unit = analyseUnit(*P.Database, Files[I], Options, &Trace, Later);
  if (!Unit) {
    errs() << toString(Unit.takeError()) << '\n';
    return "";
  }
  Unit->Facts = std::move(Facts);
  json::Object Sent{{"trace", toJSON(Trace)}};
  if (Known && !Unit->Failed) {
    // An analysis ahead is sent when it ran. The first pass's for the
    // second is the first analysis again when it did not: the second pass
    // looks for it there.
    json::Array AheadSent;
    for (size_t G = 0; G < Guesses.size(); ++G) {
      bool Ran = Later[G].Result.has_value();
      if (!Ran && (Program || G))
        continue;
      ProgramAnalysis Analysis{Ran ? std::move(*Later[G].Result) : *Unit, ""};
      Analysis.Result.Facts = Ran ? std::move(Made[G].Facts) : Unit->Facts;
      Analysis.Result.Asked = Ran ? std::move(Made[G].Asked) : Asked;
      std::string Answered = clang::statescope::answersTo(*Analysis.Result.Asked, *Made[G].Program);
      Analysis.Answers = contentHash(Answered);
      if (Settings.ExplainAnalysesAgain)
        Analysis.AnswersText = std::move(Answered);
      AheadSent.push_back(toJSON(Analysis));
    }
    Sent["ahead"] = std::move(AheadSent);
  }
  if (Program)
    Unit->Asked = std::move(Asked);
  Sent["unit"] = toJSON(*Unit);
  std::string Text;
  raw_string_ostream(Text) << json::Value(std::move(Sent));
  return Text;
}

void UnitAnalyser::know(KnownFacts &Known, size_t I, unsigned Number,
                        const std::optional<UnitFacts> &Facts) {
  if (Number == 1)
    Known.Pass1.set(I, Facts);
  Known.Pass2.set(I, Facts);
}

void UnitAnalyser::IndexedFacts::reset(std::vector<std::optional<UnitFacts>> Facts) {
  Index = {};
  Units = std::move(Facts);
  for (size_t I = 0; I < Units.size(); ++I)
    if (Units[I])
      Index.add(I, *Units[I]);
}

void UnitAnalyser::IndexedFacts::set(size_t I, const std::optional<UnitFacts> &Facts) {
  Index.remove(I);
  Units[I] = Facts;
  if (Units[I])
    Index.add(I, *Units[I]);
}

void UnitAnalyser::remember(size_t I, unsigned Number, const UnitResult &Result,
                            const ProgramFacts *Program,
                            const std::vector<std::pair<std::string, std::string>> &Read) {
  if (Result.Failed)
    return;
  Inputs[I] = Read;
  // A later pass's analysis serves the next pass too when its facts answer
  // alike.
  if (Program && Result.Asked) {
    std::string Answered = clang::statescope::answersTo(*Result.Asked, *Program);
    std::string Hash = contentHash(Answered);
    Analyses[I].push_back(
        {{Result, std::move(Hash), Settings.ExplainAnalysesAgain ? std::move(Answered) : ""},
         Number,
         /*Ahead=*/false});
  }
}

namespace {

/// The lookups whose answers differ between two answersTo texts of the
/// same lookups, definitions and roots apart; null when they are not such
/// texts.
std::optional<RunProfile::AnalysedAgain> answeredOtherwise(StringRef Then, StringRef Now) {
  Expected<json::Value> A = json::parse(Then), B = json::parse(Now);
  if (!A || !B) {
    consumeError(A.takeError());
    consumeError(B.takeError());
    return std::nullopt;
  }
  const json::Array *Before = A->getAsArray(), *After = B->getAsArray();
  if (!Before || !After || Before->size() != 2 || After->size() != 2)
    return std::nullopt;
  RunProfile::AnalysedAgain Changed;
  Changed.HadEarlier = true;
  for (size_t Kind = 0; Kind < 2; ++Kind) {
    const json::Array *Old = (*Before)[Kind].getAsArray(), *New = (*After)[Kind].getAsArray();
    if (!Old || !New || Old->size() != New->size())
      return std::nullopt;
    size_t Differ = 0;
    for (size_t L = 0; L < Old->size(); ++L)
      Differ += (*Old)[L] != (*New)[L];
    (Kind ? Changed.Roots : Changed.Definitions) = Differ;
    (Kind ? Changed.OfRoots : Changed.OfDefinitions) = Old->size();
  }
  return Changed;
}

} // namespace

RunProfile::AnalysedAgain UnitAnalyser::explainAgain(size_t I, unsigned Number,
                                                     const ProgramFacts &Program) const {
  // The earlier analysis (ahead, or a pass before) whose lookups the
  // program answers most alike.
  std::optional<RunProfile::AnalysedAgain> Closest;
  for (const Made &M : Analyses[I])
    if (!M.Analysis.AnswersText.empty())
      if (auto Changed =
              answeredOtherwise(M.Analysis.AnswersText,
                                clang::statescope::answersTo(*M.Analysis.Result.Asked, Program));
          Changed && (!Closest || Changed->Definitions + Changed->Roots <
                                      Closest->Definitions + Closest->Roots))
        Closest = Changed;
  RunProfile::AnalysedAgain Again = Closest.value_or(RunProfile::AnalysedAgain{});
  Again.Pass = Number;
  Again.File = relativeTo(Files[I], P.Root);
  return Again;
}

const UnitAnalyser::Made *UnitAnalyser::analysisAnswering(size_t I,
                                                          const ProgramFacts &Program) const {
  for (const Made &M : Analyses[I])
    if (answersAlike(M.Analysis, Program))
      return &M;
  return nullptr;
}

std::vector<ProgramAnalysis> UnitAnalyser::analyses(size_t I) const {
  // The answers' text serves only this run's profile, not a shard's summary.
  std::vector<ProgramAnalysis> Result;
  for (const Made &M : Analyses[I]) {
    Result.push_back(M.Analysis);
    Result.back().AnswersText.clear();
  }
  return Result;
}

} // namespace statescope
