//===--- NoLint.h - NOLINT comments at the parts of a finding -------------===//
//
// clang-tidy honours NOLINT at a diagnostic's own location. A statescope
// finding has parts elsewhere, the writes above all, and users put NOLINT
// where they see the problem: on the write in the handler. The checks ask
// here whether a part is suppressed for them, reading the comments as
// clang-tidy does (NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND, each with
// an optional list of check globs).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_NOLINT_H
#define STATESCOPE_CHECKS_NOLINT_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::statescope {

/// True when a NOLINT comment on Loc's line, a NOLINTNEXTLINE comment on the
/// line before, or a NOLINTBEGIN block still open at Loc names CheckName (or
/// names no check). A location in a macro counts where it is expanded.
bool isSuppressedByNoLint(const SourceManager &SM, SourceLocation Loc, llvm::StringRef CheckName);

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_NOLINT_H
