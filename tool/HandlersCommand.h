//===--- HandlersCommand.h - statescope handlers: what the model sees -----===//
//
// `statescope handlers [paths]` runs the request-scope model over the units
// of a compile database, as a normal run does (the configuration that
// applies, both whole-program passes), and lists what it recognised instead
// of reporting findings: a user whose run reports nothing can tell "no bug"
// from "statescope does not know my server", and gets the configuration
// that would teach it.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_HANDLERSCOMMAND_H
#define STATESCOPE_TOOL_HANDLERSCOMMAND_H

#include "HandlersListing.h"
#include "Progress.h"
#include "Project.h"
#include "Runner.h"

namespace statescope {

/// The listing of each of Files (in order), analysed Jobs at a time in
/// child processes. The configuration's Checks do not matter: the model is
/// built with the options it gives even where it turns statescope off.
std::vector<UnitHandlers> listHandlers(const Project &P, const std::vector<std::string> &Files,
                                       const RunOptions &Options, unsigned Jobs,
                                       Progress &Progress);

} // namespace statescope

#endif // STATESCOPE_TOOL_HANDLERSCOMMAND_H
