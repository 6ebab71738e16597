//===--- MutableStaticCheck.h - statescope --------------------------------===//
//
// Matches namespace-scope variables, static data members, function-local
// statics and start-up locals captured by reference into handlers, of
// non-class or library type (scalars, pointers, strings,
// containers, buffers) written by code that runs per request. Atomics, and
// writes under a lock into a container slot chosen by a request key, are
// safe. Optionally reports statics never written after initialisation, with
// a fix-it that makes them const.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MUTABLESTATICCHECK_H
#define STATESCOPE_CHECKS_MUTABLESTATICCHECK_H

#include "SharedStateCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"

namespace clang::tidy::statescope {

/// A mutable variable that outlives requests and is written on the request path holds whatever the
/// last request put there, for every request.
///
/// For the user-facing documentation see docs/checks/mutable-static.md
/// (`statescope explain mutable-static`).
class MutableStaticCheck : public SharedStateCheck {
public:
  MutableStaticCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;

private:
  void checkModel(const RequestScopeModel &Model) override;
  void reportNeverWritten(const RequestScopeModel &Model);

  /// Also report statics that nothing writes after initialisation.
  const bool ReportNeverWritten;
  /// Adds `#include <atomic>` with the counter fix where the file's own
  /// directives do not include it, in the place option IncludeStyle says.
  utils::IncludeInserter Includes;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_MUTABLESTATICCHECK_H
