//===--- ChangedLines.h - findings on the lines a change touches ----------===//
//
// --diff-base=REF reports only findings on lines that were added or changed
// since the branch left REF (what a pull request changes, uncommitted edits
// included), as `git diff --merge-base REF` shows them. Findings elsewhere
// are counted, not shown.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_CHANGEDLINES_H
#define STATESCOPE_TOOL_CHANGEDLINES_H

#include "Report.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace statescope {

/// The added or changed lines of each file, by real path.
class ChangedLines {
public:
  /// Reads `git diff -U0` output; paths are relative to Top.
  static ChangedLines fromDiff(llvm::StringRef Diff, llvm::StringRef Top);
  bool contains(const std::string &File, unsigned Line) const;

private:
  /// First and last line of each changed run.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Runs;
};

/// The lines changed since REF in the git repository that holds Root; a
/// one-line error when there is no repository or git does not know REF.
llvm::Expected<ChangedLines> changedLinesSince(llvm::StringRef Ref, llvm::StringRef Root);

/// Drops the findings that are not on a changed line, counting them.
void keepChangedLines(Report &R, const ChangedLines &Changed);

} // namespace statescope

#endif // STATESCOPE_TOOL_CHANGEDLINES_H
