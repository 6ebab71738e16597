//===--- CompileFlags.h - compile commands as a clang-based tool needs them ===//
//
// Build systems write compile commands for the compiler they build with,
// often GCC: flags clang does not know (-fno-lifetime-dse,
// -mno-direct-extern-access) are errors for clang's driver, and GCC-only
// warning and optimisation flags are warnings that -Werror turns into
// errors, so a unit that statescope analysed perfectly well would be
// reported as not analysed. As clangd does, statescope drops what clang's
// driver does not know, keeps those warnings quiet, and removes the flags a
// user names (clangd's `CompileFlags: Remove`).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_COMPILEFLAGS_H
#define STATESCOPE_TOOL_COMPILEFLAGS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace statescope {

/// Whether the flag pattern Pattern (a --remove-arg or RemoveArgs entry)
/// names the argument whose first word is Word and whose option clang's
/// driver spells Spelling: `-fno-tree-vrp` names exactly that flag, `-I`
/// (or `-std=`) names the option whatever its value, and `-W*` every
/// argument starting with `-W`.
bool flagMatches(llvm::StringRef Pattern, llvm::StringRef Word, llvm::StringRef Spelling);

/// Command (the compiler, then its arguments) with the arguments clang's
/// driver does not know and those Remove names taken out (an option's value
/// with it), and GCC-only warning and optimisation flags kept from being
/// errors under -Werror.
std::vector<std::string> cleanCompileCommand(llvm::ArrayRef<std::string> Command,
                                             llvm::ArrayRef<std::string> Remove);

} // namespace statescope

#endif // STATESCOPE_TOOL_COMPILEFLAGS_H
