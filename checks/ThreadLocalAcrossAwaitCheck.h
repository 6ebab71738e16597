//===--- ThreadLocalAcrossAwaitCheck.h - statescope -----------------------===//
//
// Matches reads on the request path of thread_local and shared state that
// the same request wrote before a `co_await`/`co_yield`, before a call that
// suspends its `yield_context`, before handing work to an executor or a
// thread (the read is in the work), or in an earlier callback of a gRPC
// reactor. Values copied into locals before the suspension, state set and
// used with nothing suspending in between, and code that never suspends
// (a thread per connection) are quiet.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_THREADLOCALACROSSAWAITCHECK_H
#define STATESCOPE_CHECKS_THREADLOCALACROSSAWAITCHECK_H

#include "SharedStateCheck.h"

namespace clang::tidy::statescope {

/// A `thread_local` or shared value that a request sets and reads back after it suspends belongs,
/// by then, to whatever ran on the thread in between.
///
/// For the user-facing documentation see docs/checks/thread-local-across-await.md
/// (`statescope explain thread-local-across-await`).
class ThreadLocalAcrossAwaitCheck : public SharedStateCheck {
public:
  using SharedStateCheck::SharedStateCheck;

private:
  void checkModel(const RequestScopeModel &Model) override;
  void noteCure(const RequestScopeModel &Model, const clang::statescope::StaleRead &Read);
  std::optional<std::vector<FixItHint>>
  copyBeforeSuspension(const RequestScopeModel &Model, const clang::statescope::StaleRead &Read);
  std::optional<std::vector<FixItHint>>
  captureWhenHandedOver(const RequestScopeModel &Model, const clang::statescope::StaleRead &Read);
  /// Of reads one fix replaces together, the one whose note carries it: the
  /// first that no NOLINT comment for this check covers.
  const clang::statescope::StaleRead *
  carrier(const RequestScopeModel &Model,
          ArrayRef<const clang::statescope::StaleRead *> Together) const;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_THREADLOCALACROSSAWAITCHECK_H
