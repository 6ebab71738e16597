//===--- BodySummary.h - one scan of a function body ----------------------===//
//
// Every stage of the model asks the same questions of a body: what may it
// change, under which lock, what does it call, which locals does it
// initialise. The body is walked once and the answers are kept; the stages
// read the summary instead of walking the body again.
//
// Nested lambda bodies are part of the body: they run as part of it, once
// per call. A constructor's initialisers, default member initialisers and
// default arguments are part of the code that uses them. A lock is "held" at
// a point when an exclusive guard declared earlier in an enclosing scope
// holds it there; a caller's locks are the reader's to add.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_BODYSUMMARY_H
#define STATESCOPE_CHECKS_MODEL_BODYSUMMARY_H

#include "model/HandlerTables.h"
#include "model/VirtualOverriders.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang::statescope {

enum class MutationKind {
  Assign,     ///< `x = v`, `x.operator=(v)`.
  Modify,     ///< `++x`, `x += v`.
  MemberCall, ///< A non-const member function called on x.
  PassedOut,  ///< x bound to a non-const reference or pointer parameter.
};

/// An expression that may change an object.
struct Mutation {
  MutationKind Kind;
  const Expr *Object;                        ///< The lvalue (or object of a member call) changed.
  const Expr *Site;                          ///< The whole expression.
  llvm::SmallVector<const Expr *, 4> Values; ///< What flows into it.
  const CXXMethodDecl *Method = nullptr;     ///< For member calls.
  bool UnderLock = false;
  /// For an argument passed out: the function and the parameter it binds.
  const FunctionDecl *Callee = nullptr;
  unsigned ParamIndex = 0;
};

/// A store that replaces an object's value rather than updating it.
bool replacesValue(const Mutation &M);

/// A call or construction whose callee's body the unit can read.
struct VisibleCall {
  const FunctionDecl *Callee; ///< The definition.
  const Expr *Site;
  llvm::SmallVector<const Expr *, 4> Args; ///< Aligned with the parameters.
  bool UnderLock;
};

/// What one body does, in the order the code is written.
struct BodySummary {
  std::vector<Mutation> Mutations;
  /// Calls and constructions of functions with a visible, non-system body;
  /// a virtual call, once for each override the unit defines too; a call
  /// through a handler table, once for each callable stored in it.
  std::vector<VisibleCall> VisibleCalls;
  /// Every CallExpr and CXXConstructExpr, visible or not.
  std::vector<const Expr *> CallsAndConstructions;
  /// The locals with an initialiser.
  std::vector<const VarDecl *> InitialisedLocals;
};

/// The summaries of the bodies the model reads, each made on first use.
class BodySummaries {
public:
  explicit BodySummaries(ASTContext &Ctx) : Ctx(Ctx) {}

  /// The summary of F's definition: its body, and for a constructor its
  /// initialisers. Empty when the unit has no body for F.
  const BodySummary &of(const FunctionDecl *F);

  /// The overrides of each virtual method, indexed on first use.
  const VirtualOverriders &overriders();
  /// The callables stored in each handler table, indexed on first use.
  const HandlerTables &handlerTables();

private:
  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BodySummary>> Summaries;
  std::optional<VirtualOverriders> Overriders;
  std::optional<HandlerTables> Tables;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_BODYSUMMARY_H
