//===--- RequestFieldCheck.cpp - statescope -------------------------------===//

#include "RequestFieldCheck.h"

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
  for (const FindingToReport &R : findingsToReport(Model, FindingCheck::RequestField)) {
    const Finding &F = R.Parts;
    const SharedWrite *Lead = leadWrite(F.Writes);
    // Reported at the field the lead write changes: the object is known by
    // its class and has no declaration of its own.
    SourceLocation Where = R.isSuppressed() ? R.SuppressedAt
                                            : primaryLocation(Ctx.getSourceManager(),
                                                              Lead->Field->getLocation(), F.Writes);
    if (Lead->isRequestData()) {
      // The fields that hold request data lead; the others only race.
      std::vector<const FieldDecl *> Racing;
      for (const FieldDecl *Field : F.Fields)
        if (!llvm::is_contained(F.FieldsWithRequestData, Field))
          Racing.push_back(Field);
      std::string AlsoRacing =
          Racing.empty() ? "" : "; concurrent requests also race on " + fieldNames(Racing);
      diag(Where, "%select{field|fields}0 %1 %select{holds|hold}0 request data ('%2') from %3, "
                  "but %4%5")
          << (F.FieldsWithRequestData.size() > 1) << fieldNames(F.FieldsWithRequestData)
          << Model.spelling(Lead->RequestValue) << describeHandlers(Model, F.Writes)
          << describeOwner(*F.Object)
          << AlsoRacing + falseComfort(*Lead) + readBackAfterSuspension(Model, F);
    } else if (llvm::any_of(F.Fields,
                            [&](const FieldDecl *Field) { return looksLikeRequestData(Field); }))
      diag(Where, "%select{field|fields}0 %1 %select{looks|look}0 like request data and "
                  "%select{is|are}0 written by %2, but %3")
          << (F.Fields.size() > 1) << fieldNames(F.Fields) << describeHandlers(Model, F.Writes)
          << describeOwner(*F.Object);
    else
      diag(Where, "%select{field|fields}0 %1 %select{is|are}0 changed by %2 without "
                  "synchronisation, but %3; concurrent requests race on %select{it|them}0")
          << (F.Fields.size() > 1) << fieldNames(F.Fields) << describeHandlers(Model, F.Writes)
          << describeOwner(*F.Object);
    if (!R.isSuppressed())
      noteWrites(Model, F);
  }
}

} // namespace clang::tidy::statescope
