//===--- UnitAnalyser.h - a run's units analysed in workers, pass by pass --===//
//
// One pass over some of a run's units: each taken from the result cache, or
// from an analysis made with other program facts that answer its lookups
// alike, or analysed in a child process that also reports the unit's
// whole-program facts and the files it read. The first pass analyses each
// unit ahead for the later ones on its one parse, and the second its units
// ahead for the third (docs/architecture.md, "The second pass"); the later
// passes take the longest units first. Analysis.cpp decides the passes.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_UNITANALYSER_H
#define STATESCOPE_TOOL_UNITANALYSER_H

#include "Analysis.h"
#include "Cache.h"
#include "ProgramJoin.h"
#include "Summaries.h"
#include "WholeProgram.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace statescope {

inline double secondsSince(std::chrono::steady_clock::time_point Start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
}

/// Analyses units of a project: each pass over some of them takes from the
/// cache what it can and analyses the others, each in a child process that
/// also reports the unit's whole-program facts and the files it read.
class UnitAnalyser {
public:
  UnitAnalyser(const Project &P, const std::vector<std::string> &Files, const RunOptions &Options,
               const AnalysisSettings &Settings, Progress &Progress, RunProfile &Profiled,
               AnalysedContents &Read)
      : P(P), Files(Files), Options(Options), Settings(Settings), Shown(Progress),
        Profiled(Profiled), Read(Read), Analyses(Files.size()), Inputs(Files.size()),
        Seconds(Files.size()) {}

  /// Computes each unit's key (what its result depends on besides the files
  /// it reads), when the cache or the summaries need it.
  llvm::Error prepare(bool NeedKeys);
  /// The key of Files[I], once prepared.
  const std::string &key(size_t I) const { return Keys[I]; }
  /// Pass Number over the units at Indices, with Program's facts (null in
  /// the first pass); then each result says what it looked up in them. In
  /// the second pass, Current holds every unit's facts before it (its
  /// first-pass result's), for the analyses ahead of the third.
  std::vector<UnitResult>
  pass(const std::vector<size_t> &Indices, unsigned Number,
       const std::shared_ptr<const clang::statescope::ProgramFacts> &Program,
       std::vector<std::optional<clang::statescope::UnitFacts>> Current = {});
  /// Every analysis of Files[I] with program facts, for a shard's summary.
  std::vector<ProgramAnalysis> analyses(size_t I) const;

private:
  /// An analysis with program facts, the pass that made it, and whether it
  /// was made ahead of a later pass.
  struct Made {
    ProgramAnalysis Analysis;
    unsigned Pass;
    bool Ahead;
  };
  /// Some units' facts, by index, and indexed for the join: a worker joins
  /// them with its own lazily (ProgramJoin.h), in time proportional to what
  /// it looks up rather than to the program.
  class IndexedFacts {
  public:
    IndexedFacts() = default;
    IndexedFacts(const IndexedFacts &) = delete;
    IndexedFacts &operator=(const IndexedFacts &) = delete;
    /// Every unit's facts, Facts[I] for unit I.
    void reset(std::vector<std::optional<clang::statescope::UnitFacts>> Facts);
    /// Unit I's facts are Facts.
    void set(size_t I, const std::optional<clang::statescope::UnitFacts> &Facts);
    const clang::statescope::FactsIndex &index() const { return Index; }

  private:
    std::vector<std::optional<clang::statescope::UnitFacts>> Units;
    clang::statescope::FactsIndex Index;
  };
  /// The facts of the units known when a worker starts. In the first pass:
  /// their first-pass facts, and those their second-pass analyses will
  /// likely have (their analyses ahead's, or else the first's). In the
  /// second, Pass2 only: their second-pass facts where known, else their
  /// analyses ahead's or first-pass facts.
  struct KnownFacts {
    IndexedFacts Pass1, Pass2;
  };
  /// In a worker: Files[I] analysed with Program's facts, as the JSON the
  /// parent reads. With Known, also its analyses ahead: in the first pass
  /// for the second and third, in the second for the third.
  std::string analyseInWorker(size_t I,
                              const std::shared_ptr<const clang::statescope::ProgramFacts> &Program,
                              const KnownFacts *Known) const;
  /// Files[I]'s facts in pass Number are Facts: in the first, its
  /// second-pass facts are likely to be the same.
  static void know(KnownFacts &Known, size_t I, unsigned Number,
                   const std::optional<clang::statescope::UnitFacts> &Facts);
  /// Why pass Number analyses Files[I] again: how many of its closest
  /// analysis ahead's lookups Program answers otherwise (--profile).
  RunProfile::AnalysedAgain explainAgain(size_t I, unsigned Number,
                                         const clang::statescope::ProgramFacts &Program) const;
  /// An analysis of Files[I] whose lookups Program answers as the facts it
  /// was made with did, or null.
  const Made *analysisAnswering(size_t I, const clang::statescope::ProgramFacts &Program) const;
  /// Keeps what an analysis of Files[I] in pass Number read, and the
  /// analysis itself when it had program facts.
  void remember(size_t I, unsigned Number, const UnitResult &Result,
                const clang::statescope::ProgramFacts *Program,
                const std::vector<std::pair<std::string, std::string>> &Read);

  const Project &P;
  const std::vector<std::string> &Files;
  const RunOptions &Options;
  const AnalysisSettings &Settings;
  Progress &Shown;
  RunProfile &Profiled;
  AnalysedContents &Read;
  std::optional<ResultCache> Cache;
  std::vector<std::string> Keys;
  /// Per unit, its analyses with program facts, and the files it reads (for
  /// caching a result taken from one of them).
  std::vector<std::vector<Made>> Analyses;
  std::vector<std::vector<std::pair<std::string, std::string>>> Inputs;
  /// Per unit, how long its last analysis in a worker took (0: none yet).
  std::vector<double> Seconds;
};

} // namespace statescope

#endif // STATESCOPE_TOOL_UNITANALYSER_H
