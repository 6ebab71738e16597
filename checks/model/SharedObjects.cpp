//===--- SharedObjects.cpp - the objects every request sees ---------------===//

#include "model/SharedObjects.h"
#include "ASTFacts.h"
#include "Frameworks.h"
#include "model/AccessPath.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/ExprCXX.h"

namespace clang::statescope {

namespace {
/// A class whose every user-written constructor is private or deleted:
/// its one instance comes from its own static accessor.
bool isSingletonByConstruction(const CXXRecordDecl *Class) {
  bool HasUserConstructor = false;
  for (const CXXConstructorDecl *C : Class->ctors()) {
    if (C->isImplicit() || C->isCopyOrMoveConstructor())
      continue;
    HasUserConstructor = true;
    if (C->getAccess() == AS_public && !C->isDeleted())
      return false;
  }
  return HasUserConstructor;
}

/// Records, for each class of the project, the fields of other classes
/// that point to it (raw or smart pointer, or reference).
void collectPointerFields(
    const DeclContext *Context,
    llvm::DenseMap<const CXXRecordDecl *, std::vector<const FieldDecl *>> &PointedBy) {
  for (const Decl *D : Context->decls()) {
    if (const auto *Field = dyn_cast<FieldDecl>(D)) {
      QualType T = Field->getType();
      QualType Pointee = designatedObjectType(T);
      if (Pointee == T && !T->isReferenceType())
        continue;
      if (const CXXRecordDecl *Class = Pointee->getAsCXXRecordDecl())
        PointedBy[Class->getCanonicalDecl()].push_back(Field);
      continue;
    }
    const auto *Inner = dyn_cast<DeclContext>(D);
    if (!Inner || isa<FunctionDecl>(D) || D->isInvalidDecl() ||
        (!isa<NamespaceDecl>(D) && !isa<CXXRecordDecl>(D) && !isa<LinkageSpecDecl>(D)))
      continue;
    if (isLibraryCode(D->getASTContext(), D))
      continue;
    collectPointerFields(Inner, PointedBy);
  }
}

/// A class whose objects are copied: its copy constructor is used, or it
/// has a `clone()` that returns a pointer to its own kind (a handler the
/// server copies for every worker).
bool isCopied(const CXXRecordDecl *Class) {
  for (const CXXConstructorDecl *C : Class->ctors())
    if (C->isCopyConstructor() && C->isDeleted())
      return false;
  if (llvm::any_of(Class->ctors(), [](const CXXConstructorDecl *C) {
        return C->isCopyConstructor() && C->isUsed();
      }))
    return true;
  return llvm::any_of(Class->methods(), [&](const CXXMethodDecl *M) {
    const CXXRecordDecl *Made = designatedObjectType(M->getReturnType())->getAsCXXRecordDecl();
    return !M->isStatic() && M->getDeclName().isIdentifier() && M->getName() == "clone" && Made &&
           Made->hasDefinition() &&
           (Made->getCanonicalDecl() == Class->getCanonicalDecl() || Class->isDerivedFrom(Made));
  });
}

bool hasSharedInstanceAnnotation(const CXXRecordDecl *Class) {
  return llvm::any_of(Class->specific_attrs<AnnotateAttr>(), [](const AnnotateAttr *Attr) {
    return Attr->getAnnotation() == "statescope::shared_instance";
  });
}
} // namespace

const NamedDecl *SharedObjects::accessedObject(const FunctionDecl *F) {
  auto [It, New] = Accessors.try_emplace(F, nullptr);
  if (!New)
    return It->second;
  QualType Ret = F->getReturnType();
  if (!Ret->isReferenceType() && !Ret->isPointerType())
    return nullptr;
  if (F->hasBody()) {
    const VarDecl *Returned = returnedStatic(F);
    return Accessors[F] = Returned && !Returned->getTLSKind() ? Returned : nullptr;
  }
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (M && M->isStatic() && M->getNumParams() == 0 &&
      Ret->getPointeeType()->getAsCXXRecordDecl() == M->getParent())
    return Accessors[F] = M;
  // Defined in another file, which says it returns a static.
  if (const FunctionFacts *Facts = Program.factsOf(F); Facts && Facts->ReturnsStatic)
    return Accessors[F] = F;
  return nullptr;
}

/// Classes whose `this` is the same object in every request: services the
/// framework keeps one of, instances bound into a registration, classes
/// the project declares it keeps one of, singletons by construction, and
/// classes only start-up code creates objects of.
const SharedObject *SharedObjects::sharedThis(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return nullptr;
  Class = Class->getDefinition();
  if (isDeclaredShared(Class))
    return classInstance(Class, SharingKind::DeclaredInstance);
  if (isSharedByFramework(Class) || isBoundToHandler(Class))
    return classInstance(Class, SharingKind::FrameworkInstance);
  if (copiedHolder(Class))
    return classInstance(Class, SharingKind::HeldByCopies);
  if (isSingletonByConstruction(Class))
    for (const CXXMethodDecl *M : Class->methods())
      if (M->isStatic())
        if (const NamedDecl *Accessed = accessedObject(M))
          return objectBehindAccessor(M, Accessed);
  // Made at start-up (a router, an engine `new`ed in main) and reached from a
  // handler: the one object of the server.
  if (!isLibraryCode(Ctx, Class) && Origins.isTheServersObject(Class))
    return classInstance(Class, SharingKind::MadeAtStartUp);
  return nullptr;
}

/// True when a registration binds an instance of Class, or of a class
/// derived from it, to a handler.
bool SharedObjects::isBoundToHandler(const CXXRecordDecl *Class) const {
  return llvm::any_of(Handlers.BoundInstances, [&](const auto &Entry) {
    const auto *Bound = cast<CXXRecordDecl>(Entry.first);
    return Bound == Class->getCanonicalDecl() ||
           (Bound->hasDefinition() && Bound->getDefinition()->isDerivedFrom(Class));
  });
}

/// The project says so where inference cannot see the one instance (made
/// with `new` in main and handed around by pointer): the class or one of
/// its bases is annotated `statescope::shared_instance` or its qualified
/// name matches `SharedClasses`.
bool SharedObjects::isDeclaredShared(const CXXRecordDecl *Class) const {
  auto Declared = [&](const CXXRecordDecl *C) {
    return hasSharedInstanceAnnotation(C) ||
           Patterns.isSharedClassName(C->getQualifiedNameAsString());
  };
  if (Declared(Class))
    return true;
  return !Class->forallBases([&](const CXXRecordDecl *Base) { return !Declared(Base); });
}

/// The object a variable holds or points to, known by the variable.
const SharedObject *SharedObjects::variableObject(const VarDecl *Var, SharingKind Kind,
                                                  std::string Name, std::string Origin) {
  SharedObject Object;
  Object.Key = Var;
  Object.Variable = Var;
  Object.Kind = Kind;
  Object.Name = std::move(Name);
  Object.ObjectType = designatedObjectType(Var->getType());
  Object.Declaration = Var->getLocation();
  Object.Origin = std::move(Origin);
  return intern(Object);
}

/// The one instance of a class, known by the class rather than a variable.
const SharedObject *SharedObjects::classInstance(const CXXRecordDecl *Class, SharingKind Kind) {
  SharedObject Object;
  Object.Key = Class;
  Object.Kind = Kind;
  Object.Name = Class->getNameAsString();
  Object.ObjectType = Ctx.getRecordType(Class);
  Object.Declaration = Class->getLocation();
  return intern(Object);
}

/// A class with a member function where requests enter: a framework's
/// handler, one the options or an annotation name. Functions another file's
/// handler calls are not entry points.
bool SharedObjects::hasHandlerMember(const CXXRecordDecl *Class) const {
  return llvm::any_of(Handlers.Handlers, [&](const std::unique_ptr<Handler> &H) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(H->Function);
    return M && !M->isStatic() && H->Rule != HandlerRule::WholeProgram &&
           M->getParent()->getCanonicalDecl() == Class->getCanonicalDecl();
  });
}

