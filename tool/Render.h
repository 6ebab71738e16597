//===--- Render.h - findings as people read them
//---------------------------===//
//
// Prints a report as clang-tidy prints diagnostics, with clang's own
// renderer: file:line:col: warning: message [check], the source line, a
// caret, fix-it hints, a note saying which option applies the fix, and the
// notes; then, for each translation unit that could not be analysed, clang's
// first error. Or, with --statistics, a count per check.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_RENDER_H
#define STATESCOPE_TOOL_RENDER_H

#include "Report.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>

namespace statescope {

/// Maps file offsets to lines and columns, reading each file once.
class SourceLines {
public:
  Location locate(const std::string &File, unsigned Offset);
  /// The text of a line without its end-of-line, or empty.
  std::string line(const std::string &File, unsigned Line);

private:
  const std::string &contents(const std::string &File);
  std::map<std::string, std::string> Contents;
};

/// Colours (clang's) only when Color is set. ShowInterleaving adds, under
/// each finding, the two requests' timeline (Interleaving.h).
void printText(llvm::raw_ostream &OS, const Report &R, bool Color, bool ShowInterleaving = false);

/// --statistics: how many findings each check reported, and how many of
/// them have a fix-it.
void printStatistics(llvm::raw_ostream &OS, const Report &R);

} // namespace statescope

#endif // STATESCOPE_TOOL_RENDER_H
