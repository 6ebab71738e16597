//===--- HandlerRules.h - which rule made each handler a handler ----------===//
//
// For `statescope handlers`: the rule by which the model took each of a
// unit's handlers to run per request, so that a user can see which of their
// entry points come from the framework catalogue, which from their own
// configuration, and which from another file. The Handlers stage records the
// rule on each Handler where it adds it; this reads it back in the model's
// order.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_HANDLERRULES_H
#define STATESCOPE_CHECKS_MODEL_HANDLERRULES_H

#include "RequestScopeModel.h"
#include "model/ModelTypes.h"

#include <vector>

namespace clang::statescope {

/// The rule behind each of Model.handlers(), in the same order.
std::vector<HandlerRule> handlerRules(const RequestScopeModel &Model);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_HANDLERRULES_H
