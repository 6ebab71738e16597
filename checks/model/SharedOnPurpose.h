//===--- SharedOnPurpose.h - markers of state shared on purpose -----------===//
//
// A project says a declaration is shared on purpose, and why, with the
// annotation `[[clang::annotate("statescope::shared", "why")]]` or a comment
// `// statescope: shared - why` on its line or the line above. A marker with
// a reason silences the checks for that state; one without is a finding of
// its own (statescope-shared-without-reason).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_SHAREDONPURPOSE_H
#define STATESCOPE_CHECKS_MODEL_SHAREDONPURPOSE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include <optional>
#include <string>

namespace clang::statescope {

/// The marker comment's text.
inline constexpr llvm::StringLiteral SharedMarkerComment = "statescope: shared";

/// Why D is shared on purpose, from its marker. Nothing when it has no
/// marker; an empty string when the marker gives no reason.
std::optional<std::string> sharedOnPurposeReason(const Decl *D, const ASTContext &Ctx);

/// The reason after a comment marker: for "statescope: shared - why", the
/// text after the marker is " - why" and the reason "why".
llvm::StringRef reasonAfterMarker(llvm::StringRef TextAfterMarker);

/// The reason an annotation gives, when it is the marker annotation.
std::optional<std::string> annotationReason(const AnnotateAttr *Attr);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_SHAREDONPURPOSE_H
