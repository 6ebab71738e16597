//===--- TestCode.cpp - functions a test framework defines ----------------===//

#include "model/TestCode.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::statescope {

namespace {
/// The name of the macro written in the source where D's name comes from,
/// when a macro expansion gives D its name: `TEST_CASE` for the function
/// doctest's `TEST_CASE("login")` defines.
llvm::StringRef definingMacro(const Decl *D) {
  SourceLocation Loc = D->getLocation();
  if (!Loc.isMacroID())
    return {};
  const ASTContext &Ctx = D->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Written = SM.getExpansionLoc(Loc);
  unsigned Length = Lexer::MeasureTokenLength(Written, SM, Ctx.getLangOpts());
  if (Length == 0)
    return {};
  return llvm::StringRef(SM.getCharacterData(Written), Length);
}
} // namespace

bool isInTestBody(const FunctionDecl *F, const OptionPatterns &Patterns) {
  for (const DeclContext *DC = F; DC; DC = DC->getParent())
    if (const auto *Function = dyn_cast<FunctionDecl>(DC)) {
      llvm::StringRef Macro = definingMacro(Function);
      if (!Macro.empty() && Patterns.isTestMacroName(Macro))
        return true;
    }
  return false;
}

} // namespace clang::statescope
