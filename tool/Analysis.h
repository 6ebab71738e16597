//===--- Analysis.h - the units of a run, analysed ----------------------===//
//
// A run's analysis once its units are chosen and configured: each unit taken
// from the result cache or analysed in a worker process, the whole-program
// join of the units' facts, and the second pass over the units the join
// tells something new (docs/architecture.md, "A run").
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_ANALYSIS_H
#define STATESCOPE_TOOL_ANALYSIS_H

#include "Cache.h"
#include "Fixes.h"
#include "Progress.h"
#include "Project.h"
#include "Report.h"
#include "Runner.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <string>
#include <vector>

namespace statescope {

/// What went on in a run, for --profile.
struct RunProfile {
  struct PassCounts {
    size_t Units = 0, Analysed = 0, Cached = 0;
  } Passes[3];
  /// Summed over the units analysed (not those taken from the cache).
  UnitTrace Analysed;
  double CacheSeconds = 0, JoinSeconds = 0;
  size_t Facts = 0;
};

void printProfile(llvm::raw_ostream &OS, const RunProfile &P);

/// How the units are analysed.
struct AnalysisSettings {
  bool UseCache = true;
  /// Empty: `.statescope-cache` beside the compile database.
  std::string CacheDir;
  /// Units analysed at once; 0: one per core.
  unsigned Jobs = 0;
  /// The command that analyses one file alone, for the report of a unit
  /// whose analysis crashed.
  std::function<std::string(llvm::StringRef File)> Reproduction;
};

/// Analyses Files of P with Options; Unreadable are the units whose files
/// could not be read, reported as they are. Read gets the contents of every
/// file the analysis read, for --fix to check before it writes.
llvm::Expected<Report> analyseUnits(const Project &P, const std::vector<std::string> &Files,
                                    const RunOptions &Options, const AnalysisSettings &Settings,
                                    std::vector<UnitResult> Unreadable, Progress &Progress,
                                    RunProfile &Profiled, AnalysedContents &Read);

} // namespace statescope

#endif // STATESCOPE_TOOL_ANALYSIS_H
