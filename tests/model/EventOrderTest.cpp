//===--- EventOrderTest.cpp - events on control flow, and stale reads -----===//
//
// The order of a body's events as clang's CFG gives it, and the stale reads
// the model finds along it: a branch not taken, a return and the next turn
// of a loop. The snippets declare the coroutine library they need.
//
//===----------------------------------------------------------------------===//

#include "model/EventOrder.h"
#include "RequestScopeModel.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>
#include <set>

namespace clang::statescope {
namespace {

using namespace clang::ast_matchers;

/// The coroutine library, as small as clang accepts, and an awaiter that
/// suspends.
constexpr llvm::StringLiteral MockCoroutines = R"cpp(
namespace std {
template <class R, class... Args> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
template <class P = void> struct coroutine_handle;
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept;
};
template <class P> struct coroutine_handle {
  static coroutine_handle from_address(void *) noexcept;
  operator coroutine_handle<>() const noexcept;
};
struct suspend_always {
  bool await_ready() const noexcept { return false; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace std
struct Task {
  struct promise_type {
    Task get_return_object();
    std::suspend_always initial_suspend() noexcept;
    std::suspend_always final_suspend() noexcept;
    void return_void();
    void unhandled_exception();
  };
};
struct DbCall {
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  void await_resume();
};
void use(int);
#define HANDLER [[clang::annotate("statescope::request_handler")]]
)cpp";

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  return tooling::buildASTFromCodeWithArgs((MockCoroutines + Code).str(), {"-std=c++20"});
}

/// The call of the function named Callee.
const Expr *callOf(ASTContext &Ctx, llvm::StringRef Callee) {
  auto Found = match(callExpr(callee(functionDecl(hasName(Callee)))).bind("call"), Ctx);
  return Found.empty() ? nullptr : Found.front().getNodeAs<Expr>("call");
}

const FunctionDecl *function(ASTContext &Ctx, llvm::StringRef Name) {
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"), Ctx);
  return Found.empty() ? nullptr : Found.front().getNodeAs<FunctionDecl>("f");
}

/// A read at each call, in the order given (a timeline's order).
std::vector<Event> readsAt(ASTContext &Ctx, llvm::ArrayRef<llvm::StringRef> Callees) {
  std::vector<Event> Events;
  for (llvm::StringRef Callee : Callees)
    Events.push_back(
        {EventKind::Read, static_cast<unsigned>(Events.size()), {}, callOf(Ctx, Callee)});
  return Events;
}

/// Whether To can happen after From on some path through Flow.
bool canFollow(const EventFlow &Flow, const Event &From, const Event &To) {
  auto BlockOf = [&](const Event &E) {
    for (unsigned Block = 0; Block < Flow.Blocks.size(); ++Block)
      if (llvm::is_contained(Flow.Blocks[Block].Events, &E))
        return Block;
    ADD_FAILURE() << "an event is in no block";
    return 0u;
  };
  const auto &Start = Flow.Blocks[BlockOf(From)].Events;
  if (llvm::is_contained(llvm::make_range(llvm::find(Start, &From), Start.end()), &To) &&
      &From != &To)
    return true;
  std::vector<unsigned> Work = Flow.Blocks[BlockOf(From)].Next;
  std::set<unsigned> Seen;
  while (!Work.empty()) {
    unsigned Block = Work.back();
    Work.pop_back();
    if (!Seen.insert(Block).second)
      continue;
    if (llvm::is_contained(Flow.Blocks[Block].Events, &To))
      return true;
    llvm::append_range(Work, Flow.Blocks[Block].Next);
  }
  return false;
}

TEST(EventOrder, BranchesJoinAndLoopsTurnAgain) {
  auto AST = parse(R"cpp(
    void a(); void b(); void c(); void d(); void e();
    void branches(bool x) {
      if (x) { a(); } else { b(); }
      c();
    }
    void loop(int n) {
      for (int i = 0; i < n; ++i) { d(); e(); }
    }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();

  std::vector<Event> Branches = readsAt(Ctx, {"a", "b", "c"});
  EventFlow Flow = orderByControlFlow(function(Ctx, "branches"), Branches);
  EXPECT_TRUE(canFollow(Flow, Branches[0], Branches[2]));
  EXPECT_TRUE(canFollow(Flow, Branches[1], Branches[2]));
  EXPECT_FALSE(canFollow(Flow, Branches[0], Branches[1]));
  EXPECT_FALSE(canFollow(Flow, Branches[1], Branches[0]));
  EXPECT_FALSE(canFollow(Flow, Branches[2], Branches[0]));

  std::vector<Event> Loop = readsAt(Ctx, {"d", "e"});
  Flow = orderByControlFlow(function(Ctx, "loop"), Loop);
  EXPECT_TRUE(canFollow(Flow, Loop[0], Loop[1]));
  EXPECT_TRUE(canFollow(Flow, Loop[1], Loop[0]));
}

TEST(EventOrder, EventsOfOneFullExpressionKeepTheirTimelineOrder) {
  auto AST = parse(R"cpp(
    int inner();
    void outer(int);
    void f() { outer(inner()); }
    void elsewhere() { use(0); }
  )cpp");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  // inner() runs first; the timeline's order (outer's events, then inner's)
  // stands, as it does for a write of an awaited value after its co_await.
  std::vector<Event> Events = readsAt(Ctx, {"outer", "inner"});
  EventFlow Flow = orderByControlFlow(function(Ctx, "f"), Events);
  EXPECT_TRUE(canFollow(Flow, Events[0], Events[1]));
  EXPECT_FALSE(canFollow(Flow, Events[1], Events[0]));

  // A site outside the body's CFG: all events in one block, in order.
  Events = readsAt(Ctx, {"outer", "use"});
  Flow = orderByControlFlow(function(Ctx, "f"), Events);
  ASSERT_EQ(1u, Flow.Blocks.size());
  EXPECT_EQ((std::vector<const Event *>{&Events[0], &Events[1]}), Flow.Blocks[0].Events);
}

/// The names of the state the model finds read back stale.
std::set<std::string> staleNames(llvm::StringRef Code) {
  auto AST = parse(Code);
  if (!AST)
    return {"(does not parse)"};
  RequestScopeModel Model(AST->getASTContext(), ModelOptions(), nullptr, false);
  std::set<std::string> Names;
  for (const StaleRead &R : Model.staleReads())
    Names.insert(R.Name);
  return Names;
}

TEST(StaleReads, FollowBranchesReturnsLoopsAndCatchHandlers) {
  using Names = std::set<std::string>;
  EXPECT_EQ(Names({"joined", "carried", "caught"}), staleNames(R"cpp(
    thread_local int otherBranch, joined, returned, carried, refreshed, caught;
    HANDLER Task elseBranch(bool c, int req) {
      if (c) { otherBranch = req; co_await DbCall{}; } else { use(otherBranch); }
    }
    HANDLER Task afterJoin(bool c, int req) {
      if (c) { joined = req; co_await DbCall{}; }
      use(joined);
    }
    HANDLER Task earlyReturn(bool c, int req) {
      if (c) { returned = req; co_await DbCall{}; co_return; }
      use(returned);
    }
    HANDLER Task nextTurn(int req) {
      for (;;) { co_await DbCall{}; use(carried); carried = req; }
    }
    HANDLER Task setEachTurn(int req) {
      for (;;) { co_await DbCall{}; refreshed = req; use(refreshed); }
    }
    HANDLER Task thrownOnResume(int req) {
      try { caught = req; co_await DbCall{}; } catch (...) { use(caught); }
    }
  )cpp"));
}

} // namespace
} // namespace clang::statescope
