//===--- Runner.cpp - run the statescope checks over translation units ----===//

#include "Runner.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy {
// Defined next to the module's registration.
extern volatile int StatescopeModuleAnchorSource;
} // namespace clang::tidy

namespace statescope {

using namespace clang::tidy;

// Referencing the anchor keeps the statescope module (and its registration)
// in every binary that links the runner.
[[maybe_unused]] static int StatescopeModuleAnchorDestination =
    StatescopeModuleAnchorSource;

namespace {

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
makeOptionsProvider(const RunOptions &Options) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,statescope-*";
  ClangTidyOptions Overrides;
  if (!Options.Checks.empty())
    Overrides.Checks = Options.Checks;
  if (!Options.Config.empty()) {
    auto Parsed = parseConfiguration(llvm::MemoryBufferRef(Options.Config, "--config"));
    if (!Parsed)
      return llvm::createStringError(
          Parsed.getError(), "invalid --config: " + Parsed.getError().message());
    Overrides.mergeWith(*Parsed, 0);
  }
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), Defaults, Overrides,
      llvm::vfs::getRealFileSystem());
}

} // namespace

llvm::Expected<std::vector<std::string>>
enabledChecks(llvm::StringRef File, const RunOptions &Options) {
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
runChecks(const clang::tooling::CompilationDatabase &Database,
          llvm::ArrayRef<std::string> Files, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  return runClangTidy(Context, Database, Files, FS, /*ApplyAnyFix=*/true);
}

} // namespace statescope