/// For a class with a handler member function: the class of the unit that
/// holds it through a pointer or smart-pointer member and is copied (a
/// handler cloned for every worker copies the pointer, not the pointee), or
/// is itself shared. Then every request reaches the one instance.
const CXXRecordDecl *SharedObjects::copiedHolder(const CXXRecordDecl *Class) {
  if (!hasHandlerMember(Class) || !SearchingHolders.insert(Class).second)
    return nullptr;
  const CXXRecordDecl *Found = nullptr;
  if (!PointedBy) {
    PointedBy.emplace();
    collectPointerFields(Ctx.getTranslationUnitDecl(), *PointedBy);
  }
  auto It = PointedBy->find(Class->getCanonicalDecl());
  for (const FieldDecl *Field :
       It == PointedBy->end() ? llvm::ArrayRef<const FieldDecl *>() : llvm::ArrayRef(It->second)) {
    const auto *Holder = cast<CXXRecordDecl>(Field->getParent());
    bool Copied = isCopied(Holder);
    if (Copied || (Holder != Class && sharedThis(Holder))) {
      Found = Holder;
      break;
    }
  }
  SearchingHolders.erase(Class);
  return Found;
}

const SharedObject *SharedObjects::objectBehindAccessor(const FunctionDecl *Accessor,
                                                        const NamedDecl *Accessed) {
  SharedObject Object;
  Object.Key = Accessed;
  Object.Kind = SharingKind::LocalStatic;
  Object.Name = Accessor->getQualifiedNameAsString() + "()";
  Object.ObjectType = designatedObjectType(Accessor->getReturnType());
  Object.Declaration = Accessed->getLocation();
  if (const auto *Var = dyn_cast<VarDecl>(Accessed)) {
    Object.Variable = Var;
    if (!Var->isStaticLocal())
      return sharedVariable(Var);
  }
  return intern(Object);
}

