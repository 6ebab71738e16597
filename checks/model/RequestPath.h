//===--- RequestPath.h - the code that runs per request -------------------===//
//
// The second stage: every function a handler calls, directly or through
// other calls, up to MaxCallDepth calls away, with the shortest chain that
// reaches it. Two facts about the calls along the path come with it:
// functions that only ever run with a lock held, and member functions that
// only ever run on an object still under construction.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_REQUESTPATH_H
#define STATESCOPE_CHECKS_MODEL_REQUESTPATH_H

#include "model/BodySummary.h"
#include "model/Handlers.h"
#include "model/ModelTypes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::statescope {

class RequestPath {
public:
  /// Follows the handlers' calls breadth first.
  RequestPath(const HandlerSet &Handlers, BodySummaries &Summaries, unsigned MaxCallDepth);

  /// The functions on the path, handlers first, in the order reached.
  const std::vector<const FunctionDecl *> &functions() const { return Functions; }

  /// How F is reached from a handler, or null when F is not per request.
  const Reach *reach(const FunctionDecl *F) const;

  /// True when every call of F on the path happens with a lock held
  /// (directly, or because the caller always runs locked): its stores are
  /// as synchronised as stores written under the lock itself.
  bool alwaysLocked(const FunctionDecl *F) const { return AlwaysLocked.contains(F); }

  /// True for constructors and destructors, and for member functions that
  /// only run on an object under construction (a constructor's own calls
  /// on `this`, transitively): what they store into `this` initialises an
  /// object no other request can see yet.
  bool constructs(const FunctionDecl *F) const {
    return isa<CXXConstructorDecl, CXXDestructorDecl>(F) || ConstructionOnly.contains(F);
  }

private:
  void findAlwaysLocked(BodySummaries &Summaries);
  void findConstructionOnly(BodySummaries &Summaries);

  std::vector<const FunctionDecl *> Functions;
  llvm::DenseMap<const FunctionDecl *, Reach> Reached;
  llvm::DenseSet<const FunctionDecl *> AlwaysLocked;
  llvm::DenseSet<const FunctionDecl *> ConstructionOnly;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_REQUESTPATH_H
