//===--- SharedWithoutReasonCheck.h - statescope --------------------------===//
//
// Matches `[[clang::annotate("statescope::shared")]]` without a second
// argument and `// statescope: shared` comments with nothing after them in
// the main file. Such markers do not silence the other checks.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_SHAREDWITHOUTREASONCHECK_H
#define STATESCOPE_CHECKS_SHAREDWITHOUTREASONCHECK_H

#include "SharedStateCheck.h"

namespace clang::tidy::statescope {

/// A marker that declares state shared on purpose must say why, or nobody reviewing it can tell a
/// deliberate choice from a silenced bug.
///
/// For the user-facing documentation see docs/checks/shared-without-reason.md
/// (`statescope explain shared-without-reason`).
class SharedWithoutReasonCheck : public SharedStateCheck {
public:
  using SharedStateCheck::SharedStateCheck;

private:
  void checkModel(const RequestScopeModel &Model) override;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_SHAREDWITHOUTREASONCHECK_H
