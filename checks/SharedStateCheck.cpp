//===--- SharedStateCheck.cpp - what every statescope check shares --------===//

#include "SharedStateCheck.h"

#include "ASTFacts.h"
#include "NoLint.h"
#include "WholeProgram.h"
#include "clang-tidy/ClangTidy.h"
#include "model/LibraryKnowledge.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"
#include <csignal>
#include <cstdlib>
#include <limits>

using namespace clang::ast_matchers;

namespace clang::tidy::statescope {

namespace {
/// Notes past this many write sites add length, not understanding.
constexpr unsigned MaxWriteNotes = 6;

/// Reports a configuration problem of the check being created.
using ReportProblem = llvm::function_ref<void(const std::string &)>;

/// MaxCallDepth, read signed: clang-tidy's unsigned parse calls -1 "not an
/// integer", which hides what is wrong. An out-of-range value is reported
/// with the range, and the default is used.
unsigned readMaxCallDepth(ClangTidyCheck::OptionsView &Options, StringRef CheckName,
                          unsigned Default, ReportProblem Report) {
  constexpr int64_t Max = std::numeric_limits<unsigned>::max();
  std::optional<int64_t> Value = Options.getLocalOrGlobal<int64_t>("MaxCallDepth");
  if (!Value)
    return Default; // Unset, or not an integer (clang-tidy says so).
  if (*Value >= 0 && *Value <= Max)
    return static_cast<unsigned>(*Value);
  std::string Key =
      Options.get("MaxCallDepth") ? CheckName.str() + ".MaxCallDepth" : "MaxCallDepth";
  Report("invalid configuration value '" + std::to_string(*Value) + "' for option '" + Key +
         "'; expected an integer from 0 to " + std::to_string(Max));
  return Default;
}

clang::statescope::ModelOptions readModelOptions(ClangTidyCheck::OptionsView &Options,
                                                 StringRef CheckName, ReportProblem Report) {
  clang::statescope::ModelOptions Result;
  Result.HandlerFunctions = Options.getLocalOrGlobal("HandlerFunctions", Result.HandlerFunctions);
  Result.HandlerRegistrations =
      Options.getLocalOrGlobal("HandlerRegistrations", Result.HandlerRegistrations);
  Result.SetterNames = Options.getLocalOrGlobal("SetterNames", Result.SetterNames);
  Result.MaxCallDepth = readMaxCallDepth(Options, CheckName, Result.MaxCallDepth, Report);
  Result.SafeTypes = Options.getLocalOrGlobal("SafeTypes", Result.SafeTypes);
  Result.SharedClasses = Options.getLocalOrGlobal("SharedClasses", Result.SharedClasses);
  Result.TestMacros = Options.getLocalOrGlobal("TestMacros", Result.TestMacros);
  Result.SingleThreaded = Options.getLocalOrGlobal("SingleThreaded", Result.SingleThreaded);
  return Result;
}

/// A test hook (docs/cli.md): with STATESCOPE_TEST_CRASH=abort or =segv in
/// the environment, a main file that contains the marker below makes the
/// check crash as a failed assertion or a bad pointer would, so that tests
/// can show what a bug in a check costs. Either alone does nothing.
void crashIfTestAsks(const ASTContext &Ctx) {
  static const char *const Kind = std::getenv("STATESCOPE_TEST_CRASH");
  if (!Kind)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.getBufferData(SM.getMainFileID()).contains("statescope-test-crash-here"))
    return;
  llvm::errs() << "statescope: test hook: crashing on purpose (STATESCOPE_TEST_CRASH=" << Kind
               << ")\n";
  llvm::errs().flush();
  std::raise(llvm::StringRef(Kind) == "segv" ? SIGSEGV : SIGABRT);
}
} // namespace

SharedStateCheck::SharedStateCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ModelOptions(readModelOptions(
          Options, Name, [this](const std::string &Problem) { configurationDiag(Problem); })),
      TidyContext(Context), Name(Name) {
  // A pattern that cannot match would turn a leak into a clean run.
  if (std::optional<std::string> Invalid = ModelOptions.invalidPattern())
    configurationDiag("%0: %1", DiagnosticIDs::Error) << Name << *Invalid;
}

void SharedStateCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "HandlerFunctions", ModelOptions.HandlerFunctions);
  Options.store(Opts, "HandlerRegistrations", ModelOptions.HandlerRegistrations);
  Options.store(Opts, "SetterNames", ModelOptions.SetterNames);
  Options.store(Opts, "MaxCallDepth", ModelOptions.MaxCallDepth);
  Options.store(Opts, "SafeTypes", ModelOptions.SafeTypes);
  Options.store(Opts, "SharedClasses", ModelOptions.SharedClasses);
  Options.store(Opts, "TestMacros", ModelOptions.TestMacros);
  Options.store(Opts, "SingleThreaded", ModelOptions.SingleThreaded);
}

void SharedStateCheck::registerMatchers(MatchFinder *Finder) {
  // The model looks at the whole translation unit at once.
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void SharedStateCheck::check(const MatchFinder::MatchResult &Result) {
  crashIfTestAsks(*Result.Context);
  // The CLI's first pass asks each unit what it tells the others.
  const auto &FactsSink = clang::statescope::unitFactsSink();
  bool Built = false;
  const RequestScopeModel &Model =
      RequestScopeModel::get(*Result.Context, ModelOptions, clang::statescope::programFacts(),
                             /*ExportFacts=*/bool(FactsSink), &Built);
  if (Built && FactsSink && Model.unitFacts())
    FactsSink(*Model.unitFacts());
  checkModel(Model);
  keepMatchersToProgramCode(*Result.Context);
}

void SharedStateCheck::keepMatchersToProgramCode(ASTContext &Ctx) const {
  // This runs as the translation unit itself is matched, before MatchFinder
  // walks what is below it. The statescope checks match nothing there, and
  // their model is built; when no other check runs, the walk through the
  // standard library's and the frameworks' declarations (most of clang-
  // tidy's cost over its parse) is for nothing. Hosts that already limit the
  // walk (clangd, to the main file's declarations) are left as they are.
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  if (Scope.size() != 1 || !isa<TranslationUnitDecl>(Scope.front()))
    return;
  std::vector<std::string> Enabled =
      getCheckNames(TidyContext->getOptions(), TidyContext->canEnableAnalyzerAlphaCheckers());
  if (!llvm::all_of(Enabled, [](StringRef Name) { return Name.starts_with("statescope-"); }))
    return;
  std::vector<Decl *> Program;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!clang::statescope::isLibraryCode(Ctx, D))
      Program.push_back(D);
  Ctx.setTraversalScope(Program);
}

std::string SharedStateCheck::displayName(const FunctionDecl *F) {
  if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->getParent()->isLambda())
    return "the lambda";
  return "'" + F->getNameAsString() + "'";
}

std::string SharedStateCheck::describeHandlers(const RequestScopeModel &Model,
                                               ArrayRef<const SharedWrite *> Writes) {
  llvm::SetVector<const clang::statescope::Handler *> Roots;
  for (const SharedWrite *W : Writes)
    if (const auto *R = Model.reach(W->Function))
      Roots.insert(R->Root);
  if (Roots.empty())
    return "a request handler";
  std::string Text = Roots.front()->Description;
  if (Roots.size() == 2)
    Text += " and 1 other handler";
  else if (Roots.size() > 2)
    Text += " and " + std::to_string(Roots.size() - 1) + " other handlers";
  return Text;
}

std::string SharedStateCheck::describeWrite(const RequestScopeModel &Model, const SharedWrite &W,
                                            bool WithField) {
  std::string Data =
      W.isRequestData() ? "request data ('" + Model.spelling(W.RequestValue) + "')" : "";
  std::string Through = W.Through ? " through " + displayName(W.Through) : "";
  std::string FieldName = W.Field && WithField ? " field '" + W.Field->getNameAsString() + "'" : "";
  using clang::statescope::WriteKind;
  switch (W.Kind) {
  case WriteKind::SetterCall:
  case WriteKind::Modify:
    if (W.isRequestData())
      return "stores " + Data + " in it" + Through;
    if (W.Through)
      return "changes its state" + Through;
    return FieldName.empty() ? "modifies it" : "modifies its" + FieldName;
  case WriteKind::Assign:
    if (W.isRequestData())
      return "stores " + Data + " in it" +
             (FieldName.empty() ? "" : " (" + FieldName.substr(1) + ")");
    return FieldName.empty() ? "assigns it" : "assigns its" + FieldName;
  case WriteKind::PassedOut:
    return "passes it to be written" + (W.isRequestData() ? " with " + Data : std::string());
  }
  return "writes it";
}

