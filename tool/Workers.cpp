//===--- Workers.cpp - analyse translation units in parallel --------------===//

#include "Workers.h"
#include "Stop.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statescope {

namespace {

void writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = write(FD, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Data = Data.drop_front(N);
  }
}

struct Child {
  size_t Index;
  pid_t Pid;
  /// Read ends of the child's result and stderr pipes; -1 once at EOF.
  int Pipes[2];
};

/// Forks a child that runs Work(Index), writes the result to one pipe and
/// its stderr to the other, and exits without running the parent's
/// destructors or flushing its buffers.
bool spawn(size_t Index, llvm::function_ref<std::string(size_t)> Work, Child &C,
           ChildOutcome &Outcome) {
  auto Fail = [&] {
    Outcome.Errors = std::string("cannot start a worker: ") + std::strerror(errno);
    Outcome.Status = 127;
  };
  int Out[2], Err[2];
  if (pipe(Out)) {
    Fail();
    return false;
  }
  if (pipe(Err)) {
    Fail();
    close(Out[0]);
    close(Out[1]);
    return false;
  }
  llvm::outs().flush();
  llvm::errs().flush();
  // Held until the parent knows the worker, so that a stop ends it too.
  StopSignalsHeld Held;
  pid_t Pid = fork();
  if (Pid == 0) {
    becomeWorker();
    close(Out[0]);
    close(Err[0]);
    dup2(Err[1], STDERR_FILENO);
    std::string Result = Work(Index);
    llvm::errs().flush();
    writeAll(Out[1], Result);
    _exit(0);
  }
  close(Out[1]);
  close(Err[1]);
  if (Pid < 0) {
    Fail();
    close(Out[0]);
    close(Err[0]);
    return false;
  }
  workerStarted(Pid);
  C = Child{Index, Pid, {Out[0], Err[0]}};
  return true;
}

} // namespace

std::vector<ChildOutcome>
runInChildren(size_t Count, unsigned Jobs, llvm::function_ref<std::string(size_t)> Work,
              llvm::function_ref<void(size_t)> Started,
              llvm::function_ref<void(size_t, const ChildOutcome &)> Finished) {
  std::vector<ChildOutcome> Outcomes(Count);
  std::vector<Child> Running;
  size_t Next = 0;
  while (Next < Count || !Running.empty()) {
    while (Running.size() < std::max(Jobs, 1u) && Next < Count) {
      size_t Index = Next++;
      Started(Index);
      Child C;
      if (spawn(Index, Work, C, Outcomes[Index]))
        Running.push_back(C);
      else
        Finished(Index, Outcomes[Index]);
    }
    // Both pipes are drained as data arrives: a child blocks once a pipe
    // buffer is full, so waiting for it first could wait forever.
    std::vector<pollfd> Polled;
    for (const Child &C : Running)
      for (int FD : C.Pipes)
        if (FD >= 0)
          Polled.push_back({FD, POLLIN, 0});
    if (poll(Polled.data(), Polled.size(), -1) < 0 && errno != EINTR)
      break;
    for (auto It = Running.begin(); It != Running.end();) {
      ChildOutcome &Outcome = Outcomes[It->Index];
      for (int Stream = 0; Stream < 2; ++Stream) {
        int &FD = It->Pipes[Stream];
        if (FD < 0 ||
            !llvm::any_of(Polled, [&](const pollfd &P) { return P.fd == FD && P.revents != 0; }))
          continue;
        char Buffer[65536];
        ssize_t N = read(FD, Buffer, sizeof(Buffer));
        if (N > 0)
          (Stream == 0 ? Outcome.Output : Outcome.Errors).append(Buffer, N);
        else if (N == 0 || errno != EINTR) {
          close(FD);
          FD = -1;
        }
      }
      if (It->Pipes[0] >= 0 || It->Pipes[1] >= 0) {
        ++It;
        continue;
      }
      int Status = 0;
      {
        // Reaped and forgotten at once: a stop must not signal a pid that
        // another process may have taken.
        StopSignalsHeld Held;
        while (waitpid(It->Pid, &Status, 0) < 0 && errno == EINTR) {
        }
        workerEnded(It->Pid);
      }
      Outcome.Status = WIFSIGNALED(Status) ? -WTERMSIG(Status) : WEXITSTATUS(Status);
      Finished(It->Index, Outcome);
      It = Running.erase(It);
    }
  }
  return Outcomes;
}

std::string describeFailure(const ChildOutcome &Outcome) {
  std::string Result;
  if (Outcome.Status < 0)
    Result = "statescope crashed analysing it (" + std::string(strsignal(-Outcome.Status)) + ")";
  else if (Outcome.Status > 0)
    Result = "the analysis failed (exit code " + std::to_string(Outcome.Status) + ")";
  else
    Result = "the analysis failed";
  // The child's last words, when it had any, say why.
  llvm::StringRef Errors = llvm::StringRef(Outcome.Errors).trim();
  if (!Errors.empty())
    Result += ": " + Errors.substr(Errors.find_last_of('\n') + 1).str();
  return Result;
}

} // namespace statescope
