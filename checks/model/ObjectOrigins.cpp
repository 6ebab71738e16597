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

/// Records every creation of a class object in the program's code, and
/// the classes that hold an object of a class as a member.
class CreationCollector : public ProgramCodeVisitor<CreationCollector> {
public:
  CreationCollector(ASTContext &Ctx, ObjectOrigins::CreationIndex &Index)
      : ProgramCodeVisitor(Ctx), Index(Index) {}

  /// Code in a loop or a lambda may run many times: what it creates is not
  /// the one object of the server.
  bool TraverseForStmt(ForStmt *S) {
    return repeated([&] { return Base::TraverseForStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return repeated([&] { return Base::TraverseCXXForRangeStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return repeated([&] { return Base::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return repeated([&] { return Base::TraverseDoStmt(S); });
  }
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    return repeated([&] { return Base::TraverseLambdaExpr(Lambda); });
  }

  /// A member object is created with the object that holds it.
  bool VisitFieldDecl(FieldDecl *Field) {
    const auto *Held = Field->getType()->getAsCXXRecordDecl();
    const auto *Holder = dyn_cast<CXXRecordDecl>(Field->getParent());
    if (Held && Held->hasDefinition() && Holder && Holder->hasDefinition())
      Index.HeldBy[Held->getDefinition()].push_back(Holder->getDefinition());
    return true;
  }

  /// Objects the model already knows by their shape: variables with static
  /// storage, and locals a lambda captures by reference (a global
  /// `OrderManager`, `Model *g_model`, `[&engine]`). Their writes are
  /// reported where a handler makes them, through the variable.
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasGlobalStorage() && !V->getTLSKind())
      addNamed(V->getType());
    // A local of main (`Server server;`) lives as long as the server.
    if (const auto *Class = V->getType()->getAsCXXRecordDecl();
        Class && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && !V->getType()->isReferenceType())
      add(Class);
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
  using Base = ProgramCodeVisitor<CreationCollector>;

  template <typename TraverseFn> bool repeated(TraverseFn Traverse) {
    ++RepeatDepth;
    bool Result = Traverse();
    --RepeatDepth;
    return Result;
  }

  void add(const CXXRecordDecl *Class) {
    if (!Class || !Class->hasDefinition())
      return;
    Index.CreatedIn[Class->getDefinition()].push_back({enclosing(), RepeatDepth > 0});
  }

  void addNamed(QualType T) {
    while (const ArrayType *Array = T->getAsArrayTypeUnsafe())
      T = Array->getElementType();
    if (const auto *Class = designatedObjectType(T)->getAsCXXRecordDecl();
        Class && Class->hasDefinition())
      Index.NamedByShape.insert(Class->getDefinition());
  }

  ObjectOrigins::CreationIndex &Index;
  unsigned RepeatDepth = 0;
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

void ObjectOrigins::index() {
  Index.emplace();
  CreationCollector(Ctx, *Index).TraverseAST(Ctx);
}

/// Once, at start-up: in `main` or a static initialiser, outside loops and
/// lambdas, or in a constructor of a class itself created once at start-up
/// (`Server() : router_(std::make_shared<Router>())`).
bool ObjectOrigins::createdOnceAtStartUp(const CXXRecordDecl *Class, unsigned Depth) {
  if (Depth > 4)
    return false;
  bool Created = false;
  auto AtStartUp = [&](const CXXRecordDecl *Made) {
    if (auto It = Index->CreatedIn.find(Made); It != Index->CreatedIn.end())
      for (const Creation &Site : It->second) {
        Created = true;
        if (Site.Repeated)
          return false;
        if (!Site.Function || Site.Function->isMain())
          continue;
        const auto *Constructor = dyn_cast<CXXConstructorDecl>(Site.Function);
        if (!Constructor || Constructor->getParent() == Made ||
            !createdOnceAtStartUp(Constructor->getParent(), Depth + 1))
          return false;
      }
    if (auto It = Index->HeldBy.find(Made); It != Index->HeldBy.end())
      for (const CXXRecordDecl *Holder : It->second) {
        Created = true;
        if (Holder == Made || !createdOnceAtStartUp(Holder, Depth + 1))
          return false;
      }
    return true;
  };
  if (!AtStartUp(Class))
    return false;
  // Objects of derived classes are objects of Class too.
  for (const auto &[Made, Sites] : Index->CreatedIn)
    if (Made != Class && Made->isDerivedFrom(Class) && !AtStartUp(Made))
      return false;
  return Created;
}

bool ObjectOrigins::isTheServersObject(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  if (!Index)
    index();
  // Reached through a variable the model resolves by shape (of this class,
  // a base or a derived class): the writes are reported there, once.
  auto Related = [&](const CXXRecordDecl *Other) {
    return Other == Class || Class->isDerivedFrom(Other) || Other->isDerivedFrom(Class);
  };
  if (llvm::any_of(Index->NamedByShape, Related))
    return false;
  if (llvm::any_of(Handlers.Handlers, [&](const auto &H) {
        const CXXRecordDecl *Owner = owningClass(H->Function);
        return Owner && Owner->hasDefinition() && Related(Owner->getDefinition());
      }))
    return false;
  return createdOnceAtStartUp(Class, 0);
}

} // namespace clang::statescope
