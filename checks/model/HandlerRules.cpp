//===--- HandlerRules.cpp - which rule made each handler a handler --------===//

#include "model/HandlerRules.h"
#include "ASTFacts.h"
#include "Frameworks.h"

#include "llvm/ADT/DenseSet.h"

namespace clang::statescope {

namespace {

/// The definitions of the callables passed to the registration functions
/// the HandlerRegistrations option names.
class ConfiguredRegistrations : public ProgramCodeVisitor<ConfiguredRegistrations> {
public:
  ConfiguredRegistrations(const ASTContext &Ctx, const OptionPatterns &Patterns)
      : ProgramCodeVisitor(Ctx), Patterns(Patterns) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Call->isTypeDependent() ||
        !Patterns.isRegistrationName(Callee->getQualifiedNameAsString()))
      return true;
    llvm::SmallVector<RegisteredHandler, 2> Passed;
    handlersPassedTo(Call, "", Passed);
    for (const RegisteredHandler &R : Passed)
      if (const FunctionDecl *Definition = R.Function ? R.Function->getDefinition() : nullptr)
        Functions.insert(Definition);
    return true;
  }

  llvm::DenseSet<const FunctionDecl *> Functions;

private:
  const OptionPatterns &Patterns;
};

bool isAnnotatedHandler(const FunctionDecl *F) {
  for (const FunctionDecl *D : F->redecls())
    for (const auto *Attr : D->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == "statescope::request_handler")
        return true;
  return false;
}

} // namespace

std::vector<HandlerRule> handlerRules(const RequestScopeModel &Model) {
  ASTContext &Ctx = Model.context();
  const OptionPatterns &Patterns = Model.patterns();
  ConfiguredRegistrations Configured(Ctx, Patterns);
  if (Patterns.hasRegistrations())
    Configured.TraverseAST(Ctx);

  std::vector<HandlerRule> Rules;
  for (const auto &H : Model.handlers()) {
    const FunctionDecl *F = H->Function;
    // The order in which the Handlers stage asks (model/Handlers.cpp).
    HandlerRule Rule = HandlerRule::Framework;
    if (H->RequestParams)
      Rule = HandlerRule::WholeProgram; // Only another file's call limits them.
    else if (isAnnotatedHandler(F))
      Rule = HandlerRule::Annotation;
    else if (Patterns.isHandlerName(F->getQualifiedNameAsString()))
      Rule = HandlerRule::HandlerFunctions;
    else if (handlerByShape(F, Ctx))
      Rule = HandlerRule::Framework;
    else if (Configured.Functions.contains(F))
      Rule = HandlerRule::HandlerRegistrations;
    else if (llvm::StringRef(H->Description).starts_with("the request code in "))
      Rule = HandlerRule::RequestReading;
    Rules.push_back(Rule);
  }
  return Rules;
}

} // namespace clang::statescope
