//===--- Interleaving.h - a finding as two requests that interleave -------===//
//
// A finding's notes are the checks' plain sentences: where the request
// writes, which handler runs once per request, the calls on the way, where
// the request suspends, where it reads back. Read in the order the requests
// run, they are the bug's timeline: request A stores its value, request B
// stores its own in the same place, request A reads afterwards and finds
// B's. The SARIF code flows and `--show-interleaving` both show this
// timeline; the role of each note is decided here only, from the phrasings
// the checks use (checks/SharedStateCheck.cpp noteWrites,
// checks/ThreadLocalAcrossAwaitCheck.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_INTERLEAVING_H
#define STATESCOPE_TOOL_INTERLEAVING_H

#include "Report.h"
#include <string>
#include <vector>

namespace statescope {

/// What a note tells of the requests' timeline.
enum class NoteRole {
  /// The request stores its value in the shared state ("stores request
  /// data ... here", "this request sets it here", "modifies it here").
  Write,
  /// "<handler> runs once per request".
  Handler,
  /// "'f' is called here on the request path".
  Call,
  /// "the request suspends here...", "the work is handed over here".
  Suspension,
  /// The request reads the state back ("read back here after ...",
  /// "'x' is read here").
  Read,
  /// How to fix it (a fix-it, or the advice where there is none).
  Fix,
  /// Anything else: where a shared object comes from, "and N more writes".
  Context,
};

NoteRole classifyNote(const Message &Note);

/// One step of a request: where, and what happens there.
struct InterleavingStep {
  Location Loc;
  std::string Text;
  /// The step's place in the interleaved timeline of both requests, from 1.
  unsigned Order = 0;
};

/// The steps of request A and request B, each in the order it runs. B is
/// empty when the finding has no write to repeat (a flow of what it has);
/// both are empty when the notes tell no timeline at all.
struct Interleaving {
  std::vector<InterleavingStep> RequestA, RequestB;
};

Interleaving interleavingOf(const Finding &F);

} // namespace statescope

#endif // STATESCOPE_TOOL_INTERLEAVING_H
