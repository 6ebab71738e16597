//===--- HandlersCollect.h - a unit's model as a handlers listing ---------===//
//
// Turns the request-scope model of one translation unit into the clang-free
// listing of `statescope handlers` (HandlersListing.h), while the unit's AST
// is alive: names, types and places as the user wrote them.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_HANDLERSCOLLECT_H
#define STATESCOPE_TOOL_HANDLERSCOLLECT_H

#include "HandlersListing.h"
#include "RequestScopeModel.h"

namespace statescope {

/// What Model recognised, and the request-taking code it does not analyse.
UnitHandlers collectHandlers(const clang::statescope::RequestScopeModel &Model);

} // namespace statescope

#endif // STATESCOPE_TOOL_HANDLERSCOLLECT_H
