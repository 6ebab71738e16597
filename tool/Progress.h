//===--- Progress.h - what the user sees on stderr during and after a run -===//
//
// A one-line progress display (units done of all, the file last started,
// the time left) redrawn in place when stderr is a terminal, and the closing
// summary: units, findings per check, what was suppressed, the time taken,
// the fix-its applied.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_PROGRESS_H
#define STATESCOPE_TOOL_PROGRESS_H

#include "Fixes.h"
#include "Report.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <string>

namespace statescope {

/// The progress line for Done of Total units after Seconds, at most Width
/// columns wide.
std::string progressLine(size_t Done, size_t Total, double Seconds, llvm::StringRef File,
                         size_t Width);

class Progress {
public:
  /// Shows nothing unless Enabled (stderr is a terminal and not --quiet).
  explicit Progress(bool Enabled);
  void begin(size_t Units);
  void started(llvm::StringRef File);
  void finished();
  /// Erases the line, before anything else is printed.
  void clear();
  double seconds() const;

private:
  void draw();

  bool Enabled;
  size_t Total = 0;
  size_t Done = 0;
  std::string Current;
  std::chrono::steady_clock::time_point Start;
};

void printSummary(llvm::raw_ostream &OS, const Report &R, double Seconds);
void printFixSummary(llvm::raw_ostream &OS, const FixResult &F);

} // namespace statescope

#endif // STATESCOPE_TOOL_PROGRESS_H
