//===--- UnitFactsExport.h - what this unit tells the others --------------===//
//
// For the CLI's first pass (WholeProgram.h): what the unit's externally
// visible functions return and store, and the functions defined elsewhere
// that its request path calls, with which arguments carrying request data.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_UNITFACTSEXPORT_H
#define STATESCOPE_CHECKS_MODEL_UNITFACTSEXPORT_H

#include "WholeProgram.h"
#include "model/MemberEffects.h"
#include "model/RequestData.h"
#include "model/RequestPath.h"
#include "model/SharedObjects.h"

namespace clang::statescope {

UnitFacts exportUnitFacts(ASTContext &Ctx, const RequestPath &Path, const RequestData &Data,
                          BodySummaries &Summaries, SharedObjects &Objects, MemberEffects &Effects);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_UNITFACTSEXPORT_H
