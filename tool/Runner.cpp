//===--- Runner.cpp - run the statescope checks over translation units ----===//
//
// clang-tidy's library drives the checks, as in runClangTidy, with our own
// frontend action around clang-tidy's AST consumer: it keeps the bodies of
// library code's functions (system headers, vendored libraries) out of the
// parse (RunOptions::SkipLibraryBodies), runs a second context's checks on
// the same parse when asked (LaterAnalysis), and notes the files a unit read
// and where its time went.
//
//===----------------------------------------------------------------------===//

#include "Runner.h"
#include "ASTFacts.h"
#include "Baseline.h"
#include "Cache.h"
#include "CompileFlags.h"
#include "OptionNames.h"
#include "Render.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h" // ClangTidyASTConsumerFactory's members
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <chrono>

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

using Clock = std::chrono::steady_clock;

/// clang-tidy's consumer for one unit, deciding which function bodies to
/// parse, and recording the unit's trace.
class UnitConsumer : public clang::MultiplexConsumer {
public:
  /// Later run after Tidy on the same parse, in order.
  UnitConsumer(std::unique_ptr<clang::ASTConsumer> Tidy,
               std::vector<std::unique_ptr<clang::ASTConsumer>> Later, clang::SourceManager &SM,
               UnitTrace *Trace)
      : MultiplexConsumer(consumers(std::move(Tidy), std::move(Later))), SM(SM), Trace(Trace) {}

  /// Asked only when SkipFunctionBodies is set, and never for constexpr
  /// functions or deduced return types, whose bodies the parse needs.
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    bool Skip = clang::statescope::isLibraryCode(D->getASTContext(), D);
    if (Skip && Trace)
      ++Trace->SkippedFunctionBodies;
    return Skip;
  }

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    Clock::time_point Parsed = Clock::now();
    MultiplexConsumer::HandleTranslationUnit(Ctx);
    if (!Trace)
      return;
    // Summed: a file the database compiles twice is analysed twice.
    Trace->ParseSeconds += std::chrono::duration<double>(Parsed - Created).count();
    Trace->CheckSeconds += std::chrono::duration<double>(Clock::now() - Parsed).count();
    // Every file the compiler read, with the contents it read.
    clang::FileManager &Files = SM.getFileManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      if (std::optional<llvm::StringRef> Data = It->second->getBufferDataIfLoaded())
        Trace->Inputs.emplace_back(Files.getCanonicalName(It->first).str(), contentHash(*Data));
    llvm::sort(Trace->Inputs);
  }

private:
  static std::vector<std::unique_ptr<clang::ASTConsumer>>
  consumers(std::unique_ptr<clang::ASTConsumer> Tidy,
            std::vector<std::unique_ptr<clang::ASTConsumer>> Later) {
    Later.insert(Later.begin(), std::move(Tidy));
    return Later;
  }

  clang::SourceManager &SM;
  UnitTrace *Trace;
  Clock::time_point Created = Clock::now();
};

/// The checks of another ClangTidyContext, run on the parse once the first
/// context's are done, if Before agrees (LaterAnalysis). They report into
/// their own consumer; the compiler's diagnostics go to the first context.
struct LaterChecks {
  LaterChecks(std::unique_ptr<ClangTidyContext> Owned, std::function<bool()> Before)
      : Context(std::move(Owned)), Before(std::move(Before)),
        Consumer(*Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                 /*GetFixesFromNotes=*/true),
        Engine(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(), &Consumer,
               /*ShouldOwnClient=*/false) {
    Context->setDiagnosticsEngine(&Engine);
  }

  std::unique_ptr<ClangTidyContext> Context;
  std::function<bool()> Before;
  ClangTidyDiagnosticConsumer Consumer;
  clang::DiagnosticsEngine Engine;
  bool Ran = false;
};

