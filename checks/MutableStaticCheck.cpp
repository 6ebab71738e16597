//===--- MutableStaticCheck.cpp - statescope ------------------------------===//

#include "MutableStaticCheck.h"
#include "ASTFacts.h"
#include "model/LibraryKnowledge.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

#include "clang-tidy/utils/DeclRefExprUtils.h"
#include "clang-tidy/utils/FixItHintUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::statescope {

using clang::statescope::SharingKind;

namespace {

/// A local static whose function hands it back by pointer or reference.
bool isReturnedBuffer(const SharedObject &Object) {
  if (Object.Kind != SharingKind::LocalStatic || !Object.Variable)
    return false;
  const auto *Owner = dyn_cast<FunctionDecl>(Object.Variable->getDeclContext());
  if (!Owner)
    return false;
  QualType Ret = Owner->getReturnType();
  return Ret->isPointerType() || Ret->isReferenceType();
}

/// `const` can be added to the variable itself without touching another:
/// one declarator, written by the user, outside templates. Where the
/// qualifier goes (after the `*` of a pointer) and whether a macro is in the
/// way is clang-tidy's addQualifierToVarDecl's business.
bool ownsItsDeclaration(const VarDecl *Var) {
  if (Var->getType()->isReferenceType() || Var->isTemplated() ||
      Var->getTemplateSpecializationKind() != TSK_Undeclared || Var->getLocation().isMacroID())
    return false;
  // `static int a = 1, b = 2;` shares one type specifier. Locals belong to
  // their function's declaration context, so one scan covers both scopes.
  for (const Decl *D : Var->getLexicalDeclContext()->decls())
    if (D != Var && isa<VarDecl>(D) && D->getBeginLoc() == Var->getBeginLoc())
      return false;
  return true;
}

/// A read of the counter that still compiles when it becomes std::atomic:
/// its value feeds an operator, an initialiser or return of a spelled-out
/// integer type, or a parameter of a plain (non-template, non-variadic)
/// function. `auto`, `printf` and templates would see the atomic itself.
bool readSurvivesAtomic(ASTContext &Ctx, const Expr *Read) {
  for (const DynTypedNode &Parent : Ctx.getParents(*Read)) {
    if (Parent.get<BinaryOperator>() || Parent.get<UnaryOperator>() || Parent.get<ReturnStmt>())
      continue;
    if (const auto *Var = Parent.get<VarDecl>()) {
      if (Var->getType()->getContainedAutoType() || !Var->getType()->isIntegerType())
        return false;
      continue;
    }
    const auto *Call = Parent.get<CallExpr>();
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Callee->isVariadic() || Callee->isTemplateInstantiation() ||
        Callee->getPrimaryTemplate())
      return false;
    unsigned Index = 0;
    while (Index < Call->getNumArgs() && Call->getArg(Index) != Read)
      ++Index;
    if (Index == Call->getNumArgs() || Index >= Callee->getNumParams() ||
        !Callee->getParamDecl(Index)->getType()->isIntegerType())
      return false;
  }
  return true;
}

