//===--- RequestData.cpp - what holds the request's data ------------------===//

#include "model/RequestData.h"
#include "ASTFacts.h"
#include "Frameworks.h"
#include "model/AccessPath.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/ExprCXX.h"

namespace clang::statescope {

namespace {
/// The locals and fields of `this` that an argument lets a call fill:
/// `buffer`, `asio::buffer(data)`, `&request_`. Lambdas are not looked
/// into: what they capture is not filled.
void forEachFilledTarget(const Stmt *Argument, llvm::function_ref<void(const VarDecl *)> OnVar,
                         llvm::function_ref<void(const FieldDecl *)> OnField) {
  llvm::SmallVector<const Stmt *, 16> Work = {Argument};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage())
        OnVar(Var);
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(S))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
        OnField(Field);
        continue;
      }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}
} // namespace

RequestData::RequestData(const HandlerSet &Handlers, const RequestPath &Path,
                         BodySummaries &Summaries) {
  for (const auto &H : Handlers.Handlers)
    for (unsigned I = 0; I < H->Function->getNumParams(); ++I)
      if (!H->RequestParams || llvm::is_contained(*H->RequestParams, I))
        Variables.insert(H->Function->getParamDecl(I));

  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionDecl *F : Path.functions()) {
      Changed |= propagateWithin(F, Summaries);
      for (const VisibleCall &Call : Summaries.of(F).VisibleCalls) {
        const FunctionDecl *Callee = Call.Callee;
        for (unsigned I = 0; I < Call.Args.size() && I < Callee->getNumParams(); ++I)
          if (contains(Call.Args[I]))
            Changed |= Variables.insert(Callee->getParamDecl(I)).second;
      }
    }
  }
}

/// Locals initialised, assigned or filled from request data become request
/// data, and so do fields of `this` that are stored into from it.
bool RequestData::propagateWithin(const FunctionDecl *F, BodySummaries &Summaries) {
  const BodySummary &Body = Summaries.of(F);
  bool Changed = false;
  for (const VarDecl *V : Body.InitialisedLocals)
    if (contains(V->getInit()))
      Changed |= Variables.insert(V).second;

  // Data read from the client is request data wherever it lands, and so is
  // what a continuation receives from request data
  // (`request.extract_string().then([](std::string body) {...})`).
  for (const Expr *Site : Body.CallsAndConstructions) {
    const auto *Call = dyn_cast<CallExpr>(Site);
    if (!Call)
      continue;
    if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
        MemberCall && contains(MemberCall->getImplicitObjectArgument()))
      for (const Expr *Arg : Call->arguments())
        if (const auto *Lambda = dyn_cast<LambdaExpr>(ignoreWrappers(Arg)))
          for (const ParmVarDecl *P : Lambda->getCallOperator()->parameters())
            Changed |= Variables.insert(P).second;
    for (const Expr *Filled : requestInputsOf(Call))
      forEachFilledTarget(
          Filled, [&](const VarDecl *Var) { Changed |= Variables.insert(Var).second; },
          [&](const FieldDecl *Field) { Changed |= Fields.insert(Field).second; });
  }

  // A field of the object a request-path method runs on keeps request data
  // for its later readers (a gRPC CallData's `currentUser_`).
  for (const Mutation &M : Body.Mutations) {
    if (llvm::none_of(M.Values, [&](const Expr *V) { return contains(V); }))
      continue;
    AccessPath Path = accessPath(M.Object);
    if (isa_and_nonnull<CXXThisExpr>(Path.Root) && Path.Field) {
      Changed |= Fields.insert(Path.Field).second;
      continue;
    }
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Path.Root);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && !Var->hasGlobalStorage() && !Var->getType()->isReferenceType())
      Changed |= Variables.insert(Var).second;
  }
  return Changed;
}

bool RequestData::contains(const Expr *Root) const {
  // A worklist, not recursion: generated code nests expressions tens of
  // thousands deep (`a + a + ... + a`), deeper than a thread's stack.
  llvm::SmallVector<const Expr *, 16> Work = {Root};
  while (!Work.empty()) {
    const Expr *E = Work.pop_back_val();
    if (!E)
      continue;
    E = E->IgnoreParenImpCasts();
    // The current time, even with a request's offset added, is not what
    // the request sent.
    if (isa<LambdaExpr, CXXThisExpr>(E) || readsClock(E))
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Variables.contains(Var))
        return true;
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && Fields.contains(Field) &&
          isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return true;
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        Work.push_back(ChildExpr);
  }
  return false;
}

} // namespace clang::statescope