const SharedObject *SharedObjects::sharedVariable(const VarDecl *Var) {
  // Users know a static member by its declaration in the class, and every
  // redeclaration is the same object.
  Var = Var->getCanonicalDecl();
  SharingKind Kind = Var->isStaticLocal()        ? SharingKind::LocalStatic
                     : Var->isStaticDataMember() ? SharingKind::StaticMember
                                                 : SharingKind::Global;
  return variableObject(Var, Kind,
                        Var->isStaticDataMember() ? Var->getQualifiedNameAsString()
                                                  : Var->getNameAsString());
}

const SharedObject *SharedObjects::intern(const SharedObject &Object) {
  return &Objects.try_emplace(Object.Key, Object).first->second;
}

const SharedObject *SharedObjects::rootObject(const Expr *Root, const FunctionDecl *In) {
  // A local reference or pointer is the object it was bound to; a few such
  // steps are followed.
  for (unsigned Step = 0; Root && Step <= 4; ++Step) {
    if (const auto *This = dyn_cast<CXXThisExpr>(Root)) {
      if (const SharedObject *Passed = passedInThis(In))
        return Passed;
      return sharedThis(This->getType()->getPointeeCXXRecordDecl());
    }
    if (const auto *Call = dyn_cast<CallExpr>(Root)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (const NamedDecl *Accessed = Callee ? accessedObject(Callee) : nullptr)
        return objectBehindAccessor(Callee, Accessed);
      return nullptr;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Root);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || isLibraryCode(Ctx, Var))
      return nullptr;
    if (Var->hasGlobalStorage())
      return Var->getTLSKind() ? nullptr : sharedVariable(Var);
    // A start-up local, or an object a start-up function received by
    // reference, captured by reference into a handler: one for the server.
    if (const SharedObject *Captured = capturedByReference(Var, In))
      return Captured;
    // A reference or pointer to the instance the project declares it keeps
    // one of is that instance, wherever it came from; a copy is not.
    QualType Designated = designatedObjectType(Var->getType());
    const CXXRecordDecl *Class = Designated->getAsCXXRecordDecl();
    bool Aliases = Var->getType()->isReferenceType() || Designated != Var->getType();
    if (Aliases && Class && Class->hasDefinition() && isDeclaredShared(Class->getDefinition()))
      return classInstance(Class->getDefinition(), SharingKind::DeclaredInstance);
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var))
      return passedInParameter(Param);
    if ((!Var->getType()->isReferenceType() && !Var->getType()->isPointerType()) || !Var->getInit())
      return nullptr;
    Root = accessPath(Var->getInit()).Root;
  }
  return nullptr;
}

