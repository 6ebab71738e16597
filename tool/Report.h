//===--- Report.h - what one run of statescope found -----------------------===//
//
// The findings model every output format, baseline, fix and merge works on,
// free of clang types so that the code around it compiles without clang's
// headers. A worker analyses one translation unit into a UnitResult; the
// results of all units (or of several shards' reports) are assembled into
// one Report whose order and de-duplication do not depend on how the work was
// split or scheduled.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_REPORT_H
#define STATESCOPE_TOOL_REPORT_H

#include "WholeProgram.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace statescope {

/// A place in a file: 1-based line and byte column, and the byte offset.
struct Location {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Offset = 0;
};

/// Replace Length bytes at Offset of File with Text.
struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// A diagnostic's text and place (File empty: it has none), with its fix-it.
struct Message {
  std::string Text;
  Location Loc;
  std::vector<Replacement> Fixes;
};

struct Finding {
  std::string Check;
  /// "warning", or "error" when WarningsAsErrors promotes it.
  std::string Level = "warning";
  Message Main;
  std::vector<Message> Notes;
  /// The translation unit that reported it (the first one, for a finding in
  /// a header that several units report).
  std::string TranslationUnit;
  /// What identifies the finding across edits (see Baseline.h), and which
  /// of the findings with that hash this is, in report order.
  std::string Hash;
  unsigned Occurrence = 0;

  std::string fingerprint() const;
};

/// A translation unit that could not be analysed, named with clang's first
/// error (or why the analysis itself failed).
struct Failure {
  std::string TranslationUnit;
  unsigned Errors = 0;
  Message FirstError;
};

/// Diagnostics that were found but not reported, by reason.
struct Suppressed {
  unsigned NoLint = 0;
  /// In system headers, or headers outside the header filter.
  unsigned OutsideProject = 0;
  unsigned Baseline = 0;
  /// Not on a line changed since --diff-base.
  unsigned Unchanged = 0;

  Suppressed &operator+=(const Suppressed &Other);
};

/// What a worker reports for one translation unit, with the unit's facts
/// for the whole-program join (see checks/WholeProgram.h) and, when it was
/// analysed with program facts, what it looked up in them.
struct UnitResult {
  std::string File;
  std::vector<Finding> Findings;
  std::optional<Failure> Failed;
  Suppressed Counts;
  std::optional<clang::statescope::UnitFacts> Facts;
  std::optional<clang::statescope::ProgramLookups> Asked;
};

/// What a shard's report carries for `statescope merge` (Summaries.h).
struct ShardSummaries;

struct Report {
  /// Paths in baselines, SARIF and annotations are relative to it.
  std::string ProjectRoot;
  unsigned TranslationUnits = 0;
  std::vector<Finding> Findings;
  std::vector<Failure> Failures;
  Suppressed Counts;
  /// Only in a shard's report (--shard): its units' summaries.
  std::shared_ptr<ShardSummaries> Summaries;

  /// Adds a unit's result; call finish() once all are in.
  void add(UnitResult Unit);
  /// Adds another report's findings and counts (merge); then finish().
  llvm::Error add(Report Other);
  /// Sorts, drops findings that several units reported identically, and
  /// numbers findings that share a hash.
  void finish();
};

/// Path relative to Root when it is under Root, else Path unchanged.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);

/// The JSON form of the report (docs/cli.md) and of a worker's unit result.
llvm::json::Value toJSON(const Report &R);
llvm::json::Value toJSON(const UnitResult &U);
llvm::Expected<Report> reportFromJSON(const llvm::json::Value &V);
llvm::Expected<UnitResult> unitFromJSON(const llvm::json::Value &V);

/// statescope's own version, as --version and the reports give it.
llvm::StringRef statescopeVersion();

/// The version of the JSON report format this statescope reads and writes.
constexpr int ReportFormatVersion = 1;

} // namespace statescope

#endif // STATESCOPE_TOOL_REPORT_H