class LaterChecksConsumer : public clang::ASTConsumer {
public:
  LaterChecksConsumer(std::unique_ptr<clang::ASTConsumer> Tidy, LaterChecks &Later)
      : Tidy(std::move(Tidy)), Later(Later) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    if (!Later.Before())
      return;
    // The first checks narrowed the traversal to the program's own code
    // (SharedStateCheck::keepMatchersToProgramCode); these start as they
    // did, from the translation unit.
    Ctx.setTraversalScope({Ctx.getTranslationUnitDecl()});
    Tidy->HandleTranslationUnit(Ctx);
    Later.Ran = true;
  }

private:
  std::unique_ptr<clang::ASTConsumer> Tidy;
  LaterChecks &Later;
};

class UnitActionFactory : public clang::tooling::FrontendActionFactory {
public:
  UnitActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    const RunOptions &Options, UnitTrace *Trace,
                    llvm::ArrayRef<std::unique_ptr<LaterChecks>> Later)
      : ConsumerFactory(Context, FS), Options(Options), Trace(Trace), Later(Later) {
    for (const auto &Checks : Later)
      LaterFactories.push_back(std::make_unique<ClangTidyASTConsumerFactory>(*Checks->Context, FS));
  }

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(*this);
  }

  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                     clang::DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy does: code may test __clang_analyzer__.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // Sema then asks UnitConsumer::shouldSkipFunctionBody.
    Invocation->getFrontendOpts().SkipFunctionBodies = Options.SkipLibraryBodies;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public clang::ASTFrontendAction {
  public:
    explicit Action(UnitActionFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &Compiler,
                                                          llvm::StringRef File) override {
      std::vector<std::unique_ptr<clang::ASTConsumer>> Later;
      for (size_t I = 0; I < Factory.Later.size(); ++I)
        Later.push_back(std::make_unique<LaterChecksConsumer>(
            Factory.LaterFactories[I]->createASTConsumer(Compiler, File), *Factory.Later[I]));
      return std::make_unique<UnitConsumer>(
          Factory.ConsumerFactory.createASTConsumer(Compiler, File), std::move(Later),
          Compiler.getSourceManager(), Factory.Trace);
    }

  private:
    UnitActionFactory &Factory;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
  const RunOptions &Options;
  UnitTrace *Trace;
  llvm::ArrayRef<std::unique_ptr<LaterChecks>> Later;
  std::vector<std::unique_ptr<ClangTidyASTConsumerFactory>> LaterFactories;
};

/// The wall time per check in the profiles clang-tidy stored under Dir
/// ("time.clang-tidy.CHECK.wall" keys), added to Seconds.
void readCheckProfiles(llvm::StringRef Dir, std::map<std::string, double> &Seconds) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    if (auto Text = llvm::MemoryBuffer::getFile(It->path()))
      if (auto Parsed = llvm::json::parse((*Text)->getBuffer()))
        if (const llvm::json::Object *Profile =
                Parsed->getAsObject() ? Parsed->getAsObject()->getObject("profile") : nullptr)
          for (const auto &[Key, Value] : *Profile) {
            llvm::StringRef Name = Key;
            if (Name.consume_front("time.clang-tidy.") && Name.consume_back(".wall"))
              Seconds[Name.str()] += Value.getAsNumber().value_or(0);
          }
    llvm::sys::fs::remove(It->path());
  }
  llvm::sys::fs::remove(Dir);
}

/// The findings' paths as absolute paths, without `..`.
void makeAbsolute(std::vector<ClangTidyError> &Errors) {
  for (ClangTidyError &E : Errors) {
    E.Message.FilePath = absolute(E.Message.FilePath, E.BuildDirectory);
    for (auto &Note : E.Notes)
      Note.FilePath = absolute(Note.FilePath, E.BuildDirectory);
  }
}

