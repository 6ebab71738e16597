//===--- RequestPath.cpp - the code that runs per request -----------------===//

#include "model/RequestPath.h"

#include "clang/AST/ExprCXX.h"
#include <deque>

namespace clang::statescope {

RequestPath::RequestPath(const HandlerSet &Handlers, BodySummaries &Summaries,
                         unsigned MaxCallDepth) {
  std::deque<const FunctionDecl *> Queue;
  for (const auto &H : Handlers.Handlers) {
    Reached.try_emplace(H->Function, Reach{H.get(), nullptr, {}, 0});
    Queue.push_back(H->Function);
  }
  while (!Queue.empty()) {
    const FunctionDecl *F = Queue.front();
    Queue.pop_front();
    const Reach Current = Reached.lookup(F);
    Functions.push_back(F);
    if (Current.Depth >= MaxCallDepth)
      continue;
    for (const VisibleCall &Call : Summaries.of(F).VisibleCalls) {
      auto [It, New] = Reached.try_emplace(
          Call.Callee, Reach{Current.Root, F, Call.Site->getBeginLoc(), Current.Depth + 1});
      if (New)
        Queue.push_back(Call.Callee);
    }
  }
  findAlwaysLocked(Summaries);
  findConstructionOnly(Summaries);
}

const Reach *RequestPath::reach(const FunctionDecl *F) const {
  if (!F)
    return nullptr;
  auto It = Reached.find(F);
  if (It == Reached.end()) {
    const FunctionDecl *Definition = nullptr;
    if (F->getBody(Definition) && Definition != F)
      It = Reached.find(Definition);
  }
  return It == Reached.end() ? nullptr : &It->second;
}

void RequestPath::findAlwaysLocked(BodySummaries &Summaries) {
  // Start from every called function and drop those with a call not under
  // a lock, until nothing changes.
  for (const FunctionDecl *F : Functions)
    if (reach(F)->Caller)
      AlwaysLocked.insert(F);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionDecl *Caller : Functions)
      for (const VisibleCall &Call : Summaries.of(Caller).VisibleCalls)
        if (!Call.UnderLock && !AlwaysLocked.contains(Caller))
          Changed |= AlwaysLocked.erase(Call.Callee);
  }
}

void RequestPath::findConstructionOnly(BodySummaries &Summaries) {
  auto OnThis = [](const Expr *Site) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Site);
    return Call && isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  };
  for (const FunctionDecl *F : Functions)
    if (isa<CXXMethodDecl>(F) && reach(F)->Caller)
      ConstructionOnly.insert(F);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionDecl *Caller : Functions)
      for (const VisibleCall &Call : Summaries.of(Caller).VisibleCalls)
        if (!(OnThis(Call.Site) && constructs(Caller)))
          Changed |= ConstructionOnly.erase(Call.Callee);
  }
}

} // namespace clang::statescope
