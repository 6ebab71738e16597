//===--- SharedAliases.cpp - pointers that lead into shared state ---------===//

#include "model/SharedAliases.h"
#include "ASTFacts.h"
#include "model/AccessPath.h"

#include "clang/AST/ExprCXX.h"

namespace clang::statescope {

namespace {
/// How deep calls and locals are followed from one expression.
constexpr unsigned MaxAliasDepth = 6;
/// How often the request path is walked to pass shared pointers on to
/// parameters (each walk goes one call further).
constexpr unsigned MaxBindingRounds = 4;

/// E without the copies and temporaries a pointer goes through unchanged.
const Expr *stripCopies(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 &&
             Construct->getConstructor()->isCopyOrMoveConstructor())
      E = Construct->getArg(0);
    else
      return E;
  }
}

void addAll(llvm::SmallVector<SharedAlias, 2> &Into, llvm::ArrayRef<SharedAlias> From,
            bool &Changed) {
  for (const SharedAlias &A : From)
    if (llvm::none_of(Into, [&](const SharedAlias &Known) {
          return Known.Object == A.Object && Known.Field == A.Field;
        })) {
      Into.push_back(A);
      Changed = true;
    }
}
} // namespace

bool isPointerLike(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  return T->isPointerType() || designatedObjectType(T) != T;
}

SharedAliases::SharedAliases(BodySummaries &Summaries, SharedObjects &Objects,
                             const RequestPath &Path)
    : Summaries(Summaries), Objects(Objects) {
  for (unsigned Round = 0; Round < MaxBindingRounds; ++Round) {
    bool Changed = false;
    for (const FunctionDecl *F : Path.functions())
      Changed |= bindArguments(F);
    if (!Changed)
      break;
  }
}

bool SharedAliases::bindArguments(const FunctionDecl *F) {
  bool Changed = false;
  for (const VisibleCall &Call : Summaries.of(F).VisibleCalls) {
    unsigned Count = std::min<unsigned>(Call.Args.size(), Call.Callee->getNumParams());
    for (unsigned I = 0; I < Count; ++I) {
      const ParmVarDecl *Param = Call.Callee->getParamDecl(I);
      if (!Call.Args[I] || !isPointerLike(Param->getType()))
        continue;
      addAll(ParamAliases[Param], aliasesOf(Call.Args[I], F), Changed);
    }
  }
  return Changed;
}

llvm::SmallVector<SharedAlias, 2> SharedAliases::aliasesOf(const Expr *E, const FunctionDecl *In,
                                                           unsigned Depth) {
  if (!E || Depth > MaxAliasDepth)
    return {};
  E = stripCopies(E);
  if (!isPointerLike(E->getType()))
    return {};
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee ? returnedAliases(Callee, Call, In, Depth + 1)
                  : llvm::SmallVector<SharedAlias, 2>();
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      return ParamAliases.lookup(Param);
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    // A local copy of a shared pointer is one more name for its pointee.
    if (Var && !Var->hasGlobalStorage())
      return Var->getInit() ? aliasesOf(Var->getInit(), In, Depth + 1)
                            : llvm::SmallVector<SharedAlias, 2>();
  }
  // The pointer itself lives in shared state: a static, a field of a shared
  // object. An element of a container is a slot a key chooses, not the one
  // pointer every request reads.
  AccessPath Path = accessPath(E);
  if (!Path.Indices.empty())
    return {};
  if (const SharedObject *Object = Objects.rootObject(Path.Root, In))
    return {SharedAlias{Object, Path.Field, nullptr}};
  return {};
}

llvm::SmallVector<SharedAlias, 2> SharedAliases::returnedAliases(const FunctionDecl *Callee,
                                                                 const CallExpr *Call,
                                                                 const FunctionDecl *In,
                                                                 unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = Callee->getBody(Definition);
  if (!Body || isLibraryCode(Definition->getASTContext(), Definition) ||
      !isPointerLike(Callee->getReturnType()) || !InProgress.insert(Definition).second)
    return {};
  // The object the call is made on, for members returned from `this`.
  const SharedObject *CalledOn = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    CalledOn = Objects.rootObject(accessPath(Member->getImplicitObjectArgument()).Root, In);

  llvm::SmallVector<SharedAlias, 2> Result;
  bool Changed = false;
  for (const ReturnStmt *Return : returnsOf(Body)) {
    const Expr *Value = Return->getRetValue();
    if (!Value) {
      Result.clear();
      break;
    }
    // `return nullptr;` hands out nothing.
    if (stripCopies(Value)->isNullPointerConstant(Definition->getASTContext(),
                                                  Expr::NPC_ValueDependentIsNotNull))
      continue;
    llvm::SmallVector<SharedAlias, 2> Returned;
    AccessPath Path = accessPath(stripCopies(Value));
    if (CalledOn && isa<CXXThisExpr>(Path.Root) && Path.Field && Path.Indices.empty())
      Returned.push_back({CalledOn, Path.Field, nullptr});
    else
      Returned = aliasesOf(Value, Definition, Depth);
    // Every return must hand out shared state: a function that sometimes
    // makes a fresh object is not an accessor of the shared one.
    if (Returned.empty()) {
      Result.clear();
      break;
    }
    for (SharedAlias &A : Returned)
      if (!A.HandedOutBy)
        A.HandedOutBy = Value;
    addAll(Result, Returned, Changed);
  }
  InProgress.erase(Definition);
  return Result;
}

} // namespace clang::statescope
