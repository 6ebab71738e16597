//===--- BodySummary.cpp - one scan of a function body --------------------===//

#include "model/BodySummary.h"
#include "ASTFacts.h"
#include "Frameworks.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"
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
/// runs with a lock held exclusively: a guard declared earlier in an
/// enclosing block (or in the initialiser of an enclosing `if`, `switch` or
/// loop) that was not made unlocked and has not been unlocked since. A
/// lambda handed over to run later starts with no lock held.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  BodyScanner(const ASTContext &Ctx, BodySummaries &All, BodySummary &Summary)
      : Ctx(Ctx), All(All), Summary(Summary) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  /// Scans a constructor's member and base initialisers, which run before
  /// its body (default member initialisers among them).
  void scanInitialisers(const CXXConstructorDecl *Constructor) {
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getInit())
        TraverseStmt(Init->getInit());
  }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseCompoundStmt(S); });
  }
  bool TraverseIfStmt(IfStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseIfStmt(S); });
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseSwitchStmt(S); });
  }
  bool TraverseForStmt(ForStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseCXXForRangeStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return inScope([&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Initialisation run once (std::call_once), a slot that runs when its
    // signal fires: not code of every call.
    if (RunsElsewhere.contains(Lambda))
      return true;
    if (!RunsLater.contains(Lambda))
      return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    Barriers.push_back(Scopes.size());
    bool Result = inScope([&] { return RecursiveASTVisitor::TraverseLambdaExpr(Lambda); });
    Barriers.pop_back();
    return Result;
  }

  /// The initialiser of a function-local static runs once, under the
  /// language's lock: initialisation, not code of every call.
  bool TraverseVarDecl(VarDecl *V) {
    if (V->isStaticLocal() && V->getInit())
      return WalkUpFromVarDecl(V);
    return RecursiveASTVisitor::TraverseVarDecl(V);
  }

  bool VisitVarDecl(VarDecl *V) {
    if (lockHeldBy(V) == LockHold::Exclusive || isGuardType(V))
      Scopes.back().push_back({V, lockHeldBy(V) == LockHold::Exclusive});
    if (V->getInit() && V->hasLocalStorage())
      Summary.InitialisedLocals.push_back(V);
    return true;
  }

  /// A default argument runs at the call, a default member initialiser where
  /// the object is built; neither is a child of the expression that uses it.
  bool VisitCXXDefaultArgExpr(CXXDefaultArgExpr *E) { return TraverseStmt(E->getExpr()); }
  bool VisitCXXDefaultInitExpr(CXXDefaultInitExpr *E) { return TraverseStmt(E->getExpr()); }
  /// Aggregate initialisation (`Order order{}`) runs the default member
  /// initialisers of the members it leaves out; they are in the semantic
  /// form of the braces only.
  bool VisitInitListExpr(InitListExpr *List) {
    if (const InitListExpr *Semantic = List->getSemanticForm())
      for (const Expr *Init : Semantic->inits())
        if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Init))
          TraverseStmt(const_cast<Expr *>(Default->getExpr()));
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
    noteWorkRunningLater(Call);
    noteGuardCall(Call);
    if (std::optional<TableCall> ThroughTable = callThroughTable(Call))
      for (const FunctionDecl *Entry : All.handlerTables().entriesOf(ThroughTable->Table)) {
        addVisibleCall(Entry, Call, ThroughTable->Args);
        // A member function run through a pointer changes its object as a
        // direct call of it would.
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Entry);
            Method && ThroughTable->Object && !Method->isConst())
          addMutation(MutationKind::MemberCall, ThroughTable->Object, Call, ThroughTable->Args,
                      Method);
      }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee))
      Args = Args.drop_front();
    addVisibleCall(Callee, Call, Args);
    if (const CXXMethodDecl *Virtual = virtualCallee(Call))
      for (const CXXMethodDecl *Override : All.overriders().of(Virtual))
        addVisibleCall(Override, Call, Args);
    addMutationsOfCall(Call, Callee);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Summary.CallsAndConstructions.push_back(Construct);
    noteWorkRunningLater(Construct);
    addVisibleCall(Construct->getConstructor(), Construct,
                   {Construct->getArgs(), Construct->getNumArgs()});
    return true;
  }

