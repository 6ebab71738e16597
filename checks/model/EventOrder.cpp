//===--- EventOrder.cpp - a body's events on its control flow ------------===//
//
// The CFG is built as bugprone-use-after-move builds it. Its blocks split
// a body where control can branch; within a block, the events of one full
// expression keep their Timeline order (an operand read before the
// co_await that suspends on it, a write of the awaited value after it),
// which finer elements would lose. clang-tidy's utils::StmtToBlockMap finds
// the block of the innermost element, but not the element's place in the
// block, so the walk up the parents is done here.
//
//===----------------------------------------------------------------------===//

#include "model/EventOrder.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

namespace clang::statescope {

namespace {

/// A CFG element: its block and its index in the block.
struct Place {
  unsigned Block;
  unsigned Index;
};

/// The place of every statement that is a CFG element.
llvm::DenseMap<const Stmt *, Place> elementPlaces(const CFG &Graph) {
  llvm::DenseMap<const Stmt *, Place> Places;
  for (const CFGBlock *Block : Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        Places.try_emplace(S->getStmt(), Place{Block->getBlockID(), Index});
      ++Index;
    }
  }
  return Places;
}

/// Where the event at Site happens: in the block of the innermost element
/// around Site, as the outermost element around it in that block (a
/// full expression, whose events keep their Timeline order). A site inside
/// a lambda that is not handed over runs where the lambda is written.
std::optional<Place> placeOf(const Stmt *Site, const llvm::DenseMap<const Stmt *, Place> &Places,
                             ASTContext &Ctx) {
  std::optional<Place> Found;
  DynTypedNode Node = DynTypedNode::create(*Site);
  while (true) {
    if (const auto *S = Node.get<Stmt>())
      if (auto It = Places.find(S);
          It != Places.end() && (!Found || Found->Block == It->second.Block))
        Found = It->second;
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<TranslationUnitDecl>())
      return Found;
    Node = Parents[0];
  }
}

/// For each catch handler, the blocks of its try block: an exception thrown
/// anywhere in them may be caught there.
void addHandlers(const CFG &Graph, ASTContext &Ctx, EventFlow &Flow) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const CFGBlock *Handler : Graph) {
    const auto *Catch = dyn_cast_or_null<CXXCatchStmt>(Handler->getLabel());
    if (!Catch)
      continue;
    DynTypedNodeList Parents = Ctx.getParents(*Catch);
    const auto *Try = Parents.empty() ? nullptr : Parents[0].get<CXXTryStmt>();
    if (!Try)
      continue;
    SourceLocation Begin = SM.getExpansionLoc(Try->getTryBlock()->getBeginLoc());
    SourceLocation End = SM.getExpansionLoc(Try->getTryBlock()->getEndLoc());
    for (const CFGBlock *Block : Graph)
      if (llvm::any_of(*Block, [&](const CFGElement &Element) {
            std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
            return S &&
                   SM.isPointWithin(SM.getExpansionLoc(S->getStmt()->getBeginLoc()), Begin, End);
          }))
        Flow.Blocks[Block->getBlockID()].Handlers.push_back(Handler->getBlockID());
  }
}

EventFlow inTimelineOrder(llvm::ArrayRef<Event> Events) {
  EventFlow Flow;
  Flow.Blocks.emplace_back();
  for (const Event &E : Events)
    Flow.Blocks.front().Events.push_back(&E);
  return Flow;
}

} // namespace

EventFlow orderByControlFlow(const FunctionDecl *F, llvm::ArrayRef<Event> Events) {
  ASTContext &Ctx = F->getASTContext();
  if (Events.empty() || !F->getBody())
    return inTimelineOrder(Events);
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  std::unique_ptr<CFG> Graph = CFG::buildCFG(F, F->getBody(), &Ctx, Options);
  if (!Graph)
    return inTimelineOrder(Events);
  llvm::DenseMap<const Stmt *, Place> Places = elementPlaces(*Graph);

  EventFlow Flow;
  Flow.Blocks.resize(Graph->getNumBlockIDs());
  Flow.Entry = Graph->getEntry().getBlockID();
  for (const CFGBlock *Block : *Graph)
    for (const CFGBlock::AdjacentBlock &Next : Block->succs())
      if (const CFGBlock *Reachable = Next.getReachableBlock())
        Flow.Blocks[Block->getBlockID()].Next.push_back(Reachable->getBlockID());
  addHandlers(*Graph, Ctx, Flow);

  // Events of one element keep their Timeline order: Events is an array in
  // that order.
  std::vector<std::vector<std::pair<unsigned, const Event *>>> ByBlock(Flow.Blocks.size());
  for (const Event &E : Events) {
    std::optional<Place> At = placeOf(E.Site, Places, Ctx);
    if (!At)
      return inTimelineOrder(Events);
    ByBlock[At->Block].push_back({At->Index, &E});
  }
  for (unsigned Block = 0; Block < ByBlock.size(); ++Block) {
    llvm::sort(ByBlock[Block]);
    for (const auto &Entry : ByBlock[Block])
      Flow.Blocks[Block].Events.push_back(Entry.second);
  }
  return Flow;
}

} // namespace clang::statescope
