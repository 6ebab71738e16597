//===--- Progress.h - what the user sees on stderr during and after a run -===//
//
// A one-line progress display (units done of all, the file last started,
// the time left) redrawn in place when stderr is a terminal, or a plain line
// every few seconds when it is a log; and the closing
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

/// The progress line for Done of Total units of a phase ("" for the first
/// pass) after Seconds, at most Width columns wide.
std::string progressLine(size_t Done, size_t Total, llvm::StringRef Phase, double Seconds,
                         llvm::StringRef File, size_t Width);

/// The width of the terminal on file descriptor FD as the terminal itself
/// says (TIOCGWINSZ), else $COLUMNS, else 80.
unsigned terminalColumns(int FD);

class Progress {
public:
  enum class Mode {
    /// --quiet: nothing.
    Off,
    /// stderr is a terminal: one line redrawn in place.
    Terminal,
    /// stderr is a log (CI): a plain line every Interval seconds, so that
    /// the log shows the run is alive and how far it got.
    Log,
  };
  Progress(Mode M, double Interval);
  /// A phase of Units units: the first pass ("") or the whole-program pass.
  void begin(size_t Units, llvm::StringRef Phase);
  void started(llvm::StringRef File);
  void finished();
  /// Erases the line, before anything else is printed.
  void clear();
  double seconds() const;

private:
  void draw();

  Mode Shown;
  double Interval;
  double LastLogged = 0;
  size_t Total = 0;
  size_t Done = 0;
  std::string Phase;
  std::string Current;
  std::chrono::steady_clock::time_point Start;
  std::chrono::steady_clock::time_point PhaseStart;
};

void printSummary(llvm::raw_ostream &OS, const Report &R, double Seconds);
void printFixSummary(llvm::raw_ostream &OS, const FixResult &F);

} // namespace statescope

#endif // STATESCOPE_TOOL_PROGRESS_H
