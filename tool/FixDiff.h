//===--- FixDiff.h - the fix-its as a unified diff ------------------------===//
//
// --diff shows what --fix (or --fix-notes) would change, as a unified diff
// that `git apply` and `patch -p1` read, and changes nothing.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_FIXDIFF_H
#define STATESCOPE_TOOL_FIXDIFF_H

#include "Fixes.h"
#include "Report.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace statescope {

/// The diff of one file from Old to Old with Sorted applied, named a/Name
/// and b/Name, with three lines of context.
void writeFileDiff(llvm::raw_ostream &OS, llvm::StringRef Name, llvm::StringRef Old,
                   const std::vector<Replacement> &Sorted);

/// The diff of every file the scope's fixes change, paths relative to the
/// report's project root. Files whose fixes do not apply are left out and
/// named in the result, one line each.
std::vector<std::string> writeFixDiff(llvm::raw_ostream &OS, const Report &R, FixScope Scope);

} // namespace statescope

#endif // STATESCOPE_TOOL_FIXDIFF_H
