//===--- AccessPath.cpp - which object an lvalue starts from --------------===//

#include "model/AccessPath.h"
#include "ASTFacts.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::statescope {

AccessPath accessPath(const Expr *E) {
  AccessPath Path;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        Path.Field = Field;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      Path.Indices.push_back(Subscript->getIdx());
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<UnaryOperator>(E);
        Op && (Op->getOpcode() == UO_Deref || Op->getOpcode() == UO_AddrOf)) {
      E = Op->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
        Path.Indices.push_back(Op->getArg(1));
        E = Op->getArg(0);
        continue;
      }
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1) {
        E = Op->getArg(0);
        continue;
      }
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && isInStdNamespace(M->getParent()) && M->getDeclName().isIdentifier() &&
          (M->getName() == "get" || M->getName() == "value") && Call->getNumArgs() == 0) {
        E = Call->getImplicitObjectArgument();
        continue;
      }
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  Path.Root = E;
  return Path;
}

llvm::SmallVector<const ReturnStmt *, 4> returnsOf(const Stmt *Body) {
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  llvm::SmallVector<const Stmt *, 32> Work = {Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      Returns.push_back(Ret);
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Returns;
}

const VarDecl *returnedStatic(const FunctionDecl *F) {
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = F->getBody(Definition);
  QualType Ret = F->getReturnType();
  if (!Body || (!Ret->isReferenceType() && !Ret->isPointerType()))
    return nullptr;
  const VarDecl *Returned = nullptr;
  for (const ReturnStmt *R : returnsOf(Body)) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
        R->getRetValue() ? accessPath(R->getRetValue()).Root : nullptr);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasGlobalStorage() || (Returned && Returned != Var))
      return nullptr;
    Returned = Var;
  }
  return Returned;
}

} // namespace clang::statescope
