//===--- HandlersCollect.cpp - a unit's model as a handlers listing -------===//

#include "HandlersCollect.h"
#include "Frameworks.h"
#include "model/HandlerCandidates.h"
#include "model/HandlerRules.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Regex.h"

namespace statescope {

using namespace clang::statescope;

namespace {

/// Where Loc is in a file, as the user wrote it (a macro's use, not its
/// definition), with the file's canonical path.
Location locate(const clang::ASTContext &Ctx, clang::SourceLocation Loc) {
  Location Result;
  const clang::SourceManager &SM = Ctx.getSourceManager();
  if (Loc.isInvalid())
    return Result;
  Loc = SM.getFileLoc(Loc);
  clang::FileID File = SM.getFileID(Loc);
  if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File))
    Result.File = SM.getFileManager().getCanonicalName(*Entry).str();
  Result.Line = SM.getSpellingLineNumber(Loc);
  Result.Column = SM.getSpellingColumnNumber(Loc);
  Result.Offset = SM.getFileOffset(Loc);
  return Result;
}

bool isLambda(const clang::FunctionDecl *F) {
  const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(F);
  return M && M->getParent()->isLambda();
}

std::string nameOf(const clang::FunctionDecl *F) {
  return isLambda(F) ? "lambda" : F->getQualifiedNameAsString();
}

ListedParameter listed(const clang::ParmVarDecl *P) {
  return {P->getNameAsString(), P->getType().getAsString(P->getASTContext().getPrintingPolicy())};
}

llvm::StringRef ruleKey(HandlerRule Rule) {
  switch (Rule) {
  case HandlerRule::Framework:
    return "framework";
  case HandlerRule::Annotation:
    return "annotation";
  case HandlerRule::HandlerFunctions:
    return "HandlerFunctions";
  case HandlerRule::HandlerRegistrations:
    return "HandlerRegistrations";
  case HandlerRule::DerivedRequest:
    return "derived-request";
  case HandlerRule::WholeProgram:
    return "whole-program";
  case HandlerRule::RequestReading:
    return "request-reading";
  }
  return "framework";
}

llvm::StringRef sharingKey(const SharedObject &Object) {
  switch (Object.Kind) {
  case SharingKind::Global:
    return "global";
  case SharingKind::StaticMember:
    return "static-member";
  case SharingKind::LocalStatic:
    return "local-static";
  case SharingKind::CapturedByHandler:
    return "captured-by-handler";
  case SharingKind::FrameworkInstance:
    // The model keys both by their class: one the framework keeps, or one
    // a registration binds (`std::bind(&Service::get, this, _1)`).
    return isSharedByFramework(llvm::dyn_cast_or_null<clang::CXXRecordDecl>(Object.Key))
               ? "framework-instance"
               : "bound-instance";
  case SharingKind::DeclaredInstance:
    return "declared-instance";
  case SharingKind::MadeAtStartUp:
    return "made-at-start-up";
  case SharingKind::PassedIn:
    return "passed-in";
  case SharingKind::HeldByCopies:
    return "held-by-copies";
  }
  return "global";
}

llvm::StringRef evidenceKey(RequestTypeEvidence Evidence) {
  switch (Evidence) {
  case RequestTypeEvidence::FrameworkType:
    return "framework-type";
  case RequestTypeEvidence::DerivedFromFramework:
    return "derived-from-framework";
  case RequestTypeEvidence::RequestLikeName:
    return "request-like-name";
  }
  return "request-like-name";
}

/// The pattern that matches exactly this qualified name.
std::string exactPattern(llvm::StringRef QualifiedName) {
  return "^" + llvm::Regex::escape(QualifiedName) + "$";
}

ListedCandidate listed(const clang::ASTContext &Ctx, const HandlerCandidate &C) {
  ListedCandidate Result;
  Result.Name = nameOf(C.Function);
  Result.Loc = locate(Ctx, C.Function->getLocation());
  Result.Parameter = listed(C.Parameter);
  Result.Evidence = evidenceKey(C.Evidence).str();
  if (C.FrameworkClass)
    Result.FrameworkClass = C.FrameworkClass->getQualifiedNameAsString();
  if (!isLambda(C.Function)) {
    Result.Option = "HandlerFunctions";
    Result.Pattern = exactPattern(Result.Name);
  } else if (C.PassedTo && !C.PassedTo->isInStdNamespace() &&
             C.PassedTo->getDeclName().isIdentifier()) {
    Result.Option = "HandlerRegistrations";
    Result.PassedTo = C.PassedTo->getQualifiedNameAsString();
    Result.Pattern = exactPattern(Result.PassedTo);
  }
  return Result;
}

} // namespace

UnitHandlers collectHandlers(const RequestScopeModel &Model) {
  const clang::ASTContext &Ctx = Model.context();
  const clang::SourceManager &SM = Ctx.getSourceManager();
  UnitHandlers Unit;
  if (clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Unit.File = SM.getFileManager().getCanonicalName(*Main).str();

  std::vector<HandlerRule> Rules = handlerRules(Model);
  for (size_t I = 0; I < Model.handlers().size(); ++I) {
    const Handler &H = *Model.handlers()[I];
    ListedHandler Listed{
        nameOf(H.Function), ruleKey(Rules[I]).str(), H.Description, locate(Ctx, H.Location), {}};
    for (const clang::ParmVarDecl *P : H.Function->parameters())
      if (Model.holdsRequestData(P))
        Listed.RequestData.push_back(listed(P));
    Unit.Handlers.push_back(std::move(Listed));
  }

  llvm::MapVector<const SharedObject *, ListedSharedObject> Shared;
  for (const SharedWrite &W : Model.writes()) {
    auto [It, New] = Shared.insert({W.Target, ListedSharedObject()});
    ListedSharedObject &S = It->second;
    if (New) {
      S.Name = W.Target->Name;
      S.Sharing = sharingKey(*W.Target).str();
      S.Declaration = locate(Ctx, W.Target->Declaration);
      S.FirstWrite = locate(Ctx, W.Site->getBeginLoc());
      S.WrittenIn = nameOf(W.Function);
    }
    ++S.Writes;
    S.RequestDataWrites += W.isRequestData();
  }
  for (auto &[Object, Listed] : Shared)
    Unit.Shared.push_back(std::move(Listed));

  for (const HandlerCandidate &C : findHandlerCandidates(Model))
    Unit.Candidates.push_back(listed(Ctx, C));
  return Unit;
}

} // namespace statescope
