//===--- StatescopeMain.cpp - the statescope command line -----------------===//
//
// statescope [-p BUILD] [paths...]: runs the statescope checks over the
// translation units of a compile database and prints clang-style findings.
// Exit codes: 0 no findings, 1 findings, 2 bad usage or configuration,
// 3 some translation units could not be analysed.
//
//===----------------------------------------------------------------------===//

#include "Render.h"
#include "Runner.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include <set>

using namespace llvm;

namespace {

enum ExitCode { Clean = 0, Findings = 1, BadUsage = 2, NotAnalysed = 3 };

cl::OptionCategory Category("statescope options");

cl::opt<std::string> BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> Paths(cl::Positional,
                            cl::desc("[files or directories to analyse...]"),
                            cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Check glob applied after .clang-tidy, e.g. "
                                     "'-*,statescope-mutable-static'"),
                            cl::cat(Category));
cl::opt<std::string> Config("config", cl::desc("YAML configuration, as for clang-tidy"),
                            cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));

int fail(const Twine &Message) {
  WithColor::error(errs(), "statescope") << Message << '\n';
  return BadUsage;
}

/// The compile database: -p, else the nearest compile_commands.json above
/// the first path (or the current directory), else ./build.
std::unique_ptr<clang::tooling::CompilationDatabase> loadDatabase(std::string &Error,
                                                                  std::string &Where) {
  using clang::tooling::JSONCompilationDatabase;
  using clang::tooling::JSONCommandLineSyntax;
  auto LoadFrom = [&](StringRef Dir) -> std::unique_ptr<clang::tooling::CompilationDatabase> {
    SmallString<256> File(Dir);
    sys::path::append(File, "compile_commands.json");
    Where = std::string(File);
    if (!sys::fs::exists(File)) {
      Error = "no compile_commands.json in " + Dir.str();
      return nullptr;
    }
    auto DB = JSONCompilationDatabase::loadFromFile(File, Error, JSONCommandLineSyntax::AutoDetect);
    if (!DB)
      Error = File.str().str() + ": " + Error;
    return DB;
  };
  if (!BuildPath.empty())
    return LoadFrom(BuildPath);
  SmallString<256> Start;
  if (!Paths.empty())
    sys::fs::real_path(Paths.front(), Start);
  if (Start.empty())
    sys::fs::current_path(Start);
  if (!sys::fs::is_directory(Start))
    sys::path::remove_filename(Start);
  for (StringRef Dir = Start; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Candidate(Dir);
    sys::path::append(Candidate, "compile_commands.json");
    if (sys::fs::exists(Candidate))
      return LoadFrom(Dir);
  }
  return LoadFrom("build");
}

/// The database's files that the paths select (all of them without paths).
Expected<std::vector<std::string>>
selectFiles(const clang::tooling::CompilationDatabase &DB) {
  std::vector<std::string> All = DB.getAllFiles();
  if (Paths.empty())
    return All;
  std::set<std::string> Selected;
  for (const std::string &Path : Paths) {
    SmallString<256> Real;
    if (sys::fs::real_path(Path, Real))
      return createStringError(inconvertibleErrorCode(), Path + ": no such file or directory");
    bool Matched = false;
    for (const std::string &File : All) {
      SmallString<256> RealFile;
      if (sys::fs::real_path(File, RealFile))
        continue;
      StringRef F = RealFile;
      if (F == Real || (F.starts_with(Real) &&
                        sys::path::is_separator(F[Real.size()]))) {
        Selected.insert(File);
        Matched = true;
      }
    }
    if (!Matched)
      return createStringError(inconvertibleErrorCode(),
                               Path + ": not in the compile database");
  }
  return std::vector<std::string>(Selected.begin(), Selected.end());
}

} // namespace

int main(int argc, const char **argv) {
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "statescope " << STATESCOPE_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
  });
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "statescope: finds per-request data kept in shared state\n",
                                   &errs()))
    return BadUsage;

  statescope::RunOptions Options{Checks, Config};
  if (ListChecks) {
    auto Enabled = statescope::enabledChecks(Paths.empty() ? "dummy.cpp" : Paths.front(), Options);
    if (!Enabled)
      return fail(toString(Enabled.takeError()));
    for (const std::string &Name : *Enabled)
      outs() << Name << '\n';
    return Clean;
  }

  std::string Error, Where;
  auto DB = loadDatabase(Error, Where);
  if (!DB)
    return fail(Error);
  auto Files = selectFiles(*DB);
  if (!Files)
    return fail(toString(Files.takeError()));
  if (Files->empty())
    return fail(Where + ": the compile database lists no files");

  auto Result = statescope::runChecks(*DB, *Files, Options);
  if (!Result)
    return fail(toString(Result.takeError()));
  std::vector<clang::tidy::ClangTidyError> &Found = *Result;
  statescope::sortFindings(Found);

  // LLVM's own --color option decides, defaulting to colour on a terminal.
  bool Color = WithColor(outs()).colorsEnabled();
  statescope::SourceLines Lines;
  statescope::printText(outs(), Found, Lines, Color);

  size_t Warnings = 0, CompilerErrors = 0;
  for (const auto &E : Found)
    (statescope::isCompilerError(E) ? CompilerErrors : Warnings) += 1;
  errs() << "statescope: " << Files->size() << " translation unit"
         << (Files->size() == 1 ? "" : "s") << ", " << Warnings << " finding"
         << (Warnings == 1 ? "" : "s");
  if (CompilerErrors)
    errs() << ", " << CompilerErrors << " compiler error" << (CompilerErrors == 1 ? "" : "s");
  errs() << '\n';
  if (CompilerErrors)
    return NotAnalysed;
  return Warnings ? Findings : Clean;
}
