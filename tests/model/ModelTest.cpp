//===--- ModelTest.cpp - the request-scope model's parts, one at a time ---===//
//
// Each test builds an AST from a snippet, asks one part of the model one
// question, and checks the answer, as clang's ExprMutationAnalyzerTest does.
// The snippets declare the few library types they need themselves, so the
// answers do not depend on the standard library's headers.
//
//===----------------------------------------------------------------------===//

#include "ASTFacts.h"
#include "RequestScopeModel.h"
#include "model/BodySummary.h"
#include "model/MemberEffects.h"
#include "model/ModelOptions.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>
#include <map>

namespace clang::statescope {
namespace {

using namespace clang::ast_matchers;

/// The library types the snippets use, as small as they can be.
constexpr llvm::StringLiteral MockLibrary = R"cpp(
namespace std {
struct mutex {};
struct shared_mutex {};
struct defer_lock_t {};
inline constexpr defer_lock_t defer_lock{};
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
template <class M> struct unique_lock {
  explicit unique_lock(M &);
  unique_lock(M &, defer_lock_t);
  ~unique_lock();
  void lock();
  void unlock();
};
template <class M> struct shared_lock { explicit shared_lock(M &); ~shared_lock(); };
} // namespace std
namespace absl {
struct Mutex {};
struct MutexLock { explicit MutexLock(Mutex *); ~MutexLock(); };
struct ReaderMutexLock { explicit ReaderMutexLock(Mutex *); ~ReaderMutexLock(); };
} // namespace absl
namespace asio {
template <class F> void post(F &&) {}
} // namespace asio
#define HANDLER [[clang::annotate("statescope::request_handler")]]
)cpp";

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs((MockLibrary + Code).str(), {"-std=c++17"});
}

const FunctionDecl *function(ASTContext &Ctx, llvm::StringRef Name) {
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"), Ctx);
  return Found.empty() ? nullptr : Found.front().getNodeAs<FunctionDecl>("f");
}

/// Whether each assignment `x = N` of F's summary runs under a lock, by N.
std::map<int64_t, bool> underLockByValue(ASTContext &Ctx, const FunctionDecl *F) {
  BodySummaries Summaries(Ctx);
  std::map<int64_t, bool> Result;
  for (const Mutation &M : Summaries.of(F).Mutations)
    if (M.Kind == MutationKind::Assign && !M.Values.empty())
      if (const auto *Value = dyn_cast<IntegerLiteral>(M.Values.front()->IgnoreParenImpCasts()))
        Result[Value->getValue().getSExtValue()] = M.UnderLock;
  return Result;
}