/// A local of start-up code captured by reference into a handler lambda
/// lives as long as the server: every request sees the same object.
const SharedObject *SharedObjects::capturedByReference(const VarDecl *Var, const FunctionDecl *In) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(In);
  // An init-capture belongs to its closure: per-closure state, not an
  // object of the code that made the closure.
  if (!Method || !Method->getParent()->isLambda() || Var->isInitCapture())
    return nullptr;
  const auto *Owner = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Owner || Owner == In || Path.reach(Owner) ||
      (isa<ParmVarDecl>(Var) && !Var->getType()->isReferenceType()))
    return nullptr;
  bool ByReference = llvm::any_of(Method->getParent()->captures(), [&](const LambdaCapture &C) {
    return C.capturesVariable() && C.getCapturedVar() == Var && C.getCaptureKind() == LCK_ByRef;
  });
  if (!ByReference)
    return nullptr;
  return variableObject(Var, SharingKind::CapturedByHandler, Var->getNameAsString());
}

} // namespace clang::statescope

namespace clang::statescope {

/// How another unit's request path calls F, if it does (cached: a USR per
/// lookup is not cheap).
const ExternalRoot *SharedObjects::externalRoot(const FunctionDecl *F) {
  if (!F)
    return nullptr;
  auto [It, New] = ExternalRoots.try_emplace(F, nullptr);
  if (New)
    It->second = Program.rootOf(F);
  return It->second;
}

/// A reference or pointer parameter that another unit's request path binds
/// to a shared object: writes through it reach that object.
const SharedObject *SharedObjects::passedInParameter(const ParmVarDecl *Param) {
  QualType T = Param->getType();
  if (!T->isReferenceType() && !T->isPointerType())
    return nullptr;
  const ExternalRoot *Root = externalRoot(dyn_cast<FunctionDecl>(Param->getDeclContext()));
  if (!Root)
    return nullptr;
  auto Arg = llvm::find_if(Root->SharedParams, [&](const SharedArgument &A) {
    return A.Param == Param->getFunctionScopeIndex();
  });
  if (Arg == Root->SharedParams.end())
    return nullptr;
  return variableObject(Param, SharingKind::PassedIn, Param->getNameAsString(), Arg->Object);
}

/// The object of a member function that another unit's request path calls
/// on a shared object (directly, or through a virtual method it overrides).
const SharedObject *SharedObjects::passedInThis(const FunctionDecl *In) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(In);
  const ExternalRoot *Root = Method ? externalRoot(Method) : nullptr;
  if (!Root || Root->SharedThis.empty())
    return nullptr;
  SharedObject Object;
  Object.Key = Method;
  Object.Kind = SharingKind::PassedIn;
  Object.Name = "*this";
  Object.ObjectType = Ctx.getRecordType(Method->getParent());
  Object.Declaration = Method->getLocation();
  Object.Origin = Root->SharedThis;
  return intern(Object);
}

} // namespace clang::statescope
