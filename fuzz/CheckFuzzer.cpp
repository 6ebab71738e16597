//===--- CheckFuzzer.cpp - the checks on mutated C++ ----------------------===//
//
// libFuzzer target: each input is a C++ translation unit, analysed in
// process exactly as a CLI worker analyses one (Runner's analyseUnit, with
// the unit's whole-program facts), and its result sent through the
// workers' JSON and read back. The mock framework headers of tests/checks
// are on the include path, so inputs seeded from the fixtures there parse
// as the fixtures do. Whatever the input, nothing may crash, hang or trip
// a sanitizer; code that does not compile is an ordinary result.
//
//===----------------------------------------------------------------------===//

#include "FuzzSupport.h"
#include "Runner.h"
#include "WholeProgram.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/JSON.h"
#include <optional>

using namespace statescope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const fuzz::ScratchDir Dir;
  static const clang::tooling::FixedCompilationDatabase Database(
      Dir.Path, {"-std=c++20", "-isystem", STATESCOPE_SOURCE_DIR "/tests/checks/Inputs",
                 "-I" STATESCOPE_SOURCE_DIR "/tests/checks/Inputs/project",
                 "-I" STATESCOPE_SOURCE_DIR "/tests/checks"});
  static const RunOptions Options = [] {
    RunOptions O;
    // Every check, and the advice that is off by default.
    O.Checks = "-*,statescope-*";
    O.Config = "{CheckOptions: {statescope-mutable-static.ReportNeverWritten: true}}";
    O.ProjectRoot = Dir.Path;
    O.BuildDirectory = Dir.Path;
    return O;
  }();

  std::string File =
      Dir.write("input.cpp", llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  std::optional<clang::statescope::UnitFacts> Facts;
  clang::statescope::setUnitFactsSink([&](const clang::statescope::UnitFacts &F) {
    if (!Facts)
      Facts = F;
  });
  auto Unit = analyseUnit(Database, File, Options);
  clang::statescope::setUnitFactsSink(nullptr);
  if (!Unit)
    llvm::report_fatal_error(llvm::Twine("the fixed configuration was rejected: ") +
                             llvm::toString(Unit.takeError()));
  Unit->Facts = std::move(Facts);

  // What a worker sends its parent must come back whole.
  std::string Text;
  llvm::raw_string_ostream(Text) << toJSON(*Unit);
  auto Parsed = llvm::json::parse(Text);
  if (!Parsed)
    llvm::report_fatal_error(llvm::Twine("a worker's result is not JSON: ") +
                             llvm::toString(Parsed.takeError()));
  auto Back = unitFromJSON(*Parsed);
  if (!Back)
    llvm::report_fatal_error(llvm::Twine("a worker's result does not read back: ") +
                             llvm::toString(Back.takeError()));
  if (Back->Findings.size() != Unit->Findings.size())
    llvm::report_fatal_error("a worker's result lost findings on the way");
  return 0;
}
