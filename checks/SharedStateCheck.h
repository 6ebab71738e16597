//===--- SharedStateCheck.h - what every statescope check shares ----------===//
//
// Every statescope check reads the same request-scope model and explains its
// findings the same way: the write sites, and the chain of calls that leads
// to each from a handler. This base class owns the model's options, asks for
// the model once per translation unit, and writes those notes.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_SHAREDSTATECHECK_H
#define STATESCOPE_CHECKS_SHAREDSTATECHECK_H

#include "PerRequestFix.h"
#include "RequestScopeModel.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::statescope {

using clang::statescope::Finding;
using clang::statescope::FindingCheck;
using clang::statescope::RequestScopeModel;
using clang::statescope::SharedObject;
using clang::statescope::SharedWrite;

/// A finding as one check reports it: its parts that NOLINT comments for the
/// check leave, or, when they leave none, all of them and where clang-tidy
/// will count the finding once as suppressed.
struct FindingToReport {
  Finding Parts;
  /// Valid when NOLINT took every write (or read): report the finding here.
  SourceLocation SuppressedAt;

  bool isSuppressed() const { return SuppressedAt.isValid(); }
};

class SharedStateCheck : public ClangTidyCheck {
public:
  SharedStateCheck(StringRef Name, ClangTidyContext *Context);

  void registerMatchers(ast_matchers::MatchFinder *Finder) final;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) final;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

protected:
  /// Reports what this check finds in the model of one translation unit.
  virtual void checkModel(const RequestScopeModel &Model) = 0;

  /// The model's findings that Check reports, without the parts that NOLINT
  /// comments for this check take away.
  std::vector<FindingToReport> findingsToReport(const RequestScopeModel &Model,
                                                FindingCheck Check) const;

  /// True when a NOLINT comment for this check covers Loc: no note goes
  /// there (clang-tidy would drop the note and every note after it).
  bool isSuppressedAt(const SourceManager &SM, SourceLocation Loc) const;

  /// "the handler for GET /orders", or "... and 2 other handlers" when the
  /// writes are reached from several.
  static std::string describeHandlers(const RequestScopeModel &Model,
                                      ArrayRef<const SharedWrite *> Writes);

  /// What one write does, as the end of a sentence: "stores request data
  /// ('userId') in it through 'setContext'". WithField: name the field it
  /// changes (a warning names every field of its finding instead).
  static std::string describeWrite(const RequestScopeModel &Model, const SharedWrite &W,
                                   bool WithField = true);

  /// How messages name a function: 'setContext', or "the lambda".
  static std::string displayName(const FunctionDecl *F);

  /// "'user_'", "'user_' and 'tier_'", "'a', 'b', 'c' and 2 more".
  static std::string fieldNames(ArrayRef<const FieldDecl *> Fields);

  /// " (fields 'user_' and 'tier_')": the fields a finding's writes change,
  /// or nothing when they name none.
  static std::string describeFields(const Finding &F);

  /// Notes at each write site and along the call chain from its handler,
  /// and at the reads that see the state again after a suspension.
  void noteWrites(const RequestScopeModel &Model, const Finding &F);

  /// What makes a write look safe when it is not, as the end of a message:
  /// "; the lock does not help: every request writes the same slot".
  static std::string falseComfort(const SharedWrite &W);

  /// The end of a message when the request reads the state back after it
  /// suspended or handed work over (the interleaving is then certain, not
  /// only possible): "; the request reads it back after 'co_await db()'
  /// suspended it".
  static std::string readBackAfterSuspension(const RequestScopeModel &Model, const Finding &F);

  /// When the request stopped running, to follow "is read ": "after
  /// 'co_await lookupCredit(item)' suspended the request".
  static std::string describeSuspension(const RequestScopeModel &Model,
                                        const clang::statescope::StaleRead &R);

  /// Where a finding about an object declared at Declaration is reported:
  /// the declaration when it is in the main file, else the first write there.
  static SourceLocation primaryLocation(const SourceManager &SM, SourceLocation Declaration,
                                        ArrayRef<const SharedWrite *> Writes);

  /// A note with the per-request rewrite of Object when it is provable, or
  /// with what to do by hand when it is not. RequestData says whether the
  /// finding is about request data (else a race, which a rewrite won't cure).
  void notePerRequestFix(const RequestScopeModel &Model, const SharedObject &Object,
                         clang::statescope::PerRequestForm Form, bool RequestData);

  /// The write that best explains a finding: the first storing request data.
  static const SharedWrite *leadWrite(ArrayRef<const SharedWrite *> Writes);

private:
  /// When only statescope checks run, MatchFinder walks only the program's
  /// own top-level declarations after the translation unit is matched.
  void keepMatchersToProgramCode(ASTContext &Ctx) const;

  const clang::statescope::ModelOptions ModelOptions;
  ClangTidyContext *const TidyContext;
  /// The check's name, as NOLINT comments list it.
  const std::string Name;
};

} // namespace clang::tidy::statescope

#endif // STATESCOPE_CHECKS_SHAREDSTATECHECK_H
