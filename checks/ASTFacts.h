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
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::statescope {

inline bool isInMainFile(const ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  return Loc.isValid() && SM.isInMainFile(SM.getExpansionLoc(Loc));
}

/// True when D is declared in the namespace of a general-purpose library
/// that projects often copy into their tree (asio, Boost, async_simple, the
/// JSON and logging libraries) rather than install.
inline bool isInVendorableLibrary(const Decl *D) {
  const NamespaceDecl *Outermost = dyn_cast<NamespaceDecl>(D);
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent())
    if (const auto *N = dyn_cast<NamespaceDecl>(C))
      Outermost = N;
  if (!Outermost || !Outermost->getDeclName().isIdentifier())
    return false;
  static const llvm::StringRef Libraries[] = {"asio", "boost",  "async_simple", "nlohmann",
                                              "fmt",  "spdlog", "rapidjson"};
  return llvm::is_contained(Libraries, Outermost->getName());
}

/// True when D is a library's rather than the program's: declared in a
/// system header, or outside the main file in a library's namespace
/// (isInVendorableLibrary), so that a library copied into the project's
/// tree is analysed as the same library installed is. The model does not
/// read library code's bodies, whether or not clang parsed them: the CLI
/// does not parse them (Runner.cpp), clang-tidy and clangd do.
inline bool isLibraryCode(const ASTContext &Ctx, const Decl *D) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Loc = D->getLocation();
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  return SM.isInSystemHeader(Loc) || (!SM.isInMainFile(Loc) && isInVendorableLibrary(D));
}

inline bool isInStdNamespace(const Decl *D) { return D && D->getDeclContext()->isStdNamespace(); }

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
  return !RD->forallBases([&](const CXXRecordDecl *B) { return !hasQualifiedName(B, Base); });
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
             Construct && Construct->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(Construct))
      Next = Construct->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// The object a variable of type T designates when used: through
/// references, pointers and std smart pointers.
inline QualType designatedObjectType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return T->getPointeeType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl()))
    if (isInStdNamespace(Spec) &&
        (Spec->getName() == "unique_ptr" || Spec->getName() == "shared_ptr") &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return Spec->getTemplateArgs()[0].getAsType();
  return T;
}

/// The class template a type instantiates, through references, pointers
/// and aliases: "boost::beast::http::message" for `http::request<Body>`.
inline const ClassTemplateSpecializationDecl *specializationOf(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
}

inline bool isSpecializationOf(QualType T, std::initializer_list<llvm::StringRef> Names) {
  const auto *Spec = specializationOf(T);
  return Spec && llvm::is_contained(Names, Spec->getQualifiedNameAsString());
}

/// True when D's qualified name starts with one of Prefixes ("asio::").
inline bool isInNamespace(const Decl *D, std::initializer_list<llvm::StringRef> Prefixes) {
  std::string Name = cast<NamedDecl>(D)->getQualifiedNameAsString();
  return llvm::any_of(Prefixes,
                      [&](llvm::StringRef P) { return llvm::StringRef(Name).starts_with(P); });
}

/// A visitor over the program's own code (declarations of system headers
/// are skipped) that knows the function whose body it is in: a function, or
/// a lambda's call operator for code inside a lambda.
template <typename Derived> class ProgramCodeVisitor : public RecursiveASTVisitor<Derived> {
public:
  explicit ProgramCodeVisitor(const ASTContext &Ctx) : Ctx(Ctx) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLexicalDeclContext()->isFileContext() &&
        isLibraryCode(Ctx, D))
      return true;
    const auto *F = dyn_cast_or_null<FunctionDecl>(D);
    bool Enters = F && F->doesThisDeclarationHaveABody();
    if (Enters)
      Enclosing.push_back(F);
    bool Result = RecursiveASTVisitor<Derived>::TraverseDecl(D);
    if (Enters)
      Enclosing.pop_back();
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    Enclosing.push_back(Lambda->getCallOperator());
    bool Result = RecursiveASTVisitor<Derived>::TraverseLambdaExpr(Lambda);
    Enclosing.pop_back();
    return Result;
  }

protected:
  /// The function the visitor is in, or null outside any body.
  const FunctionDecl *enclosing() const { return Enclosing.empty() ? nullptr : Enclosing.back(); }

  const ASTContext &Ctx;

private:
  llvm::SmallVector<const FunctionDecl *, 4> Enclosing;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_ASTFACTS_H
