//===--- Configuration.cpp - the configuration statescope runs with ------===//

#include "Configuration.h"
#include "OptionNames.h"
#include "Render.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h" // ClangTidyASTConsumerFactory's members
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace statescope {

using namespace clang::tidy;

// clang-tidy's option layers: our defaults, then the .clang-tidy files, then
// the command line.
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

namespace {

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
    auto Parsed =
        parseConfigurationWithDiags((*Text)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
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

/// Option names in statescope's namespace that no check reads, named with
/// the layer that sets them: a .clang-tidy file, or the command line.
llvm::Error checkOptionNames(llvm::StringRef File, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  for (const auto &[Layer, Source] : (*Provider)->getRawOptions(File))
    for (const auto &[Key, Value] : Layer.CheckOptions)
      if (std::optional<std::string> Problem = unknownOptionProblem(Key)) {
        bool FromFile = llvm::sys::path::filename(Source) == ".clang-tidy";
        return llvm::createStringError((FromFile ? Source : Options.ConfigSource) + ": " +
                                       *Problem);
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
  clang::DiagnosticsEngine Engine(new clang::DiagnosticIDs, new clang::DiagnosticOptions, &Consumer,
                                  /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Context.setCurrentFile(File);
  // Creating the checks reads their options, as a run does.
  ClangTidyASTConsumerFactory(Context).getCheckOptions();
  for (const ClangTidyError &E : Consumer.take())
    return llvm::createStringError("configuration for " + File + ": " + E.Message.Message);
  if (llvm::Error E = checkOptionNames(File, Options))
    return E;

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

llvm::Expected<bool> configurationNamesStatescope(llvm::StringRef File, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  for (const auto &[Layer, Source] : (*Provider)->getRawOptions(File))
    if (Source != ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary && Layer.Checks &&
        llvm::StringRef(*Layer.Checks).contains("statescope"))
      return true;
  return false;
}

llvm::Expected<std::string> dumpConfiguration(llvm::StringRef File, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  // As clang-tidy --dump-config: the options that apply to File, with every
  // enabled check's options at the values it would use.
  ClangTidyOptions Effective = (*Provider)->getOptions(File);
  Effective.CheckOptions = getCheckOptions(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  return configurationAsText(ClangTidyOptions::getDefaults().merge(Effective, 0));
}

} // namespace statescope
