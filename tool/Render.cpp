//===--- Render.cpp - findings as people read them
//-------------------------===//
//
// The text is clang's own: each message goes through clang::TextDiagnostic,
// the renderer behind clang's and clang-tidy's diagnostics, over a
// SourceManager that holds the reported files. Colours, carets on lines with
// tabs or UTF-8, and fix-it hints under the line are therefore exactly what
// clang-tidy prints for the same finding.
//
//===----------------------------------------------------------------------===//

#include "Render.h"
#include "Interleaving.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnostic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatAdapters.h"
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

using clang::DiagnosticsEngine;

/// clang's renderer over the files of one report. A message whose file
/// cannot be read, or no longer has the reported text at the reported
/// place (a merged report from another checkout), is printed with its
/// location as written and no source line.
class ClangRenderer {
public:
  ClangRenderer(llvm::raw_ostream &OS, bool Color)
      : Options(new clang::DiagnosticOptions()),
        Diags(new clang::DiagnosticIDs(), Options.get(), new clang::IgnoringDiagConsumer()),
        Files(clang::FileSystemOptions()), Sources(Diags, Files), OS(OS),
        Text(OS, Language, Options.get()) {
    Options->ShowColors = Color;
  }

  void emit(const Message &M, DiagnosticsEngine::Level Level, llvm::StringRef Suffix = "") {
    std::string Line = M.Text + Suffix.str();
    clang::SourceLocation Loc = locate(M.Loc);
    if (Loc.isInvalid()) {
      if (M.Loc.File.empty())
        OS << "statescope: ";
      else if (M.Loc.Line == 0)
        OS << M.Loc.File << ": ";
      else
        OS << M.Loc.File << ':' << M.Loc.Line << ':' << M.Loc.Column << ": ";
      // As clang's TextDiagnosticPrinter prints a message without a place.
      clang::TextDiagnostic::printDiagnosticLevel(OS, Level, Options->ShowColors);
      clang::TextDiagnostic::printDiagnosticMessage(OS, Level == DiagnosticsEngine::Note, Line,
                                                    /*CurrentColumn=*/0, /*Columns=*/0,
                                                    Options->ShowColors);
      OS << '\n';
      return;
    }
    // Every hint, as clang-tidy shows them: one away from the message's
    // line (an #include added at the top) stretches the snippet to it.
    std::vector<clang::FixItHint> Hints;
    for (const Replacement &R : M.Fixes) {
      clang::SourceLocation Begin = at(R.File, R.Offset), End = at(R.File, R.Offset + R.Length);
      if (Begin.isValid() && End.isValid())
        Hints.push_back(clang::FixItHint::CreateReplacement(
            clang::CharSourceRange::getCharRange(Begin, End), R.Text));
    }
    Text.emitDiagnostic(clang::FullSourceLoc(Loc, Sources), Level, Line, {}, Hints);
  }

private:
  /// The place in File at Offset, or invalid when the file cannot be read.
  clang::SourceLocation at(const std::string &File, unsigned Offset) {
    auto [It, New] = Opened.try_emplace(File);
    if (New && llvm::sys::fs::is_regular_file(File))
      if (auto Entry = Files.getOptionalFileRef(File))
        It->second = Sources.getOrCreateFileID(*Entry, clang::SrcMgr::C_User);
    if (It->second.isInvalid())
      return {};
    std::optional<llvm::MemoryBufferRef> Buffer = Sources.getBufferOrNone(It->second);
    if (!Buffer || Offset > Buffer->getBufferSize())
      return {};
    return Sources.getComposedLoc(It->second, Offset);
  }

  clang::SourceLocation locate(const Location &L) {
    if (L.File.empty() || L.Line == 0)
      return {};
    clang::SourceLocation Loc = at(L.File, L.Offset);
    if (Loc.isInvalid())
      return {};
    // The file may have changed since it was analysed.
    bool Invalid = false;
    unsigned Line = Sources.getSpellingLineNumber(Loc, &Invalid);
    unsigned Column = Sources.getSpellingColumnNumber(Loc, &Invalid);
    if (Invalid || Line != L.Line || Column != L.Column)
      return {};
    return Loc;
  }

  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options;
  DiagnosticsEngine Diags;
  clang::FileManager Files;
  clang::SourceManager Sources;
  clang::LangOptions Language;
  llvm::raw_ostream &OS;
  clang::TextDiagnostic Text;
  std::map<std::string, clang::FileID> Opened;
};

