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
#include "Report.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace statescope {

struct RunOptions {
  /// A clang-tidy check glob applied after the .clang-tidy files, or empty.
  std::string Checks;
  /// YAML configuration applied after the .clang-tidy files, or empty.
  std::string Config;
  /// Where Config came from, for messages.
  std::string ConfigSource = "--config";
  /// A header filter regex applied after the .clang-tidy files, or empty.
  std::string HeaderFilter;
  /// Where the project's own files are. When neither HeaderFilter nor a
  /// .clang-tidy file sets a header filter, findings in headers are kept
  /// when the header is under ProjectRoot and not under BuildDirectory
  /// (generated code) unless that is the root itself.
  std::string ProjectRoot;
  std::string BuildDirectory;
  /// Skip the bodies of functions defined in system headers (clang still
  /// parses constexpr functions and deduced return types, which the parse
  /// needs). The model never reads them, so the findings are the same
  /// (tests/FixtureTest.cpp compares every fixture both ways).
  bool SkipSystemHeaders = true;
  /// Time each check's matchers (clang-tidy's --enable-check-profile).
  bool ProfileChecks = false;
  /// Flags taken out of every compile command (--remove-arg), as well as
  /// those the configuration's statescope.RemoveArgs names; see
  /// CompileFlags.h.
  std::vector<std::string> RemoveArgs;
};

/// The findings of the statescope checks on Files, and the compiler errors
/// that kept any of them from being analysed.
llvm::Expected<std::vector<clang::tidy::ClangTidyError>>
runChecks(const clang::tooling::CompilationDatabase &Database, llvm::ArrayRef<std::string> Files,
          const RunOptions &Options);

/// A second analysis of a unit's parse, right after the first, with the
/// process-wide settings (WholeProgram.h) that Before puts in place: the
/// CLI's first pass analyses units ahead for the second this way, without
/// parsing them again.
struct SecondAnalysis {
  /// Called once the first analysis is done; false: no second analysis.
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
                                       SecondAnalysis *Second = nullptr);

/// For each of Files, everything its result depends on besides the files it
/// reads: its compile commands, the configuration that applies to it
/// (.clang-tidy files and the command line) and the run's options, as text
/// for the cache's key.
llvm::Expected<std::vector<std::string>>
unitDependencies(const clang::tooling::CompilationDatabase &Database,
                 llvm::ArrayRef<std::string> Files, const RunOptions &Options);

/// Checks the configuration every one of Files is analysed with, before any
/// is: the .clang-tidy files that apply (clang-tidy itself warns about one
/// that does not parse and goes on without it), option values the checks
/// cannot use, and check globs naming a statescope check that does not
/// exist. The error names the file and the problem on one line.
llvm::Error checkConfiguration(llvm::ArrayRef<std::string> Files, const RunOptions &Options);

/// The statescope checks the configuration for File enables.
llvm::Expected<std::vector<std::string>> enabledChecks(llvm::StringRef File,
                                                       const RunOptions &Options);

/// Whether the project's configuration for File (its .clang-tidy files,
/// --checks, --config) names statescope at all, enabling or disabling it.
llvm::Expected<bool> configurationNamesStatescope(llvm::StringRef File, const RunOptions &Options);

/// The configuration for File as clang-tidy --dump-config prints it: YAML
/// with every enabled check's options and their values.
llvm::Expected<std::string> dumpConfiguration(llvm::StringRef File, const RunOptions &Options);

} // namespace statescope

#endif // STATESCOPE_TOOL_RUNNER_H
