//===--- TestSupport.h - scratch projects and subprocesses for tests ------===//
//
// What the front-end and CLI tests share: running a program with its output
// captured, scratch directories, and small generated projects with a
// compile_commands.json.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TESTS_TESTSUPPORT_H
#define STATESCOPE_TESTS_TESTSUPPORT_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace statescope::test {

struct ProcessResult {
  int Status = -1;
  std::string Out;
  std::string Err;
};

/// Runs a program to completion with its output captured, in WorkingDir
/// when one is given, with Env ("NAME=value") added to the environment.
ProcessResult run(llvm::StringRef Program, std::vector<std::string> Args,
                  llvm::StringRef WorkingDir = "", const std::vector<std::string> &Env = {});

std::string readFile(const std::string &Path);
/// Writes Text to Path, creating the directories above it.
void writeFile(llvm::StringRef Path, llvm::StringRef Text);
std::string joinPath(llvm::StringRef A, llvm::StringRef B);

/// A scratch directory (its real path) removed at the end of the test.
class ScratchDir {
public:
  ScratchDir();
  ~ScratchDir();
  std::string file(llvm::StringRef Name) const { return joinPath(Path, Name); }
  std::string Path;
};

/// A compile_commands.json compiling each file in Directory with -std=c++17
/// and Args.
std::string compileDatabase(llvm::StringRef Directory, const std::vector<std::string> &Files,
                            const std::vector<std::string> &Args = {});

/// A small server with the classic leak, and the same server done right.
extern const char *const LeakySource;
extern const char *const CleanSource;

} // namespace statescope::test

#endif // STATESCOPE_TESTS_TESTSUPPORT_H
