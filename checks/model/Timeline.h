//===--- Timeline.h - what a body does to state, in order -----------------===//
//
// The seventh stage: for one request-path body, the reads and writes of
// thread_local and shared state, the points where the request stops
// running (co_await, co_yield, a call given a yield_context) and the work
// it hands over to run later, in source order (and, at one place, in the
// order they happen). What a called function does happens at its call.
// The stale-read stage reads these, placed on the body's control flow
// (EventOrder.h).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_TIMELINE_H
#define STATESCOPE_CHECKS_MODEL_TIMELINE_H

#include "model/BodySummary.h"
#include "model/MemberEffects.h"
#include "model/ModelTypes.h"
#include "model/SharedObjects.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <string>
#include <vector>

namespace clang::statescope {

/// Thread-local or shared state, as a timeline follows it.
struct TrackedState {
  const VarDecl *ThreadLocal = nullptr;
  const SharedObject *Object = nullptr;
  explicit operator bool() const { return ThreadLocal || Object; }
  const void *key() const { return ThreadLocal ? static_cast<const void *>(ThreadLocal) : Object; }
};

/// What happens at one point of a body. At one position a read comes first
/// (an operand is evaluated before it suspends), then the suspension or
/// hand-over, then a write (`x = co_await f()`).
enum class EventKind { Read, Suspend, Defer, Write };

struct Event {
  EventKind Kind;
  unsigned Position;
  TrackedState Target;
  /// The access, the call through which it happens, or the suspension.
  const Expr *Site = nullptr;
  /// Through a call: the access in the called code.
  const Expr *Inside = nullptr;
  const SharedWrite *Shared = nullptr;
  /// Suspend and Defer: how the request stops running.
  SuspensionKind How = SuspensionKind::Await;
  /// Defer: the function that runs later, and the framework catalogue's
  /// name for the work ("the completion handler of 'async_read'").
  const FunctionDecl *Deferred = nullptr;
  std::string HandedOverWork;
  /// A write inside a called coroutine that suspends after it: at
  /// `co_await f()` it happens before the caller's suspension ends.
  bool BeforeSuspension = false;

  /// Order among events at one position.
  unsigned rank() const;
};

/// A body's events in the order they happen, nested calls included.
struct Timeline {
  std::vector<Event> Events;
  /// The body suspends its caller: it passes a yield_context on.
  bool SuspendsCaller = false;
};

/// The thread_local variable an access path starts from: the variable, or
/// the accessor returning it (`RequestContext::current()`).
const VarDecl *threadLocalAt(const Expr *Root);

class Timelines {
public:
  /// WritesBySite: the shared-write stage's writes that keep a value for a
  /// later read (not those into a locked per-key slot), by their site.
  Timelines(const ASTContext &Ctx, BodySummaries &Summaries, SharedObjects &Objects,
            MemberEffects &Effects, llvm::DenseMap<const Expr *, const SharedWrite *> WritesBySite,
            unsigned MaxCallDepth)
      : Ctx(Ctx), Summaries(Summaries), Objects(Objects), Effects(Effects),
        WritesBySite(std::move(WritesBySite)), MaxCallDepth(MaxCallDepth) {}

  /// The timeline of F, built on first use. Depth counts the calls it is
  /// nested in, bounded by MaxCallDepth.
  const Timeline &of(const FunctionDecl *F, unsigned Depth = 0);

private:
  friend class TimelineCollector;

  const ASTContext &Ctx;
  BodySummaries &Summaries;
  SharedObjects &Objects;
  MemberEffects &Effects;
  const llvm::DenseMap<const Expr *, const SharedWrite *> WritesBySite;
  const unsigned MaxCallDepth;
  std::map<const FunctionDecl *, Timeline> Built;
  /// Functions whose timeline is being collected (recursion).
  llvm::DenseSet<const FunctionDecl *> Unfinished;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_TIMELINE_H
