//===--- Timeline.cpp - what a body does to state, in order ---------------===//

#include "model/Timeline.h"
#include "ASTFacts.h"
#include "Frameworks.h"
#include "model/AccessPath.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::statescope {

unsigned Event::rank() const {
  switch (Kind) {
  case EventKind::Read:
    return 0;
  case EventKind::Suspend:
    return 2;
  case EventKind::Defer:
    return 3;
  case EventKind::Write:
    return BeforeSuspension ? 1 : 4;
  }
  return 4;
}

const VarDecl *threadLocalAt(const Expr *Root) {
  const VarDecl *Var = nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Root))
    Var = dyn_cast<VarDecl>(Ref->getDecl());
  else if (const auto *Call = dyn_cast_or_null<CallExpr>(Root); Call && Call->getDirectCallee())
    Var = returnedStatic(Call->getDirectCallee());
  return Var && Var->getTLSKind() ? Var->getCanonicalDecl() : nullptr;
}

/// Collects the events of one body. Work handed over to run later is not
/// part of the body's timeline: it becomes one Defer event.
class TimelineCollector : public RecursiveASTVisitor<TimelineCollector> {
public:
  TimelineCollector(Timelines &All, const FunctionDecl *F, unsigned Depth, Timeline &T)
      : All(All), F(F), Depth(Depth), T(T) {}

  void collect(const Stmt *Body) {
    findDeferredWork();
    // Writes first, so the accesses they make are not also reads.
    for (const Mutation &M : All.Summaries.of(F).Mutations)
      addWrite(M);
    TraverseStmt(const_cast<Stmt *>(Body));
  }

  bool shouldVisitImplicitCode() const { return false; }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && Var->hasGlobalStorage())
      addRead(Ref);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (isa<FieldDecl>(Member->getMemberDecl()))
      if (const auto *This = dyn_cast<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        addRead(This, Member);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Call->isTypeDependent())
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && returnedStatic(Callee)) {
      addRead(Call); // An accessor names its state; its body is not a read.
      return true;
    }
    bool GivenYield = llvm::any_of(Call->arguments(),
                                   [](const Expr *Arg) { return isYieldContext(Arg->getType()); });
    const FunctionDecl *Definition = nullptr;
    bool Visible = Callee && Callee->getBody(Definition) && !isLibraryCode(All.Ctx, Definition);
    if (Visible)
      inlineCall(Call, Definition);
    if (GivenYield && (!Visible || All.of(Definition, Depth + 1).SuspendsCaller)) {
      addSuspension(Call, SuspensionKind::StackfulYield);
      T.SuspendsCaller = true;
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const FunctionDecl *Definition = nullptr;
    if (!Construct->isTypeDependent() && Construct->getConstructor()->getBody(Definition) &&
        !isLibraryCode(All.Ctx, Definition))
      inlineCall(Construct, Definition);
    return true;
  }

  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    suspendAt(Await);
    return true;
  }
  bool VisitCoyieldExpr(CoyieldExpr *Yield) {
    suspendAt(Yield);
    return true;
  }

