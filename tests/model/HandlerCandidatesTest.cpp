//===--- HandlerCandidatesTest.cpp - what `statescope handlers` asks ------===//
//
// The two questions `statescope handlers` asks of a built model, on ASTs
// built from snippets: by which rule each handler is one, and which of the
// project's request-taking functions are neither handlers nor on the request
// path.
//
//===----------------------------------------------------------------------===//

#include "model/HandlerCandidates.h"
#include "RequestScopeModel.h"
#include "model/HandlerRules.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>
#include <map>

namespace clang::statescope {
namespace {

/// A framework's request type and a project's router, as small as they can be.
constexpr llvm::StringLiteral Library = R"cpp(
namespace std {
template <class T> struct shared_ptr { T *p; };
template <class F> struct function { template <class G> function(G) {} };
} // namespace std
namespace httplib { struct Request {}; struct Response {}; }
namespace web { struct Request {}; }
struct Router {
  void add(const char *path, std::function<void(const web::Request &)> handler);
};
#define HANDLER [[clang::annotate("statescope::request_handler")]]
)cpp";

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs((Library + Code).str(), {"-std=c++17"});
}

/// Each candidate's name ("lambda" for a lambda) and evidence.
std::map<std::string, RequestTypeEvidence> candidates(const RequestScopeModel &Model) {
  std::map<std::string, RequestTypeEvidence> Result;
  for (const HandlerCandidate &C : findHandlerCandidates(Model)) {
    const auto *M = dyn_cast<CXXMethodDecl>(C.Function);
    Result[M && M->getParent()->isLambda() ? "lambda" : C.Function->getQualifiedNameAsString()] =
        C.Evidence;
  }
  return Result;
}

TEST(HandlerCandidates, RequestTakingFunctionsOffTheRequestPath) {
  auto AST = parse(R"cpp(
    struct ApiRequest : httplib::Request {};
    struct CallContext {};
    struct Requirements {};
    void byFramework(const httplib::Request &r) {}
    void byPointer(std::shared_ptr<httplib::Request> r) {}
    // A handler by its parameter (HandlerRules' test), not a candidate.
    void derived(const ApiRequest &r) {}
    void named(CallContext &c) {}
    void notRequest(const Requirements &r) {}
    void helper(const web::Request &r) {}
    HANDLER void handled(const web::Request &r) { helper(r); }
    struct RequestLog { void merge(const RequestLog &other) {} };
  )cpp");
  ASSERT_TRUE(AST);
  RequestScopeModel Model(AST->getASTContext(), ModelOptions(), nullptr, false);
  std::map<std::string, RequestTypeEvidence> Expected = {
      {"byFramework", RequestTypeEvidence::FrameworkType},
      {"byPointer", RequestTypeEvidence::FrameworkType},
      {"named", RequestTypeEvidence::RequestLikeName}};
  EXPECT_EQ(Expected, candidates(Model));
}

TEST(HandlerCandidates, ALambdaNamesTheFunctionItIsPassedTo) {
  auto AST = parse(R"cpp(
    void routes(Router &router) {
      router.add("/x", [](const web::Request &r) {});
    }
  )cpp");
  ASSERT_TRUE(AST);
  RequestScopeModel Model(AST->getASTContext(), ModelOptions(), nullptr, false);
  std::vector<HandlerCandidate> Found = findHandlerCandidates(Model);
  ASSERT_EQ(1u, Found.size());
  ASSERT_NE(nullptr, Found[0].PassedTo);
  EXPECT_EQ("Router::add", Found[0].PassedTo->getQualifiedNameAsString());
}

TEST(HandlerRules, EachHandlerHasTheRuleThatMadeIt) {
  auto AST = parse(R"cpp(
    HANDLER void annotated(const web::Request &r) {}
    void configured(const web::Request &r) {}
    struct ApiRequest : httplib::Request {};
    void derived(const ApiRequest &r) {}
    void routes(Router &router) {
      router.add("/x", [](const web::Request &r) {});
    }
  )cpp");
  ASSERT_TRUE(AST);
  ModelOptions Options;
  Options.HandlerFunctions = "^configured$";
  Options.HandlerRegistrations = "^Router::add$";
  RequestScopeModel Model(AST->getASTContext(), Options, nullptr, false);
  std::vector<HandlerRule> Rules = handlerRules(Model);
  ASSERT_EQ(Model.handlers().size(), Rules.size());
  std::map<std::string, HandlerRule> ByName;
  for (size_t I = 0; I < Rules.size(); ++I) {
    const FunctionDecl *F = Model.handlers()[I]->Function;
    const auto *M = dyn_cast<CXXMethodDecl>(F);
    ByName[M && M->getParent()->isLambda() ? "lambda" : F->getNameAsString()] = Rules[I];
  }
  std::map<std::string, HandlerRule> Expected = {{"annotated", HandlerRule::Annotation},
                                                 {"configured", HandlerRule::HandlerFunctions},
                                                 {"derived", HandlerRule::DerivedRequest},
                                                 {"lambda", HandlerRule::HandlerRegistrations}};
  EXPECT_EQ(Expected, ByName);
  EXPECT_TRUE(findHandlerCandidates(Model).empty());
}

} // namespace
} // namespace clang::statescope
