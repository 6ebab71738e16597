//===--- StatescopeMain.cpp - the statescope command line -----------------===//
//
// statescope [options] [paths...]: runs the statescope checks over the
// translation units of a compile database, one child process per unit, and
// reports the findings as text, JSON, SARIF or GitHub annotations.
// statescope explain CHECK: prints a check's page. statescope merge: joins
// the JSON or SARIF results of shards into the report of one run.
// statescope handlers: lists what the model recognises in each unit.
// Exit codes: 0 no findings, 1 findings, 2 bad usage, configuration or
// internal error, 3 some translation units could not be analysed. The
// options themselves are CommandLine.h's.
//
//===----------------------------------------------------------------------===//

#include "Analysis.h"
#include "Baseline.h"
#include "ChangedLines.h"
#include "CommandLine.h"
#include "DocLinks.h"
#include "DocPages.h"
#include "Explain.h"
#include "FixDiff.h"
#include "Fixes.h"
#include "Formats.h"
#include "HandlersCommand.h"
#include "Progress.h"
#include "Project.h"
#include "Render.h"
#include "Runner.h"
#include "Stop.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include <chrono>
#include <numeric>

using namespace llvm;
using namespace statescope::cli;

namespace {

/// How statescope was started, for reproduction commands.
std::string Argv0 = "statescope";

int fail(const Twine &Message) {
  WithColor::error(errs(), "statescope") << Message << '\n';
  return BadUsage;
}

/// Fails now, not after a long run, when a file cannot be written.
Error checkWritable(StringRef Path) {
  auto Temp = sys::fs::TempFile::create(Path + ".statescope-%%%%%%");
  if (!Temp)
    return createStringError("cannot write " + Path + ": " + toString(Temp.takeError()));
  return Temp->discard();
}

Error writeFile(StringRef Path, function_ref<void(raw_ostream &)> Write) {
  if (Error E = writeToOutput(Path, [&](raw_ostream &OS) {
        Write(OS);
        return Error::success();
      }))
    return createStringError("cannot write " + Path + ": " + toString(std::move(E)));
  return Error::success();
}

/// Whether LLVM's --color option (on by default on a terminal) colours OS.
/// Asking a WithColor would write a colour change to OS.
bool colorsFor(raw_ostream &OS) {
  auto *UseColor =
      static_cast<cl::opt<cl::boolOrDefault> *>(cl::getRegisteredOptions().lookup("color"));
  if (!UseColor || *UseColor == cl::BOU_UNSET)
    return OS.has_colors();
  return *UseColor == cl::BOU_TRUE;
}

/// The options merge rejects: it takes an analysis's options only to
/// analyse units again as their shards did.
Error checkMergeOptions() {
  const cl::Option *AnalysisOnly[] = {&ShardSpec, &Fix, &FixNotes, &ListChecks, &DumpConfig};
  for (const cl::Option *O : AnalysisOnly)
    if (O->getNumOccurrences())
      return createStringError("merge does not take -" + O->ArgStr +
                               "; it combines results that were already analysed");
  if (Paths.empty())
    return createStringError("merge needs the result files to combine");
  return Error::success();
}

/// How the units of P are analysed, from the command line.
Expected<statescope::RunOptions> runOptions(const statescope::Project &P) {
  statescope::RunOptions Options{Checks, Config};
  if (!ConfigFile.empty()) {
    auto Text = MemoryBuffer::getFile(ConfigFile);
    if (!Text)
      return createStringError("cannot read " + ConfigFile + ": " + Text.getError().message());
    Options.Config = (*Text)->getBuffer().str();
    Options.ConfigSource = ConfigFile;
  }
  Options.HeaderFilter = HeaderFilter;
  Options.ProjectRoot = P.Root;
  Options.BuildDirectory = P.DatabaseDir;
  Options.SkipLibraryBodies = SkipLibraryBodies;
  Options.ProfileChecks = Profile;
  Options.RemoveArgs = RemoveArgs;
  return Options;
}

/// The options that only a report uses, which handlers rejects.
Error checkHandlersOptions() {
  const cl::Option *ReportOnly[] = {&HeaderFilter,      &ShardSpec,   &Fix,        &FixNotes,
                                    &DiffFixes,         &DiffBase,    &ExitZero,   &BaselineFile,
                                    &WriteBaselineFile, &ExportFixes, &Statistics, &ListChecks,
                                    &DumpConfig,        &CacheDir,    &NoCache,    &Profile,
                                    &ShowInterleaving,  &DocBaseUrl};
  for (const cl::Option *O : ReportOnly)
    if (O->getNumOccurrences())
      return createStringError("handlers does not take -" + O->ArgStr +
                               "; it lists what statescope recognises, not findings");
  if (OutputFormat != Format::Text && OutputFormat != Format::Json)
    return createStringError("handlers prints --format=text or --format=json");
  return Error::success();
}

/// statescope handlers [paths]: what the model recognises in each unit.
int handlersCommand() {
  if (Error E = checkHandlersOptions())
    return fail(toString(std::move(E)));
  if (!OutputFile.empty())
    if (Error E = checkWritable(OutputFile))
      return fail(toString(std::move(E)));
  auto P = statescope::loadProject(BuildPath, Paths, ProjectRoot);
  if (!P)
    return fail(toString(P.takeError()));
  auto Files = statescope::selectFiles(*P, Paths);
  if (!Files)
    return fail(toString(Files.takeError()));
  auto Options = runOptions(*P);
  if (!Options)
    return fail(toString(Options.takeError()));
  std::vector<statescope::UnitResult> Unreadable = statescope::takeUnreadable(*P, *Files);
  if (Error E = statescope::checkConfiguration(*Files, *Options))
    return fail(toString(std::move(E)));

  statescope::installStopHandlers();
  using ProgressMode = statescope::Progress::Mode;
  statescope::Progress Progress(Quiet                                    ? ProgressMode::Off
                                : sys::Process::StandardErrIsDisplayed() ? ProgressMode::Terminal
                                                                         : ProgressMode::Log,
                                ProgressInterval);
  unsigned Parallel = Jobs ? Jobs : hardware_concurrency().compute_thread_count();
  std::vector<statescope::UnitHandlers> Units =
      statescope::listHandlers(*P, *Files, *Options, Parallel, Progress);
  Progress.clear();
  for (const statescope::UnitResult &U : Unreadable) {
    statescope::UnitHandlers Unit;
    Unit.File = U.File;
    Unit.Failure = U.Failed ? U.Failed->FirstError.Text : "it cannot be read";
    Units.push_back(std::move(Unit));
  }
  auto Write = [&](raw_ostream &OS) {
    if (OutputFormat == Format::Json)
      statescope::writeHandlersJson(OS, Units, P->Root);
    else
      statescope::printHandlersText(OS, Units, P->Root);
  };
  if (OutputFile.empty())
    Write(outs());
  else if (Error E = writeFile(OutputFile, Write))
    return fail(toString(std::move(E)));
  bool AllAnalysed = llvm::none_of(Units, [](const auto &U) { return U.Failure.has_value(); });
  return AllAnalysed ? Clean : NotAnalysed;
}

/// The command that analyses File alone with this run's configuration, for
/// the report of a unit whose analysis crashed.
std::string reproduction(const statescope::Project &P, StringRef File) {
  std::vector<std::string> Args = {Argv0, "-p", P.DatabaseDir};
  for (const cl::opt<std::string> *O : {&Checks, &Config, &ConfigFile, &HeaderFilter, &ProjectRoot})
    if (O->getNumOccurrences())
      Args.push_back("--" + O->ArgStr.str() + "=" + O->getValue());
  for (const std::string &Flag : RemoveArgs)
    Args.push_back("--remove-arg=" + Flag);
  Args.push_back(File.str());
  std::string Command;
  raw_string_ostream OS(Command);
  for (const std::string &A : Args) {
    bool Plain = all_of(A, [](char C) { return isAlnum(C) || StringRef("/._-=,+:").contains(C); });
    OS << (Command.empty() ? "" : " ");
    sys::printArg(OS, A, /*Quote=*/!Plain);
  }
  return Command;
}

/// How the units of P are analysed: the cache, -j, and what a crash report
/// says to reproduce it.
statescope::AnalysisSettings analysisSettings(const statescope::Project &P) {
  statescope::AnalysisSettings Settings;
  Settings.UseCache = !NoCache;
  Settings.CacheDir = CacheDir;
  Settings.Jobs = Jobs;
  Settings.WholeProgram = WholeProgram;
  Settings.AnalyseAhead = AnalyseAhead;
  Settings.ExplainAnalysesAgain = Profile;
  Settings.Reproduction = [&P](StringRef File) { return reproduction(P, File); };
  return Settings;
}

Error configureChecks(const std::vector<std::string> &Files, statescope::RunOptions &Options);

/// Analyses the selected units. Read gets the contents of every file the
/// analysis read, for --fix to check before it writes.
Expected<statescope::Report> analyse(statescope::Progress &Progress,
                                     statescope::RunProfile &Profiled,
                                     statescope::AnalysedContents &Read) {
  auto P = statescope::loadProject(BuildPath, Paths, ProjectRoot);
  if (!P)
    return P.takeError();
  auto Files = statescope::selectFiles(*P, Paths);
  if (!Files)
    return Files.takeError();
  std::optional<statescope::Shard> Shard;
  unsigned Selected = Files->size();
  if (!ShardSpec.empty()) {
    auto S = statescope::parseShard(ShardSpec);
    if (!S)
      return S.takeError();
    Shard = *S;
    *Files = statescope::shardFiles(*Files, *S, P->Root);
  }

  auto Configured = runOptions(*P);
  if (!Configured)
    return Configured.takeError();
  statescope::RunOptions &Options = *Configured;
  std::vector<statescope::UnitResult> Unreadable = statescope::takeUnreadable(*P, *Files);
  if (Error E = configureChecks(*Files, Options))
    return std::move(E);

  statescope::AnalysisSettings Settings = analysisSettings(*P);
  std::optional<statescope::ShardPlace> Place;
  if (Shard)
    Place = statescope::ShardPlace{Shard->Index, Shard->Count, Selected};
  return statescope::analyseUnits(*P, *Files, Options, Settings, std::move(Unreadable), Progress,
                                  Profiled, Read, Place);
}

/// Bad configuration ends the run before any unit is analysed. Options get
/// statescope's checks when the project's configuration does not mention
/// them.
Error configureChecks(const std::vector<std::string> &Files, statescope::RunOptions &Options) {
  if (Error E = statescope::checkConfiguration(Files, Options))
    return E;
  if (!Files.empty()) {
    auto Enabled = statescope::enabledChecks(Files.front(), Options);
    if (!Enabled)
      return Enabled.takeError();
    auto Named = statescope::configurationNamesStatescope(Files.front(), Options);
    if (!Named)
      return Named.takeError();
    // A project's .clang-tidy written for other checks ('-*,bugprone-*')
    // turns statescope off only when it says so; --checks is the user's
    // own choice.
    if (Enabled->empty() && !*Named && Checks.empty()) {
      Options.Checks += Options.Checks.empty() ? "statescope-*" : ",statescope-*";
      if (!Quiet)
        WithColor::note(errs(), "statescope")
            << "the configuration for " << Files.front()
            << " does not mention statescope; running statescope-* (write -statescope-* in "
               "its Checks to turn them off)\n";
    } else if (Enabled->empty()) {
      return createStringError("no statescope checks are enabled for " + Files.front() +
                               " (see --checks and .clang-tidy)");
    }
  }
  return Error::success();
}

/// The results of shards (or of any runs) joined into one report. Shards'
/// JSON reports carry summaries, joined as one run joins its units' facts;
/// other results are combined as they are.
Expected<statescope::Report> mergeResults(statescope::Progress &Progress,
                                          statescope::RunProfile &Profiled) {
  auto Inputs = statescope::readMergeInputs(Paths);
  if (!Inputs)
    return Inputs.takeError();
  if (!Inputs->Units)
    return std::move(Inputs->Combined);
  std::vector<statescope::UnitSummary> &Units = *Inputs->Units;
  const std::string &Root = Inputs->Combined.ProjectRoot;
  // Without -p, merge can only reuse the shards' analyses.
  if (BuildPath.empty())
    return statescope::mergeShards(std::move(Units), Root, nullptr, statescope::RunOptions{},
                                   statescope::AnalysisSettings{}, Progress, Profiled);
  auto P = statescope::loadProject(BuildPath, {}, ProjectRoot);
  if (!P)
    return P.takeError();
  auto Options = runOptions(*P);
  if (!Options)
    return Options.takeError();
  std::vector<std::string> Files;
  for (const statescope::UnitSummary &U : Units)
    if (!U.Unreadable)
      Files.push_back(U.File);
  if (Error E = configureChecks(Files, *Options))
    return std::move(E);
  return statescope::mergeShards(std::move(Units), Root, &*P, *Options, analysisSettings(*P),
                                 Progress, Profiled);
}

void writeReport(raw_ostream &OS, const statescope::Report &R, bool Color) {
  if (Statistics)
    return statescope::printStatistics(OS, R);
  switch (OutputFormat) {
  case Format::Text:
    return statescope::printText(OS, R, Color, ShowInterleaving);
  case Format::Json:
    return statescope::writeJson(OS, R);
  case Format::Sarif:
    return statescope::writeSarif(OS, R,
                                  DocBaseUrl.getNumOccurrences()
                                      ? statescope::normaliseDocBaseUrl(DocBaseUrl)
                                      : statescope::defaultDocBaseUrl());
  case Format::Github:
    return statescope::writeGithub(OS, R);
  }
}

} // namespace

