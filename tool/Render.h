//===--- Render.h - findings as people read them ---------------------------===//
//
// Turns clang-tidy errors (file offsets) into located findings and prints
// them the way clang does: file:line:col: warning: message [check], the
// source line, a caret, and the notes.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_RENDER_H
#define STATESCOPE_TOOL_RENDER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <vector>

namespace statescope {

struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

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

/// Orders findings by file, position and check, so output does not depend
/// on the order translation units finish.
void sortFindings(std::vector<clang::tidy::ClangTidyError> &Findings);

/// True for errors clang reported while parsing, not statescope findings.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

void printText(llvm::raw_ostream &OS,
               const std::vector<clang::tidy::ClangTidyError> &Findings,
               SourceLines &Lines, bool Color);

} // namespace statescope

#endif // STATESCOPE_TOOL_RENDER_H
