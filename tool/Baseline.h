//===--- Baseline.h - recognise findings across runs and edits ------------===//
//
// A fingerprint names a finding by the code it points at, not by its line
// number or its wording, so that it survives line moves and unrelated
// edits: a hash of the check, the file relative to the project root and the
// code of the finding's line (without whitespace and comments), plus an
// occurrence index for findings that share all of these. The message is
// left out: it names handlers, request data and other places (renaming a
// handler elsewhere rewords it), and the code of the line already says
// which shared state the finding is about. A baseline
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
                            llvm::StringRef SourceLine);

/// The code of a source line: without whitespace, // and /* */ comments
/// (outside string and character literals).
std::string codeOfLine(llvm::StringRef Line);

/// The version of the baseline file format this statescope reads and
/// writes: 2 since fingerprints leave the message out.
constexpr int BaselineFormatVersion = 2;

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
