//===--- ObjectOrigins.h - where a class's objects are created ------------===//
//
// Real servers keep request state in their own objects, created once at
// start-up and reached from handlers through `this` and member pointers: a
// router made before the server starts, an engine made with `new` in main.
// Such an object is shared by its origin, not by its shape: every request
// that reaches it reaches the same one. A class whose every creation in the
// unit happens outside the request path is such a class; one created on the
// request path (a per-request context, a per-connection session) is not.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H
#define STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H

#include "model/Handlers.h"
#include "model/RequestPath.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::statescope {

class ObjectOrigins {
public:
  ObjectOrigins(ASTContext &Ctx, const HandlerSet &Handlers, const RequestPath &Path)
      : Ctx(Ctx), Handlers(Handlers), Path(Path) {}

  /// True when the unit creates objects of Class (or of a class derived
  /// from it), none of those creations is on the request path, and no
  /// variable the model already resolves by its shape (a global, a static,
  /// a local captured by reference) holds or points to one. A class whose
  /// own code is a handler (a session reading its socket, a gRPC reactor)
  /// is the framework's per-connection or per-call object: not this rule's.
  bool createdOnlyOutsideRequests(const CXXRecordDecl *Class);

private:
  /// Where objects of a class are created: the enclosing function of each
  /// creation, null for a static initialiser.
  using Creations = llvm::SmallVector<const FunctionDecl *, 2>;
  void index();
  /// F, or the function a lambda F is written in, is on the request path.
  bool onRequestPath(const FunctionDecl *F) const;

  ASTContext &Ctx;
  const HandlerSet &Handlers;
  const RequestPath &Path;
  std::optional<llvm::DenseMap<const CXXRecordDecl *, Creations>> CreatedIn;
  /// Classes with objects in variables the model resolves by their shape.
  llvm::DenseSet<const CXXRecordDecl *> NamedByShape;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H
