//===--- Explain.h - statescope explain: a check's page for the reader ---===//
//
// `statescope explain CHECK` prints docs/checks/CHECK.md rendered for a
// terminal: headings underlined and bold, code blocks indented (and
// coloured on a terminal), inline code kept, links as their text with where
// to read on. `--markdown` prints the page as written. Without a check it
// lists the checks; for a name that is no check it suggests the nearest.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_EXPLAIN_H
#define STATESCOPE_TOOL_EXPLAIN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace statescope {

/// A page's markdown as text for a terminal; colours when Color is set.
std::string renderMarkdown(llvm::StringRef Markdown, bool Color);

/// Runs `statescope explain` with the arguments after "explain"; returns
/// the exit code (0, or 2 for bad usage, said on Err in one line or with
/// the list of checks).
int explainCommand(llvm::ArrayRef<const char *> Args, llvm::raw_ostream &Out,
                   llvm::raw_ostream &Err, bool Color);

} // namespace statescope

#endif // STATESCOPE_TOOL_EXPLAIN_H
