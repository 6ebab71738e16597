//===--- Runner.cpp - run the statescope checks over translation units ----===//

#include "Runner.h"
#include "Baseline.h"
#include "Render.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy {
// Defined next to the module's registration.
extern volatile int StatescopeModuleAnchorSource;
} // namespace clang::tidy

namespace statescope {

using namespace clang::tidy;

// Referencing the anchor keeps the statescope module (and its registration)
// in every binary that links the runner.
[[maybe_unused]] static int StatescopeModuleAnchorDestination = StatescopeModuleAnchorSource;

namespace {

/// Lets ArgumentsAdjustingCompilations wrap a database it does not own.
class ForwardingDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit ForwardingDatabase(const CompilationDatabase &Inner) : Inner(Inner) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return Inner.getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override { return Inner.getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return Inner.getAllCompileCommands();
  }

private:
  const CompilationDatabase &Inner;
};

/// clang-tidy's option layers: our defaults, then the .clang-tidy files, then
/// the command line. DefaultHeaderFilter unset leaves the header filter unset
/// unless a file or the command line sets one.
llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options, std::optional<std::string> DefaultHeaderFilter) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,statescope-*";
  Defaults.HeaderFilterRegex = std::move(DefaultHeaderFilter);
  // statescope runs its own checks only. A project's .clang-tidy may enable
  // the static analyzer, which clang-tidy's library would then run too.
  ClangTidyOptions Overrides;
  Overrides.Checks = (Options.Checks.empty() ? "" : Options.Checks + ",") + "-clang-analyzer-*";
  if (!Options.Config.empty()) {
    // The YAML parser's message, on one line with ours.
    std::string Why;
    auto Remember = [&](const llvm::SMDiagnostic &D) {
      Why = llvm::formatv("{0}:{1}: {2}", D.getLineNo(), D.getColumnNo() + 1, D.getMessage());
    };
    auto Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Options.Config, Options.ConfigSource), Remember);
    if (!Parsed)
      return llvm::createStringError(Parsed.getError(),
                                     "invalid " + Options.ConfigSource + ": " +
                                         (Why.empty() ? Parsed.getError().message() : Why));
    Overrides.mergeWith(*Parsed, 0);
  }
  if (!Options.HeaderFilter.empty())
    Overrides.HeaderFilterRegex = Options.HeaderFilter;
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(), Defaults, Overrides,
                                               llvm::vfs::getRealFileSystem());
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options) {
  return makeOptionsProvider(Options, ClangTidyOptions::getDefaults().HeaderFilterRegex);
}

/// Paths as the compile database gave them may be relative to its entries,
/// or spelled with `..`; one file has one name in the report.
std::string absolute(llvm::StringRef Path, llvm::StringRef Base) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Full(Path);
  if (!llvm::sys::path::is_absolute(Path)) {
    Full = Base;
    llvm::sys::path::append(Full, Path);
  }
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

/// Runs the checks in Context, with paths in the result made absolute.
std::vector<ClangTidyError> run(ClangTidyContext &Context,
                                const clang::tooling::CompilationDatabase &Database,
                                llvm::ArrayRef<std::string> Files) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  // We render findings ourselves; clang's "N warnings generated." would only
  // repeat the count.
  clang::tooling::ArgumentsAdjustingCompilations Adjusted(
      std::make_unique<ForwardingDatabase>(Database));
  Adjusted.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", clang::tooling::ArgumentInsertPosition::END));
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, Adjusted, Files, FS, /*ApplyAnyFix=*/true);
  for (ClangTidyError &E : Errors) {
    E.Message.FilePath = absolute(E.Message.FilePath, E.BuildDirectory);
    for (auto &Note : E.Notes)
      Note.FilePath = absolute(Note.FilePath, E.BuildDirectory);
  }
  return Errors;
}

/// True for errors clang reported while parsing, not statescope findings.
bool isCompilerError(const ClangTidyError &E) {
  return llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-") &&
         E.DiagLevel == ClangTidyError::Error;
}

/// Whether a finding in File is the project's own, by the default rule.
bool inProject(llvm::StringRef File, llvm::StringRef MainFile, const RunOptions &Options) {
  auto Under = [](llvm::StringRef Path, llvm::StringRef Dir) {
    return !Dir.empty() && relativeTo(Path, Dir) != Path;
  };
  if (File.empty() || File == MainFile)
    return true;
  bool Generated =
      Options.BuildDirectory != Options.ProjectRoot && Under(File, Options.BuildDirectory);
  return Under(File, Options.ProjectRoot) && !Generated;
}

Message toMessage(const clang::tooling::DiagnosticMessage &M, llvm::StringRef BuildDirectory,
                  SourceLines &Lines) {
  Message Result;
  Result.Text = M.Message;
  if (!M.FilePath.empty())
    Result.Loc = Lines.locate(M.FilePath, M.FileOffset);
  for (const auto &[File, Replacements] : M.Fix)
    for (const clang::tooling::Replacement &R : Replacements)
      Result.Fixes.push_back({absolute(R.getFilePath(), BuildDirectory), R.getOffset(),
                              R.getLength(), R.getReplacementText().str()});
  llvm::sort(Result.Fixes, [](const Replacement &A, const Replacement &B) {
    return std::tie(A.File, A.Offset, A.Length, A.Text) <
           std::tie(B.File, B.Offset, B.Length, B.Text);
  });
  return Result;
}

