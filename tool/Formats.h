//===--- Formats.h - reports for machines: JSON, SARIF, GitHub ------------===//
//
// The report as --format=json (docs/cli.md has the schema), SARIF 2.1.0 for
// code-scanning services, and GitHub Actions workflow commands that annotate
// a pull request; and the way back from JSON and SARIF for `statescope
// merge`. Paths in SARIF and annotations are relative to the project root.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_FORMATS_H
#define STATESCOPE_TOOL_FORMATS_H

#include "Report.h"
#include "llvm/Support/raw_ostream.h"

namespace statescope {

void writeJson(llvm::raw_ostream &OS, const Report &R);
/// DocBaseUrl: where the rules' pages are (DocLinks.h); none when empty.
void writeSarif(llvm::raw_ostream &OS, const Report &R, llvm::StringRef DocBaseUrl);
void writeGithub(llvm::raw_ostream &OS, const Report &R);
/// Every finding as a markdown table, for the job summary GitHub shows
/// ($GITHUB_STEP_SUMMARY) beside the few annotations it keeps.
void writeGithubSummary(llvm::raw_ostream &OS, const Report &R);
/// Appends the summary to the file GitHub names in $GITHUB_STEP_SUMMARY.
llvm::Error appendGithubSummary(llvm::StringRef Path, const Report &R);

llvm::json::Value toSarif(const Report &R, llvm::StringRef DocBaseUrl = "");
llvm::Expected<Report> reportFromSarif(const llvm::json::Value &V);

/// A JSON report or SARIF log that statescope wrote, read back.
llvm::Expected<Report> readResults(llvm::StringRef Path);

} // namespace statescope

#endif // STATESCOPE_TOOL_FORMATS_H