int main(int argc, const char **argv) {
  std::vector<const char *> Args(argv, argv + argc);
  Argv0 = argv[0];
  if (Args.size() > 1 && StringRef(Args[1]) == "explain")
    return statescope::explainCommand(ArrayRef(Args).drop_front(2), outs(), errs(),
                                      colorsFor(outs()));
  bool Merge = Args.size() > 1 && StringRef(Args[1]) == "merge";
  bool Handlers = Args.size() > 1 && StringRef(Args[1]) == "handlers";
  if (Merge || Handlers)
    Args.erase(Args.begin() + 1);

  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "statescope " << statescope::statescopeVersion() << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  if (!cl::ParseCommandLineOptions(Args.size(), Args.data(), Overview, &errs()))
    return BadUsage;
  if (Merge)
    if (Error E = checkMergeOptions())
      return fail(toString(std::move(E)));
  if (Handlers)
    return handlersCommand();
  if (!Config.empty() && !ConfigFile.empty())
    return fail("use --config or --config-file, not both");
  if (std::string Why; !HeaderFilter.empty() && !Regex(HeaderFilter).isValid(Why))
    return fail("invalid --header-filter '" + HeaderFilter + "': " + Why);
  if (Statistics && OutputFormat != Format::Text)
    return fail("--statistics prints a table; use it with --format=text");
  if (DiffFixes && Fix)
    return fail("--diff shows the fix-its without applying them; use --diff or --fix");
  if (DiffFixes && Statistics)
    return fail("--diff prints the fix-its, not a report; leave out --statistics");

  if (DumpConfig) {
    statescope::RunOptions Options{Checks, Config};
    SmallString<256> File(Paths.empty() ? "dummy.cpp" : StringRef(Paths.front()));
    sys::fs::make_absolute(File);
    auto Text = statescope::dumpConfiguration(File, Options);
    if (!Text)
      return fail(toString(Text.takeError()));
    outs() << *Text << '\n';
    return Clean;
  }

  if (ListChecks) {
    statescope::RunOptions Options{Checks, Config};
    auto Enabled = statescope::enabledChecks(Paths.empty() ? "dummy.cpp" : Paths.front(), Options);
    if (!Enabled)
      return fail(toString(Enabled.takeError()));
    for (const std::string &Name : *Enabled)
      outs() << Name << '\n';
    return Clean;
  }

  // Everything that can fail before the analysis does so before it.
  for (const std::string *Path : {&OutputFile, &WriteBaselineFile, &ExportFixes})
    if (!Path->empty())
      if (Error E = checkWritable(*Path))
        return fail(toString(std::move(E)));
  std::optional<statescope::Baseline> Known;
  if (!BaselineFile.empty()) {
    auto Read = statescope::readBaseline(BaselineFile);
    if (!Read)
      return fail(toString(Read.takeError()));
    Known = std::move(*Read);
  }

  statescope::installStopHandlers();
  using ProgressMode = statescope::Progress::Mode;
  statescope::Progress Progress(Quiet                                    ? ProgressMode::Off
                                : sys::Process::StandardErrIsDisplayed() ? ProgressMode::Terminal
                                                                         : ProgressMode::Log,
                                ProgressInterval);
  statescope::RunProfile Profiled;
  statescope::AnalysedContents Read;
  auto Result = Merge ? mergeResults(Progress, Profiled) : analyse(Progress, Profiled, Read);
  Progress.clear();
  if (!Result)
    return fail(toString(Result.takeError()));
  statescope::Report &R = *Result;
  R.finish();

  if (!WriteBaselineFile.empty())
    if (Error E = writeFile(WriteBaselineFile,
                            [&](raw_ostream &OS) { statescope::writeBaseline(OS, R); }))
      return fail(toString(std::move(E)));
  if (Known)
    statescope::applyBaseline(R, *Known);
  if (!DiffBase.empty()) {
    auto Changed = statescope::changedLinesSince(DiffBase, R.ProjectRoot);
    if (!Changed)
      return fail(toString(Changed.takeError()));
    statescope::keepChangedLines(R, *Changed);
  }
  const statescope::FixScope Scope =
      FixNotes ? statescope::FixScope::WarningsAndNotes : statescope::FixScope::Warnings;

  if (!ExportFixes.empty())
    if (Error E = writeFile(ExportFixes, [&](raw_ostream &OS) { statescope::exportFixes(OS, R); }))
      return fail(toString(std::move(E)));
  // --diff prints the fix-its where the report would go.
  std::vector<std::string> DiffProblems;
  auto Write = [&](raw_ostream &OS, bool Color) {
    if (DiffFixes)
      DiffProblems = statescope::writeFixDiff(OS, R, Scope);
    else
      writeReport(OS, R, Color);
  };
  if (OutputFile.empty()) {
    // LLVM's own --color option decides, defaulting to colour on a terminal.
    Write(outs(), colorsFor(outs()));
    outs().flush();
  } else if (Error E = writeFile(OutputFile, [&](raw_ostream &OS) { Write(OS, false); })) {
    return fail(toString(std::move(E)));
  }
  for (const std::string &Problem : DiffProblems)
    WithColor::warning(errs(), "statescope") << Problem << '\n';
  // On GitHub Actions, the job summary lists what the annotations cannot.
  if (OutputFormat == Format::Github && !Statistics && !DiffFixes)
    if (std::optional<std::string> Summary = sys::Process::GetEnv("GITHUB_STEP_SUMMARY"))
      if (Error E = statescope::appendGithubSummary(*Summary, R))
        return fail(toString(std::move(E)));

  // Sources change last, once every report is written: the text report
  // quotes the lines as they were analysed.
  if ((Fix || FixNotes) && !DiffFixes) {
    statescope::FixResult Fixed = statescope::applyFixes(R, Scope, Read);
    if (Fixed.WriteFailed)
      return fail(join(Fixed.Problems, "; "));
    for (const std::string &Problem : Fixed.Problems)
      WithColor::warning(errs(), "statescope") << Problem << '\n';
    if (!Quiet)
      statescope::printFixSummary(errs(), Fixed);
  }
  if (!Quiet)
    statescope::printSummary(errs(), R, Progress.seconds());
  if (Profile)
    statescope::printProfile(errs(), Profiled);
  if (!R.Failures.empty())
    return NotAnalysed;
  // Writing a baseline accepts today's findings: the adoption step passes.
  if (ExitZero || !WriteBaselineFile.empty())
    return Clean;
  return R.Findings.empty() ? Clean : Findings;
}
