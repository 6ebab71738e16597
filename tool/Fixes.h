//===--- Fixes.h - apply or export the findings' fix-its ------------------===//
//
// --fix applies the fix-its attached to warnings; --fix-notes also applies a
// note's fix-it when, as clang-tidy decides, the warning has none and
// exactly one of its notes has one. A replacement that several translation
// units report (a fix in a shared header) is applied once. A file is left
// untouched when any replacement for it does not apply.
//
// Fix-its never lose a byte. Their offsets are into the contents the
// analysis read, so a file that changed since (an editor's save, a
// checkout) is not touched, and then no file is: all or nothing. Nothing is
// changed either when a unit could not be analysed, when a file is
// read-only, or when any file cannot be written. A file is written where it
// really is (through symbolic links) and in place, so that its mode, owner
// and hard links stay, after a copy of its old contents is written and
// verified beside it; a failed write puts the old contents back. Stop
// signals wait until every file is whole. --export-fixes writes
// clang-apply-replacements YAML.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_FIXES_H
#define STATESCOPE_TOOL_FIXES_H

#include "Report.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <vector>

namespace statescope {

enum class FixScope { Warnings, WarningsAndNotes };

struct FixResult {
  unsigned Applied = 0;
  std::vector<std::string> ChangedFiles;
  /// One line each: a file left alone, or why nothing was fixed.
  std::vector<std::string> Problems;
  /// No file was changed because one had changed since it was analysed, is
  /// read-only or cannot be written; or (rarely, named in Problems) a write
  /// failed after others succeeded.
  bool WriteFailed = false;
};

/// The replacements the scope applies, per file: sorted by offset, each
/// once however many translation units reported it.
std::map<std::string, std::vector<Replacement>> chosenFixes(const Report &R, FixScope Scope);

/// Text with Sorted (as chosenFixes sorts them) applied, or why they do not
/// apply: past the end, overlapping, or two insertions at one place.
llvm::Expected<std::string> applyReplacements(llvm::StringRef Text,
                                              const std::vector<Replacement> &Sorted);

/// The contentHash of each file as the analysis read it, by real path.
using AnalysedContents = std::map<std::string, std::string>;

FixResult applyFixes(const Report &R, FixScope Scope, const AnalysedContents &Analysed);

/// The findings that have fix-its, as clang-tidy --export-fixes writes them.
void exportFixes(llvm::raw_ostream &OS, const Report &R);

} // namespace statescope

#endif // STATESCOPE_TOOL_FIXES_H
