//===--- Stop.cpp - a stopped run stops -----------------------------------===//

#include "Stop.h"

#include "llvm/Support/Signals.h"
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace statescope {

namespace {

constexpr int StopSignals[] = {SIGINT, SIGTERM, SIGHUP};

/// The workers running now. Changed only with the stop signals held, so the
/// handler never sees it half-changed.
std::vector<pid_t> &workers() {
  static std::vector<pid_t> Running;
  return Running;
}

sigset_t stopSignalSet() {
  sigset_t Set;
  sigemptyset(&Set);
  for (int Signal : StopSignals)
    sigaddset(&Set, Signal);
  return Set;
}

void say(const char *Text) {
  ssize_t Ignored = write(STDERR_FILENO, Text, strlen(Text));
  (void)Ignored;
}

/// Whether every worker has ended, reaping those that have.
bool reapWorkers(std::vector<pid_t> &Running) {
  bool All = true;
  for (pid_t &Pid : Running) {
    if (Pid <= 0)
      continue;
    pid_t Done = waitpid(Pid, nullptr, WNOHANG);
    if (Done == Pid || (Done < 0 && errno == ECHILD))
      Pid = 0;
    else
      All = false;
  }
  return All;
}

/// Only async-signal-safe calls: kill, waitpid, nanosleep, write, _exit,
/// and LLVM's removal of its registered files, which is made for this.
void stop(int Signal) {
  std::vector<pid_t> &Running = workers();
  // The worker itself too: its group may not exist yet.
  auto signalWorker = [](pid_t Pid, int Sig) {
    kill(-Pid, Sig);
    kill(Pid, Sig);
  };
  for (pid_t Pid : Running)
    signalWorker(Pid, SIGTERM);
  // Workers die of SIGTERM at once; the grace period is for one that is
  // stuck in the kernel.
  constexpr int GraceSteps = 200;
  timespec Step = {0, 10 * 1000 * 1000};
  for (int I = 0; I < GraceSteps && !reapWorkers(Running); ++I)
    nanosleep(&Step, nullptr);
  for (pid_t Pid : Running)
    if (Pid > 0) {
      signalWorker(Pid, SIGKILL);
      while (waitpid(Pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
  llvm::sys::RunInterruptHandlers();
  say(Signal == SIGINT    ? "\nstatescope: interrupted (SIGINT)\n"
      : Signal == SIGTERM ? "\nstatescope: stopped (SIGTERM)\n"
                          : "\nstatescope: stopped (SIGHUP)\n");
  _exit(128 + Signal);
}

/// In a worker: clean up LLVM's temporary files, then die of the signal.
void stopWorker(int Signal) {
  llvm::sys::RunInterruptHandlers();
  signal(Signal, SIG_DFL);
  raise(Signal);
}

} // namespace

void installStopHandlers() {
  // LLVM installs its own handlers for these signals the first time a file
  // is registered for removal, and never again once installed: install
  // them now, then replace them for the stop signals.
  llvm::sys::SetInterruptFunction(nullptr);
  struct sigaction Action = {};
  Action.sa_handler = stop;
  Action.sa_mask = stopSignalSet(); // One stop at a time.
  for (int Signal : StopSignals)
    sigaction(Signal, &Action, nullptr);
}

StopSignalsHeld::StopSignalsHeld() {
  sigset_t Set = stopSignalSet();
  sigprocmask(SIG_BLOCK, &Set, &Previous);
}

StopSignalsHeld::~StopSignalsHeld() { sigprocmask(SIG_SETMASK, &Previous, nullptr); }

void becomeWorker() {
  setpgid(0, 0);
  // A parent killed by SIGKILL cannot stop its workers; the kernel does.
  pid_t Parent = getppid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != Parent)
    _exit(128 + SIGKILL);
  struct sigaction Action = {};
  Action.sa_handler = stopWorker;
  for (int Signal : StopSignals)
    sigaction(Signal, &Action, nullptr);
  sigset_t Set = stopSignalSet();
  sigprocmask(SIG_UNBLOCK, &Set, nullptr);
}

void workerStarted(pid_t Worker) {
  // Also here, so that the group exists before the parent could signal it.
  setpgid(Worker, Worker);
  workers().push_back(Worker);
}

void workerEnded(pid_t Worker) {
  std::vector<pid_t> &Running = workers();
  Running.erase(std::remove(Running.begin(), Running.end(), Worker), Running.end());
}

} // namespace statescope
