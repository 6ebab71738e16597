//===--- Render.cpp - findings as people read them -------------------------===//

#include "Render.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

namespace statescope {

const std::string &SourceLines::contents(const std::string &File) {
  auto [It, New] = Contents.try_emplace(File);
  // Only regular files: a report given to merge may name anything, and
  // reading /dev/zero or a FIFO would never end.
  if (New && llvm::sys::fs::is_regular_file(File))
    if (auto Buffer = llvm::MemoryBuffer::getFile(File))
      It->second = (*Buffer)->getBuffer().str();
  return It->second;
}

Location SourceLines::locate(const std::string &File, unsigned Offset) {
  const std::string &Text = contents(File);
  Location Loc{File, 1, 1, Offset};
  for (unsigned I = 0; I < Offset && I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      ++Loc.Line;
      Loc.Column = 1;
    } else {
      ++Loc.Column;
    }
  }
  return Loc;
}

std::string SourceLines::line(const std::string &File, unsigned Line) {
  llvm::StringRef Text = contents(File);
  for (unsigned I = 1; I < Line && !Text.empty(); ++I)
    Text = Text.split('\n').second;
  return Text.split('\n').first.rtrim("\r").str();
}

namespace {

void printMessage(llvm::raw_ostream &OS, const Message &M, llvm::StringRef Level,
                  llvm::StringRef Check, SourceLines &Lines, bool Color) {
  auto Colored = [&](llvm::raw_ostream::Colors C, bool Bold) {
    if (Color)
      OS.changeColor(C, Bold);
  };
  auto Reset = [&] {
    if (Color)
      OS.resetColor();
  };
  const Location &Loc = M.Loc;
  Colored(llvm::raw_ostream::SAVEDCOLOR, true);
  if (Loc.File.empty())
    OS << "statescope: ";
  else if (Loc.Line == 0)
    OS << Loc.File << ": ";
  else
    OS << Loc.File << ':' << Loc.Line << ':' << Loc.Column << ": ";
  Colored(Level == "note"    ? llvm::raw_ostream::BLACK
          : Level == "error" ? llvm::raw_ostream::RED
                             : llvm::raw_ostream::MAGENTA,
          true);
  OS << Level << ": ";
  Colored(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << M.Text;
  if (!Check.empty())
    OS << " [" << Check << ']';
  Reset();
  OS << '\n';
  if (Loc.File.empty() || Loc.Line == 0)
    return;
  std::string Source = Lines.line(Loc.File, Loc.Line);
  OS << "  " << Source << '\n' << "  ";
  for (unsigned I = 1; I < Loc.Column && I <= Source.size(); ++I)
    OS << (Source[I - 1] == '\t' ? '\t' : ' ');
  Colored(llvm::raw_ostream::GREEN, true);
  OS << '^';
  Reset();
  OS << '\n';
}

} // namespace

void printText(llvm::raw_ostream &OS, const Report &R, SourceLines &Lines, bool Color) {
  for (const Finding &F : R.Findings) {
    printMessage(OS, F.Main, F.Level, F.Check, Lines, Color);
    for (const Message &Note : F.Notes)
      printMessage(OS, Note, "note", "", Lines, Color);
  }
  for (const Failure &F : R.Failures) {
    Message First = F.FirstError;
    if (First.Loc.File.empty())
      First.Loc.File = F.TranslationUnit;
    printMessage(OS, First, "error", "", Lines, Color);
    Message Note;
    Note.Text = "this translation unit could not be analysed";
    if (F.Errors > 1)
      Note.Text += " (" + std::to_string(F.Errors) + " errors; this is the first)";
    Note.Loc.File = F.TranslationUnit;
    printMessage(OS, Note, "note", "", Lines, Color);
  }
}

void printStatistics(llvm::raw_ostream &OS, const Report &R) {
  std::map<std::string, std::pair<size_t, size_t>> PerCheck;
  for (const Finding &F : R.Findings) {
    auto &[Count, Fixable] = PerCheck[F.Check];
    ++Count;
    Fixable += !F.Main.Fixes.empty();
  }
  for (const auto &[Check, Counts] : PerCheck) {
    OS << llvm::formatv("{0,5}  {1}", Counts.first, Check);
    if (Counts.second)
      OS << " (" << Counts.second << " fixable with --fix)";
    OS << '\n';
  }
  OS << llvm::formatv("{0,5}  in total\n", R.Findings.size());
}

} // namespace statescope