/// The .clang-tidy files that apply in Dir, nearest first, parsed. Dirs
/// already checked (with everything above them) are skipped.
llvm::Error checkConfigFiles(llvm::StringRef Dir, llvm::StringSet<> &Checked) {
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    if (!Checked.insert(D).second)
      return llvm::Error::success();
    llvm::SmallString<256> File(D);
    llvm::sys::path::append(File, ".clang-tidy");
    if (!llvm::sys::fs::exists(File))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(File);
    if (!Text)
      return llvm::createStringError("cannot read " + File + ": " + Text.getError().message());
    std::string Why;
    auto Parsed = parseConfigurationWithDiags((*Text)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
      if (Why.empty())
        Why = llvm::formatv("{0}:{1}:{2}: {3}", File, D.getLineNo(), D.getColumnNo() + 1,
                            D.getMessage());
    });
    if (!Parsed)
      return llvm::createStringError(
          "invalid " + (Why.empty() ? File + ": " + Parsed.getError().message() : Why));
    if (!Parsed->InheritParentConfig.value_or(false))
      return llvm::Error::success();
  }
  return llvm::Error::success();
}

/// The checks as they are created for File: option values they reject, and
/// globs of statescope checks that match none.
llvm::Error checkChecks(llvm::StringRef File, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  ClangTidyDiagnosticConsumer Consumer(Context);
  clang::DiagnosticsEngine Engine(new clang::DiagnosticIDs, new clang::DiagnosticOptions,
                                  &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Context.setCurrentFile(File);
  // Creating the checks reads their options, as a run does.
  ClangTidyASTConsumerFactory(Context).getCheckOptions();
  for (const ClangTidyError &E : Consumer.take())
    return llvm::createStringError("configuration for " + File + ": " + E.Message.Message);

  ClangTidyOptions All = Context.getOptions();
  All.Checks = "statescope-*";
  std::vector<std::string> Known = getCheckNames(All, false);
  std::string Checks = Context.getOptions().Checks.value_or("");
  llvm::SmallVector<llvm::StringRef> Globs;
  llvm::SplitString(Checks, Globs, ",\n");
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    if (!Glob.starts_with("statescope"))
      continue;
    GlobList Pattern(Glob);
    if (llvm::none_of(Known, [&](const std::string &Name) { return Pattern.contains(Name); }))
      return llvm::createStringError("configuration for " + File + ": '" + Glob +
                                     "' in Checks names no statescope check (see "
                                     "statescope --list-checks)");
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error checkConfiguration(llvm::ArrayRef<std::string> Files, const RunOptions &Options) {
  llvm::StringSet<> Checked;
  llvm::StringSet<> Directories;
  for (const std::string &File : Files) {
    llvm::StringRef Dir = llvm::sys::path::parent_path(File);
    if (!Directories.insert(Dir).second)
      continue;
    if (llvm::Error E = checkConfigFiles(Dir, Checked))
      return E;
    if (llvm::Error E = checkChecks(File, Options))
      return E;
  }
  return llvm::Error::success();
}

llvm::Expected<std::vector<std::string>> enabledChecks(llvm::StringRef File,
                                                       const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  Context.setCurrentFile(File);
  std::vector<std::string> Result;
  for (const std::string &Name : getCheckNames(Context.getOptions(), false))
    if (llvm::StringRef(Name).starts_with("statescope-"))
      Result.push_back(Name);
  return Result;
}

llvm::Expected<std::vector<ClangTidyError>>
runChecks(const clang::tooling::CompilationDatabase &Database, llvm::ArrayRef<std::string> Files,
          const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  return run(Context, Database, Files);
}

llvm::Expected<UnitResult> analyseUnit(const clang::tooling::CompilationDatabase &Database,
                                       const std::string &File, const RunOptions &Options) {
  // Without a configured header filter, clang-tidy keeps every header's
  // findings and we keep the project's own.
  auto Configured = makeOptionsProvider(Options, std::nullopt);
  if (!Configured)
    return Configured.takeError();
  bool DefaultFilter = !(*Configured)->getOptions(File).HeaderFilterRegex;
  auto Provider = DefaultFilter ? makeOptionsProvider(Options, ".*") : std::move(Configured);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  // clang-tidy 19 builds the header filter when the run starts, from the
  // options of the current file, which would otherwise be those of the
  // working directory.
  Context.setCurrentFile(File);
  std::vector<ClangTidyError> Errors = run(Context, Database, {File});

  UnitResult Result;
  Result.File = File;
  const ClangTidyStats &Stats = Context.getStats();
  Result.Counts.NoLint = Stats.ErrorsIgnoredNOLINT;
  Result.Counts.OutsideProject = Stats.ErrorsIgnoredNonUserCode;
  SourceLines Lines;
  for (const ClangTidyError &E : Errors) {
    if (isCompilerError(E)) {
      if (!Result.Failed)
        Result.Failed = Failure{File, 0, toMessage(E.Message, E.BuildDirectory, Lines)};
      ++Result.Failed->Errors;
      continue;
    }
    if (DefaultFilter && !inProject(E.Message.FilePath, File, Options)) {
      ++Result.Counts.OutsideProject;
      continue;
    }
    Finding F;
    F.Check = E.DiagnosticName;
    F.Level = E.IsWarningAsError || E.DiagLevel == ClangTidyError::Error ? "error" : "warning";
    F.Main = toMessage(E.Message, E.BuildDirectory, Lines);
    for (const auto &Note : E.Notes)
      F.Notes.push_back(toMessage(Note, E.BuildDirectory, Lines));
    F.TranslationUnit = File;
    F.Hash = fingerprintHash(F.Check, relativeTo(F.Main.Loc.File, Options.ProjectRoot), F.Main.Text,
                             Lines.line(F.Main.Loc.File, F.Main.Loc.Line));
    Result.Findings.push_back(std::move(F));
  }
  return Result;
}

} // namespace statescope
