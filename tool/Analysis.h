//===--- Analysis.h - the units of a run, analysed ----------------------===//
//
// A run's analysis once its units are chosen and configured: each unit taken
// from the result cache or analysed in a worker process (UnitAnalyser.h), the whole-program
// join of the units' facts, and the second pass over the units the join
// tells something new (docs/architecture.md, "A run"). And the same passes
// for `statescope merge` over shards' summaries (Summaries.h).
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
#include "Summaries.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace statescope {

/// What went on in a run, for --profile.
struct RunProfile {
  struct PassCounts {
    /// Reused: merge took a shard's analysis. Ahead, AheadInSecond,
    /// Earlier: the first pass or the second, analysing ahead, or the pass
    /// before, had analysed the unit with facts that answer its lookups
    /// alike.
    size_t Units = 0, Analysed = 0, Cached = 0, Reused = 0, Ahead = 0, AheadInSecond = 0,
           Earlier = 0;
  } Passes[3];
  /// A unit a later pass analysed again, and how many of the lookups of its
  /// closest earlier analysis with program facts (ahead, or in a pass
  /// before) the program answered otherwise; none when it had none.
  struct AnalysedAgain {
    unsigned Pass = 0;
    std::string File;
    bool HadEarlier = false;
    size_t Definitions = 0, OfDefinitions = 0, Roots = 0, OfRoots = 0;
  };
  std::vector<AnalysedAgain> Again;
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
  /// False: only the first pass (for measuring what the others cost).
  bool WholeProgram = true;
  /// The first pass also analyses each unit ahead for the later passes,
  /// with the facts of the units analysed before it; false: the later
  /// passes analyse every unit they need again (for comparing the two).
  bool AnalyseAhead = true;
  /// Workers send what their analyses ahead were answered, so that the
  /// profile says why a later pass analyses a unit again (--profile).
  bool ExplainAnalysesAgain = false;
  /// The command that analyses one file alone, for the report of a unit
  /// whose analysis crashed.
  std::function<std::string(llvm::StringRef File)> Reproduction;
};

/// A shard's place in the run, for the summaries its report carries.
struct ShardPlace {
  unsigned Index = 1, Count = 1;
  /// The units all shards are chosen from.
  unsigned Selected = 0;
};

/// Analyses Files of P with Options; Unreadable are the units whose files
/// could not be read, reported as they are. Read gets the contents of every
/// file the analysis read, for --fix to check before it writes. A shard's
/// report carries its units' summaries.
llvm::Expected<Report> analyseUnits(const Project &P, const std::vector<std::string> &Files,
                                    const RunOptions &Options, const AnalysisSettings &Settings,
                                    std::vector<UnitResult> Unreadable, Progress &Progress,
                                    RunProfile &Profiled, AnalysedContents &Read,
                                    std::optional<ShardPlace> Shard = std::nullopt);

/// The report one run over all of Units gives (joinShards' result): their
/// facts joined, the later passes decided as a run decides them, and each
/// unit's analysis with the joined program facts taken from its shard when
/// the program answers that analysis's lookups as the shard's did. The
/// others are analysed again, which needs P and the Options the shards ran
/// with (each unit's key must match); without P, that is an error.
llvm::Expected<Report> mergeShards(std::vector<UnitSummary> Units, std::string ProjectRoot,
                                   const Project *P, const RunOptions &Options,
                                   const AnalysisSettings &Settings, Progress &Progress,
                                   RunProfile &Profiled);

} // namespace statescope

#endif // STATESCOPE_TOOL_ANALYSIS_H
