//===--- HandlerRules.cpp - which rule made each handler a handler --------===//

#include "model/HandlerRules.h"

namespace clang::statescope {

std::vector<HandlerRule> handlerRules(const RequestScopeModel &Model) {
  std::vector<HandlerRule> Rules;
  for (const auto &H : Model.handlers())
    Rules.push_back(H->Rule);
  return Rules;
}

} // namespace clang::statescope
