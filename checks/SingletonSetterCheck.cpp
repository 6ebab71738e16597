//===--- SingletonSetterCheck.cpp - statescope ----------------------------===//

#include "SingletonSetterCheck.h"

#include "llvm/ADT/MapVector.h"

namespace clang::tidy::statescope {

using clang::statescope::SharingKind;

void SingletonSetterCheck::checkModel(const RequestScopeModel &Model) {
  const ASTContext &Ctx = Model.context();
  // Objects the framework owns have no declaration a user could change into
  // a factory; their fields are statescope-request-field's business.
  llvm::MapVector<const SharedObject *, SmallVector<const SharedWrite *, 4>> ByObject;
  for (const SharedWrite &W : Model.writes()) {
    if (!W.Target->isProjectClass(Ctx) || W.Target->isInstanceOfClass() || W.GuardedKeyedSlot)
      continue;
    // A setter storing several fields is still one write at its call.
    auto &Writes = ByObject[W.Target];
    auto *Same =
        llvm::find_if(Writes, [&](const SharedWrite *Other) { return Other->Site == W.Site; });
    if (Same == Writes.end())
      Writes.push_back(&W);
    else if (!(*Same)->isRequestData() && W.isRequestData())
      *Same = &W;
  }

  for (const auto &[Object, Writes] : ByObject) {
    const SharedWrite *Lead = leadWrite(Writes);
    SourceLocation Where = primaryLocation(Ctx.getSourceManager(), Object->Declaration, Writes);
    diag(Where, "'%0' is shared by every request; %1 %2%3")
        << Object->Name << describeHandlers(Model, Writes) << describeWrite(Model, *Lead)
        << falseComfort(*Lead) + readBackAfterSuspension(Model, Writes);
    noteWrites(Model, Writes);
    notePerRequestFix(Model, *Object, clang::statescope::PerRequestForm::Factory,
                      Lead->isRequestData());
  }
}

} // namespace clang::tidy::statescope
