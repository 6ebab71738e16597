//===--- UnitOrder.h - the order in which the first pass takes the units --===//
//
// The first pass analyses each unit ahead for the second with the facts of
// the units analysed before it (UnitAnalyser.cpp). That analysis is the second
// pass's result when every unit whose functions it calls, and every unit
// that calls its functions, was analysed before it started. Which units
// those are is only known once they are analysed; their main files' text
// gives a guess: names a file defines (`name(...) {`) and names it calls
// (`name(`). Units linked to many others go first, and the units that come
// last see their neighbours' facts. The order changes only how many units
// the later passes analyse again, never a result.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_UNITORDER_H
#define STATESCOPE_TOOL_UNITORDER_H

#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>
#include <vector>

namespace statescope {

/// The names a source file's text defines as functions and those it calls.
struct NamesInText {
  std::set<std::string> Defined, Called;
};

/// Reads Text as C++ without preprocessing: comments, literals and
/// directives are skipped; `name(...)` followed by `{`, `:` (a constructor's
/// initialisers) or qualifiers and then `{` defines name, any other
/// `name(` calls it.
NamesInText namesInText(llvm::StringRef Text);

/// The indices of Files in the order to analyse them: most linked first (a
/// file calls a name another defines), ties in the given order. A file that
/// cannot be read has no links.
std::vector<size_t> analysisOrder(const std::vector<std::string> &Files);

} // namespace statescope

#endif // STATESCOPE_TOOL_UNITORDER_H
