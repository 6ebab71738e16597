//===--- UnitFactsExport.cpp - what this unit tells the others ------------===//

#include "model/UnitFactsExport.h"
#include "ASTFacts.h"
#include "model/AccessPath.h"
#include "model/ProgramView.h"
#include "model/VirtualOverriders.h"

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

/// How another unit's messages name a shared object this unit knows.
std::string describeForOtherUnits(const SharedObject &Object) {
  std::string Name = "'" + Object.Name + "'";
  switch (Object.Kind) {
  case SharingKind::Global:
    return Name + ", a global";
  case SharingKind::StaticMember:
    return Name + ", a static member";
  case SharingKind::LocalStatic:
    return Name + ", a static";
  case SharingKind::CapturedByHandler: {
    const auto *Owner = dyn_cast<NamedDecl>(Object.Variable->getDeclContext());
    return Name + ", a local of '" + (Owner ? Owner->getQualifiedNameAsString() : "") +
           "' that handlers capture by reference";
  }
  case SharingKind::FrameworkInstance:
    return "the one " + Name + " the framework keeps";
  case SharingKind::DeclaredInstance:
    return "the one " + Name + " the server keeps";
  case SharingKind::MadeAtStartUp:
    return "the one " + Name + " made at start-up";
  case SharingKind::HeldByCopies:
    return "the one " + Name + " every copy of its handler holds";
  case SharingKind::PassedIn:
    return Object.Origin;
  }
  return Name;
}

/// A non-const reference or pointer: the callee can change the object.
bool bindsMutably(QualType T) {
  return (T->isLValueReferenceType() || T->isPointerType()) &&
         !T->getPointeeType().isConstQualified();
}

/// The methods M overrides, however far up, by USR.
std::vector<std::string> overriddenMethods(const CXXMethodDecl *M) {
  std::vector<std::string> Found;
  llvm::SmallVector<const CXXMethodDecl *, 4> Work(M->overridden_methods());
  while (!Work.empty()) {
    const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
    std::string USR = usrOf(Base);
    if (llvm::is_contained(Found, USR))
      continue;
    Found.push_back(std::move(USR));
    llvm::append_range(Work, Base->overridden_methods());
  }
  return Found;
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
      Facts.Overrides = overriddenMethods(M);
    }
    Unit.Defined.emplace(usrOf(F), std::move(Facts));
  }

  for (const FunctionDecl *F : Path.functions())
    for (const Expr *Site : Summaries.of(F).CallsAndConstructions) {
      const auto *Call = dyn_cast<CallExpr>(Site);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      // A virtual call may run overrides other units define, even when this
      // unit has a body for the method called.
      const CXXMethodDecl *Virtual = Call ? virtualCallee(Call) : nullptr;
      if (!Callee || (Callee->hasBody() && !Virtual) || isLibraryCode(Ctx, Callee) ||
          isInStdNamespace(Callee))
        continue;
      CallOut Out;
      Out.Callee = usrOf(Callee);
      Out.Name = Callee->getQualifiedNameAsString();
      Out.Handler = Path.reach(F)->Root->Description;
      Out.Virtual = Virtual != nullptr;
      auto SharedAt = [&](const Expr *Argument) -> const SharedObject * {
        return Objects.rootObject(accessPath(Argument).Root, F);
      };
      // A direct call's stores come back to this unit as the callee's
      // facts; what an override stores, this unit cannot know.
      if (Virtual && !Virtual->isConst())
        if (const SharedObject *Object =
                SharedAt(cast<CXXMemberCallExpr>(Call)->getImplicitObjectArgument()))
          Out.SharedThis = describeForOtherUnits(*Object);
      unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
      for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
        if (Data.contains(Call->getArg(I)))
          Out.RequestParams.push_back(I - Offset);
        if (I - Offset >= Callee->getNumParams() ||
            !bindsMutably(Callee->getParamDecl(I - Offset)->getType()))
          continue;
        Out.PassesOut = true;
        if (const SharedObject *Object = SharedAt(Call->getArg(I)))
          Out.SharedParams.push_back({I - Offset, describeForOtherUnits(*Object)});
      }
      Unit.CallsOut.push_back(std::move(Out));
    }
  return Unit;
}

} // namespace clang::statescope
