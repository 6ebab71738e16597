//===--- DocPages.h - the check pages built into the binary ---------------===//
//
// docs/checks/<check>.md, embedded at build time (cmake/EmbedDocPages.cmake)
// so that `statescope explain` and the SARIF rules' help work wherever the
// binary is copied.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_DOCPAGES_H
#define STATESCOPE_TOOL_DOCPAGES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace statescope {

struct DocPage {
  /// The check's full name, statescope-<page name>.
  llvm::StringRef Check;
  llvm::StringRef Markdown;

  /// The sentence under the title that says what the check finds and why,
  /// on one line.
  std::string summary() const;
};

/// Every page, ordered by check name.
llvm::ArrayRef<DocPage> docPages();

/// The page of a check named with or without its statescope- prefix.
const DocPage *findDocPage(llvm::StringRef Check);

} // namespace statescope

#endif // STATESCOPE_TOOL_DOCPAGES_H
