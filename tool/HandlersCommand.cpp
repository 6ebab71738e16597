//===--- HandlersCommand.cpp - statescope handlers: what the model sees ---===//
//
// The two passes of a run (StatescopeMain.cpp), without the cache: each
// unit's worker watches the model the checks build and sends its listing
// back as JSON, with the unit's whole-program facts in the first pass; units
// the joined facts tell something new are listed again from the second.
//
//===----------------------------------------------------------------------===//

#include "HandlersCommand.h"
#include "HandlersCollect.h"
#include "WholeProgram.h"
#include "Workers.h"

namespace statescope {

namespace {

using clang::statescope::RequestScopeModel;
using clang::statescope::UnitFacts;

struct Listed {
  UnitHandlers Unit;
  std::optional<UnitFacts> Facts;
};

/// Analyses File in this (child) process and returns what it sends back.
std::string listInWorker(const Project &P, const std::string &File, const RunOptions &Options) {
  std::optional<UnitHandlers> Unit;
  RequestScopeModel::setBuildObserver([&](const RequestScopeModel &Model) {
    // Every check reads the same model; with per-check model options there
    // may be more than one, and the first is listed.
    if (!Unit)
      Unit = collectHandlers(Model);
  });
  std::optional<UnitFacts> Facts;
  clang::statescope::setUnitFactsSink([&](const UnitFacts &F) {
    if (!Facts)
      Facts = F;
  });
  auto Result = analyseUnit(*P.Database, File, Options);
  if (!Result) {
    llvm::errs() << toString(Result.takeError()) << '\n';
    return "";
  }
  if (!Unit)
    Unit.emplace();
  Unit->File = File;
  if (const std::optional<Failure> &Failed = Result->Failed) {
    const Location &At = Failed->FirstError.Loc;
    Unit->Failure = "it does not compile: " +
                    (At.File.empty() ? "" : At.File + ":" + std::to_string(At.Line) + ": ") +
                    Failed->FirstError.Text;
  }
  llvm::json::Object Sent{{"unit", toJSON(*Unit)}};
  if (Facts)
    Sent["facts"] = clang::statescope::toJSON(*Facts);
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(std::move(Sent));
  return Text;
}

/// What the worker for File sent back, or the unit's failure.
Listed received(const std::string &File, const ChildOutcome &Outcome) {
  Listed Result;
  auto Parsed = llvm::json::parse(Outcome.Output);
  const llvm::json::Object *Sent = Parsed ? Parsed->getAsObject() : nullptr;
  llvm::json::Path::Root Root;
  if (Outcome.Status == 0 && Sent && Sent->get("unit") &&
      fromJSON(*Sent->get("unit"), Result.Unit, Root)) {
    if (const llvm::json::Value *Facts = Sent->get("facts")) {
      Result.Facts.emplace();
      if (!fromJSON(*Facts, *Result.Facts, Root))
        Result.Facts.reset();
    }
    return Result;
  }
  if (!Parsed)
    consumeError(Parsed.takeError());
  Result.Unit = UnitHandlers();
  Result.Unit.File = File;
  Result.Unit.Failure = describeFailure(Outcome);
  return Result;
}

std::vector<Listed> pass(const Project &P, const std::vector<std::string> &Files,
                         const std::vector<size_t> &Indices, const RunOptions &Options,
                         unsigned Jobs, Progress &Progress, llvm::StringRef Phase) {
  Progress.begin(Indices.size(), Phase);
  auto FileOf = [&](size_t K) -> const std::string & { return Files[Indices[K]]; };
  std::vector<ChildOutcome> Outcomes = runInChildren(
      Indices.size(), Jobs, [&](size_t K) { return listInWorker(P, FileOf(K), Options); },
      [&](size_t K) { Progress.started(relativeTo(FileOf(K), P.Root)); },
      [&](size_t, const ChildOutcome &) { Progress.finished(); });
  std::vector<Listed> Result;
  for (size_t K = 0; K < Indices.size(); ++K)
    Result.push_back(received(FileOf(K), Outcomes[K]));
  return Result;
}

} // namespace

std::vector<UnitHandlers> listHandlers(const Project &P, const std::vector<std::string> &Files,
                                       const RunOptions &Options, unsigned Jobs,
                                       Progress &Progress) {
  RunOptions Listing = Options;
  Listing.Checks += Listing.Checks.empty() ? "statescope-*" : ",statescope-*";

  std::vector<size_t> All(Files.size());
  for (size_t I = 0; I < All.size(); ++I)
    All[I] = I;
  std::vector<Listed> First = pass(P, Files, All, Listing, Jobs, Progress, "");

  std::vector<UnitFacts> Facts;
  for (const Listed &L : First)
    if (L.Facts)
      Facts.push_back(*L.Facts);
  auto Program =
      std::make_shared<clang::statescope::ProgramFacts>(clang::statescope::joinFacts(Facts));
  std::vector<size_t> Again;
  for (size_t I = 0; I < First.size(); ++I)
    if (First[I].Facts && clang::statescope::needsSecondPass(*First[I].Facts, *Program))
      Again.push_back(I);
  // Children inherit the program facts when they are forked.
  if (!Again.empty()) {
    clang::statescope::setProgramFacts(Program);
    std::vector<Listed> Second =
        pass(P, Files, Again, Listing, Jobs, Progress, "whole-program pass");
    clang::statescope::setProgramFacts(nullptr);
    for (size_t K = 0; K < Again.size(); ++K)
      First[Again[K]] = std::move(Second[K]);
  }

  std::vector<UnitHandlers> Units;
  for (Listed &L : First)
    Units.push_back(std::move(L.Unit));
  return Units;
}

} // namespace statescope
