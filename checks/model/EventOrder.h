//===--- EventOrder.h - a body's events on its control flow --------------===//
//
// The order a body's events can happen in, as clang's CFG gives it: the
// blocks of the body that hold events, each with its events in order, and
// the blocks control can pass to next. A branch not taken, a return and
// the next turn of a loop are all on it, which source order cannot show.
// The stale-read stage follows it.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_EVENTORDER_H
#define STATESCOPE_CHECKS_MODEL_EVENTORDER_H

#include "model/Timeline.h"

#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace clang::statescope {

/// A body's events placed on its control flow.
struct EventFlow {
  struct Block {
    /// The events of the block, in the order they happen.
    std::vector<const Event *> Events;
    /// The blocks control can reach from this one's end.
    std::vector<unsigned> Next;
    /// The catch handlers an exception thrown between any two of the
    /// block's events reaches (clang's CFG has no edges for exceptions).
    std::vector<unsigned> Handlers;
  };
  std::vector<Block> Blocks;
  /// Where the body starts.
  unsigned Entry = 0;
};

/// F's timeline events (in Timeline order, which they keep within one CFG
/// element) on F's control flow. When clang builds no CFG for F, or an
/// event's site is in none of its elements (code of a default member
/// initialiser or default argument), one block holds them in Timeline order.
EventFlow orderByControlFlow(const FunctionDecl *F, llvm::ArrayRef<Event> Events);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_EVENTORDER_H
