//===--- Progress.cpp - what the user sees on stderr during and after a run ===//

#include "Progress.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include <map>

#include <sys/ioctl.h>
#include <unistd.h>

namespace statescope {

namespace {

std::string plural(size_t N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

std::string duration(double Seconds) {
  unsigned Whole = static_cast<unsigned>(Seconds + 0.5);
  return std::to_string(Whole / 60) + (Whole % 60 < 10 ? ":0" : ":") + std::to_string(Whole % 60);
}

} // namespace

std::string progressLine(size_t Done, size_t Total, llvm::StringRef Phase, double Seconds,
                         llvm::StringRef File, size_t Width) {
  std::string Line = llvm::formatv("[{0}/{1}{2}{3}]", Done, Total, Phase.empty() ? "" : " ", Phase);
  // The rate is only known once something finished.
  if (Done > 0 && Done < Total)
    Line += " " + duration(Seconds / Done * (Total - Done)) + " left";
  if (!File.empty() && Width > Line.size() + 1) {
    size_t Room = Width - Line.size() - 1;
    Line += ' ';
    // Keep the end of a long path: the file name says most.
    if (File.size() <= Room)
      Line += File.str();
    else if (Room > 3)
      Line += "..." + File.take_back(Room - 3).str();
  }
  return Line.substr(0, Width);
}

unsigned terminalColumns(int FD) {
  winsize Size{};
  if (ioctl(FD, TIOCGWINSZ, &Size) == 0 && Size.ws_col > 0)
    return Size.ws_col;
  if (unsigned Columns = llvm::sys::Process::StandardErrColumns())
    return Columns;
  return 80;
}

Progress::Progress(Mode M, double Interval)
    : Shown(M), Interval(Interval), Start(std::chrono::steady_clock::now()), PhaseStart(Start) {}

void Progress::begin(size_t Units, llvm::StringRef Name) {
  Total = Units;
  Done = 0;
  Phase = Name.str();
  PhaseStart = std::chrono::steady_clock::now();
  LastLogged = seconds();
}

double Progress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
}

void Progress::started(llvm::StringRef File) {
  Current = File.str();
  if (Shown == Mode::Terminal)
    draw();
}

void Progress::finished() {
  ++Done;
  if (Shown == Mode::Terminal) {
    draw();
  } else if (Shown == Mode::Log && (seconds() - LastLogged >= Interval)) {
    LastLogged = seconds();
    llvm::errs() << "statescope: " << (Phase.empty() ? "" : Phase + ": ") << Done << '/' << Total
                 << " translation units, " << duration(seconds()) << " elapsed\n";
  }
}

void Progress::draw() {
  double PhaseSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - PhaseStart).count();
  size_t Width = std::max(20u, terminalColumns(STDERR_FILENO)) - 1;
  llvm::errs() << "\r\x1b[K" << progressLine(Done, Total, Phase, PhaseSeconds, Current, Width);
  llvm::errs().flush();
}

void Progress::clear() {
  if (Shown == Mode::Terminal)
    llvm::errs() << "\r\x1b[K";
}

void printSummary(llvm::raw_ostream &OS, const Report &R, double Seconds) {
  OS << "statescope: " << plural(R.TranslationUnits, "translation unit") << ", "
     << plural(R.Findings.size(), "finding") << llvm::formatv(" in {0:f1}s\n", Seconds);
  std::map<std::string, size_t> PerCheck;
  for (const Finding &F : R.Findings)
    ++PerCheck[F.Check];
  for (const auto &[Check, Count] : PerCheck)
    OS << llvm::formatv("{0,6} {1}\n", Count, Check);
  std::vector<std::string> Hidden;
  if (R.Counts.NoLint)
    Hidden.push_back(std::to_string(R.Counts.NoLint) + " by NOLINT");
  if (R.Counts.OutsideProject)
    Hidden.push_back(std::to_string(R.Counts.OutsideProject) +
                     " in system or other projects' headers");
  if (R.Counts.Baseline)
    Hidden.push_back(std::to_string(R.Counts.Baseline) + " in the baseline");
  if (R.Counts.Unchanged)
    Hidden.push_back(std::to_string(R.Counts.Unchanged) + " on lines not changed since " +
                     "the --diff-base");
  if (!Hidden.empty())
    OS << "  not shown: " << llvm::join(Hidden, ", ") << '\n';
  if (!R.Failures.empty()) {
    OS << "  " << plural(R.Failures.size(), "translation unit") << " could not be analysed:\n";
    for (const Failure &F : R.Failures)
      OS << "    " << F.TranslationUnit << '\n';
  }
}

void printFixSummary(llvm::raw_ostream &OS, const FixResult &F) {
  OS << "statescope: applied " << plural(F.Applied, "fix-it") << " to "
     << plural(F.ChangedFiles.size(), "file") << '\n';
}

} // namespace statescope
