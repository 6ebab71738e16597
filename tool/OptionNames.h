//===--- OptionNames.h - the CheckOptions statescope knows ----------------===//
//
// A misspelt option name in .clang-tidy or --config is ignored by clang-tidy
// and the check silently runs with its default; statescope treats it as it
// treats a misspelt check name: an error, with the nearest known name.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_OPTIONNAMES_H
#define STATESCOPE_TOOL_OPTIONNAMES_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace statescope {

/// The CheckOptions key of the compiler flags statescope removes from every
/// compile command (see CompileFlags.h).
constexpr const char *RemoveArgsOption = "statescope.RemoveArgs";

/// Whether Key is in statescope's namespace ("statescope-CHECK.Option" or
/// "statescope.Option"), where every name must be one statescope knows.
bool isStatescopeOption(llvm::StringRef Key);

/// For a key in statescope's namespace that no statescope check reads (and
/// that is not RemoveArgsOption), why it is wrong, with the nearest known
/// name when there is a close one; nothing for a known key.
std::optional<std::string> unknownOptionProblem(llvm::StringRef Key);

} // namespace statescope

#endif // STATESCOPE_TOOL_OPTIONNAMES_H
