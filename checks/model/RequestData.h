//===--- RequestData.h - what holds the request's data --------------------===//
//
// The third stage: handler parameters hold request data, and so does
// everything computed from them: locals initialised, assigned or filled
// from request data, parameters of request-path functions called with it,
// continuations' parameters, and fields of the object a request-path
// method runs on (a gRPC CallData's `currentUser_`, a session's `req_`).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_REQUESTDATA_H
#define STATESCOPE_CHECKS_MODEL_REQUESTDATA_H

#include "model/BodySummary.h"
#include "model/Handlers.h"
#include "model/RequestPath.h"

#include "llvm/ADT/DenseSet.h"

namespace clang::statescope {

class RequestData {
public:
  /// Follows request data until nothing more is learnt. Each pass can only
  /// add variables and fields, so the passes end.
  RequestData(const HandlerSet &Handlers, const RequestPath &Path, BodySummaries &Summaries);

  /// True when the value of E is derived from request data.
  bool contains(const Expr *E) const;

  /// The variables and fields found to hold request data.
  const llvm::DenseSet<const VarDecl *> &variables() const { return Variables; }
  const llvm::DenseSet<const FieldDecl *> &fields() const { return Fields; }

private:
  bool propagateWithin(const FunctionDecl *F, BodySummaries &Summaries);

  llvm::DenseSet<const VarDecl *> Variables;
  /// Fields of `this` (per-connection or per-call objects) that hold what
  /// the client sent.
  llvm::DenseSet<const FieldDecl *> Fields;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_REQUESTDATA_H
