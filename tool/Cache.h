//===--- Cache.h - unit results kept between runs -------------------------===//
//
// Parsing is nearly all of statescope's time, and most runs in CI or on a
// developer's machine follow a small change. The cache keeps each unit's
// result, whole-program facts included, with every file the unit read and
// the hash of its contents, under a key made of everything else the result
// depends on (the compile command, the configuration, this statescope). A
// result is reused only when the key matches and every file it read still
// hashes the same, so an unchanged run only hashes files and a touched file
// re-analyses only the units that read it. Entries are written atomically;
// one that cannot be read is reported and ignored, never trusted.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_CACHE_H
#define STATESCOPE_TOOL_CACHE_H

#include "Report.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace statescope {

/// The hash the cache compares contents by: xxh3-128, in hexadecimal.
std::string contentHash(llvm::StringRef Data);

/// What the CLI learns about a unit beside its findings: what the result
/// depends on, for the cache, and where the time went, for --profile.
struct UnitTrace {
  /// Every file the unit read, by its real path, with the contentHash of
  /// the contents the compiler saw.
  std::vector<std::pair<std::string, std::string>> Inputs;
  /// Preprocessing, parsing and semantic analysis.
  double ParseSeconds = 0;
  /// The checks, building the request-scope model included.
  double CheckSeconds = 0;
  /// Bodies of functions in system headers that were not parsed.
  uint64_t SkippedFunctionBodies = 0;
  /// Matcher time per check, when profiled. The checks share one model,
  /// which the first check to run builds.
  std::map<std::string, double> PerCheckSeconds;
};

llvm::json::Value toJSON(const UnitTrace &T);
bool fromJSON(const llvm::json::Value &V, UnitTrace &T, llvm::json::Path P);

class ResultCache {
public:
  /// A cache in Dir, created when the first entry is stored.
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}

  /// The result stored in Slot under Key, when every file it read still
  /// has the contents it had (then, with Inputs, those files and hashes,
  /// and with Answers, what it was stored with). A damaged entry is
  /// reported on stderr and treated as missing.
  std::optional<UnitResult>
  lookup(llvm::StringRef Slot, llvm::StringRef Key,
         std::vector<std::pair<std::string, std::string>> *Inputs = nullptr,
         std::string *Answers = nullptr);

  /// Stores Result in Slot (replacing what was there), with the files it
  /// depends on, and for a later pass's result, a hash of what the program
  /// facts answered to its lookups.
  llvm::Error store(llvm::StringRef Slot, llvm::StringRef Key,
                    const std::vector<std::pair<std::string, std::string>> &Inputs,
                    const UnitResult &Result, llvm::StringRef Answers = "");

private:
  /// The hash of a file's contents now, read once per run; empty when it
  /// cannot be read.
  const std::string &currentHash(llvm::StringRef Path);
  std::string entryPath(llvm::StringRef Slot) const;

  std::string Dir;
  llvm::StringMap<std::string> Hashes;
};

} // namespace statescope

#endif // STATESCOPE_TOOL_CACHE_H
