//===--- SharedObjects.h - the objects every request sees -----------------===//
//
// The fourth stage: given the object an access path starts from, is it the
// same object in every request? Globals and static members are; so are
// function-local statics behind accessors (Meyers singletons), start-up
// locals captured by reference into a handler, services the framework
// keeps one instance of, instances bound into a registration, instances
// of classes the project declares it keeps one of, handler classes held
// through a pointer member of a class the server copies, objects of classes
// the unit creates once at start-up, and (with whole-program facts) the
// parameters and `this` of a function that another unit's request path
// hands a shared object. Each
// shared object is interned once and lives as long as this resolver.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_SHAREDOBJECTS_H
#define STATESCOPE_CHECKS_MODEL_SHAREDOBJECTS_H

#include "model/Handlers.h"
#include "model/ModelOptions.h"
#include "model/ModelTypes.h"
#include "model/ObjectOrigins.h"
#include "model/ProgramView.h"
#include "model/RequestPath.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <optional>
#include <vector>

namespace clang::statescope {

class SharedObjects {
public:
  SharedObjects(ASTContext &Ctx, const ProgramView &Program, const HandlerSet &Handlers,
                const RequestPath &Path, const OptionPatterns &Patterns)
      : Ctx(Ctx), Program(Program), Handlers(Handlers), Path(Path), Patterns(Patterns),
        Origins(Ctx, Handlers) {}

  /// The shared object an access path starts from, if any. `In` is the
  /// function the access is written in.
  const SharedObject *rootObject(const Expr *Root, const FunctionDecl *In);

  /// The static variable a function returns by reference or pointer, or the
  /// function itself when it has the shape of a singleton accessor but no
  /// visible body (or another file says it returns a static).
  const NamedDecl *accessedObject(const FunctionDecl *F);

private:
  const SharedObject *sharedThis(const CXXRecordDecl *Class);
  bool isBoundToHandler(const CXXRecordDecl *Class) const;
  bool isDeclaredShared(const CXXRecordDecl *Class) const;
  const SharedObject *classInstance(const CXXRecordDecl *Class, SharingKind Kind);
  const SharedObject *variableObject(const VarDecl *Var, SharingKind Kind, std::string Name,
                                     std::string Origin = "");
  const CXXRecordDecl *copiedHolder(const CXXRecordDecl *Class);
  bool hasHandlerMember(const CXXRecordDecl *Class) const;
  const SharedObject *objectBehindAccessor(const FunctionDecl *Accessor, const NamedDecl *Accessed);
  const SharedObject *sharedVariable(const VarDecl *Var);
  const SharedObject *capturedByReference(const VarDecl *Var, const FunctionDecl *In);
  const SharedObject *passedInParameter(const ParmVarDecl *Param);
  const SharedObject *passedInThis(const FunctionDecl *In);
  const ExternalRoot *externalRoot(const FunctionDecl *F);
  const SharedObject *intern(const SharedObject &Object);

  const ASTContext &Ctx;
  const ProgramView &Program;
  const HandlerSet &Handlers;
  const RequestPath &Path;
  const OptionPatterns &Patterns;
  ObjectOrigins Origins;
  llvm::DenseMap<const FunctionDecl *, const NamedDecl *> Accessors;
  llvm::DenseMap<const FunctionDecl *, const ExternalRoot *> ExternalRoots;
  std::map<const NamedDecl *, SharedObject> Objects;
  /// The fields of the unit's classes that point to each class, collected
  /// on first use.
  /// The classes whose holders are being searched (pointers can form cycles).
  llvm::DenseSet<const CXXRecordDecl *> SearchingHolders;
  std::optional<llvm::DenseMap<const CXXRecordDecl *, std::vector<const FieldDecl *>>> PointedBy;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_SHAREDOBJECTS_H
