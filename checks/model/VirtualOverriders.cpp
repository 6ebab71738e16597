//===--- VirtualOverriders.cpp - the bodies a virtual call may run --------===//

#include "model/VirtualOverriders.h"
#include "ASTFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::statescope {

VirtualOverriders::VirtualOverriders(ASTContext &Ctx) {
  struct Collector : ProgramCodeVisitor<Collector> {
    using ProgramCodeVisitor::ProgramCodeVisitor;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitCXXMethodDecl(CXXMethodDecl *M) {
      if (M->doesThisDeclarationHaveABody() && !M->isDependentContext() &&
          M->size_overridden_methods() > 0)
        Overrides.push_back(M);
      return true;
    }
    std::vector<const CXXMethodDecl *> Overrides;
  } Collect(Ctx);
  Collect.TraverseAST(Ctx);
  for (const CXXMethodDecl *Override : Collect.Overrides) {
    // Every method it overrides, however far up, dispatches to it.
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(Override->overridden_methods());
    llvm::SmallPtrSet<const CXXMethodDecl *, 4> Seen;
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
      if (!Seen.insert(Base).second)
        continue;
      ByBase[Base].push_back(Override);
      llvm::append_range(Work, Base->overridden_methods());
    }
  }
}

llvm::ArrayRef<const CXXMethodDecl *> VirtualOverriders::of(const CXXMethodDecl *M) const {
  auto It = ByBase.find(M->getCanonicalDecl());
  return It == ByBase.end() ? llvm::ArrayRef<const CXXMethodDecl *>() : It->second;
}

const CXXMethodDecl *virtualCallee(const CallExpr *Call) {
  const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *M = MemberCall ? MemberCall->getMethodDecl() : nullptr;
  if (!M || !M->isVirtual())
    return nullptr;
  const auto *Member = dyn_cast<MemberExpr>(MemberCall->getCallee()->IgnoreParens());
  return Member && Member->hasQualifier() ? nullptr : M;
}

} // namespace clang::statescope