TEST(BodySummary, OnlyExclusiveLocksHeldWhereTheWriteRunsGuardIt) {
  auto AST = parse(R"cpp(
    int a;
    std::mutex m;
    std::shared_mutex sm;
    absl::Mutex am;
    void f() {
      { std::lock_guard<std::mutex> g(m); a = 1; }
      a = 2;
      { std::shared_lock<std::shared_mutex> s(sm); a = 3; }
      {
        std::unique_lock<std::mutex> u(m, std::defer_lock);
        a = 4;
        u.lock();
        a = 5;
        u.unlock();
        a = 6;
      }
      if (std::lock_guard<std::mutex> g(m); a > 0) { a = 7; }
      a = 8;
      { absl::MutexLock l(&am); a = 9; }
      { absl::ReaderMutexLock l(&am); a = 10; }
    }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  std::map<int64_t, bool> Expected = {{1, true},  {2, false}, {3, false}, {4, false}, {5, true},
                                      {6, false}, {7, true},  {8, false}, {9, true},  {10, false}};
  EXPECT_EQ(Expected, underLockByValue(Ctx, function(Ctx, "f")));
}

TEST(BodySummary, ALambdaThatRunsLaterDoesNotInheritTheLock) {
  auto AST = parse(R"cpp(
    int a;
    std::mutex m;
    void f() {
      std::lock_guard<std::mutex> g(m);
      asio::post([] { a = 1; });
      auto now = [] { a = 2; };
      now();
    }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  std::map<int64_t, bool> Expected = {{1, false}, {2, true}};
  EXPECT_EQ(Expected, underLockByValue(Ctx, function(Ctx, "f")));
}

TEST(BodySummary, InitialisersAndDefaultArgumentsAreCodeOfTheirUser) {
  auto AST = parse(R"cpp(
    int g;
    struct S {
      S() : x(g++) {}
      int x;
      int y = ++g;
    };
    int h(int v = g++) { return v; }
    void call() { h(); }
    void plain() { h(1); }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  BodySummaries Summaries(Ctx);
  const auto *Constructor =
      match(
          cxxConstructorDecl(isDefinition(), unless(isImplicit()), ofClass(hasName("S"))).bind("c"),
          Ctx)
          .front()
          .getNodeAs<FunctionDecl>("c");
  EXPECT_EQ(2u, Summaries.of(Constructor).Mutations.size());
  EXPECT_EQ(1u, Summaries.of(function(Ctx, "call")).Mutations.size());
  EXPECT_EQ(0u, Summaries.of(function(Ctx, "plain")).Mutations.size());
}

TEST(MemberEffects, ParameterWritesThroughLocalAliasesCount) {
  auto AST = parse(R"cpp(
    void direct(int &p) { p = 1; }
    void alias(int &p) { int &r = p; r = 1; }
    void pointer(int &p) { int *q = &p; *q = 1; }
    void chain(int &p, int &u) { int &r = p; int &s = r; s = 1; }
    int reads(int &p) { int &r = p; return r; }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  BodySummaries Summaries(Ctx);
  ProgramView NoProgram(nullptr);
  ModelOptions Options;
  OptionPatterns Patterns(Options);
  MemberEffects Effects(Ctx, Summaries, NoProgram, Patterns, Options.MaxCallDepth);
  using Indices = std::vector<unsigned>;
  EXPECT_EQ(Indices{0}, Effects.paramsWritten(function(Ctx, "direct")));
  EXPECT_EQ(Indices{0}, Effects.paramsWritten(function(Ctx, "alias")));
  EXPECT_EQ(Indices{0}, Effects.paramsWritten(function(Ctx, "pointer")));
  EXPECT_EQ(Indices{0}, Effects.paramsWritten(function(Ctx, "chain")));
  EXPECT_EQ(Indices{}, Effects.paramsWritten(function(Ctx, "reads")));
}

TEST(ModelOptions, InvalidRegularExpressionsAreNamedWithTheirOption) {
  ModelOptions Options;
  EXPECT_EQ(std::nullopt, Options.invalidPattern());
  Options.HandlerFunctions = "^handle$;^serve(";
  EXPECT_EQ("option 'HandlerFunctions': '^serve(' is not a valid regular expression "
            "(parentheses not balanced)",
            Options.invalidPattern().value_or(""));
  Options.HandlerFunctions = "";
  Options.SetterNames = "[";
  EXPECT_NE(std::nullopt, Options.invalidPattern());
}

TEST(ModelOptions, ListsAreSplitAtSemicolonsAsClangTidyOptionListsAre) {
  ModelOptions Options;
  // Items trimmed, empty items dropped, and a comma stays in its pattern.
  Options.HandlerFunctions = " ^handle$ ;; ^serve[0-9]{1,3}$ ;";
  EXPECT_EQ(std::nullopt, Options.invalidPattern());
  OptionPatterns Patterns(Options);
  EXPECT_TRUE(Patterns.isHandlerName("handle"));
  EXPECT_TRUE(Patterns.isHandlerName("serve12"));
  EXPECT_FALSE(Patterns.isHandlerName("serve1234"));
  EXPECT_FALSE(Patterns.isHandlerName(""));
}

/// The shared objects the model finds written, by name.
std::vector<std::string> writtenObjects(llvm::StringRef Code) {
  auto AST = parse(Code);
  if (!AST)
    return {"(does not parse)"};
  RequestScopeModel Model(AST->getASTContext(), ModelOptions(), nullptr, false);
  std::vector<std::string> Names;
  for (const SharedWrite &W : Model.writes())
    Names.push_back(W.Target->Name);
  return Names;
}

TEST(SharedObjects, InitCapturesArePerClosureStateNotShared) {
  using Names = std::vector<std::string>;
  EXPECT_EQ(Names{}, writtenObjects(R"cpp(
    HANDLER int handle(int n) {
      auto retry = [i = n](auto) mutable { return [&i] { return ++i; }; };
      return retry(0)();
    }
  )cpp"));
  EXPECT_EQ(Names{"g_total"}, writtenObjects(R"cpp(
    int g_total;
    HANDLER int handle(int n) {
      auto retry = [&t = g_total](auto) { return [&t] { return ++t; }; };
      return retry(0)();
    }
  )cpp"));
}

// One finding per shared state, owned by one check chosen by what the state
// is; a setter storing two fields is one write naming both.
TEST(Findings, OneFindingPerSharedStateOwnedByTheCheckForItsKind) {
  auto AST = parse(R"cpp(
    struct Order {
      void setContext(int user, int tier) { user_ = user; tier_ = tier; }
      int user_ = 0, tier_ = 0;
    };
    Order g_order;
    int g_lastUser;
    int g_hits;
    thread_local int t_user;
    HANDLER void handle(int user) {
      Order local; // per request: no finding
      local.setContext(user, 2);
      t_user = user; // per thread, never read after a suspension: no finding
      g_order.setContext(user, 1);
      g_order.user_ = user;
      g_lastUser = user;
      ++g_hits;
    }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  RequestScopeModel Model(Ctx, ModelOptions(), nullptr, false);
  std::map<std::string, const Finding *> ByName;
  for (const Finding &F : Model.findings())
    ByName[F.Object ? F.Object->Name : "?"] = &F;
  // g_order, g_lastUser and g_hits; not the local nor the thread_local.
  ASSERT_EQ(3u, ByName.size());
  const Finding &Order = *ByName.at("g_order");
  EXPECT_EQ(FindingCheck::SingletonSetter, Order.Check);
  EXPECT_EQ(2u, Order.Writes.size()); // the setter call and the direct store
  ASSERT_EQ(2u, Order.Fields.size());
  EXPECT_EQ("user_", Order.Fields[0]->getName());
  EXPECT_EQ("tier_", Order.Fields[1]->getName());
  ASSERT_EQ(1u, Order.FieldsWithRequestData.size());
  EXPECT_EQ("user_", Order.FieldsWithRequestData[0]->getName());
  EXPECT_EQ(FindingCheck::MutableStatic, ByName.at("g_lastUser")->Check);
  EXPECT_EQ(FindingCheck::MutableStatic, ByName.at("g_hits")->Check);
}

TEST(RequestPath, CallsAreFollowedUpToTheConfiguredDepth) {
  auto AST = parse(R"cpp(
    int g;
    void leaf() { ++g; }
    void middle() { leaf(); }
    HANDLER void handle() { middle(); }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  ModelOptions Options;
  RequestScopeModel Deep(Ctx, Options, nullptr, false);
  ASSERT_NE(nullptr, Deep.reach(function(Ctx, "leaf")));
  EXPECT_EQ(2u, Deep.reach(function(Ctx, "leaf"))->Depth);
  Options.MaxCallDepth = 1;
  RequestScopeModel Shallow(Ctx, Options, nullptr, false);
  EXPECT_EQ(nullptr, Shallow.reach(function(Ctx, "leaf")));
  EXPECT_NE(nullptr, Shallow.reach(function(Ctx, "middle")));
}

TEST(RequestData, FollowsLocalsAndArgumentsIntoCallees) {
  auto AST = parse(R"cpp(
    int g_last;
    int g_count;
    void store(int v, int w) { g_last = v; g_count = w; }
    HANDLER void handle(int user) {
      int copy = user + 1;
      store(copy, 7);
    }
  )cpp");
  ASSERT_TRUE(AST);
  RequestScopeModel Model(AST->getASTContext(), ModelOptions(), nullptr, false);
  std::map<std::string, bool> RequestDataByObject;
  for (const SharedWrite &W : Model.writes())
    RequestDataByObject[W.Target->Name] = W.isRequestData();
  std::map<std::string, bool> Expected = {{"g_last", true}, {"g_count", false}};
  EXPECT_EQ(Expected, RequestDataByObject);
}

// A vendored library is library code as an installed one is: a header's
// declaration in the namespace of a library projects copy into their tree,
// however deep, but not a namespace that only starts alike, not the same name
// nested in the project's own namespace, and not the main file's own code.
TEST(ASTFacts, VendoredLibrariesNamespacesOutsideTheMainFileAreLibraryCode) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "#include \"vendored.h\"\n"
      "namespace asio { void inTheMainFile() {} }\n",
      {"-std=c++17"}, "input.cc", "clang-tool", std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(),
      {{"vendored.h", "namespace asio { void inAsio() {} }\n"
                      "namespace boost::beast::http { void inBeast() {} }\n"
                      "namespace nlohmann { inline namespace v3 { void inJson() {} } }\n"
                      "namespace asiox { void startsAlike() {} }\n"
                      "namespace mine { namespace asio { void nested() {} } }\n"
                      "void global() {}\n"}});
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  std::map<std::string, bool> Library;
  for (const char *Name :
       {"inAsio", "inBeast", "inJson", "startsAlike", "nested", "global", "inTheMainFile"})
    if (const FunctionDecl *F = function(Ctx, Name))
      Library[Name] = isLibraryCode(Ctx, F);
  EXPECT_EQ((std::map<std::string, bool>{{"global", false},
                                         {"inAsio", true},
                                         {"inBeast", true},
                                         {"inJson", true},
                                         {"inTheMainFile", false},
                                         {"nested", false},
                                         {"startsAlike", false}}),
            Library);
}

} // namespace
} // namespace clang::statescope
