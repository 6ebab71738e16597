//===--- ObjectOrigins.cpp - where a class's objects are created ----------===//

#include "model/ObjectOrigins.h"
#include "ASTFacts.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::statescope {

namespace {

/// The class `std::make_shared<C>(...)` and its like create, or null.
const CXXRecordDecl *classMadeByFactory(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !isInStdNamespace(Callee) || !Callee->getDeclName().isIdentifier() ||
      !llvm::is_contained({"make_shared", "make_unique", "allocate_shared",
                           "make_shared_for_overwrite", "make_unique_for_overwrite"},
                          Callee->getName()))
    return nullptr;
  const TemplateArgumentList *Args = Callee->getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0 || Args->get(0).getKind() != TemplateArgument::Type)
    return nullptr;
  return Args->get(0).getAsType()->getAsCXXRecordDecl();
}

/// Records every creation of a class object in the program's code.
class CreationCollector : public ProgramCodeVisitor<CreationCollector> {
public:
  CreationCollector(
      ASTContext &Ctx,
      llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<const FunctionDecl *, 2>> &CreatedIn,
      llvm::DenseSet<const CXXRecordDecl *> &NamedByShape)
      : ProgramCodeVisitor(Ctx), CreatedIn(CreatedIn), NamedByShape(NamedByShape) {}

  /// Objects the model already knows by their shape: variables with static
  /// storage, and locals a lambda captures by reference (a global
  /// `OrderManager`, `Model *g_model`, `[&engine]`). Their writes are
  /// reported where a handler makes them, through the variable.
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasGlobalStorage() && !V->getTLSKind())
      addNamed(V->getType());
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          addNamed(Var->getType());
    return true;
  }

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    // A base class's part of a derived object is that object's creation.
    if (Construct->getConstructionKind() == CXXConstructionKind::Complete)
      add(Construct->getConstructor()->getParent());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const CXXRecordDecl *Made = classMadeByFactory(Call))
      add(Made);
    return true;
  }
  bool VisitInitListExpr(InitListExpr *List) {
    if (const auto *Class = List->getType()->getAsCXXRecordDecl())
      add(Class);
    return true;
  }

private:
  void add(const CXXRecordDecl *Class) {
    if (!Class || !Class->hasDefinition())
      return;
    CreatedIn[Class->getDefinition()].push_back(enclosing());
  }

  void addNamed(QualType T) {
    while (const ArrayType *Array = T->getAsArrayTypeUnsafe())
      T = Array->getElementType();
    if (const auto *Class = designatedObjectType(T)->getAsCXXRecordDecl();
        Class && Class->hasDefinition())
      NamedByShape.insert(Class->getDefinition());
  }

  llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<const FunctionDecl *, 2>> &CreatedIn;
  llvm::DenseSet<const CXXRecordDecl *> &NamedByShape;
};

/// The class whose member function F is, or is written in (for a lambda).
const CXXRecordDecl *owningClass(const FunctionDecl *F) {
  const DeclContext *Context = F;
  while (Context) {
    if (const auto *Class = dyn_cast<CXXRecordDecl>(Context); Class && !Class->isLambda())
      return Class;
    Context = Context->getParent();
  }
  return nullptr;
}

} // namespace

bool ObjectOrigins::onRequestPath(const FunctionDecl *F) const {
  // A lambda's body runs as part of the function it is written in (a
  // continuation a handler attaches), unless a request calls it itself.
  while (F) {
    if (Path.reach(F))
      return true;
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (!Method || !Method->getParent()->isLambda())
      return false;
    F = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
  }
  return false;
}

void ObjectOrigins::index() {
  CreatedIn.emplace();
  CreationCollector(Ctx, *CreatedIn, NamedByShape).TraverseAST(Ctx);
}

bool ObjectOrigins::createdOnlyOutsideRequests(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  if (!CreatedIn)
    index();
  // Reached through a variable the model resolves by shape (of this class,
  // a base or a derived class): the writes are reported there, once.
  auto Related = [&](const CXXRecordDecl *Other) {
    return Other == Class || Class->isDerivedFrom(Other) || Other->isDerivedFrom(Class);
  };
  if (llvm::any_of(NamedByShape, Related))
    return false;
  if (llvm::any_of(Handlers.Handlers, [&](const auto &H) {
        const CXXRecordDecl *Owner = owningClass(H->Function);
        return Owner && Owner->hasDefinition() && Related(Owner->getDefinition());
      }))
    return false;
  bool Created = false;
  auto OutsideRequests = [&](const CXXRecordDecl *Made) {
    auto It = CreatedIn->find(Made);
    if (It == CreatedIn->end())
      return true;
    Created = true;
    return llvm::none_of(It->second, [&](const FunctionDecl *F) { return onRequestPath(F); });
  };
  if (!OutsideRequests(Class))
    return false;
  // Objects of derived classes are objects of Class too.
  for (const auto &[Made, Sites] : *CreatedIn)
    if (Made != Class && Made->isDerivedFrom(Class) && !OutsideRequests(Made))
      return false;
  return Created;
}

} // namespace clang::statescope