/// A plain integer counter becomes std::atomic when every use in the file
/// keeps its meaning: increments, decrements, `+=`/`-=`, assignments of
/// request-independent values, and reads that convert (see above). The
/// declaration stays valid in the unit's language standard: std::atomic is
/// C++11, and before C++17 `std::atomic<int> n = 0;` needs the deleted copy
/// constructor, so there the initialiser is braced, `std::atomic<int> n{0};`.
std::vector<FixItHint> atomicCounterFix(ASTContext &Ctx, const SharedObject &Object,
                                        llvm::ArrayRef<const SharedWrite *> Writes,
                                        utils::IncludeInserter &Includes) {
  const VarDecl *Var = Object.Variable;
  if (!Var || !Var->hasGlobalStorage() || !Var->getType()->isIntegerType() ||
      Var->getType()->isBooleanType() || Var->getType().isVolatileQualified() ||
      Var->getPreviousDecl() || Var->isTemplated() || Var->getLocation().isMacroID() ||
      Var->getTypeSpecStartLoc().isMacroID() ||
      !Ctx.getSourceManager().isInMainFile(Var->getLocation()) || !Ctx.getLangOpts().CPlusPlus11)
    return {};
  if (llvm::any_of(Writes, [](const SharedWrite *W) {
        return W->isRequestData() && W->Kind == clang::statescope::WriteKind::Assign;
      }))
    return {};
  // Every mention of the variable, wherever it is.
  for (const DeclRefExpr *Ref :
       utils::decl_ref_expr::allDeclRefExprs(*Var, *Ctx.getTranslationUnitDecl(), Ctx)) {
    if (Ref->getBeginLoc().isMacroID())
      return {};
    for (const DynTypedNode &Parent : Ctx.getParents(*Ref)) {
      if (const auto *Op = Parent.get<UnaryOperator>(); Op && Op->isIncrementDecrementOp())
        continue;
      if (const auto *Op = Parent.get<BinaryOperator>();
          Op && Op->getLHS()->IgnoreParens() == Ref &&
          (Op->getOpcode() == BO_AddAssign || Op->getOpcode() == BO_SubAssign ||
           Op->getOpcode() == BO_Assign))
        continue;
      const auto *Cast = Parent.get<ImplicitCastExpr>();
      if (Cast && Cast->getCastKind() == CK_LValueToRValue && readSurvivesAtomic(Ctx, Cast))
        continue;
      return {};
    }
  }

  std::vector<FixItHint> Edits;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange TypeRange = CharSourceRange::getTokenRange(
      SourceRange(Var->getTypeSpecStartLoc(), Var->getTypeSpecEndLoc()));
  std::string Type = Lexer::getSourceText(TypeRange, SM, Ctx.getLangOpts()).str();
  Edits.push_back(FixItHint::CreateReplacement(TypeRange, "std::atomic<" + Type + ">"));
  const Expr *Init = Var->getInit();
  if (!Ctx.getLangOpts().CPlusPlus17 && Init && Var->getInitStyle() == VarDecl::CInit &&
      !isa<InitListExpr>(Init->IgnoreImplicit())) {
    SourceLocation NameEnd =
        Lexer::getLocForEndOfToken(Var->getLocation(), 0, SM, Ctx.getLangOpts());
    SourceRange InitRange = Init->getSourceRange();
    if (NameEnd.isInvalid() || InitRange.getBegin().isMacroID() || InitRange.getEnd().isMacroID())
      return {};
    // ` = 0` becomes `{0}`.
    Edits.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(NameEnd, InitRange.getBegin()), "{"));
    Edits.push_back(FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(InitRange.getEnd(), 0, SM, Ctx.getLangOpts()), "}"));
  }
  // One `#include <atomic>` per file (per fix where each fix must stand
  // alone, as in clangd), unless the file includes it itself: what it gets
  // through other headers may change.
  if (std::optional<FixItHint> Include = Includes.createMainFileIncludeInsertion("<atomic>"))
    Edits.push_back(*Include);
  return Edits;
}

} // namespace

MutableStaticCheck::MutableStaticCheck(StringRef Name, ClangTidyContext *Context)
    : SharedStateCheck(Name, Context), ReportNeverWritten(Options.get("ReportNeverWritten", false)),
      Includes(Options.getLocalOrGlobal("IncludeStyle", utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void MutableStaticCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SharedStateCheck::storeOptions(Opts);
  Options.store(Opts, "ReportNeverWritten", ReportNeverWritten);
  Options.store(Opts, "IncludeStyle", Includes.getStyle());
}

void MutableStaticCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                             Preprocessor *) {
  Includes.registerPreprocessor(PP);
}

