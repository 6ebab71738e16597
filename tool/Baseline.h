//===--- Baseline.h - recognise findings across runs and edits ------------===//
//
// A fingerprint names a finding by what it says and by the text it points
// at, not by its line number, so that it survives line moves and unrelated
// edits: a hash of the check, the file relative to the project root, the
// message with numbers removed and the source line without whitespace,
// plus an occurrence index for findings that share all of these. A baseline
// is the set of fingerprints a team has accepted; runs with --baseline
// report only findings outside it.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_BASELINE_H
#define STATESCOPE_TOOL_BASELINE_H

#include "Report.h"
#include "llvm/Support/raw_ostream.h"
#include <set>
#include <string>

namespace statescope {

/// The hash part of a finding's fingerprint: 16 hexadecimal digits.
std::string fingerprintHash(llvm::StringRef Check, llvm::StringRef RelativePath,
                            llvm::StringRef Message, llvm::StringRef SourceLine);

/// The version of the baseline file format this statescope reads and writes.
constexpr int BaselineFormatVersion = 1;

using Baseline = std::set<std::string>;

/// The fingerprints in a baseline file; a one-line error for a file that is
/// unreadable, corrupt or of another format version.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// Every finding of R as a baseline file.
void writeBaseline(llvm::raw_ostream &OS, const Report &R);

/// Drops the findings whose fingerprints are in B, counting them.
void applyBaseline(Report &R, const Baseline &B);

} // namespace statescope

#endif // STATESCOPE_TOOL_BASELINE_H