std::string SharedStateCheck::falseComfort(const SharedWrite &W) {
  if (!W.isRequestData())
    return "";
  if (W.GuardedSingleSlot)
    return "; the lock does not help: every request writes the same slot";
  if (W.RestoredBy)
    return "; restoring it afterwards does not help: other requests see it "
           "until then";
  if ((W.Field && clang::statescope::isAtomicType(W.Field->getType())) ||
      (!W.Field && W.Target->Variable &&
       clang::statescope::isAtomicType(W.Target->Variable->getType())))
    return "; std::atomic does not help: the value still belongs to one request";
  return "";
}

std::string SharedStateCheck::readBackAfterSuspension(const RequestScopeModel &Model,
                                                      const Finding &F) {
  if (F.Reads.empty())
    return "";
  std::string When = describeSuspension(Model, *F.Reads.front());
  llvm::StringRef Suspended = " suspended the request";
  if (llvm::StringRef(When).ends_with(Suspended))
    When = When.substr(0, When.size() - Suspended.size()) + " suspended it";
  return "; the request reads it back " + When;
}

std::string SharedStateCheck::describeSuspension(const RequestScopeModel &Model,
                                                 const clang::statescope::StaleRead &R) {
  using clang::statescope::SuspensionKind;
  switch (R.Kind) {
  case SuspensionKind::Await:
    return "after '" + Model.spelling(R.Suspension) + "' suspended the request";
  case SuspensionKind::StackfulYield: {
    const auto *Call = dyn_cast<CallExpr>(R.Suspension);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    std::string Name = Callee ? "'" + Callee->getNameAsString() + "'" : "the call";
    return "after " + Name + " suspended the request (through its yield_context)";
  }
  case SuspensionKind::DeferredWork:
    return "in " + R.HandedOverWork + ", which runs later";
  case SuspensionKind::LaterCallback:
    return "in '" + R.Function->getNameAsString() + "', a later callback of the same call";
  }
  llvm_unreachable("every suspension kind is worded");
}

SourceLocation SharedStateCheck::primaryLocation(const SourceManager &SM,
                                                 SourceLocation Declaration,
                                                 ArrayRef<const SharedWrite *> Writes) {
  if (Declaration.isValid() && SM.isInMainFile(SM.getExpansionLoc(Declaration)))
    return Declaration;
  for (const SharedWrite *W : Writes)
    if (SM.isInMainFile(SM.getExpansionLoc(W->Site->getBeginLoc())))
      return W->Site->getBeginLoc();
  return Writes.empty() ? Declaration : Writes.front()->Site->getBeginLoc();
}

void SharedStateCheck::notePerRequestFix(const RequestScopeModel &Model, const SharedObject &Object,
                                         clang::statescope::PerRequestForm Form, bool RequestData) {
  clang::statescope::PerRequestFix Fix = planPerRequestFix(Model, Object, Form);
  if (!RequestData) {
    // A race on request-independent state: a per-request copy would change
    // what the program counts or caches.
    diag(Object.Declaration, "%0", DiagnosticIDs::Note)
        << "no automatic fix for '" + Object.Name +
               "': it holds no request data; guard its updates with a lock or "
               "make them atomic";
    return;
  }
  auto Note = diag(Fix.Location, "%0", DiagnosticIDs::Note) << Fix.Explanation;
  for (const FixItHint &Edit : Fix.Edits)
    Note << Edit;
}

const SharedWrite *SharedStateCheck::leadWrite(ArrayRef<const SharedWrite *> Writes) {
  for (const SharedWrite *W : Writes)
    if (W->isRequestData())
      return W;
  return Writes.empty() ? nullptr : Writes.front();
}

std::string SharedStateCheck::fieldNames(ArrayRef<const FieldDecl *> Fields) {
  constexpr size_t Named = 3;
  std::string Text;
  for (size_t I = 0; I < Fields.size() && I < Named; ++I) {
    if (I)
      Text += I + 1 == Fields.size() ? " and " : ", ";
    Text += "'" + Fields[I]->getNameAsString() + "'";
  }
  if (Fields.size() > Named)
    Text += " and " + std::to_string(Fields.size() - Named) + " more";
  return Text;
}

