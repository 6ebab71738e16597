//===--- DocLinks.h - where a check's page can be opened ------------------===//
//
// SARIF rules (helpUri) and clangd's diagnostics (codeDescription.href) link
// to the check's page, docs/checks/<check>.md, under a base URL: the
// directory that holds statescope's README.md and docs/. --doc-base-url sets
// it (e.g. the repository's page on a forge, https://HOST/OWNER/statescope/
// blob/main/); by default it is the copy of the docs that comes with this
// binary: the installed one (PREFIX/share/doc/statescope/, beside bin/), else
// the source tree it was built from. Both binaries link this file, so they
// agree.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_DOCLINKS_H
#define STATESCOPE_TOOL_DOCLINKS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace statescope {

/// The file:// URL of the docs that come with this binary, ending in '/';
/// empty when neither copy exists.
std::string defaultDocBaseUrl();

/// Base with a trailing '/'.
std::string normaliseDocBaseUrl(llvm::StringRef Base);

/// The page of Check (named with or without statescope-) under Base; empty
/// when Base is.
std::string checkPageUrl(llvm::StringRef Base, llvm::StringRef Check);

/// statescope's README under Base; empty when Base is.
std::string readmeUrl(llvm::StringRef Base);

} // namespace statescope

#endif // STATESCOPE_TOOL_DOCLINKS_H
