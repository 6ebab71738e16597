//===--- HandlerTables.h - callables a dispatcher looks up by key ---------===//
//
// Servers that dispatch by command name keep a table of callables: a map
// of name to member-function pointer or std::function, filled at start-up
// (`commands_["login"] = &Server::login;`) and called by a handler
// (`(this->*commands_.at(name))(args)`, `routes_[path](req)`). The call has
// no callee the AST names; every callable the unit stores into that table
// is what it may run. The table is a variable or field whose type holds
// callables: a container with a member-function pointer, function pointer
// or function wrapper among its template arguments, or an array of them.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_HANDLERTABLES_H
#define STATESCOPE_CHECKS_MODEL_HANDLERTABLES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::statescope {

/// A call through a table entry: the table and the arguments the entry
/// receives, aligned with its parameters.
struct TableCall {
  const ValueDecl *Table = nullptr;
  /// The object a member-function pointer is called on (`this` in
  /// `(this->*entry)(args)`), else null.
  const Expr *Object = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
};

/// The table Call looks an entry up in and calls, if it calls through one.
std::optional<TableCall> callThroughTable(const CallExpr *Call);

class HandlerTables {
public:
  /// Indexes what the program's code of the unit stores into tables:
  /// assignments to an entry, insertions, and initialisers of the table.
  explicit HandlerTables(ASTContext &Ctx);

  /// The definitions of the callables stored into Table.
  llvm::ArrayRef<const FunctionDecl *> entriesOf(const ValueDecl *Table) const;

private:
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const FunctionDecl *, 4>> Entries;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_HANDLERTABLES_H