DiagnosticsEngine::Level levelOf(llvm::StringRef Level) {
  return Level == "error" ? DiagnosticsEngine::Error : DiagnosticsEngine::Warning;
}

/// Which option would apply a finding's fix, as Fixes.cpp chooses: the
/// warning's own, else the one note's that has a fix-it.
const char *fixOption(const Finding &F) {
  if (!F.Main.Fixes.empty())
    return "--fix";
  unsigned NotesWithFixes =
      llvm::count_if(F.Notes, [](const Message &N) { return !N.Fixes.empty(); });
  return NotesWithFixes == 1 ? "--fix-notes" : nullptr;
}

/// --show-interleaving: the two requests' steps in the order they run, one
/// a line, under the finding's notes.
void printInterleaving(llvm::raw_ostream &OS, const Finding &F, llvm::StringRef Root) {
  Interleaving Steps = interleavingOf(F);
  if (Steps.RequestA.empty())
    return;
  std::vector<std::pair<char, const InterleavingStep *>> Timeline;
  for (const InterleavingStep &S : Steps.RequestA)
    Timeline.push_back({'A', &S});
  for (const InterleavingStep &S : Steps.RequestB)
    Timeline.push_back({'B', &S});
  llvm::sort(Timeline,
             [](const auto &X, const auto &Y) { return X.second->Order < Y.second->Order; });
  std::vector<std::string> Places;
  size_t Width = 0;
  for (const auto &[Request, Step] : Timeline) {
    Places.push_back(relativeTo(Step->Loc.File, Root) + ":" + std::to_string(Step->Loc.Line) + ":" +
                     std::to_string(Step->Loc.Column));
    Width = std::max(Width, Places.back().size());
  }
  OS << (Steps.RequestB.empty() ? "  how the request gets there:\n"
                                : "  two requests interleaved:\n");
  for (size_t I = 0; I < Timeline.size(); ++I)
    OS << llvm::formatv("    {0} {1}  {2}\n", Timeline[I].first,
                        llvm::fmt_align(Places[I], llvm::AlignStyle::Left, Width),
                        Timeline[I].second->Text);
}

} // namespace

void printText(llvm::raw_ostream &Out, const Report &R, bool Color, bool ShowInterleaving) {
  // Rendered into a string whose colours are on exactly when asked for,
  // whatever kind of stream Out is.
  std::string Rendered;
  llvm::raw_string_ostream OS(Rendered);
  OS.enable_colors(Color);
  ClangRenderer Renderer(OS, Color);
  for (const Finding &F : R.Findings) {
    Renderer.emit(F.Main, levelOf(F.Level), " [" + F.Check + "]");
    if (const char *Option = fixOption(F)) {
      Message Marker;
      Marker.Text = llvm::formatv("fix available ({0})", Option);
      Marker.Loc = F.Main.Loc;
      Renderer.emit(Marker, DiagnosticsEngine::Note);
    }
    for (const Message &Note : F.Notes)
      Renderer.emit(Note, DiagnosticsEngine::Note);
    if (ShowInterleaving)
      printInterleaving(OS, F, R.ProjectRoot);
  }
  for (const Failure &F : R.Failures) {
    Message First = F.FirstError;
    if (First.Loc.File.empty())
      First.Loc.File = F.TranslationUnit;
    Renderer.emit(First, DiagnosticsEngine::Error);
    Message Note;
    Note.Text = "this translation unit could not be analysed";
    if (F.Errors > 1)
      Note.Text += " (" + std::to_string(F.Errors) + " errors; this is the first)";
    Note.Loc.File = F.TranslationUnit;
    Renderer.emit(Note, DiagnosticsEngine::Note);
  }
  Out << Rendered;
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
