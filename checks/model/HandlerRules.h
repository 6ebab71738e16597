//===--- HandlerRules.h - which rule made each handler a handler ----------===//
//
// For `statescope handlers`: the rule by which the model took each of a
// unit's handlers to run per request, so that a user can see which of their
// entry points come from the framework catalogue, which from their own
// configuration, and which from another file. Worked out from the model's
// answers and options, after the model is built; the Handlers stage itself
// does not keep it.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_HANDLERRULES_H
#define STATESCOPE_CHECKS_MODEL_HANDLERRULES_H

#include "RequestScopeModel.h"

#include <vector>

namespace clang::statescope {

enum class HandlerRule {
  Framework,            ///< A framework registration or a framework's shape.
  Annotation,           ///< [[clang::annotate("statescope::request_handler")]].
  HandlerFunctions,     ///< Its name matches the HandlerFunctions option.
  HandlerRegistrations, ///< Passed to a function HandlerRegistrations names.
  WholeProgram,         ///< Another file's handler calls it with request data.
  RequestReading,       ///< It reads the next request itself (a session loop).
};

/// The rule behind each of Model.handlers(), in the same order.
std::vector<HandlerRule> handlerRules(const RequestScopeModel &Model);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_HANDLERRULES_H
