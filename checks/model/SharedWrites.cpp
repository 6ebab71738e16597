//===--- SharedWrites.cpp - changes of shared state on the request path ---===//

#include "model/SharedWrites.h"
#include "Frameworks.h"
#include "model/AccessPath.h"
#include "model/LibraryKnowledge.h"
#include "model/SharedAliases.h"
#include "model/SharedOnPurpose.h"
#include "model/TestCode.h"

#include "clang/AST/ExprCXX.h"
#include <set>
#include <tuple>

namespace clang::statescope {

namespace {

class SharedWriteFinder {
public:
  explicit SharedWriteFinder(const SharedWriteInputs &In)
      : In(In), Aliases(In.Summaries, In.Objects, In.Path) {}

  std::vector<SharedWrite> run() {
    std::vector<SharedWrite> Writes;
    std::set<std::tuple<const Expr *, const FieldDecl *, const SharedObject *>> Seen;
    for (const FunctionDecl *F : In.Path.functions()) {
      // A test's handlers serve the test's own requests.
      if (isInTestBody(F, In.Patterns))
        continue;
      size_t FirstOfFunction = Writes.size();
      bool CallerHoldsLock = In.Path.alwaysLocked(F);
      auto Keep = [&](SharedWrite &W) {
        if (isTrustworthy(W) && leavesStateUnsafe(W) &&
            Seen.insert({W.Site, W.Field, W.Target}).second)
          Writes.push_back(W);
      };
      for (Mutation M : In.Summaries.of(F).Mutations) {
        M.UnderLock |= CallerHoldsLock;
        for (SharedWrite &W : writesOf(M, F))
          Keep(W);
      }
      for (SharedWrite &W : sharedPointersPassedOut(F, CallerHoldsLock))
        Keep(W);
      markRestores(llvm::MutableArrayRef<SharedWrite>(Writes).drop_front(FirstOfFunction));
    }
    return Writes;
  }

private:
  /// False for writes in code that did not compile: clang recovers from an
  /// error with invalid declarations and placeholder expressions, and what
  /// they seem to write is a guess. Code around them is still reported.
  static bool isTrustworthy(const SharedWrite &W) {
    auto Invalid = [](const Decl *D) { return D && D->isInvalidDecl(); };
    return !W.Site->containsErrors() && !(W.RequestValue && W.RequestValue->containsErrors()) &&
           !Invalid(W.Function) && !Invalid(W.Field) && !Invalid(W.Target->Key) &&
           !Invalid(W.Target->Variable);
  }

  /// False for writes that keep shared state as safe as it was: synchronised
  /// updates of request-independent data (a pool, a counter under a lock),
  /// types configured as safe to share, and state shared on purpose with a
  /// reason.
  bool leavesStateUnsafe(const SharedWrite &W) const {
    if (W.GuardedSingleSlot && !W.isRequestData())
      return false;
    if (isSafeType(W.Target->ObjectType) || (W.Field && isSafeType(W.Field->getType())))
      return false;
    const Decl *Marked[] = {
        W.Target->Variable, W.Target->Key, W.Field,
        W.Target->ObjectType.isNull() ? nullptr : W.Target->ObjectType->getAsCXXRecordDecl()};
    return llvm::none_of(Marked, [&](const Decl *D) {
      std::optional<std::string> Reason = D ? sharedOnPurposeReason(D, In.Ctx) : std::nullopt;
      return Reason && !Reason->empty();
    });
  }

  bool isSafeType(QualType T) const {
    if (T.isNull() || !In.Patterns.hasSafeTypes())
      return false;
    T = designatedObjectType(T);
    const auto *RD = T->getAsCXXRecordDecl();
    std::string Name = RD ? RD->getQualifiedNameAsString() : T.getUnqualifiedType().getAsString();
    return In.Patterns.isSafeTypeName(Name);
  }

  /// A request value stored and later overwritten in the same function with
  /// something else (the old value, a default): the classic "set, call,
  /// restore" that still leaks to requests running in between.
  static void markRestores(llvm::MutableArrayRef<SharedWrite> Writes) {
    for (SharedWrite &Set : Writes) {
      if (!Set.isRequestData())
        continue;
      for (const SharedWrite &Later : Writes)
        if (&Later != &Set && !Later.isRequestData() && Later.Target == Set.Target &&
            Later.Field == Set.Field && Later.Through == Set.Through &&
            Later.Site->getBeginLoc() > Set.Site->getBeginLoc()) {
          Set.RestoredBy = Later.Site;
          break;
        }
    }
  }