/// Runs the checks in Context, as runClangTidy does, with paths in the
/// result made absolute.
std::vector<ClangTidyError> run(ClangTidyContext &Context,
                                const clang::tooling::CompilationDatabase &Database,
                                llvm::ArrayRef<std::string> Files, const RunOptions &Options,
                                UnitTrace *Trace = nullptr,
                                llvm::ArrayRef<std::unique_ptr<LaterChecks>> Later = {}) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  // We render findings ourselves; clang's "N warnings generated." would only
  // repeat the count.
  clang::tooling::ArgumentsAdjustingCompilations Adjusted(
      std::make_unique<ForwardingDatabase>(Database));
  Adjusted.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", clang::tooling::ArgumentInsertPosition::END));
  clang::tooling::ClangTool Tool(Adjusted, Files, std::make_shared<clang::PCHContainerOperations>(),
                                 FS);
  // Flags clang's driver does not know and those the user removes are taken
  // out before ExtraArgs are added: what the configuration adds stays.
  Tool.appendArgumentsAdjuster(
      [&Context, &Options](const clang::tooling::CommandLineArguments &Args, llvm::StringRef File) {
        std::vector<std::string> Remove = Options.RemoveArgs;
        ClangTidyOptions Opts = Context.getOptionsForFile(File);
        auto Configured = Opts.CheckOptions.find(RemoveArgsOption);
        if (Configured != Opts.CheckOptions.end())
          for (llvm::StringRef Flag : utils::options::parseStringList(Configured->second.Value))
            Remove.push_back(Flag.trim().str());
        return cleanCompileCommand(Args, Remove);
      });
  // ExtraArgs and ExtraArgsBefore from the configuration, as clang-tidy.
  Tool.appendArgumentsAdjuster(
      [&Context](const clang::tooling::CommandLineArguments &Args, llvm::StringRef File) {
        ClangTidyOptions Opts = Context.getOptionsForFile(File);
        clang::tooling::CommandLineArguments Result = Args;
        if (Opts.ExtraArgsBefore) {
          auto I = Result.begin();
          if (I != Result.end() && !llvm::StringRef(*I).starts_with("-"))
            ++I; // The compiler's name.
          Result.insert(I, Opts.ExtraArgsBefore->begin(), Opts.ExtraArgsBefore->end());
        }
        if (Opts.ExtraArgs)
          Result.insert(Result.end(), Opts.ExtraArgs->begin(), Opts.ExtraArgs->end());
        return Result;
      });
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());

  llvm::SmallString<128> ProfileDir;
  if (Trace && Options.ProfileChecks &&
      !llvm::sys::fs::createUniqueDirectory("statescope-profile", ProfileDir)) {
    Context.setEnableProfiling(true);
    Context.setProfileStoragePrefix(ProfileDir);
  }

  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/true);
  clang::DiagnosticsEngine DE(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(),
                              &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);
  UnitActionFactory Factory(Context, FS, Options, Trace, Later);
  Tool.run(&Factory);
  std::vector<ClangTidyError> Errors = DiagConsumer.take();
  if (!ProfileDir.empty())
    readCheckProfiles(ProfileDir, Trace->PerCheckSeconds);
  makeAbsolute(Errors);
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

} // namespace

llvm::Expected<std::vector<std::string>>
unitDependencies(const clang::tooling::CompilationDatabase &Database,
                 llvm::ArrayRef<std::string> Files, const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options, std::nullopt);
  if (!Provider)
    return Provider.takeError();
  std::vector<std::string> Result;
  for (const std::string &File : Files) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    for (const clang::tooling::CompileCommand &C : Database.getCompileCommands(File)) {
      OS << C.Directory << '\0' << C.Filename << '\0';
      for (const std::string &Arg : C.CommandLine)
        OS << Arg << '\0';
    }
    OS << configurationAsText((*Provider)->getOptions(File)) << '\0' << Options.ProjectRoot << '\0'
       << Options.BuildDirectory << '\0' << Options.SkipLibraryBodies;
    for (const std::string &Flag : Options.RemoveArgs)
      OS << '\0' << Flag;
    Result.push_back(std::move(Text));
  }
  return Result;
}

