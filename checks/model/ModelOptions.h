//===--- ModelOptions.h - settings of the request-scope model -------------===//
//
// The check options that change what the model considers per request or
// shared, and their regular expressions compiled once per model.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_MODELOPTIONS_H
#define STATESCOPE_CHECKS_MODEL_MODELOPTIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::statescope {

/// Settings that change what the model considers per request or shared. They
/// come from check options and are the same for every check of a run.
struct ModelOptions {
  /// Semicolon-separated regular expressions; functions whose qualified name
  /// matches one are request handlers.
  std::string HandlerFunctions;
  /// Semicolon-separated regular expressions; callables passed to a function
  /// whose qualified name matches one are request handlers (a project's own
  /// router: `web::http::experimental::listener::api_router::support`).
  std::string HandlerRegistrations;
  /// Regular expression for member functions whose body is not visible but
  /// whose name says they change the object (setContext, init, bind...).
  std::string SetterNames = "^(set|init|configure|bind|reset|update|use|"
                            "select|switch|attach|assign|store|remember)"
                            // A whole word: `userHasCap` is not `use`.
                            "([A-Z0-9_]|$)";
  /// How many calls away from a handler code still counts as per request.
  unsigned MaxCallDepth = 8;
  /// Semicolon-separated regular expressions; objects whose type's qualified
  /// name matches one are safe to share (a thread-safe logger, a pool), and
  /// writes into them are never findings.
  std::string SafeTypes;
  /// Semicolon-separated regular expressions; classes whose qualified name
  /// matches one have one instance that every request uses (the server
  /// object `main` makes), as if annotated `statescope::shared_instance`.
  std::string SharedClasses;
  /// Semicolon-separated regular expressions; functions that a macro whose
  /// name matches one defines are tests (gtest's TEST, Catch2's and
  /// doctest's TEST_CASE, Boost.Test's BOOST_AUTO_TEST_CASE), and what they
  /// and the lambdas in them write belongs to the test: a test drives its
  /// server with its own requests.
  std::string TestMacros =
      "^(TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P|GTEST_TEST|TEST_CASE|TEST_CASE_METHOD|"
      "TEMPLATE_TEST_CASE|TEMPLATE_PRODUCT_TEST_CASE|SCENARIO|TEST_CASE_FIXTURE|TEST_CASE_TEMPLATE|"
      "CATCH_TEST_CASE|CATCH_TEST_CASE_METHOD|CATCH_SCENARIO|DOCTEST_TEST_CASE|"
      "DOCTEST_TEST_CASE_FIXTURE|BOOST_AUTO_TEST_CASE|BOOST_FIXTURE_TEST_CASE|"
      "BOOST_DATA_TEST_CASE|BOOST_AUTO_TEST_CASE_TEMPLATE)$";
  /// Whether requests run one at a time on one thread: "true", "false", or
  /// "auto" (the framework says: a Crow app never made multithreaded). Then
  /// requests overlap only where one stops running (a co_await, work handed
  /// over), and a write matters only if the request reads it back there.
  std::string SingleThreaded = "auto";

  /// Equal for equal options: part of the model cache's key.
  std::string fingerprint() const;

  /// The first option value that is not a valid regular expression (or,
  /// for SingleThreaded, not true, false or auto), in words: "option
  /// 'SetterNames': '^(set' is not a valid regular expression (parentheses
  /// not balanced)"; nothing when all are valid.
  std::optional<std::string> invalidPattern() const;
};

/// The options' regular expressions, compiled.
class OptionPatterns {
public:
  explicit OptionPatterns(const ModelOptions &Options);

  bool isHandlerName(llvm::StringRef QualifiedName) const;
  bool isRegistrationName(llvm::StringRef QualifiedName) const;
  bool isSafeTypeName(llvm::StringRef QualifiedName) const;
  bool isSetterName(llvm::StringRef Name) const;
  bool isSharedClassName(llvm::StringRef QualifiedName) const;
  bool isTestMacroName(llvm::StringRef MacroName) const;
  bool hasRegistrations() const { return !Registrations.empty(); }
  bool hasSafeTypes() const { return !SafeTypes.empty(); }

private:
  std::vector<llvm::Regex> Handlers;
  std::vector<llvm::Regex> Registrations;
  std::vector<llvm::Regex> SafeTypes;
  std::vector<llvm::Regex> SharedClasses;
  std::vector<llvm::Regex> TestMacros;
  llvm::Regex Setters;
  bool HasSetterNames;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_MODELOPTIONS_H
