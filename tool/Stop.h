//===--- Stop.h - a stopped run stops -------------------------------------===//
//
// SIGINT (Ctrl-C), SIGTERM (a cancelled CI job) and SIGHUP (a closed
// terminal) go to statescope, not to its workers: each worker is the leader
// of its own process group, out of the terminal's foreground group. So
// statescope ends them itself: SIGTERM to each worker's group, SIGKILL to
// those still there after a grace period, then it removes its temporary
// files (LLVM's list of files to remove on a signal) and exits with 128 +
// the signal (130, 143, 129). A worker whose parent dies any other way
// (SIGKILL) is killed by the kernel (PR_SET_PDEATHSIG).
//
// While fix-its are written, the stop signals are held and take effect
// once every file is whole.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_STOP_H
#define STATESCOPE_TOOL_STOP_H

#include <signal.h>
#include <sys/types.h>

namespace statescope {

/// Makes SIGINT, SIGTERM and SIGHUP stop the run as above. Call once, in
/// the parent, before the first worker starts.
void installStopHandlers();

/// While one lives, SIGINT, SIGTERM and SIGHUP wait; they take effect when
/// the last one ends.
class StopSignalsHeld {
public:
  StopSignalsHeld();
  ~StopSignalsHeld();
  StopSignalsHeld(const StopSignalsHeld &) = delete;
  StopSignalsHeld &operator=(const StopSignalsHeld &) = delete;

private:
  sigset_t Previous;
};

/// In a worker just forked (with the stop signals held): its own process
/// group, death with its parent, the default response to the stop signals,
/// and those signals no longer held.
void becomeWorker();

/// In the parent, with the stop signals held: a worker that a stop must
/// end, and one that has been waited for (whose pid may be reused).
void workerStarted(pid_t Worker);
void workerEnded(pid_t Worker);

} // namespace statescope

#endif // STATESCOPE_TOOL_STOP_H
