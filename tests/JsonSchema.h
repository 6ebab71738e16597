//===--- JsonSchema.h - a JSON Schema (draft-04) validator for tests ------===//
//
// Enough of JSON Schema draft-04 to validate SARIF logs against the official
// sarif-schema-2.1.0.json: types, properties, required, additional
// properties, items, enum, bounds, patterns, uniqueness, local $refs and the
// combinators. A keyword it does not know is reported, never ignored, so a
// schema it cannot check fails instead of passing.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TESTS_JSONSCHEMA_H
#define STATESCOPE_TESTS_JSONSCHEMA_H

#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace statescope::test {

/// Where Instance breaks Schema, one line per problem; empty when valid.
std::vector<std::string> validateJson(const llvm::json::Value &Schema,
                                      const llvm::json::Value &Instance);

} // namespace statescope::test

#endif // STATESCOPE_TESTS_JSONSCHEMA_H
