//===--- Fixes.h - apply or export the findings' fix-its ------------------===//
//
// --fix applies the fix-its attached to warnings; --fix-notes also applies a
// note's fix-it when, as clang-tidy decides, the warning has none and
// exactly one of its notes has one. A replacement that several translation
// units report (a fix in a shared header) is applied once. A file is left
// untouched when any replacement for it does not apply. No file is changed
// when a unit could not be analysed or when any file cannot be written: all
// new contents are written to temporary files beside the originals first,
// then renamed over them. --export-fixes writes clang-apply-replacements
// YAML.
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
  /// A fixed file could not be written (and, unless the failure came after
  /// the first rename, nothing was changed).
  bool WriteFailed = false;
};

/// The replacements the scope applies, per file: sorted by offset, each
/// once however many translation units reported it.
std::map<std::string, std::vector<Replacement>> chosenFixes(const Report &R, FixScope Scope);

/// Text with Sorted (as chosenFixes sorts them) applied, or why they do not
/// apply: past the end, overlapping, or two insertions at one place.
llvm::Expected<std::string> applyReplacements(llvm::StringRef Text,
                                              const std::vector<Replacement> &Sorted);

FixResult applyFixes(const Report &R, FixScope Scope);

/// The findings that have fix-its, as clang-tidy --export-fixes writes them.
void exportFixes(llvm::raw_ostream &OS, const Report &R);

} // namespace statescope

#endif // STATESCOPE_TOOL_FIXES_H