private:
  /// Runs Traverse in a scope of its own: guards declared in it end with it.
  template <typename TraverseFn> bool inScope(TraverseFn Traverse) {
    Scopes.emplace_back();
    bool Result = Traverse();
    Scopes.pop_back();
    return Result;
  }

  bool underLock() const {
    unsigned From = Barriers.empty() ? 0 : Barriers.back();
    for (unsigned I = From; I < Scopes.size(); ++I)
      for (const auto &[Guard, Held] : Scopes[I])
        if (Held)
          return true;
    return false;
  }

  /// A guard that can be locked later (a unique_lock made with defer_lock).
  static bool isGuardType(const VarDecl *V) {
    const auto *RD = V->getType()->getAsCXXRecordDecl();
    return RD && !V->getType()->isReferenceType() && RD->getDeclName().isIdentifier() &&
           isInStdNamespace(RD) && RD->getName() == "unique_lock";
  }

  /// `guard.unlock()` ends the hold, `guard.lock()` takes it again; a
  /// `try_lock()` may fail and is not counted.
  void noteGuardCall(const CallExpr *Call) {
    const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *Method = MemberCall ? MemberCall->getMethodDecl() : nullptr;
    if (!Method || !Method->getDeclName().isIdentifier())
      return;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(MemberCall->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (!Ref)
      return;
    for (auto &Scope : Scopes)
      for (auto &[Guard, Held] : Scope)
        if (Guard == Ref->getDecl()) {
          if (llvm::is_contained({"unlock", "release"}, Method->getName()))
            Held = false;
          else if (Method->getName() == "lock")
            Held = true;
        }
  }

  /// Lambdas handed over to run later (posted, given to a thread or a
  /// completion): the locks held where they are written are not held where
  /// they run.
  void noteWorkRunningLater(const Expr *Site) {
    for (const DeferredWork &Work : deferredWorkOf(Site))
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Work.Callable))
        RunsLater.insert(Lambda);
    if (const auto *Call = dyn_cast<CallExpr>(Site);
        Call && (isRunOnceCall(Call) || isSignalConnection(Call)))
      for (const Expr *Arg : Call->arguments())
        if (const auto *Lambda = dyn_cast<LambdaExpr>(ignoreWrappers(Arg)))
          RunsElsewhere.insert(Lambda);
  }

  void addVisibleCall(const FunctionDecl *Callee, const Expr *Site,
                      llvm::ArrayRef<const Expr *> Args) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->getBody(Definition) || isLibraryCode(Ctx, Definition))
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
      // `map[key]` inserts the key when it is missing: a change of the map
      // even when the slot is only read. A slot the enclosing expression
      // changes is that expression's mutation already.
      if (insertsMissingKey(M) && !ChangedSlots.contains(Op))
        addMutation(MutationKind::MemberCall, Op->getArg(0), Op, {Op->getArg(1)}, M);
      return;
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
    if (const auto *Slot = dyn_cast<CXXOperatorCallExpr>(Object->IgnoreParenImpCasts());
        Slot && Slot->getOperator() == OO_Subscript)
      ChangedSlots.insert(Slot);
    Mutation M{Kind, Object, Site, {}, Method, underLock(), Callee, ParamIndex};
    for (const Expr *V : Values)
      if (V)
        M.Values.push_back(V);
    Summary.Mutations.push_back(std::move(M));
  }

  const ASTContext &Ctx;
  BodySummaries &All;
  BodySummary &Summary;
  /// One entry per enclosing scope: the guards declared in it, and whether
  /// each holds its lock now.
  llvm::SmallVector<llvm::SmallVector<std::pair<const VarDecl *, bool>, 1>, 8> Scopes = {{}};
  /// Scopes below these indices belong to code that created a lambda which
  /// runs later: their locks are not held in it.
  llvm::SmallVector<unsigned, 2> Barriers;
  llvm::DenseSet<const LambdaExpr *> RunsLater;
  /// Subscripts whose slot an enclosing expression changes (`m[k] = v`),
  /// met before the subscript itself.
  llvm::DenseSet<const CXXOperatorCallExpr *> ChangedSlots;
  /// Lambdas given to std::call_once and its like, and slots connected to
  /// a signal.
  llvm::DenseSet<const LambdaExpr *> RunsElsewhere;
};

} // namespace

const BodySummary &BodySummaries::of(const FunctionDecl *F) {
  const FunctionDecl *Definition = nullptr;
  const Stmt *Body = F->getBody(Definition);
  std::unique_ptr<BodySummary> &Slot = Summaries[Definition ? Definition : F];
  if (!Slot) {
    Slot = std::make_unique<BodySummary>();
    BodyScanner Scanner(Ctx, *this, *Slot);
    if (const auto *Constructor = dyn_cast_or_null<CXXConstructorDecl>(Definition))
      Scanner.scanInitialisers(Constructor);
    if (Body)
      Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  }
  return *Slot;
}

const HandlerTables &BodySummaries::handlerTables() {
  if (!Tables)
    Tables.emplace(Ctx);
  return *Tables;
}

const VirtualOverriders &BodySummaries::overriders() {
  if (!Overriders)
    Overriders.emplace(Ctx);
  return *Overriders;
}

} // namespace clang::statescope
