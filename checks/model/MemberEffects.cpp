//===--- MemberEffects.cpp - what functions change in their arguments -----===//

#include "model/MemberEffects.h"
#include "ASTFacts.h"
#include "model/AccessPath.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::statescope {

namespace {

/// A member function defined in another file stores what that file says,
/// into the fields of the class this file sees.
void effectsFromFacts(const CXXMethodDecl *M, const FunctionFacts &Facts, FieldEffects &Result) {
  Result.Known = true;
  Result.UnknownFields = Facts.StoresUnknown;
  for (const auto &[Name, Params] : Facts.Stores) {
    const FieldDecl *Field = nullptr;
    for (const FieldDecl *Candidate : M->getParent()->fields())
      if (Candidate->getName() == Name)
        Field = Candidate;
    if (!Field) {
      Result.UnknownFields = true;
      continue;
    }
    Result.Fields.push_back({Field, {Params.begin(), Params.end()}, false, true});
  }
}

/// Which parameters each variable of a body is computed from.
class ParameterOrigins {
public:
  ParameterOrigins(const FunctionDecl *Definition, const BodySummary &Body) {
    for (unsigned I = 0; I < Definition->getNumParams(); ++I)
      Origins[Definition->getParamDecl(I)].push_back(I);
    for (const VarDecl *V : Body.InitialisedLocals)
      if (auto Params = paramsIn(V->getInit()); !Params.empty())
        Origins[V] = Params;
  }

  /// The parameters E is computed from.
  llvm::SmallVector<unsigned, 2> paramsIn(const Expr *E) const {
    llvm::SmallVector<unsigned, 2> Found;
    llvm::SmallVector<const Stmt *, 16> Work = {E};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
          if (auto It = Origins.find(Var); It != Origins.end())
            for (unsigned I : It->second)
              if (!llvm::is_contained(Found, I))
                Found.push_back(I);
      // In source order, as the first parameter found is the one reported.
      llvm::SmallVector<const Stmt *, 4> Children(S->children());
      Work.append(Children.rbegin(), Children.rend());
    }
    return Found;
  }

private:
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> Origins;
};

/// Calls F for each member of `this` the statement names.
void forEachMemberOfThis(const Stmt *S, llvm::function_ref<void(const MemberExpr *)> F) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    llvm::function_ref<void(const MemberExpr *)> F;
    bool VisitMemberExpr(MemberExpr *Member) {
      if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        F(Member);
      return true;
    }
  } V;
  V.F = F;
  V.TraverseStmt(const_cast<Stmt *>(S));
}

} // namespace

const FieldEffects &MemberEffects::effectsOf(const FunctionDecl *F, unsigned Depth) {
  if (auto It = Effects.find(F); It != Effects.end())
    return It->second;
  // Inserted before the body is read: a recursive call sees no effects.
  FieldEffects &Result = Effects[F];
  Result = ownEffects(F, Depth);
  // A virtual call stores what any override the unit defines stores.
  if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->isVirtual())
    for (const CXXMethodDecl *Override : Summaries.overriders().of(M)) {
      const FieldEffects &Inner = effectsOf(Override, Depth + 1);
      Result.Known |= Inner.Known;
      Result.UnknownFields |= Inner.UnknownFields;
      for (const FieldEffects::Store &Store : Inner.Fields) {
        auto *Entry =
            llvm::find_if(Result.Fields, [&](const auto &E) { return E.Field == Store.Field; });
        if (Entry == Result.Fields.end()) {
          Result.Fields.push_back(Store);
          continue;
        }
        Entry->Locked &= Store.Locked;
        Entry->Assigned |= Store.Assigned;
        for (unsigned P : Store.Params)
          if (!llvm::is_contained(Entry->Params, P))
            Entry->Params.push_back(P);
      }
    }
  return Result;
}

