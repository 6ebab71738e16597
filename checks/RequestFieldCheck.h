//===--- RequestFieldCheck.h - statescope ---------------------------------===//
//
// Reports the objects of the project's classes that every request shares and
// that the code knows by their class (a service the framework keeps one of,
// the one object start-up code makes, a class declared shared, an object
// another file passes in): one finding per object, naming the fields that
// hold request data and those that requests only race on. Request-ish field
// names and types only word the message.
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
