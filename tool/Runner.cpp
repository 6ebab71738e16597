//===--- Runner.cpp - run the statescope checks over translation units ----===//

#include "Runner.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
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
[[maybe_unused]] static int StatescopeModuleAnchorDestination =
    StatescopeModuleAnchorSource;

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
  // We render findings ourselves; clang's "N warnings generated." would only
  // repeat the count.
  clang::tooling::ArgumentsAdjustingCompilations Adjusted(
      std::make_unique<ForwardingDatabase>(Database));
  Adjusted.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", clang::tooling::ArgumentInsertPosition::END));
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, Adjusted, Files, FS, /*ApplyAnyFix=*/true);
  // Paths as the compile database gave them may be relative to its entries.
  auto MakeAbsolute = [](std::string &Path, const std::string &Base) {
    if (Path.empty() || llvm::sys::path::is_absolute(Path))
      return;
    llvm::SmallString<256> Full(Base);
    llvm::sys::path::append(Full, Path);
    llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
    Path = std::string(Full);
  };
  for (ClangTidyError &E : Errors) {
    MakeAbsolute(E.Message.FilePath, E.BuildDirectory);
    for (auto &Note : E.Notes)
      MakeAbsolute(Note.FilePath, E.BuildDirectory);
  }
  return Errors;
}

} // namespace statescope
