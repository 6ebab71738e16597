//===--- Findings.h - one finding per bug, and the check that reports it --===//
//
// The last stage: the shared writes and the stale reads grouped into
// findings. A finding is one shared state that requests write request data
// into (or race on); its writes, the handlers they run in and the reads that
// see another request's value are its parts. Exactly one check reports it,
// chosen by what the state is, whichever checks run:
//   - an object of a project class that the program names (a global, a
//     static member, the static behind an accessor, a start-up local that
//     handlers capture): statescope-singleton-setter;
//   - an object of a project class known by its class or by another unit
//     (the one instance a framework, the server or start-up code keeps, one
//     another file passes in): statescope-request-field;
//   - any other variable that outlives requests (a scalar, a pointer, an
//     array, a library type): statescope-mutable-static;
//   - a thread_local read back after the request stopped running, or a
//     shared object read back that no other finding covers:
//     statescope-thread-local-across-await, one finding per state and
//     function however many reads.
// A shared object's reads after a suspension are part of its own finding.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_FINDINGS_H
#define STATESCOPE_CHECKS_MODEL_FINDINGS_H

#include "model/ModelTypes.h"

#include "clang/AST/ASTContext.h"
#include <vector>

namespace clang::statescope {

/// The check that reports a finding.
enum class FindingCheck { SingletonSetter, RequestField, MutableStatic, ThreadLocalAcrossAwait };

struct Finding {
  FindingCheck Check = FindingCheck::SingletonSetter;
  /// The shared object; null for a thread_local's finding.
  const SharedObject *Object = nullptr;
  /// The writes into the object, one per site (a setter that stores several
  /// fields is one write at its call; the write storing request data is the
  /// one kept), in the model's order.
  std::vector<const SharedWrite *> Writes;
  /// The fields the writes change, in order of first change, and those of
  /// them that some write stores request data in.
  std::vector<const FieldDecl *> Fields;
  std::vector<const FieldDecl *> FieldsWithRequestData;
  /// The reads that see the state after this request stopped running. For
  /// a thread-local-across-await finding, the first is where it is reported.
  std::vector<const StaleRead *> Reads;
};

/// Groups Writes and Stale (the model's results for one translation unit)
/// into findings, in the order their first write or read was found.
std::vector<Finding> groupFindings(const ASTContext &Ctx, const std::vector<SharedWrite> &Writes,
                                   const std::vector<StaleRead> &Stale);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_FINDINGS_H
