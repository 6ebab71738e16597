//===--- BodySummary.cpp - one scan of a function body --------------------===//

#include "model/BodySummary.h"
#include "ASTFacts.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::statescope {

bool replacesValue(const Mutation &M) {
  if (M.Kind == MutationKind::Assign)
    return true;
  return M.Kind == MutationKind::MemberCall && M.Method && M.Method->getDeclName().isIdentifier() &&
         llvm::is_contained(
             {"store", "exchange", "compare_exchange_weak", "compare_exchange_strong"},
             M.Method->getName());
}

namespace {

/// Walks a body once and fills its summary. Knows whether the code it is at
/// runs with a lock held: a lock guard declared earlier in an enclosing
/// block.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  BodyScanner(const ASTContext &Ctx, BodySummary &Summary) : Ctx(Ctx), Summary(Summary) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    LockScopes.push_back(false);
    bool Result = RecursiveASTVisitor::TraverseCompoundStmt(S);
    LockScopes.pop_back();
    return Result;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (isLockType(V->getType()) && !LockScopes.empty())
      LockScopes.back() = true;
    if (V->getInit() && V->hasLocalStorage())
      Summary.InitialisedLocals.push_back(V);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      addMutation(Op->getOpcode() == BO_Assign ? MutationKind::Assign : MutationKind::Modify,
                  Op->getLHS(), Op, {Op->getRHS()});
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      addMutation(MutationKind::Modify, Op->getSubExpr(), Op, {});
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    Summary.CallsAndConstructions.push_back(Call);
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
      Args = Args.drop_front();
    addVisibleCall(Callee, Call, Args);
    addMutationsOfCall(Call, Callee);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Summary.CallsAndConstructions.push_back(Construct);
    addVisibleCall(Construct->getConstructor(), Construct,
                   {Construct->getArgs(), Construct->getNumArgs()});
    return true;
  }

private:
  bool underLock() const { return llvm::is_contained(LockScopes, true); }

  void addVisibleCall(const FunctionDecl *Callee, const Expr *Site,
                      llvm::ArrayRef<const Expr *> Args) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->getBody(Definition) || isInSystemHeader(Ctx, Definition->getLocation()))
      return;
    Summary.VisibleCalls.push_back({Definition, Site, {Args.begin(), Args.end()}, underLock()});
  }

  /// A call changes the object of a non-const member, and the arguments it
  /// binds to non-const references or pointers.
  void addMutationsOfCall(const CallExpr *Call, const FunctionDecl *Callee) {
    unsigned ArgOffset = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (const auto *M = dyn_cast<CXXMethodDecl>(Callee)) {
        ArgOffset = 1;
        addMutationsOfMemberOperator(Op, M);
      }
    } else if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MemberCall->getMethodDecl();
      if (M && !M->isConst() && !M->isStatic() && !isa<CXXDestructorDecl>(M)) {
        llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
        addMutation(MutationKind::MemberCall, MemberCall->getImplicitObjectArgument(), Call, Args,
                    M);
      }
    }
    if (isPassThroughFunction(Callee))
      return;
    for (unsigned I = ArgOffset, N = Call->getNumArgs(); I < N; ++I) {
      unsigned ParamIndex = I - ArgOffset;
      if (ParamIndex >= Callee->getNumParams())
        break;
      QualType ParamType = Callee->getParamDecl(ParamIndex)->getType();
      bool Writable =
          (ParamType->isLValueReferenceType() &&
           !ParamType.getNonReferenceType().isConstQualified()) ||
          (ParamType->isPointerType() && !ParamType->getPointeeType().isConstQualified() &&
           !ParamType->getPointeeType()->isFunctionType());
      if (!Writable)
        continue;
      // What the callee can write into the argument: the other arguments,
      // and the object a member function reads from (`reader.Read(&msg)`).
      llvm::SmallVector<const Expr *, 4> Others;
      if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
        Others.push_back(MemberCall->getImplicitObjectArgument());
      for (unsigned J = ArgOffset; J < N; ++J)
        if (J != I)
          Others.push_back(Call->getArg(J));
      addMutation(MutationKind::PassedOut, Call->getArg(I), Call, Others, nullptr, Callee,
                  ParamIndex);
    }
  }

  void addMutationsOfMemberOperator(const CXXOperatorCallExpr *Op, const CXXMethodDecl *M) {
    const Expr *Value = Op->getNumArgs() > 1 ? Op->getArg(1) : nullptr;
    switch (Op->getOperator()) {
    case OO_Equal:
      addMutation(MutationKind::Assign, Op->getArg(0), Op, {Value});
      return;
    case OO_PlusEqual:
    case OO_MinusEqual:
    case OO_StarEqual:
    case OO_SlashEqual:
    case OO_PercentEqual:
    case OO_AmpEqual:
    case OO_PipeEqual:
    case OO_CaretEqual:
    case OO_LessLessEqual:
    case OO_GreaterGreaterEqual:
      addMutation(MutationKind::Modify, Op->getArg(0), Op, {Value});
      return;
    case OO_PlusPlus:
    case OO_MinusMinus:
      addMutation(MutationKind::Modify, Op->getArg(0), Op, {});
      return;
    case OO_Subscript:
    case OO_Arrow:
    case OO_Star:
    case OO_Call:
      // Access, not change: the enclosing expression says what happens.
      return;
    default:
      if (!M->isConst()) {
        llvm::SmallVector<const Expr *, 4> Args(llvm::drop_begin(Op->arguments()));
        addMutation(MutationKind::MemberCall, Op->getArg(0), Op, Args, M);
      }
      return;
    }
  }

  void addMutation(MutationKind Kind, const Expr *Object, const Expr *Site,
                   llvm::ArrayRef<const Expr *> Values, const CXXMethodDecl *Method = nullptr,
                   const FunctionDecl *Callee = nullptr, unsigned ParamIndex = 0) {
    Mutation M{Kind, Object, Site, {}, Method, underLock(), Callee, ParamIndex};
    for (const Expr *V : Values)
      if (V)
        M.Values.push_back(V);
    Summary.Mutations.push_back(std::move(M));
  }

  const ASTContext &Ctx;
  BodySummary &Summary;
  /// One entry per enclosing block: whether a lock guard was declared in it.
  llvm::SmallVector<bool, 8> LockScopes = {false};
};

} // namespace

const BodySummary &BodySummaries::of(const Stmt *Body) {
  std::unique_ptr<BodySummary> &Slot = Summaries[Body];
  if (!Slot) {
    Slot = std::make_unique<BodySummary>();
    if (Body)
      BodyScanner(Ctx, *Slot).TraverseStmt(const_cast<Stmt *>(Body));
  }
  return *Slot;
}

} // namespace clang::statescope