llvm::Expected<std::vector<ClangTidyError>>
runChecks(const clang::tooling::CompilationDatabase &Database, llvm::ArrayRef<std::string> Files,
          const RunOptions &Options) {
  auto Provider = makeOptionsProvider(Options);
  if (!Provider)
    return Provider.takeError();
  ClangTidyContext Context(std::move(*Provider));
  return run(Context, Database, Files, Options);
}

namespace {

/// The unit's result from what Context's checks and the compiler reported.
UnitResult unitResult(const ClangTidyContext &Context, const std::vector<ClangTidyError> &Errors,
                      const std::string &File, const RunOptions &Options, bool DefaultFilter) {
  UnitResult Result;
  Result.File = File;
  const ClangTidyStats &Stats = Context.getStats();
  Result.Counts.NoLint = Stats.ErrorsIgnoredNOLINT;
  Result.Counts.OutsideProject = Stats.ErrorsIgnoredNonUserCode;
  SourceLines Lines;
  for (const ClangTidyError &E : Errors) {
    if (isCompilerError(E)) {
      // The first error with a place: "too many errors emitted, stopping
      // now" (the error limit) has none, and says nothing about the code.
      bool Placed = !E.Message.FilePath.empty();
      if (!Result.Failed || (Placed && Result.Failed->FirstError.Loc.File.empty()))
        Result.Failed = Failure{File, Result.Failed ? Result.Failed->Errors : 0,
                                toMessage(E.Message, E.BuildDirectory, Lines)};
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
    F.Hash = fingerprintHash(F.Check, relativeTo(F.Main.Loc.File, Options.ProjectRoot),
                             Lines.line(F.Main.Loc.File, F.Main.Loc.Line));
    Result.Findings.push_back(std::move(F));
  }
  return Result;
}

} // namespace

llvm::Expected<UnitResult> analyseUnit(const clang::tooling::CompilationDatabase &Database,
                                       const std::string &File, const RunOptions &Options,
                                       UnitTrace *Trace,
                                       llvm::MutableArrayRef<LaterAnalysis> Later) {
  // Without a configured header filter, clang-tidy keeps every header's
  // findings and we keep the project's own.
  auto Configured = makeOptionsProvider(Options, std::nullopt);
  if (!Configured)
    return Configured.takeError();
  bool DefaultFilter = !(*Configured)->getOptions(File).HeaderFilterRegex;
  auto NewContext = [&]() -> llvm::Expected<std::unique_ptr<ClangTidyContext>> {
    auto Provider = makeOptionsProvider(Options, DefaultFilter ? std::optional<std::string>(".*")
                                                               : std::nullopt);
    if (!Provider)
      return Provider.takeError();
    auto Context = std::make_unique<ClangTidyContext>(std::move(*Provider));
    // clang-tidy 19 builds the header filter when the run starts, from the
    // options of the current file, which would otherwise be those of the
    // working directory.
    Context->setCurrentFile(File);
    return std::move(Context);
  };
  auto Context = NewContext();
  if (!Context)
    return Context.takeError();
  std::vector<std::unique_ptr<LaterChecks>> Checks;
  for (const LaterAnalysis &Analysis : Later) {
    auto Made = NewContext();
    if (!Made)
      return Made.takeError();
    Checks.push_back(std::make_unique<LaterChecks>(std::move(*Made), Analysis.Before));
  }
  std::vector<ClangTidyError> Errors = run(**Context, Database, {File}, Options, Trace, Checks);
  for (size_t I = 0; I < Later.size(); ++I)
    if (Checks[I]->Ran) {
      std::vector<ClangTidyError> Found = Checks[I]->Consumer.take();
      makeAbsolute(Found);
      Later[I].Result = unitResult(*Checks[I]->Context, Found, File, Options, DefaultFilter);
    }
  return unitResult(**Context, Errors, File, Options, DefaultFilter);
}

} // namespace statescope
