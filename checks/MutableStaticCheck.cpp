//===--- MutableStaticCheck.cpp - statescope ------------------------------===//

#include "MutableStaticCheck.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::statescope {

using clang::statescope::SharingKind;

namespace {

/// Variables that live as long as the server: statics, and start-up locals
/// that handlers capture by reference.
bool outlivesRequests(const SharedObject &Object) {
  return Object.Variable && (Object.Variable->hasGlobalStorage() ||
                             Object.Kind == SharingKind::CapturedByHandler);
}

/// A local static whose function hands it back by pointer or reference.
bool isReturnedBuffer(const SharedObject &Object) {
  if (Object.Kind != SharingKind::LocalStatic || !Object.Variable)
    return false;
  const auto *Owner =
      dyn_cast<FunctionDecl>(Object.Variable->getDeclContext());
  if (!Owner)
    return false;
  QualType Ret = Owner->getReturnType();
  return Ret->isPointerType() || Ret->isReferenceType();
}

/// `const` can be added in front of the type without changing meaning:
/// one declarator, written by the user, not a pointer (where `const` would
/// bind to the pointee), outside macros and templates.
bool canAddConst(const VarDecl *Var) {
  if (Var->getType()->isPointerType() || Var->getType()->isReferenceType() ||
      Var->isTemplated() || Var->getTemplateSpecializationKind() != TSK_Undeclared)
    return false;
  SourceLocation Start = Var->getTypeSpecStartLoc();
  if (Start.isInvalid() || Start.isMacroID() || Var->getLocation().isMacroID())
    return false;
  // `static int a = 1, b = 2;` shares one type specifier. Locals belong to
  // their function's declaration context, so one scan covers both scopes.
  for (const Decl *D : Var->getLexicalDeclContext()->decls())
    if (D != Var && isa<VarDecl>(D) && D->getBeginLoc() == Var->getBeginLoc())
      return false;
  return true;
}

} // namespace

MutableStaticCheck::MutableStaticCheck(StringRef Name, ClangTidyContext *Context)
    : SharedStateCheck(Name, Context),
      ReportNeverWritten(Options.get("ReportNeverWritten", false)) {}

void MutableStaticCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SharedStateCheck::storeOptions(Opts);
  Options.store(Opts, "ReportNeverWritten", ReportNeverWritten);
}

void MutableStaticCheck::checkModel(const RequestScopeModel &Model) {
  const ASTContext &Ctx = Model.context();
  llvm::MapVector<const SharedObject *, SmallVector<const SharedWrite *, 4>> ByObject;
  for (const SharedWrite &W : Model.writes()) {
    const SharedObject &Object = *W.Target;
    if (!outlivesRequests(Object) || Object.isProjectClass(Ctx) ||
        W.GuardedKeyedSlot)
      continue;
    ByObject[W.Target].push_back(&W);
  }

  for (const auto &[Object, Writes] : ByObject) {
    const SharedWrite *Lead = leadWrite(Writes);
    SourceLocation Where =
        primaryLocation(Ctx.getSourceManager(), Object->Declaration, Writes);
    std::string What = isReturnedBuffer(*Object)
                           ? "is returned to callers but shared by every request"
                           : "is shared by every request";
    diag(Where, "'%0' %1; %2 %3%4")
        << Object->Name << What << describeHandlers(Model, Writes)
        << describeWrite(Model, *Lead) << falseComfort(*Lead);
    noteWrites(Model, Writes);
  }

  if (ReportNeverWritten)
    reportNeverWritten(Model);
}

void MutableStaticCheck::reportNeverWritten(const RequestScopeModel &Model) {
  for (const VarDecl *Var : Model.neverWrittenStatics()) {
    auto Diag = diag(Var->getLocation(),
                     "'%0' is never written after initialisation; declare it "
                     "const so that no request can change it")
                << Var->getName();
    if (canAddConst(Var))
      Diag << FixItHint::CreateInsertion(Var->getTypeSpecStartLoc(), "const ");
  }
}

} // namespace clang::tidy::statescope
