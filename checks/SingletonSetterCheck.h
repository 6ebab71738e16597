//===--- SingletonSetterCheck.h - statescope ------------------------------===//
//
// Matches globals, static members, Meyers singletons, objects behind global
// smart pointers and start-up objects captured by reference into handlers,
// when code on the request path calls a member function that stores fields
// or writes a member directly. Reported once per object, at its declaration,
// naming the fields written; its reads back after a suspension are notes.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_SINGLETONSETTERCHECK_H
#define STATESCOPE_CHECKS_SINGLETONSETTERCHECK_H

#include "SharedStateCheck.h"

namespace clang::tidy::statescope {

/// A shared object of class type whose state is set per request carries one request's data into
/// every other request that uses it.
///
/// For the user-facing documentation see docs/checks/singleton-setter.md
/// (`statescope explain singleton-setter`).
class SingletonSetterCheck : public SharedStateCheck {
public:
  SingletonSetterCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkModel(const RequestScopeModel &Model) override;

  /// FixStyle: the per-request rewrite offered, "factory" or "constructor".
  const std::string FixStyle;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_SINGLETONSETTERCHECK_H
