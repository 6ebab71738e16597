//===--- SarifRules.h - the checks as SARIF rules -------------------------===//
//
// What code-scanning services show about a check beside its results: a
// name, a one-line and a full description, the check's page as help and as
// a link, and the properties GitHub sorts and filters alerts by (tags,
// precision, severity).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_SARIFRULES_H
#define STATESCOPE_TOOL_SARIFRULES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <string>

namespace statescope {

/// statescope-singleton-setter -> SingletonSetter.
std::string ruleName(llvm::StringRef Check);

/// The reportingDescriptor of Check; helpUri under DocBaseUrl when it is
/// not empty.
llvm::json::Object sarifRule(llvm::StringRef Check, llvm::StringRef DocBaseUrl);

} // namespace statescope

#endif // STATESCOPE_TOOL_SARIFRULES_H