FieldEffects MemberEffects::ownEffects(const FunctionDecl *F, unsigned Depth) {
  FieldEffects Result;
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = F->getBody(Definition);
  // As for calls and parameter writes, a library's code is not read: what
  // its members change follows the library rule (callChangesObject),
  // whether or not clang parsed the body (the CLI skips those bodies).
  if (Body && isLibraryCode(Ctx, Definition))
    Body = nullptr;
  if (!Body) {
    if (const FunctionFacts *Facts = Program.factsOf(F); Facts && isa<CXXMethodDecl>(F))
      effectsFromFacts(cast<CXXMethodDecl>(F), *Facts, Result);
    return Result;
  }
  if (Depth > MaxCallDepth)
    return Result;
  Result.Known = true;

  const BodySummary &Summary = Summaries.of(Definition);
  const ParameterOrigins Origins(Definition, Summary);
  auto Store = [&](const FieldDecl *Field, llvm::ArrayRef<unsigned> Params, bool Locked,
                   bool Assigned) {
    auto *Entry = llvm::find_if(Result.Fields, [&](const auto &E) { return E.Field == Field; });
    if (Entry == Result.Fields.end()) {
      Result.Fields.push_back({Field, {}, Locked, Assigned});
      Entry = &Result.Fields.back();
    }
    Entry->Locked &= Locked;
    Entry->Assigned |= Assigned;
    for (unsigned P : Params)
      if (!llvm::is_contained(Entry->Params, P))
        Entry->Params.push_back(P);
  };

  for (const Mutation &M : Summary.Mutations) {
    QualType Written = M.Object->IgnoreParenImpCasts()->getType();
    if (isSynchronizationType(Written) || (isAtomicType(Written) && !replacesValue(M)))
      continue;
    AccessPath Path = accessPath(M.Object);
    if (!isa_and_nonnull<CXXThisExpr>(Path.Root))
      continue;
    llvm::SmallVector<unsigned, 2> Params;
    for (const Expr *V : M.Values)
      for (unsigned P : Origins.paramsIn(V))
        Params.push_back(P);
    // Under a lock, into the slot a parameter chooses: a store per key, as
    // safe for the caller as the same store written at the call.
    bool KeyedByParameter =
        llvm::any_of(Path.Indices, [&](const Expr *I) { return !Origins.paramsIn(I).empty(); }) ||
        (M.Kind == MutationKind::MemberCall && isKeyedInsertion(M.Method) && !M.Values.empty() &&
         !Origins.paramsIn(M.Values.front()).empty());
    if (M.UnderLock && KeyedByParameter)
      continue;
    if (M.Kind == MutationKind::MemberCall) {
      if (!callChangesObject(M.Method, Depth + 1))
        continue;
      // A member whose object guards its own state (a locked database
      // handle, a pool) changes nothing a caller must synchronise.
      const FieldEffects &Callee = effectsOf(M.Method, Depth + 1);
      if (Path.Field && Callee.Known && !Callee.UnknownFields &&
          llvm::all_of(Callee.Fields, [](const FieldEffects::Store &S) { return S.Locked; }))
        continue;
      if (!Path.Field) {
        // Another member function of this object: it stores what it stores,
        // with our arguments in place of its parameters.
        Result.UnknownFields |= Callee.UnknownFields || !Callee.Known;
        for (const FieldEffects::Store &Inner : Callee.Fields) {
          llvm::SmallVector<unsigned, 2> Mapped;
          for (unsigned P : Inner.Params)
            if (P < M.Values.size())
              for (unsigned Q : Origins.paramsIn(M.Values[P]))
                Mapped.push_back(Q);
          Store(Inner.Field, Mapped, Inner.Locked || M.UnderLock, Inner.Assigned);
        }
        continue;
      }
    }
    if (Path.Field)
      Store(Path.Field, Params, M.UnderLock, M.Kind == MutationKind::Assign);
    else
      Result.UnknownFields = true;
  }
  return Result;
}

bool MemberEffects::looksLikeASetter(const CXXMethodDecl *M) const {
  return M->getDeclName().isIdentifier() && Patterns.isSetterName(M->getName());
}

