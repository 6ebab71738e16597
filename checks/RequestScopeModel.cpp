//===--- RequestScopeModel.cpp - what runs per request, what is shared ----===//

#include "RequestScopeModel.h"
#include "Frameworks.h"
#include "model/SharedWrites.h"
#include "model/StaleReads.h"
#include "model/Timeline.h"
#include "model/UnitFactsExport.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <map>
#include <mutex>
#include <tuple>

namespace clang::statescope {

namespace {
std::mutex ObserverMutex;
std::function<void(const RequestScopeModel &)> &observerSlot() {
  static std::function<void(const RequestScopeModel &)> Slot;
  return Slot;
}
} // namespace

void RequestScopeModel::setBuildObserver(std::function<void(const RequestScopeModel &)> Observer) {
  std::lock_guard<std::mutex> Lock(ObserverMutex);
  observerSlot() = std::move(Observer);
}

const RequestScopeModel &RequestScopeModel::get(ASTContext &Ctx, const ModelOptions &Options,
                                                std::shared_ptr<const ProgramAnswers> Facts,
                                                bool ExportFacts, bool *Built) {
  using Key = std::tuple<const ASTContext *, std::string, const ProgramAnswers *>;
  static std::mutex Mutex;
  static std::map<Key, std::unique_ptr<RequestScopeModel>> Cache;

  if (Built)
    *Built = false;
  Key K{&Ctx, Options.fingerprint(), Facts.get()};
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (auto It = Cache.find(K); It != Cache.end())
      return *It->second;
  }
  // Built outside the lock: clangd analyses several files at once.
  auto Model = std::make_unique<RequestScopeModel>(Ctx, Options, std::move(Facts), ExportFacts);
  std::unique_lock<std::mutex> Lock(Mutex);
  bool FirstForContext =
      llvm::none_of(Cache, [&](const auto &E) { return std::get<0>(E.first) == &Ctx; });
  auto [It, Inserted] = Cache.emplace(K, std::move(Model));
  if (Built)
    *Built = Inserted;
  if (Inserted && FirstForContext)
    // The model points into the AST: it must not outlive it, and a later
    // context at the same address must not find it.
    Ctx.AddDeallocation(
        [](void *Dying) {
          std::lock_guard<std::mutex> Lock(Mutex);
          for (auto I = Cache.begin(); I != Cache.end();)
            I = std::get<0>(I->first) == Dying ? Cache.erase(I) : std::next(I);
        },
        &Ctx);
  const RequestScopeModel &Result = *It->second;
  Lock.unlock();
  if (Inserted) {
    std::function<void(const RequestScopeModel &)> Observer;
    {
      std::lock_guard<std::mutex> ObserverLock(ObserverMutex);
      Observer = observerSlot();
    }
    if (Observer)
      Observer(Result);
  }
  return Result;
}

namespace {
/// The writes that keep a value for a later read, by their site: a locked
/// per-key slot keeps each request's value apart.
llvm::DenseMap<const Expr *, const SharedWrite *>
writesKeepingValues(const std::vector<SharedWrite> &Writes) {
  llvm::DenseMap<const Expr *, const SharedWrite *> BySite;
  for (const SharedWrite &W : Writes)
    if (!W.GuardedKeyedSlot)
      BySite.try_emplace(W.Site, &W);
  return BySite;
}

/// With one thread running requests one at a time, requests overlap only
/// where one stops running: a write matters only when the request reads it
/// back after another request may have run. Keeps those writes, and points
/// the stale reads at the kept copies.
void keepWritesReadAfterOverlap(std::vector<SharedWrite> &Writes, std::vector<StaleRead> &Stale) {
  llvm::DenseMap<const SharedWrite *, size_t> KeptAt;
  for (const StaleRead &R : Stale)
    if (R.SharedSource)
      KeptAt.try_emplace(R.SharedSource, 0);
  std::vector<SharedWrite> Kept;
  for (const SharedWrite &W : Writes)
    if (auto It = KeptAt.find(&W); It != KeptAt.end()) {
      It->second = Kept.size();
      Kept.push_back(W);
    }
  for (StaleRead &R : Stale)
    if (R.SharedSource)
      R.SharedSource = &Kept[KeptAt.lookup(R.SharedSource)];
  Writes = std::move(Kept);
}

bool runsOneRequestAtATime(const ModelOptions &Options, ASTContext &Ctx) {
  if (Options.SingleThreaded == "auto")
    return runsHandlersOnOneThread(Ctx);
  return Options.SingleThreaded == "true";
}
} // namespace

RequestScopeModel::RequestScopeModel(ASTContext &Ctx, const ModelOptions &Options,
                                     std::shared_ptr<const ProgramAnswers> Facts, bool ExportFacts)
    : Ctx(Ctx), Facts(std::move(Facts)), Patterns(Options), Program(this->Facts.get()),
      Summaries(Ctx), Handlers(findHandlers(Ctx, Patterns, Program)),
      Path(Handlers, Summaries, Options.MaxCallDepth), Data(Handlers, Path, Summaries),
      Objects(Ctx, Program, Handlers, Path, Patterns),
      Effects(Ctx, Summaries, Program, Patterns, Options.MaxCallDepth) {
  Writes = findSharedWrites({Ctx, Path, Summaries, Data, Objects, Effects, Patterns});
  Timelines Timelines(Ctx, Summaries, Objects, Effects, writesKeepingValues(Writes),
                      Options.MaxCallDepth);
  Stale = findStaleReads(Path, Timelines, threadLocalsSetToRequestData(Path, Summaries, Data));
  if (runsOneRequestAtATime(Options, Ctx))
    keepWritesReadAfterOverlap(Writes, Stale);
  Found = groupFindings(Ctx, Writes, Stale);
  if (ExportFacts)
    Exported = exportUnitFacts(Ctx, Path, Data, Summaries, Objects, Effects);
}

std::string RequestScopeModel::spelling(const Expr *E) const {
  if (!E)
    return "";
  E = E->IgnoreParenImpCasts();
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  std::string Text = Lexer::getSourceText(Lexer::makeFileCharRange(Range, SM, Ctx.getLangOpts()),
                                          SM, Ctx.getLangOpts())
                         .str();
  if (Text.empty()) {
    // Spread over a macro body: print the expression instead.
    llvm::raw_string_ostream OS(Text);
    E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  }
  // One line, and short enough to read inside a message.
  std::string Collapsed;
  for (char C : Text) {
    if (C == '\n' || C == '\t' || C == '\r')
      C = ' ';
    if (C == ' ' && !Collapsed.empty() && Collapsed.back() == ' ')
      continue;
    Collapsed += C;
  }
  if (Collapsed.size() > 48)
    Collapsed = Collapsed.substr(0, 45) + "...";
  return Collapsed;
}

} // namespace clang::statescope
