//===--- ASTFacts.h - small questions about declarations and types --------===//
//
// Answers shared by the request-scope model and the framework catalogue:
// where a declaration comes from and what it is named.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_ASTFACTS_H
#define STATESCOPE_CHECKS_ASTFACTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::statescope {

inline bool isInSystemHeader(const ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

inline bool isInMainFile(const ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  return Loc.isValid() && SM.isInMainFile(SM.getExpansionLoc(Loc));
}

inline bool isInStdNamespace(const Decl *D) {
  return D && D->getDeclContext()->isStdNamespace();
}

inline bool hasQualifiedName(const NamedDecl *D, llvm::StringRef Name) {
  return D && D->getQualifiedNameAsString() == Name;
}

/// True when RD is Base or derives from it; Base is a qualified name without
/// template arguments ("grpc::Service", "drogon::HttpController").
inline bool isSameOrDerivedFrom(const CXXRecordDecl *RD, llvm::StringRef Base) {
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (hasQualifiedName(RD, Base))
    return true;
  return !RD->forallBases(
      [&](const CXXRecordDecl *B) { return !hasQualifiedName(B, Base); });
}

/// E without the conversions, temporaries and single-argument constructions
/// that wrap a value on its way into a parameter (a lambda becoming a
/// std::function, for one).
inline const Expr *ignoreWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = Cast->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
             Construct && Construct->getNumArgs() == 1 &&
             !isa<CXXTemporaryObjectExpr>(Construct))
      Next = Construct->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_ASTFACTS_H
