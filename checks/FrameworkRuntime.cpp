//===--- FrameworkRuntime.cpp - how frameworks suspend and defer requests -===//
//
// The part of the framework catalogue (Frameworks.h) about what happens
// while a request runs: awaits that never suspend, yield contexts, work
// handed over to run later, and a gRPC reactor's sequence of callbacks.
//
//===----------------------------------------------------------------------===//

#include "ASTFacts.h"
#include "Frameworks.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::statescope {

bool awaitNeverSuspends(const CoroutineSuspendExpr *E, const ASTContext &Ctx) {
  // Asio answers these from the coroutine's own frame.
  QualType Operand = E->getOperand()->getType();
  if (const auto *RD = Operand->getAsCXXRecordDecl();
      RD && isInNamespace(RD, {"asio::this_coro::", "boost::asio::this_coro::"}))
    return true;
  bool Ready = false;
  const Expr *ReadyExpr = E->getReadyExpr();
  return ReadyExpr && !ReadyExpr->isValueDependent() &&
         ReadyExpr->EvaluateAsBooleanCondition(Ready, Ctx) && Ready;
}

bool isYieldContext(QualType T) {
  return isSpecializationOf(T, {"boost::asio::basic_yield_context", "asio::basic_yield_context"});
}

llvm::SmallVector<DeferredWork, 1> deferredWorkOf(const Expr *Site) {
  llvm::SmallVector<DeferredWork, 1> Work;
  auto IsCallable = [](const Expr *Arg) {
    const Expr *E = ignoreWrappers(Arg);
    if (isa<LambdaExpr>(E))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && isa<FunctionDecl>(Ref->getDecl());
  };
  auto Add = [&](llvm::ArrayRef<const Expr *> Args, const std::string &Description) {
    for (const Expr *Arg : Args)
      if (IsCallable(Arg))
        Work.push_back({ignoreWrappers(Arg), Description});
  };

  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Site)) {
    const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
    if (hasQualifiedName(Class, "std::thread") || hasQualifiedName(Class, "std::jthread"))
      Add({Construct->getArgs(), Construct->getNumArgs()},
          "the thread started with '" + Class->getQualifiedNameAsString() + "'");
    return Work;
  }
  const auto *Call = dyn_cast<CallExpr>(Site);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return Work;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  std::string Qualified = Callee->getQualifiedNameAsString();
  llvm::StringRef Name = Callee->getName();
  static const llvm::StringSet<> Posting = {"asio::post",         "asio::dispatch",
                                            "asio::defer",        "asio::co_spawn",
                                            "boost::asio::post",  "boost::asio::dispatch",
                                            "boost::asio::defer", "boost::asio::co_spawn",
                                            "boost::asio::spawn", "std::async"};
  if (Posting.contains(Qualified)) {
    Add(Args, "the work passed to '" + Qualified + "'");
    return Work;
  }
  // Asio's and Beast's initiating functions end with a completion handler,
  // which runs once the operation completes, after other handlers.
  if (Name.starts_with("async_") && !Args.empty() &&
      isInNamespace(Callee, {"asio::", "boost::asio::", "boost::beast::"}))
    Add(Args.back(), "the completion handler of '" + Name.str() + "'");
  return Work;
}

bool isSequenceCallback(const CXXMethodDecl *M) {
  if (!M || !isSameOrDerivedFrom(M->getParent(), "grpc::internal::ServerReactor"))
    return false;
  if (isa<CXXConstructorDecl>(M))
    return true;
  return M->size_overridden_methods() > 0 && M->getDeclName().isIdentifier() &&
         M->getName().starts_with("On");
}

namespace {
/// The calls the program makes on its Crow apps, outside Crow's own code
/// (where `multithreaded()` calls `concurrency`).
class CrowAppCalls : public RecursiveASTVisitor<CrowAppCalls> {
public:
  bool Runs = false;
  bool AddsThreads = false;

  bool TraverseNamespaceDecl(NamespaceDecl *NS) {
    if (NS->getName() == "crow" && NS->getDeclContext()->isTranslationUnit())
      return true;
    return RecursiveASTVisitor::TraverseNamespaceDecl(NS);
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier() || !M->getParent()->getDeclName().isIdentifier() ||
        !hasQualifiedName(M->getParent(), "crow::Crow"))
      return true;
    llvm::StringRef Name = M->getName();
    Runs |= Name == "run" || Name == "run_async";
    AddsThreads |= Name == "multithreaded" || (Name == "concurrency" && Call->getNumArgs() == 1);
    return true;
  }
};
} // namespace

bool runsHandlersOnOneThread(ASTContext &Ctx) {
  CrowAppCalls Calls;
  Calls.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Calls.Runs && !Calls.AddsThreads;
}

} // namespace clang::statescope
