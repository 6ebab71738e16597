//===--- Render.cpp - findings as people read them -------------------------===//

#include "Render.h"

#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>
#include <tuple>

namespace statescope {

using clang::tidy::ClangTidyError;
using clang::tooling::DiagnosticMessage;

const std::string &SourceLines::contents(const std::string &File) {
  auto [It, New] = Contents.try_emplace(File);
  if (New)
    if (auto Buffer = llvm::MemoryBuffer::getFile(File))
      It->second = (*Buffer)->getBuffer().str();
  return It->second;
}

Location SourceLines::locate(const std::string &File, unsigned Offset) {
  const std::string &Text = contents(File);
  Location Loc{File, 1, 1};
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

bool isCompilerError(const ClangTidyError &E) {
  return llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-") &&
         E.DiagLevel == ClangTidyError::Error;
}

void sortFindings(std::vector<ClangTidyError> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const ClangTidyError &A, const ClangTidyError &B) {
                     return std::tie(A.Message.FilePath, A.Message.FileOffset,
                                     A.DiagnosticName, A.Message.Message) <
                            std::tie(B.Message.FilePath, B.Message.FileOffset,
                                     B.DiagnosticName, B.Message.Message);
                   });
}

namespace {

void printMessage(llvm::raw_ostream &OS, const DiagnosticMessage &M,
                  llvm::StringRef Level, llvm::StringRef Check,
                  SourceLines &Lines, bool Color) {
  auto Colored = [&](llvm::raw_ostream::Colors C, bool Bold) {
    if (Color)
      OS.changeColor(C, Bold);
  };
  auto Reset = [&] {
    if (Color)
      OS.resetColor();
  };
  if (M.FilePath.empty()) {
    Colored(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << "statescope: ";
  } else {
    Location Loc = Lines.locate(M.FilePath, M.FileOffset);
    Colored(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << Loc.File << ':' << Loc.Line << ':' << Loc.Column << ": ";
  }
  Colored(Level == "note" ? llvm::raw_ostream::BLACK
          : Level == "error" ? llvm::raw_ostream::RED
                             : llvm::raw_ostream::MAGENTA,
          true);
  OS << Level << ": ";
  Colored(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << M.Message;
  if (!Check.empty())
    OS << " [" << Check << ']';
  Reset();
  OS << '\n';
  if (M.FilePath.empty())
    return;
  Location Loc = Lines.locate(M.FilePath, M.FileOffset);
  std::string Source = Lines.line(M.FilePath, Loc.Line);
  OS << "  " << Source << '\n' << "  ";
  for (unsigned I = 1; I < Loc.Column && I <= Source.size(); ++I)
    OS << (Source[I - 1] == '\t' ? '\t' : ' ');
  Colored(llvm::raw_ostream::GREEN, true);
  OS << '^';
  Reset();
  OS << '\n';
}

} // namespace

void printText(llvm::raw_ostream &OS, const std::vector<ClangTidyError> &Findings,
               SourceLines &Lines, bool Color) {
  for (const ClangTidyError &E : Findings) {
    llvm::StringRef Level = E.DiagLevel == ClangTidyError::Error ? "error" : "warning";
    printMessage(OS, E.Message, Level, E.DiagnosticName, Lines, Color);
    for (const DiagnosticMessage &Note : E.Notes)
      printMessage(OS, Note, "note", "", Lines, Color);
  }
}

} // namespace statescope
