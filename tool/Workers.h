//===--- Workers.h - analyse translation units in parallel ----------------===//
//
// Each translation unit is analysed in a child process forked from the CLI.
// Processes rather than threads, because clang's tooling changes the process
// working directory to each compile command's directory (ClangTool::run:
// "chdir is thread hostile"), and because a crash or fatal error in one
// unit must cost that unit, not the whole run. The parent stays single-
// threaded, so fork() without exec() is safe, and children inherit the
// loaded compile database and configuration.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_WORKERS_H
#define STATESCOPE_TOOL_WORKERS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace statescope {

struct ChildOutcome {
  /// What the work function returned.
  std::string Output;
  /// What the child wrote to stderr.
  std::string Errors;
  /// The exit code, or minus the signal that ended the child.
  int Status = 0;
};

/// Runs Work(0) ... Work(Count - 1), each in its own child process, at most
/// Jobs at a time, and returns the outcomes in index order. Started and
/// Finished are called in the parent as children start (before the fork:
/// the child sees what Started did) and end (with the child's outcome).
std::vector<ChildOutcome>
runInChildren(size_t Count, unsigned Jobs, llvm::function_ref<std::string(size_t)> Work,
              llvm::function_ref<void(size_t)> Started,
              llvm::function_ref<void(size_t, const ChildOutcome &)> Finished);

/// How a child that did not finish its work ended, for the user.
std::string describeFailure(const ChildOutcome &Outcome);

} // namespace statescope

#endif // STATESCOPE_TOOL_WORKERS_H
