//===--- SingletonSetterCheck.cpp - statescope ----------------------------===//

#include "SingletonSetterCheck.h"

namespace clang::tidy::statescope {

SingletonSetterCheck::SingletonSetterCheck(StringRef Name, ClangTidyContext *Context)
    : SharedStateCheck(Name, Context), FixStyle(Options.get("FixStyle", "factory")) {
  if (FixStyle != "factory" && FixStyle != "constructor")
    configurationDiag("invalid configuration value '%0' for option '%1.FixStyle'; expected "
                      "'factory' or 'constructor'")
        << FixStyle << Name;
}

void SingletonSetterCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SharedStateCheck::storeOptions(Opts);
  Options.store(Opts, "FixStyle", FixStyle);
}

void SingletonSetterCheck::checkModel(const RequestScopeModel &Model) {
  const ASTContext &Ctx = Model.context();
  auto Form = FixStyle == "constructor" ? clang::statescope::PerRequestForm::Constructor
                                        : clang::statescope::PerRequestForm::Factory;
  for (const FindingToReport &R : findingsToReport(Model, FindingCheck::SingletonSetter)) {
    const Finding &F = R.Parts;
    const SharedWrite *Lead = leadWrite(F.Writes);
    SourceLocation Where =
        R.isSuppressed() ? R.SuppressedAt
                         : primaryLocation(Ctx.getSourceManager(), F.Object->Declaration, F.Writes);
    diag(Where, "'%0' is shared by every request; %1 %2%3%4")
        << F.Object->Name << describeHandlers(Model, F.Writes)
        << describeWrite(Model, *Lead, /*WithField=*/false) << describeFields(F)
        << falseComfort(*Lead) + readBackAfterSuspension(Model, F);
    if (R.isSuppressed())
      continue; // clang-tidy drops the warning and its notes.
    noteWrites(Model, F);
    notePerRequestFix(Model, *F.Object, Form, Lead->isRequestData());
  }
}

} // namespace clang::tidy::statescope
