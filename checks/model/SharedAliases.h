//===--- SharedAliases.h - pointers that lead into shared state -----------===//
//
// Part of the shared-write stage: a pointer or smart pointer copied from
// shared state points to the same object every request reaches. The static
// `HttpResponsePtr notFound` that an accessor returns by value, a
// singleton's `std::shared_ptr` member handed out by const reference: the
// caller's copy is a second name for the one shared pointee, and a change
// made through it is a change of shared state.
//
// Followed: locals initialised from such a pointer, functions whose every
// return hands one out (through calls in the unit, and a member returned
// from `this` when the call's object is shared), and parameters that a
// request-path call binds to one. Not followed: container elements (a slot
// a key chooses is not the one object), library calls (`lock()`,
// `make_shared`), and objects made per request.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_SHAREDALIASES_H
#define STATESCOPE_CHECKS_MODEL_SHAREDALIASES_H

#include "model/BodySummary.h"
#include "model/MemberEffects.h"
#include "model/ProgramView.h"
#include "model/RequestPath.h"
#include "model/SharedObjects.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::statescope {

/// A pointer whose pointee is shared: the shared object (and the field of it
/// that holds the pointer, when one does), and the return that handed the
/// pointer out, when a function did.
struct SharedAlias {
  const SharedObject *Object = nullptr;
  const FieldDecl *Field = nullptr;
  const Expr *HandedOutBy = nullptr;
};

class SharedAliases {
public:
  /// Learns which parameters request-path calls bind to shared pointers.
  SharedAliases(BodySummaries &Summaries, SharedObjects &Objects, const RequestPath &Path);

  /// The shared objects that E, a pointer or smart pointer written in `In`,
  /// may point to. Empty when E is not known to lead into shared state.
  llvm::SmallVector<SharedAlias, 2> aliasesOf(const Expr *E, const FunctionDecl *In,
                                              unsigned Depth = 0);

private:
  /// What every return of Callee hands out, for the call Call made in In.
  llvm::SmallVector<SharedAlias, 2> returnedAliases(const FunctionDecl *Callee,
                                                    const CallExpr *Call, const FunctionDecl *In,
                                                    unsigned Depth);
  /// Binds the shared pointers that request-path calls pass to parameters.
  bool bindArguments(const FunctionDecl *F);

  BodySummaries &Summaries;
  SharedObjects &Objects;
  llvm::DenseMap<const ParmVarDecl *, llvm::SmallVector<SharedAlias, 2>> ParamAliases;
  llvm::DenseSet<const FunctionDecl *> InProgress;
};

/// True for a raw pointer or a std::shared_ptr / std::unique_ptr, through
/// references: a value whose copies share one pointee.
bool isPointerLike(QualType T);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_SHAREDALIASES_H
