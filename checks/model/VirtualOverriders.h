//===--- VirtualOverriders.h - the bodies a virtual call may run ----------===//
//
// A request handler that calls `model->predict(prompt)` through a base
// class runs whichever override the object has: every override the unit
// defines is on the request path, and what the call stores is what any of
// them stores.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_VIRTUALOVERRIDERS_H
#define STATESCOPE_CHECKS_MODEL_VIRTUALOVERRIDERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::statescope {

class VirtualOverriders {
public:
  /// Indexes every override with a body in the program's code of the unit.
  explicit VirtualOverriders(ASTContext &Ctx);

  /// The definitions of the methods that override M, directly or through
  /// other overrides (not M itself).
  llvm::ArrayRef<const CXXMethodDecl *> of(const CXXMethodDecl *M) const;

private:
  llvm::DenseMap<const CXXMethodDecl *, llvm::SmallVector<const CXXMethodDecl *, 2>> ByBase;
};

/// The method a call dispatches virtually, or null: a virtual member called
/// without a qualifier (`Base::f()` calls exactly Base's).
const CXXMethodDecl *virtualCallee(const CallExpr *Call);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_VIRTUALOVERRIDERS_H
