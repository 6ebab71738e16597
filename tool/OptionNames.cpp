//===--- OptionNames.cpp - the CheckOptions statescope knows --------------===//

#include "OptionNames.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringSet.h"

namespace statescope {

namespace {

/// Every option name a statescope check reads, as clang-tidy's
/// --verify-config collects them: each check is created once and every
/// Options.get records the name it asked for (local and global spellings).
const llvm::StringSet<> &knownOptions() {
  static const llvm::StringSet<> Known = [] {
    llvm::StringSet<> Result;
    for (const auto &Name : clang::tidy::getAllChecksAndOptions(false).Options)
      if (isStatescopeOption(Name.getKey()))
        Result.insert(Name.getKey());
    Result.insert(RemoveArgsOption);
    return Result;
  }();
  return Known;
}

} // namespace

bool isStatescopeOption(llvm::StringRef Key) {
  return Key.starts_with("statescope-") || Key.starts_with("statescope.");
}

std::optional<std::string> unknownOptionProblem(llvm::StringRef Key) {
  if (!isStatescopeOption(Key) || knownOptions().contains(Key))
    return std::nullopt;
  std::string Problem = "unknown option '" + Key.str() + "' in CheckOptions";
  // A typo is a few edits away; anything further is not worth guessing.
  unsigned Best = std::max<size_t>(3, Key.size() / 5) + 1;
  llvm::StringRef Nearest;
  for (const auto &Known : knownOptions()) {
    unsigned Distance = Key.edit_distance(Known.getKey(), true, Best);
    bool Tied = Distance == Best && !Nearest.empty() && Known.getKey() < Nearest;
    if (Distance < Best || Tied) {
      Best = Distance;
      Nearest = Known.getKey();
    }
  }
  if (!Nearest.empty())
    Problem += "; did you mean '" + Nearest.str() + "'?";
  else
    Problem += " (see the options on each check's page: statescope explain CHECK)";
  return Problem;
}

} // namespace statescope
