//===--- RequestScopeModel.h - what runs per request, what is shared ------===//
//
// The request-scope model answers, once per translation unit, the three
// questions every statescope check asks:
//   1. What runs per request? Framework handlers, user-declared handlers, and
//      every function they call that the translation unit defines.
//   2. What outlives a request? Globals, statics, singletons behind accessors,
//      objects captured by reference into handlers, and objects the framework
//      keeps one instance of.
//   3. What is request data? Handler parameters and everything computed from
//      them, followed through locals, arguments and member calls.
// Its answer is the list of writes into shared state made on the request
// path, and the reads of state a request set before it stopped running; the
// checks decide which of those they report and how they word them.
//
// The model is built in stages, each in checks/model/ with its inputs
// passed in and its result returned (docs/model-architecture.md):
//   Handlers -> RequestPath -> RequestData -> SharedObjects + MemberEffects
//   -> SharedWrites -> Timelines -> StaleReads -> Findings, along EventOrder
//   (-> UnitFactsExport)
// over one BodySummary per function body.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H
#define STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H

#include "WholeProgram.h"
#include "model/BodySummary.h"
#include "model/Findings.h"
#include "model/Handlers.h"
#include "model/MemberEffects.h"
#include "model/ModelOptions.h"
#include "model/ModelTypes.h"
#include "model/ProgramView.h"
#include "model/RequestData.h"
#include "model/RequestPath.h"
#include "model/SharedObjects.h"

#include "clang/AST/ASTContext.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::statescope {

class RequestScopeModel {
public:
  /// The model of the translation unit behind Ctx for these options and
  /// program facts (null without a whole-program pass), built on first use
  /// and kept until the ASTContext is destroyed. ExportFacts: a model built
  /// by this call also works out what the unit tells the others (the CLI's
  /// first pass). Built, when given, is set to whether this call built it.
  static const RequestScopeModel &get(ASTContext &Ctx, const ModelOptions &Options,
                                      std::shared_ptr<const ProgramAnswers> Facts,
                                      bool ExportFacts = false, bool *Built = nullptr);

  /// Process-wide: Observer sees every model get() builds from now on, while
  /// its AST is alive (the CLI's `handlers` command lists what the model of
  /// each unit recognised). An empty function stops observing.
  static void setBuildObserver(std::function<void(const RequestScopeModel &)> Observer);

  RequestScopeModel(ASTContext &Ctx, const ModelOptions &Options,
                    std::shared_ptr<const ProgramAnswers> Facts, bool ExportFacts);

  const std::vector<std::unique_ptr<Handler>> &handlers() const { return Handlers.Handlers; }
  const std::vector<SharedWrite> &writes() const { return Writes; }

  /// How F is reached from a handler, or null when F is not per request.
  const Reach *reach(const FunctionDecl *F) const { return Path.reach(F); }

  /// Reads of per-thread or shared state that the request set before a
  /// suspension, a hand-over of work or an earlier callback.
  const std::vector<StaleRead> &staleReads() const { return Stale; }

  /// The writes and stale reads grouped into findings, one per bug, each
  /// with the check that reports it.
  const std::vector<Finding> &findings() const { return Found; }

  /// True when the value of E is derived from request data.
  bool isRequestData(const Expr *E) const { return Data.contains(E); }
  /// True when V (a handler's parameter, a local) holds request data.
  bool holdsRequestData(const VarDecl *V) const { return Data.variables().contains(V); }

  /// The options' patterns the model was built with.
  const OptionPatterns &patterns() const { return Patterns; }

  /// What this unit tells the others, when asked for at construction.
  const UnitFacts *unitFacts() const { return Exported ? &*Exported : nullptr; }

  /// A short rendering of an expression's source for messages.
  std::string spelling(const Expr *E) const;

  ASTContext &context() const { return Ctx; }

private:
  ASTContext &Ctx;
  const std::shared_ptr<const ProgramAnswers> Facts;
  // The stages, in the order they are built; later ones refer to earlier.
  const OptionPatterns Patterns;
  const ProgramView Program;
  BodySummaries Summaries;
  const HandlerSet Handlers;
  const RequestPath Path;
  const RequestData Data;
  SharedObjects Objects;
  MemberEffects Effects;
  std::vector<SharedWrite> Writes;
  std::vector<StaleRead> Stale;
  std::vector<Finding> Found;
  std::optional<UnitFacts> Exported;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H
