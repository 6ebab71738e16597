//===--- HandlerCandidates.h - request-taking code the model does not run ---===//
//
// For `statescope handlers`: the project's functions and lambdas that take a
// request-typed parameter but that the model neither takes for a handler
// nor reaches from one. They are the entry points of a server statescope
// does not know (its own router, a framework it has no catalogue entry
// for): until the configuration names them, nothing they do is analysed.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_HANDLERCANDIDATES_H
#define STATESCOPE_CHECKS_MODEL_HANDLERCANDIDATES_H

#include "RequestScopeModel.h"

#include <vector>

namespace clang::statescope {

/// Why a parameter's type looks like a request.
enum class RequestTypeEvidence {
  FrameworkType,        ///< A framework's request class (Frameworks.h).
  DerivedFromFramework, ///< A project class deriving from one.
  RequestLikeName,      ///< Its class's name says Request, Req or Context.
};

struct HandlerCandidate {
  /// The function, or a lambda's call operator.
  const FunctionDecl *Function = nullptr;
  /// The first request-typed parameter.
  const ParmVarDecl *Parameter = nullptr;
  RequestTypeEvidence Evidence = RequestTypeEvidence::RequestLikeName;
  /// For framework evidence: the framework's request class.
  const CXXRecordDecl *FrameworkClass = nullptr;
  /// For a lambda: the function it is passed to (a registration the
  /// HandlerRegistrations option can name), when there is one.
  const FunctionDecl *PassedTo = nullptr;
};

/// The candidates of the unit Model describes, in source order: defined in
/// the program's code (not in system headers), neither handlers nor on the
/// request path, not constructors, destructors or operators.
std::vector<HandlerCandidate> findHandlerCandidates(const RequestScopeModel &Model);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_HANDLERCANDIDATES_H
