//===--- Runner.h - run the statescope checks over translation units ------===//
//
// The one way every front end that is not clang-tidy or clangd itself runs
// statescope: clang-tidy's library with the statescope module, configured
// like clang-tidy (.clang-tidy files, --checks, --config).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_RUNNER_H
#define STATESCOPE_TOOL_RUNNER_H

#include "Cache.h"
#include "Configuration.h"
#include "Report.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace statescope {

/// The findings of the statescope checks on Files, and the compiler errors
/// that kept any of them from being analysed.
llvm::Expected<std::vector<clang::tidy::ClangTidyError>>
runChecks(const clang::tooling::CompilationDatabase &Database, llvm::ArrayRef<std::string> Files,
          const RunOptions &Options);

/// Another analysis of a unit's parse, after the first, with the
/// process-wide settings (WholeProgram.h) that Before puts in place: the
/// CLI's first pass analyses units ahead for the later passes this way,
/// without parsing them again.
struct LaterAnalysis {
  /// Called once the analyses before are done; false: no analysis.
  std::function<bool()> Before;
  /// Its result, when it ran (the unit's compiler errors are the first's).
  std::optional<UnitResult> Result;
};

/// Analyses one translation unit for the CLI: findings located and
/// fingerprinted, headers filtered, compiler errors as the unit's failure.
/// With a Trace, also what the result depends on and how long it took.
llvm::Expected<UnitResult> analyseUnit(const clang::tooling::CompilationDatabase &Database,
                                       const std::string &File, const RunOptions &Options,
                                       UnitTrace *Trace = nullptr,
                                       llvm::MutableArrayRef<LaterAnalysis> Later = {});

/// For each of Files, everything its result depends on besides the files it
/// reads: its compile commands, the configuration that applies to it
/// (.clang-tidy files and the command line) and the run's options, as text
/// for the cache's key.
llvm::Expected<std::vector<std::string>>
unitDependencies(const clang::tooling::CompilationDatabase &Database,
                 llvm::ArrayRef<std::string> Files, const RunOptions &Options);

} // namespace statescope

#endif // STATESCOPE_TOOL_RUNNER_H
