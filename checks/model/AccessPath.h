//===--- AccessPath.h - which object an lvalue starts from ----------------===//
//
// `orders_[id].total`, `(*ctx)->user`, `instance().cache.get()[k]`: the
// object such an access starts from decides whether it is shared, the
// first field decides what changed, and the subscripts decide whether each
// request has a slot of its own.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_ACCESSPATH_H
#define STATESCOPE_CHECKS_MODEL_ACCESSPATH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::statescope {

/// The access path of an lvalue: the object it starts from, the first-level
/// field and any subscripts on the way.
struct AccessPath {
  /// A DeclRefExpr, CXXThisExpr, the call of an accessor, or whatever the
  /// path could not be followed through.
  const Expr *Root = nullptr;
  const FieldDecl *Field = nullptr;
  llvm::SmallVector<const Expr *, 2> Indices;
};

/// Strips member accesses, subscripts, dereferences, smart-pointer `get()`
/// and explicit casts from E.
AccessPath accessPath(const Expr *E);

/// The return statements of a body, not those of lambdas inside it.
llvm::SmallVector<const ReturnStmt *, 4> returnsOf(const Stmt *Body);

/// The one variable with static or thread storage that F's body returns by
/// reference or pointer (an accessor such as a Meyers singleton), or null.
const VarDecl *returnedStatic(const FunctionDecl *F);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_ACCESSPATH_H
