//===--- InputFuzzer.cpp - the parsers of what users give statescope ------===//
//
// libFuzzer target for every file statescope reads besides C++: the first
// line of an input names the parser, the rest is the file.
//
//   compile_commands.json   loading the database, selecting and checking units
//   .clang-tidy             a configuration file in the units' directory
//   --config                configuration given on the command line
//   baseline                a --baseline file
//   report                  a JSON report or SARIF log for merge, then every
//                           output format and a baseline written from it
//
// A bad file must be an error naming it, never a crash, a hang or a
// sanitizer report.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "CompileFlags.h"
#include "FixDiff.h"
#include "Fixes.h"
#include "Formats.h"
#include "FuzzSupport.h"
#include "Project.h"
#include "Render.h"
#include "Runner.h"

using namespace statescope;

namespace {

/// An error is a fine answer to a bad file; it must only say something.
void expectMessage(llvm::Error E) {
  if (E && llvm::toString(std::move(E)).empty())
    llvm::report_fatal_error("an error without a message");
}

void compileDatabase(const fuzz::ScratchDir &Dir, llvm::StringRef Text) {
  Dir.write("compile_commands.json", Text);
  auto P = loadProject(Dir.Path, {}, "");
  if (!P)
    return expectMessage(P.takeError());
  auto Files = selectFiles(*P, {});
  if (!Files)
    return expectMessage(Files.takeError());
  for (const UnitResult &Unreadable : takeUnreadable(*P, *Files))
    if (!Unreadable.Failed || Unreadable.Failed->FirstError.Text.empty())
      llvm::report_fatal_error("an unreadable unit without a reason");
  // The commands as the analysis would run them.
  for (const std::string &File : *Files)
    for (const clang::tooling::CompileCommand &C : P->Database->getCompileCommands(File))
      cleanCompileCommand(C.CommandLine, {"-I", "-W*", "-std="});
}

void configuration(const fuzz::ScratchDir &Dir, const RunOptions &Options) {
  std::string Unit = Dir.file("unit.cpp");
  // As the CLI does: only a configuration that passed is used.
  if (llvm::Error E = checkConfiguration({Unit}, Options))
    return expectMessage(std::move(E));
  auto Enabled = enabledChecks(Unit, Options);
  if (!Enabled)
    expectMessage(Enabled.takeError());
}

void report(const fuzz::ScratchDir &Dir, llvm::StringRef Text) {
  auto R = readResults(Dir.write("report.json", Text));
  if (!R)
    return expectMessage(R.takeError());
  R->finish();
  llvm::raw_null_ostream Null;
  writeJson(Null, *R);
  writeSarif(Null, *R, "https://example.org/statescope/");
  writeGithub(Null, *R);
  writeBaseline(Null, *R);
  exportFixes(Null, *R);
  printStatistics(Null, *R);
  // Text quotes the lines of the files the report names, whatever they are.
  printText(Null, *R, /*Color=*/false, /*ShowInterleaving=*/true);
  writeGithubSummary(Null, *R);
  writeFixDiff(Null, *R, FixScope::WarningsAndNotes);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const fuzz::ScratchDir Dir;
  auto [Kind, Text] = llvm::StringRef(reinterpret_cast<const char *>(Data), Size).split('\n');
  if (Kind == "compile_commands.json") {
    compileDatabase(Dir, Text);
  } else if (Kind == ".clang-tidy") {
    Dir.write(".clang-tidy", Text);
    configuration(Dir, {});
    llvm::sys::fs::remove(Dir.file(".clang-tidy"));
  } else if (Kind == "--config") {
    RunOptions Options;
    Options.Config = Text.str();
    configuration(Dir, Options);
  } else if (Kind == "baseline") {
    auto B = readBaseline(Dir.write("baseline.json", Text));
    if (!B)
      expectMessage(B.takeError());
  } else if (Kind == "report") {
    report(Dir, Text);
  }
  return 0;
}
