//===--- Report.cpp - what one run of statescope found ---------------------===//

#include "Report.h"

#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace statescope {

std::string Finding::fingerprint() const { return Hash + ":" + std::to_string(Occurrence); }

Suppressed &Suppressed::operator+=(const Suppressed &Other) {
  NoLint += Other.NoLint;
  OutsideProject += Other.OutsideProject;
  Baseline += Other.Baseline;
  Unchanged += Other.Unchanged;
  return *this;
}

void Report::add(UnitResult Unit) {
  ++TranslationUnits;
  for (Finding &F : Unit.Findings)
    Findings.push_back(std::move(F));
  if (Unit.Failed)
    Failures.push_back(std::move(*Unit.Failed));
  Counts += Unit.Counts;
}

llvm::Error Report::add(Report Other) {
  if (ProjectRoot.empty())
    ProjectRoot = Other.ProjectRoot;
  else if (!Other.ProjectRoot.empty() && Other.ProjectRoot != ProjectRoot)
    return llvm::createStringError("the results come from different project roots, " + ProjectRoot +
                                   " and " + Other.ProjectRoot);
  TranslationUnits += Other.TranslationUnits;
  std::move(Other.Findings.begin(), Other.Findings.end(), std::back_inserter(Findings));
  std::move(Other.Failures.begin(), Other.Failures.end(), std::back_inserter(Failures));
  Counts += Other.Counts;
  return llvm::Error::success();
}

void Report::finish() {
  // Everything the order depends on is in the JSON form, so a report read
  // back from shards sorts exactly like the unsharded one. The translation
  // unit comes last: of identical findings, the first unit's is kept.
  auto Key = [](const Finding &F) {
    return std::tie(F.Main.Loc.File, F.Main.Loc.Offset, F.Check, F.Main.Text, F.TranslationUnit);
  };
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const Finding &A, const Finding &B) { return Key(A) < Key(B); });
  // A header's finding is the same finding whichever unit reports it, even
  // when units word it differently (each knows its own handlers): keep one
  // per place and check, and every one a single unit reports.
  std::map<std::tuple<std::string, unsigned, std::string>, std::string> FirstUnit;
  std::vector<Finding> Kept;
  for (Finding &F : Findings) {
    auto [It, New] =
        FirstUnit.try_emplace({F.Main.Loc.File, F.Main.Loc.Offset, F.Check}, F.TranslationUnit);
    bool SameAsKept = !Kept.empty() && Kept.back().Main.Loc.File == F.Main.Loc.File &&
                      Kept.back().Main.Loc.Offset == F.Main.Loc.Offset &&
                      Kept.back().Check == F.Check && Kept.back().Main.Text == F.Main.Text;
    if ((New || It->second == F.TranslationUnit) && !SameAsKept)
      Kept.push_back(std::move(F));
  }
  Findings = std::move(Kept);

  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings)
    F.Occurrence = Seen[F.Hash]++;

  auto ByUnit = [](const Failure &A, const Failure &B) {
    return A.TranslationUnit < B.TranslationUnit;
  };
  std::stable_sort(Failures.begin(), Failures.end(), ByUnit);
  Failures.erase(std::unique(Failures.begin(), Failures.end(),
                             [](const Failure &A, const Failure &B) {
                               return A.TranslationUnit == B.TranslationUnit;
                             }),
                 Failures.end());
}

std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty() || !Path.starts_with(Root))
    return Path.str();
  llvm::StringRef Rest = Path.drop_front(Root.size());
  if (llvm::sys::path::is_separator(Root.back()))
    return Rest.str();
  if (Rest.empty() || !llvm::sys::path::is_separator(Rest.front()))
    return Path.str();
  return Rest.drop_front().str();
}

} // namespace statescope
