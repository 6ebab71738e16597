//===--- Summaries.h - what a shard keeps of its units for merge ---------===//
//
// A shard (--shard=K/N) sees only its own units, so its whole-program join
// misses what other shards' units define and call. Its JSON report carries
// its units' summaries: each unit's first-pass result with the facts it
// exports, and every analysis the shard made of it with program facts,
// with the functions that analysis looked up in them and a hash of the
// answers. `statescope merge` joins all shards' facts, decides the later
// passes as one run does, and reuses a shard's analysis wherever the joined
// program answers its lookups as the shard's did (docs/cli.md, "Sharding
// and merge").
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_SUMMARIES_H
#define STATESCOPE_TOOL_SUMMARIES_H

#include "Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace statescope {

/// A unit analysed with some program facts: a shard's, or in the first pass,
/// ahead of the second, those of the units analysed before it.
struct ProgramAnalysis {
  /// Its Asked says what it looked up in the program facts.
  UnitResult Result;
  /// The contentHash of clang::statescope::answersTo(Result.Asked, the
  /// shard's program facts).
  std::string Answers;
  /// An analysis ahead's answersTo text itself, sent by the worker under
  /// --profile (AnalysisSettings::ExplainAnalysesAgain); else empty.
  std::string AnswersText;
};

/// A hash of what Program answers to the lookups Asked (ProgramAnalysis's
/// Answers for an analysis made with Program).
std::string answersHash(const clang::statescope::ProgramLookups &Asked,
                        const clang::statescope::ProgramAnswers &Program);
/// True when Program answers A's lookups as the facts A was made with did:
/// A is then the analysis Program's facts give.
bool answersAlike(const ProgramAnalysis &A, const clang::statescope::ProgramAnswers &Program);

llvm::json::Value toJSON(const ProgramAnalysis &A);
llvm::Expected<ProgramAnalysis> programAnalysisFromJSON(const llvm::json::Value &V);

struct UnitSummary {
  std::string File;
  /// What the unit's result depends on besides the files it reads and the
  /// program facts: this statescope, its compile command, the
  /// configuration (UnitAnalyser.cpp's cache key of the first pass).
  std::string Key;
  /// The file could not be read: First says why, and nothing else is known.
  bool Unreadable = false;
  /// The first pass's result, with the unit's facts.
  UnitResult First;
  /// Every later analysis the shard made, in order.
  std::vector<ProgramAnalysis> Later;
};

struct ShardSummaries {
  /// Shard Index of Count (--shard).
  unsigned Index = 1;
  unsigned Count = 1;
  /// The units all shards were chosen from, unreadable ones included.
  unsigned Selected = 0;
  std::vector<UnitSummary> Units;
};

llvm::json::Value toJSON(const ShardSummaries &S);
llvm::Expected<ShardSummaries> summariesFromJSON(const llvm::json::Value &V);

/// The units of Shards, sorted by file as one run orders them, once it is
/// sure they are all N shards of one selection, each once.
llvm::Expected<std::vector<UnitSummary>> joinShards(std::vector<ShardSummaries> Shards);

/// What `statescope merge` was given: the reports combined as they are and,
/// when they are shards' JSON reports, their units (joinShards).
struct MergeInputs {
  Report Combined;
  std::optional<std::vector<UnitSummary>> Units;
};

/// Reads the JSON reports and SARIF logs at Paths. Shards' reports cannot be
/// mixed with other results.
llvm::Expected<MergeInputs> readMergeInputs(llvm::ArrayRef<std::string> Paths);

} // namespace statescope

#endif // STATESCOPE_TOOL_SUMMARIES_H
