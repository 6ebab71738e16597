//===--- SharedWrites.h - changes of shared state on the request path -----===//
//
// The sixth stage: every change a request-path function makes to a shared
// object, with what it writes (request data or not), through which member,
// and whether a lock makes it safe: under a lock, a store into a slot a
// request key chooses keeps requests apart; an assignment of the one slot
// every request shares does not. Writes that leave shared state as safe as
// it was (synchronisation objects, atomics counting, safe types, state
// shared on purpose with a reason, code that did not compile) are dropped.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_SHAREDWRITES_H
#define STATESCOPE_CHECKS_MODEL_SHAREDWRITES_H

#include "model/BodySummary.h"
#include "model/MemberEffects.h"
#include "model/ModelOptions.h"
#include "model/ModelTypes.h"
#include "model/RequestData.h"
#include "model/RequestPath.h"
#include "model/SharedObjects.h"

#include <vector>

namespace clang::statescope {

/// What the shared-write stage reads.
struct SharedWriteInputs {
  const ASTContext &Ctx;
  const RequestPath &Path;
  BodySummaries &Summaries;
  const RequestData &Data;
  SharedObjects &Objects;
  MemberEffects &Effects;
  const OptionPatterns &Patterns;
};

/// The writes into shared state of the request path, each site once, in the
/// order of the path and of each body.
std::vector<SharedWrite> findSharedWrites(const SharedWriteInputs &In);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_SHAREDWRITES_H
