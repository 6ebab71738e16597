//===--- Configuration.h - the configuration statescope runs with --------===//
//
// What a run is configured with (RunOptions), and clang-tidy's option layers
// built from it: statescope's defaults, the project's .clang-tidy files and
// the command line. The configuration is checked before any unit is
// analysed, listed (--list-checks) and printed (--dump-config) from here.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_CONFIGURATION_H
#define STATESCOPE_TOOL_CONFIGURATION_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
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
  /// Skip the bodies of library code's functions: those defined in system
  /// headers or in a vendored library's namespace (ASTFacts.h,
  /// isLibraryCode; clang still parses constexpr functions and deduced
  /// return types, which the parse needs). The model never reads them, so
  /// the findings are the same (tests/FixtureTest.cpp compares every
  /// fixture both ways).
  bool SkipLibraryBodies = true;
  /// Time each check's matchers (clang-tidy's --enable-check-profile).
  bool ProfileChecks = false;
  /// Flags taken out of every compile command (--remove-arg), as well as
  /// those the configuration's statescope.RemoveArgs names; see
  /// CompileFlags.h.
  std::vector<std::string> RemoveArgs;
};

/// clang-tidy's option layers for a run with Options. DefaultHeaderFilter
/// unset leaves the header filter unset unless a file or the command line
/// sets one; the first form uses clang-tidy's default.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options, std::optional<std::string> DefaultHeaderFilter);
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options);

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

#endif // STATESCOPE_TOOL_CONFIGURATION_H
