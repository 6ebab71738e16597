//===--- Expectations.h - fixtures with inline expected diagnostics -------===//
//
// Fixtures are C++ sources that say what statescope must report, in the
// style of clang's -verify:
//
//   // CHECKS: -*,statescope-mutable-static      which checks run
//   // ARGS: -std=c++17 -I%S/Inputs               compiler arguments
//   // CONFIG: {CheckOptions: {...}}              clang-tidy configuration
//   // REQUIRES: /usr/include/httplib.h           skipped when missing
//   int x; // expected-warning {{text}}           on this line
//   // expected-note@+2 {{text}}                  two lines below
//   // expected-note 2 {{text}}                   twice on this line
//   // expected-note@Inputs/h.h:12 {{text}}       in another file
//   // expected-no-diagnostics                    nothing at all
//
// %S is the fixture's directory and %B the build directory. Every
// diagnostic must be expected and every expectation must be met.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TESTS_EXPECTATIONS_H
#define STATESCOPE_TESTS_EXPECTATIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace statescope::test {

struct Diagnostic {
  std::string File; ///< Absolute path.
  unsigned Line = 0;
  std::string Level; ///< warning, note or error.
  std::string Message;
  std::string Check; ///< For warnings, the check that reported it.
};

struct Expectation {
  std::string File;
  unsigned Line = 0;
  std::string Level;
  std::string Text;       ///< Must occur in the message.
  unsigned WrittenAt = 0; ///< The fixture line that states it.
};

/// What a fixture's author says is true of its lines, independent of what
/// the checks report: `// LEAK` marks a line where a shared-state bug must be
/// reported, `// SAFE` a look-alike that must stay quiet, `// ADVICE` a line
/// with a finding that is advice rather than a leak (a missing const).
struct TruthLabels {
  std::vector<unsigned> Leak, Safe, Advice;
};

struct Fixture {
  std::string Path;
  std::string Checks = "-*,statescope-*";
  std::vector<std::string> Args;
  std::string Config;
  std::vector<std::string> Requires;
  std::vector<Expectation> Expectations;
  bool NoDiagnostics = false;
  /// `// FIX: notes`: its .fixed twin also has the fix-its of notes applied
  /// (what --fix-notes does), not only those of warnings.
  bool FixNotes = false;
  TruthLabels Truth;

  /// The first missing requirement, or empty.
  std::string missingRequirement() const;
};

llvm::Expected<Fixture> parseFixture(const std::string &Path, const std::string &BuildDir);

/// What differs between the expectations and the diagnostics, one line
/// each; empty when they agree.
std::vector<std::string> compare(const Fixture &F, const std::vector<Diagnostic> &Actual);

/// Parses clang-style text output: file:line:col: level: message [check].
std::vector<Diagnostic> parseClangOutput(const std::string &Output);

/// A test name for the fixture at Path: its path below Root, as an identifier.
std::string fixtureTestName(llvm::StringRef Path, llvm::StringRef Root);

/// Fixtures below a directory, sorted.
std::vector<std::string> listFixtures(const std::string &Dir);

} // namespace statescope::test

#endif // STATESCOPE_TESTS_EXPECTATIONS_H