bool MemberEffects::callChangesObject(const CXXMethodDecl *M, unsigned Depth) {
  if (!M || M->isConst() || M->isStatic())
    return false;
  const CXXRecordDecl *Class = M->getParent();
  bool NamedLikeASetter = looksLikeASetter(M);
  if (isInStdNamespace(Class))
    return !isReadOnlyLibraryMember(M);
  // Other libraries' classes: loggers, clients and pools have many
  // non-const members that store nothing a request could see; only the
  // names that say "store" count.
  if (isLibraryClass(Ctx, Class)) {
    if (isLibraryMutator(M))
      return true;
    if (!NamedLikeASetter)
      return false;
    // The name says it stores; a body the unit reads (a framework's header
    // in the project's tree: `bool useSendfile() { return useSendfile_; }`)
    // can say it does not.
    const FunctionDecl *Definition = nullptr;
    if (M->getBody(Definition) && !isLibraryCode(Ctx, Definition))
      if (const FieldEffects &E = effectsOf(M, Depth); E.Known)
        return E.writesAnything();
    return true;
  }
  const FieldEffects &E = effectsOf(M, Depth);
  if (E.Known)
    return E.writesAnything();
  return NamedLikeASetter;
}

bool MemberEffects::mayWriteParam(const FunctionDecl *F, unsigned Index) {
  if (!F)
    return true;
  const FunctionDecl *Definition = nullptr;
  if (F->getBody(Definition) && !isLibraryCode(Ctx, Definition))
    return llvm::is_contained(paramsWritten(Definition), Index);
  if (const FunctionFacts *Facts = Program.factsOf(F); Facts && Facts->WritesParamsKnown)
    return llvm::is_contained(Facts->WritesParams, Index);
  return true;
}

bool MemberEffects::knownToWriteParam(const FunctionDecl *F, unsigned Index) {
  const FunctionDecl *Definition = nullptr;
  if (F->getBody(Definition))
    return !isLibraryCode(Ctx, Definition) && llvm::is_contained(paramsWritten(Definition), Index);
  const FunctionFacts *Facts = Program.factsOf(F);
  return Facts && Facts->WritesParamsKnown && llvm::is_contained(Facts->WritesParams, Index);
}

const std::vector<unsigned> &MemberEffects::paramsWritten(const FunctionDecl *Definition) {
  // Inserted before the body is read: a recursive call sees no writes.
  if (auto [It, New] = ParamsWritten.try_emplace(Definition); !New)
    return It->second;
  const BodySummary &Body = Summaries.of(Definition);
  // Local references and pointers bound to a parameter (`auto &r = p;`,
  // `T *q = &p;`) write into it; chains of them are followed.
  llvm::DenseMap<const VarDecl *, const ParmVarDecl *> AliasOf;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const VarDecl *V : Body.InitialisedLocals) {
      if (AliasOf.count(V) || (!V->getType()->isReferenceType() && !V->getType()->isPointerType()))
        continue;
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(accessPath(V->getInit()).Root);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      const ParmVarDecl *Param = dyn_cast_or_null<ParmVarDecl>(Var);
      if (!Param && Var)
        Param = AliasOf.lookup(Var);
      if (Param && Param->getDeclContext() == Definition)
        Changed |= AliasOf.try_emplace(V, Param).second;
    }
  }
  std::vector<unsigned> Written;
  for (const Mutation &M : Body.Mutations) {
    if (M.Kind == MutationKind::MemberCall && !callChangesObject(M.Method))
      continue;
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(accessPath(M.Object).Root);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    const ParmVarDecl *Param = dyn_cast_or_null<ParmVarDecl>(Var);
    if (!Param && Var)
      Param = AliasOf.lookup(Var);
    if (Param && Param->getDeclContext() == Definition &&
        !llvm::is_contained(Written, Param->getFunctionScopeIndex()))
      Written.push_back(Param->getFunctionScopeIndex());
  }
  return ParamsWritten[Definition] = std::move(Written);
}

bool MemberEffects::readsObject(const CXXMethodDecl *M) {
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = M->getBody(Definition);
  if (!Body)
    return !looksLikeASetter(M);
  llvm::DenseSet<const Expr *> Assigned;
  for (const Mutation &Mut : Summaries.of(Definition).Mutations)
    if (Mut.Kind == MutationKind::Assign)
      Assigned.insert(Mut.Object->IgnoreParenImpCasts());
  bool Reads = false;
  forEachMemberOfThis(Body, [&](const MemberExpr *Member) { Reads |= !Assigned.contains(Member); });
  return Reads;
}

} // namespace clang::statescope
