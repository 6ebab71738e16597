//===--- ObjectOrigins.h - where a class's objects are created ------------===//
//
// Real servers keep request state in their own objects, created once at
// start-up and reached from handlers through `this` and member pointers: a
// router made before the server starts, an engine made with `new` in main.
// Such an object is shared by its origin, not by its shape: every request
// that reaches it reaches the same one. A class whose every creation in the
// unit happens once at start-up is such a class; one created anywhere else
// (on the request path, or in an accept loop: a per-connection session)
// may have one object per request or per connection, and is not.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H
#define STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H

#include "model/Handlers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::statescope {

class ObjectOrigins {
public:
  explicit ObjectOrigins(ASTContext &Ctx, const HandlerSet &Handlers)
      : Ctx(Ctx), Handlers(Handlers) {}

  /// True when every object of Class (or of a class derived from it) the
  /// unit creates is created once, at start-up: in `main` or a static
  /// initialiser, outside loops and lambdas, or as part of (a member of, or
  /// made by the constructor of) an object itself created once at start-up.
  /// Objects created anywhere else may be per connection or per request.
  /// Classes the model already resolves through a variable (a global, a
  /// local captured by reference) are reported there, not here; a class
  /// whose own code is a handler (a session reading its socket, a gRPC
  /// reactor) is the framework's per-connection or per-call object.
  bool isTheServersObject(const CXXRecordDecl *Class);

  /// One creation: the function it is written in (null for a static
  /// initialiser), and whether it is in a loop or a lambda.
  struct Creation {
    const FunctionDecl *Function;
    bool Repeated;
  };
  struct CreationIndex {
    llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<Creation, 2>> CreatedIn;
    /// The classes with a member object of each class.
    llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<const CXXRecordDecl *, 2>> HeldBy;
    /// Classes with objects in variables the model resolves by their shape.
    llvm::DenseSet<const CXXRecordDecl *> NamedByShape;
  };

private:
  void index();
  bool createdOnceAtStartUp(const CXXRecordDecl *Class, unsigned Depth);

  ASTContext &Ctx;
  const HandlerSet &Handlers;
  std::optional<CreationIndex> Index;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_OBJECTORIGINS_H
