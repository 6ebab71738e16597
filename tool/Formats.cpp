//===--- Formats.cpp - JSON and GitHub output, reading results back -------===//

#include "Formats.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

namespace statescope {

namespace {

/// GitHub's workflow-command escaping: data escapes line breaks and '%';
/// property values also ':' and ','.
std::string escapeData(llvm::StringRef Text, bool Property) {
  std::string Out;
  for (unsigned char C : Text) {
    if (C == '%' || C == '\r' || C == '\n' || (Property && (C == ':' || C == ','))) {
      Out += '%';
      Out += llvm::hexdigit(C >> 4);
      Out += llvm::hexdigit(C & 15);
    } else {
      Out += C;
    }
  }
  return Out;
}

std::string place(const Location &L, llvm::StringRef Root) {
  if (L.File.empty())
    return "";
  return relativeTo(L.File, Root) + ":" + std::to_string(L.Line) + ":" + std::to_string(L.Column) +
         ": ";
}

void annotate(llvm::raw_ostream &OS, llvm::StringRef Command, const Location &L,
              llvm::StringRef Root, llvm::StringRef Title, llvm::StringRef Text) {
  OS << "::" << Command << ' ';
  if (!L.File.empty()) {
    OS << "file=" << escapeData(relativeTo(L.File, Root), true);
    if (L.Line)
      OS << ",line=" << L.Line << ",col=" << L.Column;
    OS << ',';
  }
  OS << "title=" << escapeData(Title, true) << "::" << escapeData(Text, false) << '\n';
}

} // namespace

void writeJson(llvm::raw_ostream &OS, const Report &R) {
  OS << llvm::formatv("{0:2}\n", toJSON(R));
}

void writeSarif(llvm::raw_ostream &OS, const Report &R, llvm::StringRef DocBaseUrl) {
  OS << llvm::formatv("{0:2}\n", toSarif(R, DocBaseUrl));
}

void writeGithub(llvm::raw_ostream &OS, const Report &R) {
  // GitHub shows at most this many annotations of each level per step and
  // drops the rest silently; the notice says so, and the job summary lists
  // every finding.
  constexpr size_t ShownPerLevel = 10;
  size_t Errors = R.Failures.size(), Warnings = 0;
  for (const Finding &F : R.Findings)
    (F.Level == "error" ? Errors : Warnings) += 1;
  size_t Annotations = Errors + Warnings;
  size_t Shown = std::min(Errors, ShownPerLevel) + std::min(Warnings, ShownPerLevel);
  if (Annotations > Shown)
    OS << "::notice title=statescope::"
       << escapeData(llvm::formatv("{0} annotations; GitHub shows {1} of them (at most {2} "
                                   "warnings and {2} errors per step). The job summary lists "
                                   "every finding.",
                                   Annotations, Shown, ShownPerLevel)
                         .str(),
                     false)
       << '\n';
  for (const Finding &F : R.Findings) {
    std::string Text = F.Main.Text;
    for (const Message &Note : F.Notes)
      Text += "\nnote: " + place(Note.Loc, R.ProjectRoot) + Note.Text;
    annotate(OS, F.Level, F.Main.Loc, R.ProjectRoot, F.Check, Text);
  }
  for (const Failure &F : R.Failures) {
    Location Where = F.FirstError.Loc;
    if (Where.File.empty())
      Where.File = F.TranslationUnit;
    annotate(OS, "error", Where, R.ProjectRoot,
             "statescope could not analyse " + relativeTo(F.TranslationUnit, R.ProjectRoot),
             F.FirstError.Text);
  }
}

namespace {

/// Text for a markdown table cell: one line, pipes escaped.
std::string cell(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '|' || C == '\\' || C == '`' || C == '<' || C == '>')
      Out += '\\';
    Out += C == '\n' || C == '\r' ? ' ' : C;
  }
  return Out;
}

} // namespace

void writeGithubSummary(llvm::raw_ostream &OS, const Report &R) {
  OS << "### statescope: " << R.Findings.size()
     << (R.Findings.size() == 1 ? " finding" : " findings") << " in " << R.TranslationUnits
     << " translation units\n\n";
  if (!R.Findings.empty()) {
    OS << "| Where | Check | Finding |\n| --- | --- | --- |\n";
    for (const Finding &F : R.Findings)
      OS << "| " << cell(relativeTo(F.Main.Loc.File, R.ProjectRoot)) << ':' << F.Main.Loc.Line
         << " | " << cell(F.Check) << " | " << cell(F.Main.Text) << " |\n";
    OS << '\n';
  }
  if (!R.Failures.empty()) {
    OS << "Not analysed:\n\n";
    for (const Failure &F : R.Failures)
      OS << "- " << cell(relativeTo(F.TranslationUnit, R.ProjectRoot)) << ": "
         << cell(F.FirstError.Text) << '\n';
    OS << '\n';
  }
}

llvm::Error appendGithubSummary(llvm::StringRef Path, const Report &R) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Append | llvm::sys::fs::OF_Text);
  if (!EC) {
    writeGithubSummary(OS, R);
    OS.close();
    EC = OS.error();
    OS.clear_error();
  }
  if (EC)
    return llvm::createStringError("cannot write the job summary " + Path +
                                   " ($GITHUB_STEP_SUMMARY): " + EC.message());
  return llvm::Error::success();
}

llvm::Expected<Report> readResults(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError("cannot read " + Path + ": " + Buffer.getError().message());
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return llvm::createStringError(Path + ": invalid JSON " + llvm::toString(Parsed.takeError()));
  const llvm::json::Object *O = Parsed->getAsObject();
  auto Read = O && O->get("runs") ? reportFromSarif(*Parsed) : reportFromJSON(*Parsed);
  if (!Read)
    return llvm::createStringError(Path + ": " + llvm::toString(Read.takeError()));
  return Read;
}

} // namespace statescope