void MutableStaticCheck::checkModel(const RequestScopeModel &Model) {
  const ASTContext &Ctx = Model.context();
  for (const FindingToReport &R : findingsToReport(Model, FindingCheck::MutableStatic)) {
    const Finding &F = R.Parts;
    const SharedObject *Object = F.Object;
    const SharedWrite *Lead = leadWrite(F.Writes);
    SourceLocation Where =
        R.isSuppressed() ? R.SuppressedAt
                         : primaryLocation(Ctx.getSourceManager(), Object->Declaration, F.Writes);
    std::string What = isReturnedBuffer(*Object)
                           ? "is returned to callers but shared by every request"
                           : "is shared by every request";
    {
      // The warning is emitted when the builder goes, before its notes.
      auto Warning = diag(Where, "'%0' %1; %2 %3%4")
                     << Object->Name << What << describeHandlers(Model, F.Writes)
                     << describeWrite(Model, *Lead)
                     << falseComfort(*Lead) + readBackAfterSuspension(Model, F);
      if (!R.isSuppressed())
        for (const FixItHint &Edit : atomicCounterFix(Model.context(), *Object, F.Writes, Includes))
          Warning << Edit;
    }
    if (!R.isSuppressed())
      noteWrites(Model, F);
  }

  if (ReportNeverWritten)
    reportNeverWritten(Model);
}

namespace {
/// Variables of the main file with static storage that nothing in the
/// translation unit modifies after initialisation. Candidates are mutable
/// statics of the main file that no other translation unit can name, so
/// this one sees every write.
std::vector<const VarDecl *> neverWrittenStatics(ASTContext &Ctx) {
  struct Collector : RecursiveASTVisitor<Collector> {
    explicit Collector(ASTContext &Ctx) : Ctx(Ctx) {}
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool TraverseDecl(Decl *D) {
      if (D && !isa<TranslationUnitDecl>(D) && D->getLexicalDeclContext()->isFileContext() &&
          !clang::statescope::isInMainFile(Ctx, D->getLocation()))
        return true;
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(D);
          F && F->doesThisDeclarationHaveABody() && !Outermost)
        Outermost = F;
      bool Result = RecursiveASTVisitor::TraverseDecl(D);
      if (Outermost == D)
        Outermost = nullptr;
      return Result;
    }
    bool VisitVarDecl(VarDecl *V) {
      bool Internal = V->isStaticLocal() || !V->isExternallyVisible();
      if (V->hasGlobalStorage() && !V->getTLSKind() && Internal &&
          !V->getType().isConstQualified() && !V->isConstexpr() &&
          !V->getType()->isReferenceType() && !isa<ParmVarDecl>(V) && !V->isTemplated() &&
          V->getInit() && !clang::statescope::designatedObjectType(V->getType())->isDependentType())
        Candidates.push_back(V);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        if (Outermost)
          UsedIn[Var].insert(Outermost);
        else
          UsedOutsideFunctions.insert(Var);
      }
      return true;
    }
    ASTContext &Ctx;
    const FunctionDecl *Outermost = nullptr;
    std::vector<const VarDecl *> Candidates;
    llvm::DenseMap<const VarDecl *, llvm::SmallPtrSet<const FunctionDecl *, 4>> UsedIn;
    llvm::DenseSet<const VarDecl *> UsedOutsideFunctions;
  } C(Ctx);
  C.TraverseAST(Ctx);

  std::vector<const VarDecl *> Result;
  for (const VarDecl *V : C.Candidates) {
    if (C.UsedOutsideFunctions.contains(V))
      continue;
    bool Mutated = llvm::any_of(C.UsedIn.lookup(V), [&](const FunctionDecl *F) {
      return ExprMutationAnalyzer(*F->getBody(), Ctx).isMutated(V);
    });
    if (!Mutated)
      Result.push_back(V);
  }
  return Result;
}
} // namespace

void MutableStaticCheck::reportNeverWritten(const RequestScopeModel &Model) {
  for (const VarDecl *Var : neverWrittenStatics(Model.context())) {
    auto Diag = diag(Var->getLocation(), "'%0' is never written after initialisation; declare it "
                                         "const so that no request can change it")
                << Var->getName();
    if (!ownsItsDeclaration(Var))
      continue;
    if (std::optional<FixItHint> Const = utils::fixit::addQualifierToVarDecl(
            *Var, Model.context(), DeclSpec::TQ_const, utils::fixit::QualifierTarget::Value))
      Diag << *Const;
  }
}

} // namespace clang::tidy::statescope
