//===--- StaleReads.cpp - values a request reads back after it stopped ----===//

#include "model/StaleReads.h"
#include "Frameworks.h"
#include "model/AccessPath.h"
#include "model/EventOrder.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/MapVector.h"
#include <deque>
#include <map>
#include <set>

namespace clang::statescope {

namespace {

/// A cheap test before building a timeline: can F stop running part way?
bool mayStopRunning(const FunctionDecl *F) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *) { return !(Found = true); }
    bool VisitCallExpr(CallExpr *Call) {
      Found |= !deferredWorkOf(Call).empty() ||
               llvm::any_of(Call->arguments(),
                            [](const Expr *Arg) { return isYieldContext(Arg->getType()); });
      return !Found;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      Found |= !deferredWorkOf(Construct).empty();
      return !Found;
    }
  } Find;
  Find.TraverseStmt(F->getBody());
  return Find.Found;
}

/// "currentUser", or "RequestContext::current()" for the thread_local inside
/// an accessor.
std::string nameOfThreadLocal(const VarDecl *Var) {
  // As the code spells it: no "(anonymous namespace)::".
  PrintingPolicy Policy(Var->getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  if (const auto *Accessor = dyn_cast<FunctionDecl>(Var->getDeclContext())) {
    Accessor->printQualifiedName(OS, Policy);
    return OS.str() + "()";
  }
  Var->printQualifiedName(OS, Policy);
  return OS.str();
}

class StaleReadFinder {
public:
  StaleReadFinder(const RequestPath &Path, Timelines &All,
                  const llvm::DenseSet<const VarDecl *> &ThreadLocalsWithRequestData)
      : Path(Path), All(All), ThreadLocalsWithRequestData(ThreadLocalsWithRequestData) {}

  std::vector<StaleRead> run() {
    std::deque<const FunctionDecl *> Queue(Path.functions().begin(), Path.functions().end());
    llvm::DenseSet<const FunctionDecl *> Done;
    while (!Queue.empty()) {
      const FunctionDecl *F = Queue.front();
      Queue.pop_front();
      if (!Done.insert(F).second || !mayStopRunning(F))
        continue;
      followTimeline(F, [&](const FunctionDecl *Deferred) { Queue.push_back(Deferred); });
    }
    findStaleAcrossCallbacks();
    return std::move(Found);
  }

private:
  /// What may hold for one state at a point of a body, on some path to it,
  /// with the events that show it.
  struct MayHold {
    /// Set by this request, and no suspension since: the write.
    const Event *Fresh = nullptr;
    /// Set by this request, and suspended since: the write and the first
    /// suspension after it.
    const Event *StaleWrite = nullptr;
    const Event *Since = nullptr;
  };
  using Facts = std::map<const void *, MayHold>;

  /// Adds what From may hold to Into; true when Into changed. A fact keeps
  /// the events it was first shown by, so the fixpoint is reached.
  static bool merge(Facts &Into, const Facts &From) {
    bool Changed = false;
    for (const auto &[Key, Incoming] : From) {
      MayHold &Held = Into[Key];
      if (!Held.Fresh && Incoming.Fresh) {
        Held.Fresh = Incoming.Fresh;
        Changed = true;
      }
      if (!Held.StaleWrite && Incoming.StaleWrite) {
        Held.StaleWrite = Incoming.StaleWrite;
        Held.Since = Incoming.Since;
        Changed = true;
      }
    }
    return Changed;
  }

  /// What holds after E, given what held before it.
  static void step(Facts &Held, const Event &E) {
    if (E.Kind == EventKind::Write) {
      Held[E.Target.key()] = {&E, nullptr, nullptr};
    } else if (E.Kind == EventKind::Suspend) {
      for (auto &Entry : Held) {
        MayHold &State = Entry.second;
        if (State.Fresh && !State.StaleWrite) {
          State.StaleWrite = State.Fresh;
          State.Since = &E;
        }
        State.Fresh = nullptr;
      }
    }
  }

  /// A forward may-dataflow over F's control flow: a read is stale when a
  /// path reaches it from a write of the same state through a suspension,
  /// with no write in between (a catch handler is reached from every point
  /// of its try block); work handed over reads what was set on any path to
  /// the hand-over.
  void followTimeline(const FunctionDecl *F,
                      llvm::function_ref<void(const FunctionDecl *)> OnDeferred) {
    const std::vector<Event> &Events = All.of(F).Events;
    const EventFlow Flow = orderByControlFlow(F, Events);
    std::vector<Facts> AtStart(Flow.Blocks.size());
    std::vector<bool> Reached(Flow.Blocks.size(), false);
    Reached[Flow.Entry] = true;
    std::deque<unsigned> Work = {Flow.Entry};
    auto FlowInto = [&](unsigned Next, const Facts &Held) {
      if (merge(AtStart[Next], Held) || !Reached[Next]) {
        Reached[Next] = true;
        Work.push_back(Next);
      }
    };
    while (!Work.empty()) {
      unsigned Block = Work.front();
      Work.pop_front();
      Facts Held = AtStart[Block];
      for (unsigned Handler : Flow.Blocks[Block].Handlers)
        FlowInto(Handler, Held);
      for (const Event *E : Flow.Blocks[Block].Events) {
        step(Held, *E);
        for (unsigned Handler : Flow.Blocks[Block].Handlers)
          FlowInto(Handler, Held);
      }
      for (unsigned Next : Flow.Blocks[Block].Next)
        FlowInto(Next, Held);
    }

    // Reported in Timeline order, the order in which the events were found.
    std::vector<std::pair<const Event *, Facts>> Visits;
    for (unsigned Block = 0; Block < Flow.Blocks.size(); ++Block) {
      Facts Held = AtStart[Block];
      for (const Event *E : Flow.Blocks[Block].Events) {
        if (E->Kind == EventKind::Read || E->Kind == EventKind::Defer)
          Visits.push_back({E, Held});
        step(Held, *E);
      }
    }
    llvm::sort(Visits, [](const auto &A, const auto &B) { return A.first < B.first; });
    for (const auto &[E, Before] : Visits) {
      if (E->Kind == EventKind::Read) {
        if (auto It = Before.find(E->Target.key()); It != Before.end() && It->second.StaleWrite)
          addStaleRead(F, *E, *It->second.StaleWrite, *It->second.Since);
        continue;
      }
      OnDeferred(E->Deferred);
      for (const Event &Read : upwardReads(E->Deferred))
        if (auto It = Before.find(Read.Target.key()); It != Before.end()) {
          const MayHold &State = It->second;
          if (const Event *Write = State.Fresh ? State.Fresh : State.StaleWrite)
            addStaleRead(E->Deferred, Read, *Write, *E);
        }
    }
  }

  /// The reads of a function's timeline that see a value set before it ran.
  std::vector<Event> upwardReads(const FunctionDecl *F) {
    std::vector<Event> Reads;
    llvm::DenseSet<const void *> Written;
    for (const Event &E : All.of(F).Events)
      if (E.Kind == EventKind::Write)
        Written.insert(E.Target.key());
      else if (E.Kind == EventKind::Read && !Written.contains(E.Target.key()))
        Reads.push_back(E);
    return Reads;
  }

  /// A gRPC reactor's callbacks run one after another for the same call,
  /// each on whichever thread completed the operation before it.
  void findStaleAcrossCallbacks() {
    llvm::MapVector<const CXXRecordDecl *, llvm::SmallVector<const CXXMethodDecl *, 4>> ByClass;
    for (const FunctionDecl *F : Path.functions())
      if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && isSequenceCallback(M))
        ByClass[M->getParent()];
    for (auto &[Class, Callbacks] : ByClass)
      for (const CXXMethodDecl *M : Class->methods())
        if (isSequenceCallback(M) && M->hasBody())
          Callbacks.push_back(cast<CXXMethodDecl>(M->getDefinition()));
    for (const auto &[Class, Callbacks] : ByClass)
      for (const CXXMethodDecl *Reader : Callbacks) {
        if (isa<CXXConstructorDecl>(Reader))
          continue; // The first callback of all.
        for (const Event &Read : upwardReads(Reader))
          for (const CXXMethodDecl *Writer : Callbacks) {
            if (Writer == Reader)
              continue;
            const auto &Events = All.of(Writer).Events;
            auto Write = llvm::find_if(Events, [&](const Event &E) {
              return E.Kind == EventKind::Write && E.Target.key() == Read.Target.key();
            });
            if (Write == Events.end())
              continue;
            Event Later{EventKind::Suspend, 0, {}, nullptr};
            Later.How = SuspensionKind::LaterCallback;
            addStaleRead(Reader, Read, *Write, Later);
            break;
          }
      }
  }

  void addStaleRead(const FunctionDecl *F, const Event &Read, const Event &Write,
                    const Event &Suspension) {
    if (Read.Target.ThreadLocal && !ThreadLocalsWithRequestData.contains(Read.Target.ThreadLocal))
      return;
    if (!Seen.insert({Read.Site, Read.Target.key()}).second)
      return;
    StaleRead R;
    R.ThreadLocal = Read.Target.ThreadLocal;
    R.Object = Read.Target.Object;
    R.Name = R.Object ? R.Object->Name : nameOfThreadLocal(R.ThreadLocal);
    R.Function = F;
    R.Read = Read.Site;
    R.ReadInside = Read.Inside;
    R.Write = Write.Site;
    R.SharedSource = Write.Shared;
    R.Kind = Suspension.How;
    R.Suspension = Suspension.Site;
    R.HandedOverWork = Suspension.HandedOverWork;
    Found.push_back(std::move(R));
  }

  const RequestPath &Path;
  Timelines &All;
  const llvm::DenseSet<const VarDecl *> &ThreadLocalsWithRequestData;
  std::set<std::pair<const Expr *, const void *>> Seen;
  std::vector<StaleRead> Found;
};

} // namespace

std::vector<StaleRead>
findStaleReads(const RequestPath &Path, Timelines &Timelines,
               const llvm::DenseSet<const VarDecl *> &ThreadLocalsWithRequestData) {
  return StaleReadFinder(Path, Timelines, ThreadLocalsWithRequestData).run();
}

llvm::DenseSet<const VarDecl *> threadLocalsSetToRequestData(const RequestPath &Path,
                                                             BodySummaries &Summaries,
                                                             const RequestData &Data) {
  llvm::DenseSet<const VarDecl *> Found;
  for (const FunctionDecl *F : Path.functions())
    for (const Mutation &M : Summaries.of(F).Mutations)
      if (const VarDecl *Var = threadLocalAt(accessPath(M.Object).Root))
        if (llvm::any_of(M.Values, [&](const Expr *V) { return Data.contains(V); }))
          Found.insert(Var);
  return Found;
}

} // namespace clang::statescope
