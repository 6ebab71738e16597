//===--- RequestFieldCheck.h - statescope ---------------------------------===//
//
// Matches fields written on the request path with request data, when the
// object written is shared: a global or singleton, an object captured by
// reference into handlers, a service the framework keeps one of, or a class
// that is a singleton by construction. Request-ish field names and types
// only add confidence to a write that is on the request path; they are
// never the only signal.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_REQUESTFIELDCHECK_H
#define STATESCOPE_CHECKS_REQUESTFIELDCHECK_H

#include "SharedStateCheck.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::statescope {

/// A field that holds request data in a class with one shared instance makes each request see the
/// data of whichever request wrote it last.
///
/// For the user-facing documentation see docs/checks/request-field.md
/// (`statescope explain request-field`).
class RequestFieldCheck : public SharedStateCheck {
public:
  RequestFieldCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkModel(const RequestScopeModel &Model) override;
  bool looksLikeRequestData(const FieldDecl *Field) const;

  const std::string RequestFieldNames;
  const std::string RequestFieldTypes;
  llvm::Regex NamePattern;
  llvm::Regex TypePattern;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_REQUESTFIELDCHECK_H
