//===--- HandlerTablesTest.cpp - callables a dispatcher looks up by key ---===//
//
// Which calls go through a table, and which callables the unit stores into
// it, on ASTs built from snippets with the shapes dispatchers use.
//
//===----------------------------------------------------------------------===//

#include "model/HandlerTables.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>
#include <set>

namespace clang::statescope {
namespace {

/// Enough of a map and std::function for lookups, insertion and calls.
constexpr llvm::StringLiteral Library = R"cpp(
namespace std {
template <class A, class B> struct pair { A first; B second; };
template <class A, class B> pair<A, B> make_pair(A a, B b) { return {a, b}; }
template <class Sig> struct function;
template <class R, class... As> struct function<R(As...)> {
  template <class G> function(G) {}
  R operator()(As...) const;
};
template <class K, class V> struct map {
  struct iterator { pair<K, V> *operator->() const; };
  V &operator[](const K &);
  V &at(const K &);
  iterator find(const K &);
  void insert(pair<K, V>);
  template <class... As> void emplace(As...) {}
};
} // namespace std
)cpp";

/// For every call through a table in F's body, the names of the table's
/// entries (functions by name, lambdas as "lambda").
std::set<std::string> calledThroughTables(ASTContext &Ctx, llvm::StringRef FunctionName) {
  HandlerTables Tables(Ctx);
  struct Calls : RecursiveASTVisitor<Calls> {
    bool VisitCallExpr(CallExpr *Call) {
      if (auto Through = callThroughTable(Call))
        Found.push_back(*Through);
      return true;
    }
    std::vector<TableCall> Found;
  };
  std::set<std::string> Result;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *F = dyn_cast<FunctionDecl>(D);
    if (!F || F->getName() != FunctionName || !F->hasBody())
      continue;
    Calls Visitor;
    Visitor.TraverseStmt(F->getBody());
    for (const TableCall &Call : Visitor.Found)
      for (const FunctionDecl *Entry : Tables.entriesOf(Call.Table)) {
        const auto *M = dyn_cast<CXXMethodDecl>(Entry);
        Result.insert(M && M->getParent()->isLambda() ? "lambda"
                                                      : Entry->getQualifiedNameAsString());
      }
  }
  return Result;
}

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs((Library + Code).str(), {"-std=c++17"});
}

TEST(HandlerTables, EntriesStoredEveryWayAreCalledThroughEveryLookup) {
  auto AST = parse(R"cpp(
    struct Req {};
    void ping(const Req &) {}
    void stats(const Req &) {}
    void status(const Req &) {}
    void debug(const Req &) {}
    void neverStored(const Req &) {}
    std::map<int, void (*)(const Req &)> byCode;
    std::map<int, std::function<void(const Req &)>> byName;
    void (*byIndex[2])(const Req &) = {&ping, stats};
    void setUp() {
      byCode[1] = &status;
      byCode.insert(std::make_pair(2, &debug));
      byName.emplace(3, [](const Req &) {});
    }
    void viaSubscript(const Req &r) { byCode[1](r); }
    void viaFind(const Req &r) { byName.find(3)->second(r); }
    void viaLocalCopy(const Req &r) { auto f = byName.at(3); f(r); }
    void viaArray(const Req &r, int i) { byIndex[i](r); }
    void direct(const Req &r) { neverStored(r); }
  )cpp");
  ASTContext &Ctx = AST->getASTContext();
  EXPECT_EQ((std::set<std::string>{"status", "debug"}), calledThroughTables(Ctx, "viaSubscript"));
  EXPECT_EQ(std::set<std::string>{"lambda"}, calledThroughTables(Ctx, "viaFind"));
  EXPECT_EQ(std::set<std::string>{"lambda"}, calledThroughTables(Ctx, "viaLocalCopy"));
  EXPECT_EQ((std::set<std::string>{"ping", "stats"}), calledThroughTables(Ctx, "viaArray"));
  // A direct call is not a table's.
  EXPECT_TRUE(calledThroughTables(Ctx, "direct").empty());
}

TEST(HandlerTables, MemberFunctionPointersFilledInTheConstructor) {
  auto AST = parse(R"cpp(
    struct Server {
      Server() {
        commands["b"] = &Server::logout;
        commands.emplace("a", &Server::login);
      }
      void dispatch(const char *name) { (this->*commands.at(name))(); }
      void login() {}
      void logout() {}
      void unrelated() {}
      std::map<const char *, void (Server::*)()> commands;
    };
    void dispatchFrom(Server &s, const char *name) { auto it = s.commands.find(name); (s.*it->second)(); }
  )cpp");
  EXPECT_EQ((std::set<std::string>{"Server::login", "Server::logout"}),
            calledThroughTables(AST->getASTContext(), "dispatchFrom"));
}

} // namespace
} // namespace clang::statescope