private:
  unsigned positionOf(SourceLocation Loc) const {
    const SourceManager &SM = All.Ctx.getSourceManager();
    return SM.getFileOffset(SM.getExpansionLoc(Loc));
  }

  /// Hands-over of work: each is a Defer event, and what it runs is left out
  /// of this body's timeline.
  void findDeferredWork() {
    for (const Expr *Site : All.Summaries.of(F).CallsAndConstructions)
      for (const DeferredWork &Work : deferredWorkOf(Site)) {
        const FunctionDecl *Runs = nullptr;
        if (const auto *Lambda = dyn_cast<LambdaExpr>(Work.Callable)) {
          Runs = Lambda->getCallOperator();
          Skipped.push_back({positionOf(Lambda->getBody()->getBeginLoc()),
                             positionOf(Lambda->getBody()->getEndLoc())});
        } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Work.Callable->IgnoreParenImpCasts())) {
          Runs = dyn_cast<FunctionDecl>(Ref->getDecl());
        }
        if (!Runs || !Runs->hasBody())
          continue;
        Event E{EventKind::Defer, positionOf(Site->getEndLoc()), {}, Site};
        E.How = SuspensionKind::DeferredWork;
        E.Deferred = Runs;
        E.HandedOverWork = Work.Description;
        T.Events.push_back(std::move(E));
      }
  }

  bool skipped(unsigned Position) const {
    return llvm::any_of(Skipped, [&](const std::pair<unsigned, unsigned> &Range) {
      return Range.first <= Position && Position <= Range.second;
    });
  }

  void add(Event E) {
    if (!skipped(E.Position))
      T.Events.push_back(std::move(E));
  }

  void addWrite(const Mutation &M) {
    const Expr *Root = accessPath(M.Object).Root;
    TrackedState Target;
    const SharedWrite *Shared = nullptr;
    if (const VarDecl *Var = threadLocalAt(Root)) {
      // Counting into a per-thread number sets no value of this request's.
      bool Accumulates = M.Kind == MutationKind::Modify && Var->getType()->isArithmeticType();
      if (Accumulates ||
          (M.Kind == MutationKind::MemberCall && !All.Effects.callChangesObject(M.Method)) ||
          (M.Kind == MutationKind::PassedOut && !All.Effects.mayWriteParam(M.Callee, M.ParamIndex)))
        return;
      Target.ThreadLocal = Var;
    } else if (auto It = All.WritesBySite.find(M.Site); It != All.WritesBySite.end()) {
      Shared = It->second;
      Target.Object = Shared->Target;
      // `manager.createOrder()` stores an order and reads the context.
      if (M.Kind == MutationKind::MemberCall && All.Effects.readsObject(M.Method))
        add({EventKind::Read, positionOf(M.Site->getBeginLoc()), Target, M.Site});
    } else {
      return;
    }
    Consumed.insert(Root);
    Event E{EventKind::Write, positionOf(M.Site->getEndLoc()), Target, M.Site};
    E.Shared = Shared;
    add(std::move(E));
  }

  void addRead(const Expr *Root, const Expr *Access = nullptr) {
    if (Consumed.contains(Root))
      return;
    TrackedState Target;
    Target.ThreadLocal = threadLocalAt(Root);
    if (!Target.ThreadLocal)
      Target.Object = All.Objects.rootObject(Root, F);
    if (Target)
      add({EventKind::Read, positionOf((Access ? Access : Root)->getBeginLoc()), Target,
           Access ? Access : Root});
  }

  /// What a called function reads before writing it, and what it writes,
  /// happen at the call (after its arguments).
  void inlineCall(const Expr *Call, const FunctionDecl *Callee) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(Callee); M && M->getParent()->isLambda())
      return; // A lambda's body is visited where it is written.
    // A recursive call adds nothing the body does not already show.
    if (All.Unfinished.contains(Callee))
      return;
    const Timeline &Inner = All.of(Callee, Depth + 1);
    unsigned Position = positionOf(Call->getEndLoc());
    llvm::DenseSet<const void *> Written;
    for (auto It = Inner.Events.begin(); It != Inner.Events.end(); ++It) {
      const Event &E = *It;
      if (E.Kind == EventKind::Write) {
        Written.insert(E.Target.key());
        Event Outer{EventKind::Write, Position, E.Target, Call, E.Inside ? E.Inside : E.Site};
        Outer.Shared = E.Shared;
        Outer.BeforeSuspension = std::any_of(It, Inner.Events.end(), [](const Event &Later) {
          return Later.Kind == EventKind::Suspend;
        });
        add(std::move(Outer));
      } else if (E.Kind == EventKind::Read && !Written.contains(E.Target.key())) {
        add({EventKind::Read, Position, E.Target, Call, E.Inside ? E.Inside : E.Site});
      }
    }
  }

  void suspendAt(const CoroutineSuspendExpr *E) {
    if (E->getOperand()->isTypeDependent() || awaitNeverSuspends(E, All.Ctx))
      return;
    addSuspension(E, SuspensionKind::Await);
  }

  void addSuspension(const Expr *Site, SuspensionKind How) {
    Event E{EventKind::Suspend, positionOf(Site->getEndLoc()), {}, Site};
    E.How = How;
    add(std::move(E));
  }

  Timelines &All;
  const FunctionDecl *F;
  unsigned Depth;
  Timeline &T;
  llvm::DenseSet<const Expr *> Consumed;
  std::vector<std::pair<unsigned, unsigned>> Skipped;
};

const Timeline &Timelines::of(const FunctionDecl *F, unsigned Depth) {
  if (auto It = Built.find(F); It != Built.end())
    return It->second;
  // Inserted before the body is read, so recursion sees an empty timeline.
  Timeline &T = Built[F];
  const Stmt *Body = F->getBody();
  if (!Body || isLibraryCode(Ctx, F) || Depth > MaxCallDepth)
    return T;
  Unfinished.insert(F);
  TimelineCollector(*this, F, Depth, T).collect(Body);
  Unfinished.erase(F);
  // Events at one position keep the order they were found in.
  std::vector<std::pair<const Event *, unsigned>> Order;
  for (const Event &E : T.Events)
    Order.push_back({&E, static_cast<unsigned>(Order.size())});
  llvm::sort(Order, [](const auto &A, const auto &B) {
    return std::make_tuple(A.first->Position, A.first->rank(), A.second) <
           std::make_tuple(B.first->Position, B.first->rank(), B.second);
  });
  std::vector<Event> Sorted;
  for (const auto &Entry : Order)
    Sorted.push_back(*Entry.first);
  T.Events = std::move(Sorted);
  return T;
}

} // namespace clang::statescope
