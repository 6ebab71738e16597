//===--- RequestFieldCheck.cpp - statescope -------------------------------===//

#include "RequestFieldCheck.h"

#include "llvm/ADT/MapVector.h"

namespace clang::tidy::statescope {

using clang::statescope::SharingKind;

namespace {
constexpr llvm::StringLiteral DefaultNames =
    "(current|active|last|caller|tenant|session|request|user|auth|token|"
    "transaction)";
constexpr llvm::StringLiteral DefaultTypes =
    "(Request|ServerContext|Session|Principal|Credentials)";

std::string describeOwner(const SharedObject &Object) {
  if (Object.Kind == SharingKind::FrameworkInstance)
    return "the framework keeps one '" + Object.Name + "' for every request";
  if (Object.Kind == SharingKind::DeclaredInstance)
    return "the server keeps one '" + Object.Name + "' for every request";
  if (Object.Kind == SharingKind::MadeAtStartUp)
    return "every request reaches the one '" + Object.Name + "' made at start-up";
  if (Object.Kind == SharingKind::PassedIn)
    return "every request shares '" + Object.Name + "' (" + Object.Origin + ")";
  return "every request shares '" + Object.Name + "'";
}
} // namespace

RequestFieldCheck::RequestFieldCheck(StringRef Name, ClangTidyContext *Context)
    : SharedStateCheck(Name, Context),
      RequestFieldNames(Options.get("RequestFieldNames", DefaultNames)),
      RequestFieldTypes(Options.get("RequestFieldTypes", DefaultTypes)),
      NamePattern(RequestFieldNames, llvm::Regex::IgnoreCase), TypePattern(RequestFieldTypes) {}

void RequestFieldCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  SharedStateCheck::storeOptions(Opts);
  Options.store(Opts, "RequestFieldNames", RequestFieldNames);
  Options.store(Opts, "RequestFieldTypes", RequestFieldTypes);
}

bool RequestFieldCheck::looksLikeRequestData(const FieldDecl *Field) const {
  // A number named after requests counts them; it does not hold one.
  if (Field->getType()->isArithmeticType())
    return false;
  return (!RequestFieldNames.empty() && NamePattern.match(Field->getName())) ||
         (!RequestFieldTypes.empty() && TypePattern.match(Field->getType().getAsString()));
}

void RequestFieldCheck::checkModel(const RequestScopeModel &Model) {
  const ASTContext &Ctx = Model.context();
  llvm::MapVector<const FieldDecl *, SmallVector<const SharedWrite *, 4>> ByField;
  for (const SharedWrite &W : Model.writes())
    if (W.Field && W.Target->isProjectClass(Ctx) && !W.GuardedKeyedSlot)
      ByField[W.Field->getCanonicalDecl()].push_back(&W);

  // The constructor rewrite is offered once per object, and only when
  // statescope-singleton-setter does not offer its own for the same object.
  bool OffersRewrite = !isEnabled("statescope-singleton-setter");
  llvm::SmallPtrSet<const SharedObject *, 4> Rewritten;
  for (const auto &[Field, Writes] : ByField) {
    const SharedWrite *Lead = leadWrite(Writes);
    bool Hinted = looksLikeRequestData(Field);
    // Fields of the one instance of a class are this check's alone (the
    // object has no declaration for the other checks to report), races
    // included.
    bool Race = Lead->Target->isInstanceOfClass();
    if (!Lead->isRequestData() && !Hinted && !Race)
      continue;
    SourceLocation Where = primaryLocation(Ctx.getSourceManager(), Field->getLocation(), Writes);
    if (Lead->isRequestData())
      diag(Where, "field '%0' holds request data ('%1') from %2, but %3%4")
          << Field->getName() << Model.spelling(Lead->RequestValue)
          << describeHandlers(Model, Writes) << describeOwner(*Lead->Target)
          << falseComfort(*Lead) + readBackAfterSuspension(Model, Writes);
    else if (Hinted)
      diag(Where, "field '%0' looks like request data and is written by %1, "
                  "but %2")
          << Field->getName() << describeHandlers(Model, Writes) << describeOwner(*Lead->Target);
    else
      diag(Where, "field '%0' is changed by %1 without synchronisation, but "
                  "%2; concurrent requests race on it")
          << Field->getName() << describeHandlers(Model, Writes) << describeOwner(*Lead->Target);
    noteWrites(Model, Writes);
    if (OffersRewrite && Lead->isRequestData() && !Lead->Target->isInstanceOfClass() &&
        Rewritten.insert(Lead->Target).second)
      notePerRequestFix(Model, *Lead->Target, clang::statescope::PerRequestForm::Constructor, true);
  }
}

} // namespace clang::tidy::statescope
