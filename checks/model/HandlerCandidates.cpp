//===--- HandlerCandidates.cpp - request-taking code the model does not run -===//

#include "model/HandlerCandidates.h"
#include "ASTFacts.h"
#include "Frameworks.h"

#include "clang/AST/ParentMapContext.h"
#include "llvm/Support/Regex.h"

namespace clang::statescope {

namespace {

/// The class a parameter of type T names, through references, pointers
/// and smart pointers.
const CXXRecordDecl *parameterClass(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Class);
      Spec && isInStdNamespace(Spec) && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return parameterClass(Spec->getTemplateArgs()[0].getAsType());
  return Class;
}

/// A class name that says request: `Request`, `ApiRequest`, `HttpReq`,
/// `RequestContext`, `CallContext`; not `Required` or `Requisition`.
bool hasRequestLikeName(const CXXRecordDecl *Class) {
  static const llvm::Regex RequestWord("(Request|request|Context|context|Req([^a-z]|$)|"
                                       "(^|_)req(_|$))");
  return Class && Class->getDeclName().isIdentifier() && RequestWord.match(Class->getName());
}

/// What makes P request-typed, if anything.
std::optional<RequestTypeEvidence> evidenceFor(const ParmVarDecl *P,
                                               const CXXRecordDecl *&FrameworkClass) {
  const CXXRecordDecl *Class = parameterClass(P->getType());
  if (!Class)
    return std::nullopt;
  if ((FrameworkClass = frameworkRequestClass(P->getType())))
    return FrameworkClass->getCanonicalDecl() == Class->getCanonicalDecl()
               ? RequestTypeEvidence::FrameworkType
               : RequestTypeEvidence::DerivedFromFramework;
  if (hasRequestLikeName(Class))
    return RequestTypeEvidence::RequestLikeName;
  return std::nullopt;
}

/// The function whose call a lambda is an argument of (through the
/// conversions into std::function and the like).
const FunctionDecl *callTakingLambda(ASTContext &Ctx, const LambdaExpr *Lambda) {
  DynTypedNodeList Parents = Ctx.getParents(*Lambda);
  for (unsigned Depth = 0; Depth < 6 && !Parents.empty(); ++Depth) {
    if (const auto *Call = Parents[0].get<CallExpr>())
      return Call->getDirectCallee();
    if (const auto *Construct = Parents[0].get<CXXConstructExpr>();
        Construct && Construct->getNumArgs() > 1)
      return Construct->getConstructor();
    if (!Parents[0].get<Expr>())
      return nullptr;
    Parents = Ctx.getParents(Parents[0]);
  }
  return nullptr;
}

class CandidateFinder : public ProgramCodeVisitor<CandidateFinder> {
public:
  CandidateFinder(const RequestScopeModel &Model, std::vector<HandlerCandidate> &Found)
      : ProgramCodeVisitor(Model.context()), Model(Model), Found(Found) {}

  bool VisitFunctionDecl(FunctionDecl *F) {
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (Method && Method->getParent()->isLambda())
      return true; // Seen as its lambda expression.
    if (F->doesThisDeclarationHaveABody() && !F->isDependentContext() && !F->isImplicit() &&
        !isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(F) &&
        !F->isOverloadedOperator())
      consider(F, nullptr);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    const CXXMethodDecl *Call = Lambda->getCallOperator();
    if (!Call->isDependentContext())
      consider(Call, Lambda);
    return true;
  }

private:
  void consider(const FunctionDecl *F, const LambdaExpr *Lambda) {
    if (Model.reach(F) || isLibraryCode(Ctx, F))
      return;
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    for (const ParmVarDecl *P : F->parameters()) {
      HandlerCandidate C;
      std::optional<RequestTypeEvidence> Evidence = evidenceFor(P, C.FrameworkClass);
      if (!Evidence)
        continue;
      // The request class's own members (`Request::merge(const Request &)`)
      // work on requests; they do not receive them.
      if (Method && !Lambda &&
          Method->getParent()->getCanonicalDecl() ==
              parameterClass(P->getType())->getCanonicalDecl())
        return;
      C.Function = F;
      C.Parameter = P;
      C.Evidence = *Evidence;
      if (Lambda)
        C.PassedTo = callTakingLambda(Model.context(), Lambda);
      Found.push_back(C);
      return;
    }
  }

  const RequestScopeModel &Model;
  std::vector<HandlerCandidate> &Found;
};

} // namespace

std::vector<HandlerCandidate> findHandlerCandidates(const RequestScopeModel &Model) {
  std::vector<HandlerCandidate> Found;
  CandidateFinder(Model, Found).TraverseAST(Model.context());
  return Found;
}

} // namespace clang::statescope
