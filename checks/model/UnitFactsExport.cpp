//===--- UnitFactsExport.cpp - what this unit tells the others ------------===//

#include "model/UnitFactsExport.h"
#include "ASTFacts.h"
#include "model/ProgramView.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::statescope {

namespace {
/// The externally visible functions the main file defines.
std::vector<const FunctionDecl *> mainFileDefinitions(ASTContext &Ctx) {
  struct Definitions : RecursiveASTVisitor<Definitions> {
    std::vector<const FunctionDecl *> Found;
    bool VisitFunctionDecl(FunctionDecl *F) {
      if (F->doesThisDeclarationHaveABody() && !F->isDependentContext() && F->isExternallyVisible())
        Found.push_back(F);
      return true;
    }
  } Defs;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (isInMainFile(Ctx, D->getLocation()))
      Defs.TraverseDecl(D);
  return Defs.Found;
}
} // namespace

UnitFacts exportUnitFacts(ASTContext &Ctx, const RequestPath &Path, const RequestData &Data,
                          BodySummaries &Summaries, SharedObjects &Objects,
                          MemberEffects &Effects) {
  const SourceManager &SM = Ctx.getSourceManager();
  UnitFacts Unit;
  if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Unit.File = Main->getName().str();

  for (const FunctionDecl *F : mainFileDefinitions(Ctx)) {
    FunctionFacts Facts;
    Facts.Name = F->getQualifiedNameAsString();
    Facts.ReturnsStatic = isa_and_nonnull<VarDecl>(Objects.accessedObject(F));
    Facts.WritesParamsKnown = true;
    Facts.WritesParams = Effects.paramsWritten(F);
    if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && !M->isStatic()) {
      const FieldEffects &Stores = Effects.effectsOf(M);
      Facts.StoresUnknown = Stores.UnknownFields;
      for (const FieldEffects::Store &Store : Stores.Fields)
        Facts.Stores[Store.Field->getNameAsString()].assign(Store.Params.begin(),
                                                            Store.Params.end());
    }
    Unit.Defined.emplace(usrOf(F), std::move(Facts));
  }

  for (const FunctionDecl *F : Path.functions())
    for (const Expr *Site : Summaries.of(F).CallsAndConstructions) {
      const auto *Call = dyn_cast<CallExpr>(Site);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (!Callee || Callee->hasBody() || isInSystemHeader(Ctx, Callee->getLocation()) ||
          isInStdNamespace(Callee))
        continue;
      CallOut Out;
      Out.Callee = usrOf(Callee);
      Out.Name = Callee->getQualifiedNameAsString();
      Out.Handler = Path.reach(F)->Root->Description;
      unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
      for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
        if (Data.contains(Call->getArg(I)))
          Out.RequestParams.push_back(I - Offset);
        if (I - Offset < Callee->getNumParams()) {
          QualType T = Callee->getParamDecl(I - Offset)->getType();
          Out.PassesOut |= (T->isLValueReferenceType() || T->isPointerType()) &&
                           !T->getPointeeType().isConstQualified();
        }
      }
      Unit.CallsOut.push_back(std::move(Out));
    }
  return Unit;
}

} // namespace clang::statescope
