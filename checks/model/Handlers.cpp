//===--- Handlers.cpp - the functions that run once per request -----------===//

#include "model/Handlers.h"
#include "ASTFacts.h"
#include "Frameworks.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::statescope {

namespace {

std::string describeFunction(const FunctionDecl *F) {
  if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->getParent()->isLambda())
    return "a lambda";
  return "'" + F->getQualifiedNameAsString() + "'";
}

/// Visits the program's code (the project's own headers register handlers
/// too, a helper that wraps `svr.Get`; libraries' headers only register
/// their own) and collects handlers into a HandlerSet.
class HandlerFinder : public ProgramCodeVisitor<HandlerFinder> {
public:
  HandlerFinder(ASTContext &Ctx, const OptionPatterns &Patterns, const ProgramView &Program,
                HandlerSet &Found)
      : ProgramCodeVisitor(Ctx), Unit(Ctx), Patterns(Patterns), Program(Program), Found(Found) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (F->doesThisDeclarationHaveABody() && !F->isDependentContext())
      classifyFunction(F);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (!Call->getDirectCallee() || Call->isTypeDependent())
      return true;
    llvm::SmallVector<RegisteredHandler, 2> Registered;
    handlersRegisteredBy(Call, Registered);
    addRegistered(Registered, HandlerRule::Framework);
    Registered.clear();
    addConfiguredRegistrations(Call, Registered);
    addRegistered(Registered, HandlerRule::HandlerRegistrations);
    // Code that waits for the next request handles what it receives.
    if (enclosing() && !enclosing()->isDependentContext() && isRequestReadingCall(Call))
      addHandler(enclosing(), "the request code in " + describeFunction(enclosing()),
                 Call->getBeginLoc(), HandlerRule::RequestReading);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Construct->isTypeDependent())
      return true;
    llvm::SmallVector<RegisteredHandler, 2> Registered;
    handlersRegisteredBy(Construct, Registered);
    addRegistered(Registered, HandlerRule::Framework);
    return true;
  }

private:
  /// Adds F's definition once; returns it when it was added.
  Handler *addHandler(const FunctionDecl *F, std::string Description, SourceLocation Location,
                      HandlerRule Rule) {
    if (!F)
      return nullptr;
    const FunctionDecl *Definition = nullptr;
    if (!F->getBody(Definition) || Definition->isDependentContext())
      return nullptr;
    if (llvm::any_of(Found.Handlers, [&](const auto &H) { return H->Function == Definition; }))
      return nullptr;
    // Registrations written through a framework's macros (METHOD_ADD,
    // ENDPOINT) are shown where the user wrote them.
    const SourceManager &SM = Unit.getSourceManager();
    if (Location.isMacroID()) {
      SourceLocation Spelled = SM.getFileLoc(Location);
      Location = SM.isInMainFile(Spelled) ? Spelled : SM.getExpansionLoc(Location);
    }
    auto H = std::make_unique<Handler>();
    H->Function = Definition;
    H->Description = std::move(Description);
    H->Location = Location;
    H->Rule = Rule;
    Found.Handlers.push_back(std::move(H));
    return Found.Handlers.back().get();
  }

  /// Registrations the user configured (HandlerRegistrations).
  void addConfiguredRegistrations(const CallExpr *Call,
                                  llvm::SmallVectorImpl<RegisteredHandler> &Out) {
    if (!Patterns.hasRegistrations())
      return;
    std::string Name = Call->getDirectCallee()->getQualifiedNameAsString();
    if (!Patterns.isRegistrationName(Name))
      return;
    handlersPassedTo(Call, "the handler registered with '" + Name + "'", Out);
  }

  void addRegistered(llvm::ArrayRef<RegisteredHandler> Registered, HandlerRule Rule) {
    for (const RegisteredHandler &R : Registered) {
      addHandler(R.Function, R.Description, R.Location, Rule);
      if (R.SharedInstance)
        Found.BoundInstances.try_emplace(R.SharedInstance->getCanonicalDecl(), R.Description);
    }
  }

  /// Functions that are handlers by their own shape: framework overrides,
  /// the annotation, the configured name patterns, functions taking the
  /// project's own request class, and (with program facts) functions other
  /// files' handlers call. A handler by its own annotation, name or shape
  /// stays one when another file's request path calls it too: every one of
  /// its parameters receives request data, and its description does not
  /// change as later passes find more callers (so its unit is analysed
  /// again less often).
  void classifyFunction(const FunctionDecl *F) {
    std::string Name = F->getQualifiedNameAsString();
    for (const auto *Attr : F->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == "statescope::request_handler") {
        addHandler(F, "the request handler '" + Name + "'", F->getLocation(),
                   HandlerRule::Annotation);
        return;
      }
    if (Patterns.isHandlerName(Name)) {
      addHandler(F, "the request handler '" + Name + "'", F->getLocation(),
                 HandlerRule::HandlerFunctions);
      return;
    }
    if (std::optional<std::string> Description = handlerByShape(F, Unit)) {
      addHandler(F, *Description, F->getLocation(), HandlerRule::Framework);
      return;
    }
    if (const ExternalRoot *Root = Program.rootOf(F)) {
      if (Handler *H =
              addHandler(F, Root->Description, F->getLocation(), HandlerRule::WholeProgram))
        H->RequestParams = Root->RequestParams;
      return;
    }
    if (const CXXRecordDecl *Request = derivedRequestParameter(F))
      addHandler(F, "the function taking request type '" + Request->getNameAsString() + "'",
                 F->getLocation(), HandlerRule::DerivedRequest);
  }

  /// The project's own request class that one of F's parameters has: a class
  /// of the program that derives from a framework's request type (`struct
  /// ApiRequest : httplib::Request`). The project's own dispatcher makes one
  /// per request and hands it on, so a function taking it handles one. Null
  /// for the framework's own request types (a helper taking
  /// `const httplib::Request &` is reached from a handler, not one itself),
  /// for library code, and for the request class's own members (its copy
  /// constructor takes one too).
  const CXXRecordDecl *derivedRequestParameter(const FunctionDecl *F) const {
    if (F->isImplicit() || isLibraryCode(Unit, F))
      return nullptr;
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (Method && isFrameworkClass(Method->getParent()))
      return nullptr;
    for (const ParmVarDecl *Param : F->parameters()) {
      const CXXRecordDecl *Base = frameworkRequestClass(Param->getType());
      if (!Base)
        continue;
      const CXXRecordDecl *Own = designatedObjectType(Param->getType())->getAsCXXRecordDecl();
      Own = Own && Own->hasDefinition() ? Own->getDefinition() : nullptr;
      if (!Own || Own == Base->getDefinition() || isFrameworkClass(Own) || isLibraryCode(Unit, Own))
        continue;
      if (Method && (Method->getParent()->getCanonicalDecl() == Own->getCanonicalDecl() ||
                     Method->getParent()->isDerivedFrom(Own)))
        continue;
      return Own;
    }
    return nullptr;
  }

  ASTContext &Unit;
  const OptionPatterns &Patterns;
  const ProgramView &Program;
  HandlerSet &Found;
};

} // namespace

HandlerSet findHandlers(ASTContext &Ctx, const OptionPatterns &Patterns,
                        const ProgramView &Program) {
  HandlerSet Found;
  HandlerFinder(Ctx, Patterns, Program, Found).TraverseAST(Ctx);
  return Found;
}

} // namespace clang::statescope
