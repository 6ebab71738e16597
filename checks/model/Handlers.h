//===--- Handlers.h - the functions that run once per request -------------===//
//
// The first stage of the model: the request handlers of a unit, found by
// the frameworks' registrations and shapes (Frameworks.h), the configured
// names and registrations, the request-handler annotation, code that reads
// the next request, and (with program facts) functions another file's
// handlers call.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_HANDLERS_H
#define STATESCOPE_CHECKS_MODEL_HANDLERS_H

#include "model/ModelOptions.h"
#include "model/ModelTypes.h"
#include "model/ProgramView.h"

#include "llvm/ADT/MapVector.h"
#include <memory>
#include <vector>

namespace clang::statescope {

struct HandlerSet {
  std::vector<std::unique_ptr<Handler>> Handlers;
  /// Classes with an instance bound into a registration (`std::bind(
  /// &Service::get, this, _1)`), by the registration's description: that
  /// instance serves every request.
  llvm::MapVector<const Decl *, std::string> BoundInstances;
};

/// The handlers of the unit behind Ctx.
HandlerSet findHandlers(ASTContext &Ctx, const OptionPatterns &Patterns,
                        const ProgramView &Program);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_HANDLERS_H
