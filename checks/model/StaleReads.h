//===--- StaleReads.h - values a request reads back after it stopped ------===//
//
// The last stage: reads, in the functions that run per request, of
// thread_local or shared state that this request set before it suspended,
// handed work over, or returned from an earlier callback of the same call.
// By the time of the read the thread may have served other requests (or be
// another thread), so the value need not be the one this request set.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_STALEREADS_H
#define STATESCOPE_CHECKS_MODEL_STALEREADS_H

#include "model/RequestData.h"
#include "model/RequestPath.h"
#include "model/Timeline.h"

#include <vector>

namespace clang::statescope {

/// ThreadLocalsWithRequestData: the thread_locals that some request-path
/// code sets to request data; only their stale reads can show another
/// request's data (a per-thread cache of the current date cannot).
std::vector<StaleRead>
findStaleReads(const RequestPath &Path, Timelines &Timelines,
               const llvm::DenseSet<const VarDecl *> &ThreadLocalsWithRequestData);

/// The thread_locals that a request-path function sets to request data.
llvm::DenseSet<const VarDecl *> threadLocalsSetToRequestData(const RequestPath &Path,
                                                             BodySummaries &Summaries,
                                                             const RequestData &Data);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_STALEREADS_H