  /// A key that can differ between calls (a host name, a tenant): under a
  /// lock, each key is a slot of its own, as in a per-host client cache.
  /// A constant key (`slots[0]`, `map["current"]`) is one slot for all.
  bool isVariableKey(const Expr *Key) const {
    // A key made from one value (`std::string("current")`, a literal bound
    // to `const std::string &`) is that value.
    for (;;) {
      Key = Key->IgnoreUnlessSpelledInSource();
      if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Key))
        Key = Cast->getSubExpr();
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Key);
               Construct && Construct->getNumArgs() == 1)
        Key = Construct->getArg(0);
      else
        break;
    }
    if (isa<StringLiteral>(Key) || Key->isValueDependent())
      return false;
    return !Key->isIntegerConstantExpr(In.Ctx);
  }

  /// `flag = Action::none` for `Action flag = Action::none;`: a scalar
  /// variable put back to the constant it starts with. Writes like this keep
  /// nothing of any request's, and concurrent ones agree on the value: the
  /// variable leaves its initial value only through code off the request
  /// path (start-up, a test setting a fault-injection flag).
  bool resetsToInitialValue(const Mutation &M, const AccessPath &Path) const {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Path.Root);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || Path.Field || !Path.Indices.empty() || M.Kind != MutationKind::Assign ||
        M.Values.size() != 1 || !Var->getType()->isScalarType() || !Var->getInit() ||
        Var->getInit()->isValueDependent() || M.Values.front()->isValueDependent())
      return false;
    // Scoped enumerators too, which are not integer constant expressions.
    Expr::EvalResult Initial, Stored;
    return Var->getInit()->EvaluateAsInt(Initial, In.Ctx) &&
           M.Values.front()->EvaluateAsInt(Stored, In.Ctx) &&
           llvm::APSInt::isSameValue(Initial.Val.getInt(), Stored.Val.getInt());
  }

  const Expr *firstRequestValue(llvm::ArrayRef<const Expr *> Values) const {
    for (const Expr *V : Values)
      if (In.Data.contains(V))
        return V;
    return nullptr;
  }

  llvm::SmallVector<SharedWrite, 2> writesOf(const Mutation &M, const FunctionDecl *F) {
    llvm::SmallVector<SharedWrite, 2> Result;
    QualType Designated = designatedObjectType(M.Object->getType());
    // `&onceFlag` passed to pthread_once changes a synchronisation object.
    if (isSynchronizationType(M.Object->getType()) ||
        (M.Kind == MutationKind::PassedOut && isSynchronizationType(Designated)) ||
        isSharedByDesign(Designated->getAsCXXRecordDecl()))
      return Result;
    // An atomic is safe for counting and summing, even request-derived
    // amounts; replacing its value with one request's data is a leak.
    if (isAtomicType(M.Object->IgnoreParenImpCasts()->getType()) &&
        !(replacesValue(M) && firstRequestValue(M.Values)))
      return Result;
    AccessPath Path = accessPath(M.Object);
    if ((isa_and_nonnull<CXXThisExpr>(Path.Root) && In.Path.constructs(F)) ||
        resetsToInitialValue(M, Path))
      return Result;
    if (const SharedObject *Target = In.Objects.rootObject(Path.Root, F))
      return writesInto({Target, nullptr, nullptr}, M, F, Path);
    // Through a pointer copied from shared state: the change reaches the
    // shared pointee. Changing the local pointer itself (`p = q`,
    // `p.reset()`) does not.
    if (!Path.Root || M.Object->IgnoreParenImpCasts() == Path.Root)
      return Result;
    // Handed to a function, the pointee counts as changed only when the
    // function is known to change it (`make_shared<T>(*p)` copies it).
    if (M.Kind == MutationKind::PassedOut &&
        (!M.Callee || !In.Effects.knownToWriteParam(M.Callee, M.ParamIndex)))
      return Result;
    for (const SharedAlias &Alias : Aliases.aliasesOf(Path.Root, F))
      Result.append(writesInto(Alias, M, F, Path));
    return Result;
  }

  /// A request-path call that hands a pointer into shared state to a
  /// function this unit cannot read, which another unit says writes through
  /// that parameter. (Functions the unit reads are on the path themselves,
  /// and their writes through the parameter are found there.)
  llvm::SmallVector<SharedWrite, 2> sharedPointersPassedOut(const FunctionDecl *F,
                                                            bool CallerHoldsLock) {
    llvm::SmallVector<SharedWrite, 2> Result;
    for (const Expr *E : In.Summaries.of(F).CallsAndConstructions) {
      const auto *Call = dyn_cast<CallExpr>(E);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (!Callee || Callee->hasBody() || isa<CXXOperatorCallExpr>(Call))
        continue;
      unsigned Count = std::min(Call->getNumArgs(), Callee->getNumParams());
      for (unsigned I = 0; I < Count; ++I) {
        if (!isPointerLike(Callee->getParamDecl(I)->getType()) ||
            !In.Effects.knownToWriteParam(Callee, I))
          continue;
        for (const SharedAlias &Alias : Aliases.aliasesOf(Call->getArg(I), F)) {
          SharedWrite W;
          W.Target = Alias.Object;
          W.Field = Alias.Field;
          W.Kind = WriteKind::PassedOut;
          W.Site = Call;
          W.Function = F;
          W.HandedOutBy = Alias.HandedOutBy;
          W.GuardedKeyedSlot = CallerHoldsLock;
          Result.push_back(W);
        }
      }
    }
    return Result;
  }

  /// The writes M makes into the shared object Root leads to.
  llvm::SmallVector<SharedWrite, 2> writesInto(const SharedAlias &Root, const Mutation &M,
                                               const FunctionDecl *F, AccessPath Path) {
    llvm::SmallVector<SharedWrite, 2> Result;
    // Through a pointer a field of the shared object holds, that field is
    // what changes.
    if (Root.Field)
      Path.Field = Root.Field;
    SharedWrite W;
    W.Target = Root.Object;
    W.Site = M.Site;
    W.Field = Path.Field;
    W.Function = F;
    W.HandedOutBy = Root.HandedOutBy;
    W.RequestValue = firstRequestValue(M.Values);
    bool Keyed = llvm::any_of(Path.Indices, [&](const Expr *I) { return isVariableKey(I); });

    switch (M.Kind) {
    case MutationKind::Assign:
      W.Kind = WriteKind::Assign;
      break;
    case MutationKind::Modify:
      W.Kind = WriteKind::Modify;
      break;
    case MutationKind::PassedOut:
      if (!In.Effects.mayWriteParam(M.Callee, M.ParamIndex))
        return Result;
      W.Kind = WriteKind::PassedOut;
      break;
    case MutationKind::MemberCall: {
      if (!In.Effects.callChangesObject(M.Method))
        return Result;
      W.Through = M.Method;
      const CXXRecordDecl *Class = M.Method->getParent();
      if (isLibraryClass(In.Ctx, Class)) {
        W.Kind = WriteKind::Modify;
        Keyed |= isKeyedInsertion(M.Method) && !M.Values.empty() && isVariableKey(M.Values.front());
        break;
      }
      W.Kind = WriteKind::SetterCall;
      const FieldEffects &Effects = In.Effects.effectsOf(M.Method);
      if (Path.Field || !Effects.Known || Effects.UnknownFields) {
        // The call changes a field we already know, or fields we cannot name.
        Result.push_back(W);
        return Result;
      }
      for (const FieldEffects::Store &Store : Effects.Fields) {
        SharedWrite PerField = W;
        PerField.Field = Store.Field;
        PerField.RequestValue = nullptr;
        for (unsigned P : Store.Params)
          if (P < M.Values.size() && In.Data.contains(M.Values[P])) {
            PerField.RequestValue = M.Values[P];
            break;
          }
        // As for direct writes: under a lock only an assignment is a slot.
        bool Locked = Store.Locked || M.UnderLock;
        PerField.GuardedSingleSlot = Locked && Store.Assigned;
        PerField.GuardedKeyedSlot = Locked && !Store.Assigned;
        Result.push_back(PerField);
      }
      return Result;
    }
    }
    // Under a lock, only an assignment to one place (no key, or a constant
    // one) fills "the current" slot; inserting
    // into a container or handing it to a function (`insert_resource(
    // registry, r)`) under the lock is synchronised bookkeeping whose keys
    // this function may not show.
    W.GuardedKeyedSlot = M.UnderLock && (Keyed || W.Kind != WriteKind::Assign);
    W.GuardedSingleSlot = M.UnderLock && !W.GuardedKeyedSlot;
    Result.push_back(W);
    return Result;
  }

  const SharedWriteInputs &In;
  SharedAliases Aliases;
};

} // namespace

std::vector<SharedWrite> findSharedWrites(const SharedWriteInputs &In) {
  return SharedWriteFinder(In).run();
}

} // namespace clang::statescope
