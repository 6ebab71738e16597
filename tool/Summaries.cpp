//===--- Summaries.cpp - what a shard keeps of its units for merge -------===//

#include "Summaries.h"
#include "Cache.h"
#include "Formats.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include <algorithm>
#include <limits>

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

std::optional<unsigned> unsignedField(const Object &O, llvm::StringRef Field) {
  std::optional<int64_t> N = O.getInteger(Field);
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max())
    return std::nullopt;
  return static_cast<unsigned>(*N);
}

llvm::Error malformed(llvm::StringRef What) {
  return llvm::createStringError("the shard's summaries are malformed: " + What);
}

Value toJSON(const UnitSummary &U) {
  Array Later;
  for (const ProgramAnalysis &A : U.Later)
    Later.push_back(toJSON(A));
  return Object{{"file", U.File},
                {"key", U.Key},
                {"unreadable", U.Unreadable},
                {"first", toJSON(U.First)},
                {"later", std::move(Later)}};
}

llvm::Expected<UnitSummary> unitSummaryFromJSON(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return malformed("a unit is not an object");
  UnitSummary U;
  std::optional<llvm::StringRef> File = O->getString("file"), Key = O->getString("key");
  std::optional<bool> Unreadable = O->getBoolean("unreadable");
  const Value *First = O->get("first");
  const Array *Later = O->getArray("later");
  if (!File || !Key || !Unreadable || !First || !Later)
    return malformed("a unit lacks file, key, unreadable, first or later");
  U.File = File->str();
  U.Key = Key->str();
  U.Unreadable = *Unreadable;
  auto FirstResult = unitFromJSON(*First);
  if (!FirstResult)
    return FirstResult.takeError();
  U.First = std::move(*FirstResult);
  for (const Value &Entry : *Later) {
    auto Analysis = programAnalysisFromJSON(Entry);
    if (!Analysis)
      return Analysis.takeError();
    U.Later.push_back(std::move(*Analysis));
  }
  return U;
}

} // namespace

std::string answersHash(const clang::statescope::ProgramLookups &Asked,
                        const clang::statescope::ProgramAnswers &Program) {
  return contentHash(clang::statescope::answersTo(Asked, Program));
}

bool answersAlike(const ProgramAnalysis &A, const clang::statescope::ProgramAnswers &Program) {
  return A.Result.Asked && answersHash(*A.Result.Asked, Program) == A.Answers;
}

Value toJSON(const ProgramAnalysis &A) {
  Object Result{{"result", toJSON(A.Result)}, {"answers", A.Answers}};
  if (!A.AnswersText.empty())
    Result["answersText"] = A.AnswersText;
  return Result;
}

llvm::Expected<ProgramAnalysis> programAnalysisFromJSON(const Value &V) {
  const Object *A = V.getAsObject();
  std::optional<llvm::StringRef> Answers = A ? A->getString("answers") : std::nullopt;
  const Value *Result = A ? A->get("result") : nullptr;
  if (!Answers || !Result)
    return malformed("a later analysis lacks result or answers");
  auto Analysed = unitFromJSON(*Result);
  if (!Analysed)
    return Analysed.takeError();
  if (!Analysed->Asked)
    return malformed("a later analysis does not say what it looked up");
  std::optional<llvm::StringRef> Text = A->getString("answersText");
  return ProgramAnalysis{std::move(*Analysed), Answers->str(), Text ? Text->str() : ""};
}

Value toJSON(const ShardSummaries &S) {
  Array Units;
  for (const UnitSummary &U : S.Units)
    Units.push_back(toJSON(U));
  return Object{{"index", S.Index},
                {"count", S.Count},
                {"selected", S.Selected},
                {"units", std::move(Units)}};
}

llvm::Expected<ShardSummaries> summariesFromJSON(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return malformed("not an object");
  ShardSummaries S;
  std::optional<unsigned> Index = unsignedField(*O, "index"), Count = unsignedField(*O, "count"),
                          Selected = unsignedField(*O, "selected");
  const Array *Units = O->getArray("units");
  if (!Index || !Count || !Selected || !Units || *Index == 0 || *Index > *Count)
    return malformed("no index, count, selected and units");
  S.Index = *Index;
  S.Count = *Count;
  S.Selected = *Selected;
  for (const Value &U : *Units) {
    auto Unit = unitSummaryFromJSON(U);
    if (!Unit)
      return Unit.takeError();
    S.Units.push_back(std::move(*Unit));
  }
  return S;
}

llvm::Expected<std::vector<UnitSummary>> joinShards(std::vector<ShardSummaries> Shards) {
  if (Shards.empty())
    return std::vector<UnitSummary>{};
  unsigned Count = Shards.front().Count, Selected = Shards.front().Selected;
  std::vector<bool> Seen(Count, false);
  std::vector<UnitSummary> Units;
  for (ShardSummaries &S : Shards) {
    if (S.Count != Count || S.Selected != Selected)
      return llvm::createStringError(
          llvm::Twine("the shards come from different splits: ") + llvm::Twine(S.Index) + "/" +
          llvm::Twine(S.Count) + " of " + llvm::Twine(S.Selected) + " units, and shards of " +
          llvm::Twine(Count) + " over " + llvm::Twine(Selected) + " units");
    if (Seen[S.Index - 1])
      return llvm::createStringError(llvm::Twine("shard ") + llvm::Twine(S.Index) + "/" +
                                     llvm::Twine(Count) + " is given twice");
    Seen[S.Index - 1] = true;
    std::move(S.Units.begin(), S.Units.end(), std::back_inserter(Units));
  }
  std::string Missing;
  for (unsigned K = 0; K < Count; ++K)
    if (!Seen[K])
      Missing +=
          (Missing.empty() ? "" : ", ") + std::to_string(K + 1) + "/" + std::to_string(Count);
  if (!Missing.empty())
    return llvm::createStringError("shards " + Missing +
                                   " are missing: merge joins every shard's summaries");
  llvm::sort(Units, [](const UnitSummary &A, const UnitSummary &B) { return A.File < B.File; });
  bool Twice = std::adjacent_find(Units.begin(), Units.end(),
                                  [](const UnitSummary &A, const UnitSummary &B) {
                                    return A.File == B.File;
                                  }) != Units.end();
  if (Twice || Units.size() != Selected)
    return llvm::createStringError(llvm::Twine("the shards hold ") + llvm::Twine(Units.size()) +
                                   " units, not the " + llvm::Twine(Selected) +
                                   " they were chosen from, each once");
  return Units;
}

llvm::Expected<MergeInputs> readMergeInputs(llvm::ArrayRef<std::string> Paths) {
  MergeInputs Inputs;
  std::vector<ShardSummaries> Shards;
  size_t Unsummarised = 0;
  for (const std::string &Path : Paths) {
    auto Part = readResults(Path);
    if (!Part)
      return Part.takeError();
    if (Part->Summaries)
      Shards.push_back(std::move(*Part->Summaries));
    else
      ++Unsummarised;
    Part->Summaries = nullptr;
    if (llvm::Error E = Inputs.Combined.add(std::move(*Part)))
      return std::move(E);
  }
  if (Shards.empty())
    return Inputs;
  if (Unsummarised)
    return llvm::createStringError("some results are shards' JSON reports and some are not: merge "
                                   "joins either every shard's --format=json report or other "
                                   "results");
  auto Units = joinShards(std::move(Shards));
  if (!Units)
    return Units.takeError();
  Inputs.Units = std::move(*Units);
  return Inputs;
}

} // namespace statescope
