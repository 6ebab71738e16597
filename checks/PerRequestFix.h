//===--- PerRequestFix.h - the cure: build the object per request ---------===//
//
// The cure for request data in a shared object is an object built per
// request. This planner decides whether that rewrite is provably right for a
// shared global and, if so, produces it in one of two forms:
//   factory:      `OrderManager makeOrderManager(<setter params>) {...}`
//                 replaces the global; each handler's `orderManager.setX(a)`
//                 becomes `auto orderManager = makeOrderManager(a)`, the
//                 local named for the class, not the global (`g_om`);
//   constructor:  the class gets a constructor taking the setter's
//                 parameters; the global goes; each handler's setter call
//                 becomes `OrderManager orderManager(a)`.
// When the rewrite is not provable (the object is used outside handlers, a
// handler sets it twice, a use comes before the setter or from another
// function) there is no plan, only the reason and the place that stops it.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_PERREQUESTFIX_H
#define STATESCOPE_CHECKS_PERREQUESTFIX_H

#include "RequestScopeModel.h"
#include "clang/Basic/Diagnostic.h"
#include <string>
#include <vector>

namespace clang::statescope {

enum class PerRequestForm { Factory, Constructor };

struct PerRequestFix {
  /// Empty when the rewrite is not provable.
  std::vector<FixItHint> Edits;
  /// What the rewrite does ("build a per-request 'OrderManager' in each
  /// handler, with a new factory 'makeOrderManager'"), or why there is none.
  std::string Explanation;
  /// Where the explanation belongs: the declaration, or what stops the fix.
  SourceLocation Location;

  bool isProvable() const { return !Edits.empty(); }
};

PerRequestFix planPerRequestFix(const RequestScopeModel &Model, const SharedObject &Object,
                                PerRequestForm Form);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_PERREQUESTFIX_H