std::string SharedStateCheck::describeFields(const Finding &F) {
  if (F.Fields.empty())
    return "";
  return (F.Fields.size() == 1 ? " (field " : " (fields ") + fieldNames(F.Fields) + ")";
}

bool SharedStateCheck::isSuppressedAt(const SourceManager &SM, SourceLocation Loc) const {
  return isSuppressedByNoLint(SM, Loc, Name);
}

std::vector<FindingToReport> SharedStateCheck::findingsToReport(const RequestScopeModel &Model,
                                                                FindingCheck Check) const {
  const SourceManager &SM = Model.context().getSourceManager();
  std::vector<FindingToReport> Result;
  for (const Finding &F : Model.findings()) {
    if (F.Check != Check)
      continue;
    FindingToReport R{F, {}};
    auto Suppressed = [&](const Expr *Part) { return isSuppressedAt(SM, Part->getBeginLoc()); };
    llvm::erase_if(R.Parts.Writes, [&](const SharedWrite *W) { return Suppressed(W->Site); });
    llvm::erase_if(R.Parts.Reads, [&](const clang::statescope::StaleRead *Read) {
      return Suppressed(Read->Read);
    });
    // The finding is its writes, or for a thread_local its reads: with none
    // left, it is reported where a NOLINT comment is, so that clang-tidy
    // (and clangd, and the CLI's summary) count it once as suppressed.
    bool NoneLeft = Check == FindingCheck::ThreadLocalAcrossAwait
                        ? !F.Reads.empty() && R.Parts.Reads.empty()
                        : !F.Writes.empty() && R.Parts.Writes.empty();
    if (NoneLeft) {
      R.Parts = F;
      R.SuppressedAt = Check == FindingCheck::ThreadLocalAcrossAwait
                           ? F.Reads.front()->Read->getBeginLoc()
                           : F.Writes.front()->Site->getBeginLoc();
    }
    Result.push_back(std::move(R));
  }
  return Result;
}

void SharedStateCheck::noteWrites(const RequestScopeModel &Model, const Finding &F) {
  const SourceManager &SM = Model.context().getSourceManager();
  llvm::StringSet<> Emitted;
  auto Note = [&](SourceLocation Loc, const std::string &Text) {
    std::string Key = Loc.printToString(SM) + Text;
    if (!isSuppressedAt(SM, Loc) && Emitted.insert(Key).second)
      diag(Loc, "%0", DiagnosticIDs::Note) << Text;
  };

  unsigned Shown = 0;
  for (const SharedWrite *W : F.Writes) {
    if (Shown++ == MaxWriteNotes) {
      Note(W->Site->getBeginLoc(), "and " + std::to_string(F.Writes.size() - MaxWriteNotes) +
                                       " more writes on the request path");
      break;
    }
    Note(W->Site->getBeginLoc(), describeWrite(Model, *W) + " here");
    if (W->HandedOutBy)
      Note(W->HandedOutBy->getBeginLoc(),
           "'" + Model.spelling(W->HandedOutBy) +
               "' is handed out here: every copy of it points to the same shared object");
    // The chain of calls back to the handler, innermost first.
    const FunctionDecl *Callee = W->Function;
    for (const auto *R = Model.reach(Callee); R; R = Model.reach(Callee)) {
      if (!R->Caller) {
        Note(R->Root->Location, R->Root->Description + " runs once per request");
        break;
      }
      Note(R->CallLocation, displayName(Callee) + " is called here on the request path");
      Callee = R->Caller;
    }
  }
  for (const clang::statescope::StaleRead *R : F.Reads)
    Note(R->Read->getBeginLoc(), "read back here " + describeSuspension(Model, *R) +
                                     "; another request's value may be there by then");
  // An object another file passes in: where it comes from.
  for (const SharedWrite *W : F.Writes)
    if (W->Target->Kind == clang::statescope::SharingKind::PassedIn)
      Note(W->Target->Declaration,
           "'" + W->Target->Name + "' is " + W->Target->Origin + ", passed in on the request path");
}

} // namespace clang::tidy::statescope
