//===--- HandlerTables.cpp - callables a dispatcher looks up by key -------===//

#include "model/HandlerTables.h"
#include "ASTFacts.h"
#include "Frameworks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::statescope {

namespace {
/// A member-function pointer, a function pointer or a function wrapper.
bool isCallableType(QualType T) {
  T = T.getCanonicalType();
  if (const auto *Member = T->getAs<MemberPointerType>())
    return Member->isMemberFunctionPointer();
  if (T->isFunctionPointerType())
    return true;
  return isFunctionWrapper(T->getAsCXXRecordDecl());
}

/// A container of callables, by key or index (through pairs and tuples of
/// its element type), or an array of them.
bool holdsCallables(QualType T, unsigned Depth = 0) {
  T = T.getNonReferenceType().getCanonicalType();
  if (Depth > 2)
    return false;
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return isCallableType(Array->getElementType()) ||
           holdsCallables(Array->getElementType(), Depth + 1);
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || isFunctionWrapper(Spec))
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        (isCallableType(Arg.getAsType()) || holdsCallables(Arg.getAsType(), Depth + 1)))
      return true;
  return false;
}

/// The table an expression reads an entry of: `table_[k]`, `table_.at(k)`,
/// `it->second` with `it = table_.find(k)`, a local copy of an entry.
const ValueDecl *tableBehind(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 6)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && holdsCallables(Field->getType()))
      return Field->getCanonicalDecl();
    return tableBehind(Member->getBase(), Depth + 1);
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return nullptr;
    if (Var->hasLocalStorage() && Var->getInit())
      return tableBehind(Var->getInit(), Depth + 1);
    return holdsCallables(Var->getType()) ? Var->getCanonicalDecl() : nullptr;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Op->getOperator();
    if (Kind == OO_Subscript || Kind == OO_Arrow || Kind == OO_Star)
      return tableBehind(Op->getArg(0), Depth + 1);
    return nullptr;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        llvm::is_contained({"at", "find", "begin", "front", "back", "get"}, M->getName()))
      return tableBehind(Call->getImplicitObjectArgument(), Depth + 1);
    return nullptr;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return tableBehind(Subscript->getBase(), Depth + 1);
  if (const auto *Deref = dyn_cast<UnaryOperator>(E); Deref && Deref->getOpcode() == UO_Deref)
    return tableBehind(Deref->getSubExpr(), Depth + 1);
  // A copy of an entry (`auto handler = routes_.at(path);`).
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    return tableBehind(Construct->getArg(0), Depth + 1);
  if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
    return tableBehind(Temporary->getSubExpr(), Depth + 1);
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return tableBehind(Cleanups->getSubExpr(), Depth + 1);
  return nullptr;
}

/// The callables in an expression stored into a table: the value itself,
/// or the values inside braces, pairs and `std::make_pair`.
void collectCallables(const Expr *E, llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                      unsigned Depth = 0) {
  if (!E || Depth > 6)
    return;
  if (const FunctionDecl *Body = callableBody(E)) {
    const FunctionDecl *Definition = nullptr;
    if (Body->getBody(Definition))
      Out.push_back(Definition);
    return;
  }
  E = ignoreWrappers(E);
  if (const auto *List = dyn_cast<InitListExpr>(E))
    for (const Expr *Init : List->inits())
      collectCallables(Init, Out, Depth + 1);
  else if (const auto *Std = dyn_cast<CXXStdInitializerListExpr>(E))
    collectCallables(Std->getSubExpr(), Out, Depth + 1);
  else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
    collectCallables(Temporary->getSubExpr(), Out, Depth + 1);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    for (const Expr *Arg : Construct->arguments())
      collectCallables(Arg, Out, Depth + 1);
  else if (const auto *Call = dyn_cast<CallExpr>(E))
    for (const Expr *Arg : Call->arguments())
      collectCallables(Arg, Out, Depth + 1);
}

bool isInsertion(const CXXMethodDecl *M) {
  return M && M->getDeclName().isIdentifier() &&
         llvm::is_contained({"insert", "emplace", "try_emplace", "insert_or_assign", "emplace_hint",
                             "push_back", "emplace_back", "push_front", "emplace_front"},
                            M->getName());
}
} // namespace

std::optional<TableCall> callThroughTable(const CallExpr *Call) {
  TableCall Result;
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
    // `(this->*entry)(args)`: the callee is the pointer-to-member operator.
    const auto *PointerToMember =
        dyn_cast<BinaryOperator>(MemberCall->getCallee()->IgnoreParenImpCasts());
    if (!PointerToMember || !PointerToMember->isPtrMemOp())
      return std::nullopt;
    Result.Table = tableBehind(PointerToMember->getRHS());
    Result.Object = PointerToMember->getLHS();
    Result.Args.append(Call->arg_begin(), Call->arg_end());
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    // `routes_[path](req)`: a function wrapper's operator().
    if (Op->getOperator() != OO_Call ||
        !isFunctionWrapper(Op->getArg(0)->getType()->getAsCXXRecordDecl()))
      return std::nullopt;
    Result.Table = tableBehind(Op->getArg(0));
    Result.Args.append(std::next(Call->arg_begin()), Call->arg_end());
  } else if (!Call->getDirectCallee() && Call->getCallee()->getType()->isFunctionPointerType()) {
    // `handlers[i](req)`: a function pointer.
    Result.Table = tableBehind(Call->getCallee());
    Result.Args.append(Call->arg_begin(), Call->arg_end());
  }
  if (!Result.Table)
    return std::nullopt;
  return Result;
}

HandlerTables::HandlerTables(ASTContext &Ctx) {
  struct Collector : ProgramCodeVisitor<Collector> {
    using ProgramCodeVisitor::ProgramCodeVisitor;
    bool shouldVisitTemplateInstantiations() const { return true; }

    void store(const ValueDecl *Table, const Expr *Value) {
      if (Table)
        collectCallables(Value, Entries[Table]);
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        store(tableBehind(Op->getArg(0)), Op->getArg(1));
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *Op) {
      if (Op->getOpcode() == BO_Assign)
        store(tableBehind(Op->getLHS()), Op->getRHS());
      return true;
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      if (isInsertion(Call->getMethodDecl()))
        for (const Expr *Arg : Call->arguments())
          store(tableBehind(Call->getImplicitObjectArgument()), Arg);
      return true;
    }
    bool VisitVarDecl(VarDecl *Var) {
      if (Var->getInit() && holdsCallables(Var->getType()))
        store(Var->getCanonicalDecl(), Var->getInit());
      return true;
    }
    bool VisitFieldDecl(FieldDecl *Field) {
      if (Field->hasInClassInitializer() && holdsCallables(Field->getType()))
        store(Field->getCanonicalDecl(), Field->getInClassInitializer());
      return true;
    }
    bool VisitCXXConstructorDecl(CXXConstructorDecl *Constructor) {
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (const FieldDecl *Field = Init->getMember();
            Field && Init->isWritten() && holdsCallables(Field->getType()))
          store(Field->getCanonicalDecl(), Init->getInit());
      return true;
    }
    llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const FunctionDecl *, 4>> Entries;
  } Collect(Ctx);
  Collect.TraverseAST(Ctx);
  Entries = std::move(Collect.Entries);
}

llvm::ArrayRef<const FunctionDecl *> HandlerTables::entriesOf(const ValueDecl *Table) const {
  auto It = Entries.find(Table);
  return It == Entries.end() ? llvm::ArrayRef<const FunctionDecl *>() : It->second;
}

} // namespace clang::statescope
