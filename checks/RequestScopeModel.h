//===--- RequestScopeModel.h - what runs per request, what is shared ------===//
//
// The request-scope model answers, once per translation unit, the three
// questions every statescope check asks:
//   1. What runs per request? Framework handlers, user-declared handlers, and
//      every function they call that the translation unit defines.
//   2. What outlives a request? Globals, statics, singletons behind accessors,
//      objects captured by reference into handlers, and objects the framework
//      keeps one instance of.
//   3. What is request data? Handler parameters and everything computed from
//      them, followed through locals, arguments and member calls.
// Its answer is the list of writes into shared state made on the request
// path; the checks decide which of those writes they report and how.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H
#define STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::statescope {

/// Settings that change what the model considers per request or shared. They
/// come from check options and are the same for every check of a run.
struct ModelOptions {
  /// Semicolon-separated regular expressions; functions whose qualified name
  /// matches one are request handlers.
  std::string HandlerFunctions;
  /// Semicolon-separated regular expressions; callables passed to a function
  /// whose qualified name matches one are request handlers (a project's own
  /// router: `web::http::experimental::listener::api_router::support`).
  std::string HandlerRegistrations;
  /// Regular expression for member functions whose body is not visible but
  /// whose name says they change the object (setContext, init, bind...).
  std::string SetterNames = "^(set|init|configure|bind|reset|update|use|"
                            "select|switch|attach|assign|store|remember)"
                            // A whole word: `userHasCap` is not `use`.
                            "([A-Z0-9_]|$)";
  /// How many calls away from a handler code still counts as per request.
  unsigned MaxCallDepth = 8;
  /// Semicolon-separated regular expressions; objects whose type's qualified
  /// name matches one are safe to share (a thread-safe logger, a pool), and
  /// writes into them are never findings.
  std::string SafeTypes;

  std::string fingerprint() const;
};

/// A function whose body runs once for every request.
struct Handler {
  const FunctionDecl *Function = nullptr;
  /// How a reader knows it: "the handler for GET /orders".
  std::string Description;
  /// Where it is registered (or defined, for overrides and annotations).
  SourceLocation Location;
  /// The parameters that receive request data, when not all of them do (a
  /// function another file's handler calls).
  std::optional<std::vector<unsigned>> RequestParams;
};

/// How a function came to be on the request path: the shortest call chain
/// from a handler.
struct Reach {
  const Handler *Root = nullptr;
  const FunctionDecl *Caller = nullptr; ///< Null for the handler itself.
  SourceLocation CallLocation;
  unsigned Depth = 0;
};

enum class SharingKind {
  Global,            ///< Namespace-scope variable.
  StaticMember,      ///< Static data member.
  LocalStatic,       ///< Function-local static, including Meyers singletons.
  CapturedByHandler, ///< A start-up local captured by reference by a handler.
  FrameworkInstance, ///< An object the framework keeps one of (gRPC service).
};

/// An object that every request sees.
struct SharedObject {
  /// Identity: the variable, the accessor without a visible body, or the
  /// class for framework-owned instances.
  const NamedDecl *Key = nullptr;
  SharingKind Kind = SharingKind::Global;
  /// How the code names it: "orderManager", "Session::instance()".
  std::string Name;
  /// The object's type, through pointers and smart pointers.
  QualType ObjectType;
  /// Where it is declared (may be a header).
  SourceLocation Declaration;
  /// The variable behind the object, when there is one.
  const VarDecl *Variable = nullptr;

  /// True when the object's type is a class of the project rather than a
  /// scalar, pointer, array or library type.
  bool isProjectClass(const ASTContext &Ctx) const;
};

enum class WriteKind {
  Assign,      ///< `shared = v`, `shared.field = v`.
  Modify,      ///< `++shared`, `shared += v`, a mutating library call.
  SetterCall,  ///< A member function of the project that stores fields.
  PassedOut,   ///< Bound to a non-const reference or pointer parameter.
};

/// One change of shared state made on the request path.
struct SharedWrite {
  const SharedObject *Target = nullptr;
  WriteKind Kind = WriteKind::Assign;
  /// The first-level field changed, when known.
  const FieldDecl *Field = nullptr;
  /// The member function through which the change happens.
  const FunctionDecl *Through = nullptr;
  /// The expression that makes the change.
  const Expr *Site = nullptr;
  /// The request data written, when the written value is request data.
  const Expr *RequestValue = nullptr;
  /// Under a lock, into a container slot chosen by a request key.
  bool GuardedKeyedSlot = false;
  /// Under a lock, but into one slot shared by every request.
  bool GuardedSingleSlot = false;
  /// A later write in the same function that puts the old value back: the
  /// request data is still visible to requests running in between.
  const Expr *RestoredBy = nullptr;
  /// The function containing Site.
  const FunctionDecl *Function = nullptr;

  bool isRequestData() const { return RequestValue != nullptr; }
};

/// How a request stopped running, letting other code change per-thread and
/// shared state before it went on.
enum class SuspensionKind {
  Await,         ///< `co_await` or `co_yield` in a coroutine.
  StackfulYield, ///< A call given the coroutine's `yield_context`.
  DeferredWork,  ///< Work posted to run later (asio::post, std::async, a completion handler).
  LaterCallback, ///< A later callback of the same call (a gRPC reactor's On* methods).
};

/// A read, on the request path, of thread_local or shared state that this
/// request set before it stopped running: by the time of the read, the
/// thread may have served other requests (or be another thread), so the
/// value need not be the one this request set.
struct StaleRead {
  /// The state: a thread_local variable (through its accessor, if any), or
  /// a shared object.
  const VarDecl *ThreadLocal = nullptr;
  const SharedObject *Object = nullptr;
  /// How the code names the state: "currentUser", "RequestContext::current()".
  std::string Name;
  /// The function the read is written in.
  const FunctionDecl *Function = nullptr;
  /// The read, or the call in Function through which it happens.
  const Expr *Read = nullptr;
  /// For a read through a call: the read in the called code.
  const Expr *ReadInside = nullptr;
  /// This request's write, or the call through which it happens.
  const Expr *Write = nullptr;
  /// For shared objects: the model's record of that write.
  const SharedWrite *SharedSource = nullptr;
  SuspensionKind Kind = SuspensionKind::Await;
  /// Where the request stopped: the co_await, the suspending call, the call
  /// that posts the work. Null for later callbacks.
  const Expr *Suspension = nullptr;
  /// The suspension in words, to follow "is read ": "after 'co_await
  /// lookupCredit(item)' suspended the request".
  std::string SuspensionText;

  /// True when the read is the variable itself, in Function, with nothing
  /// in between: the case a local copy can replace.
  bool isDirectRead() const;
};

class RequestScopeModel {
public:
  /// The model of the translation unit behind Ctx, built on first use and
  /// kept until the ASTContext is destroyed.
  static const RequestScopeModel &get(ASTContext &Ctx,
                                      const ModelOptions &Options);

  RequestScopeModel(ASTContext &Ctx, const ModelOptions &Options);

  const std::vector<std::unique_ptr<Handler>> &handlers() const {
    return Handlers;
  }
  const std::vector<SharedWrite> &writes() const { return Writes; }

  /// How F is reached from a handler, or null when F is not per request.
  const Reach *reach(const FunctionDecl *F) const;

  /// Reads of per-thread or shared state that the request set before a
  /// suspension, a hand-over of work or an earlier callback.
  const std::vector<StaleRead> &staleReads() const { return Stale; }

  /// True when the value of E is derived from request data.
  bool isRequestData(const Expr *E) const;

  /// Variables of the main file with static storage that nothing in the
  /// translation unit modifies after initialisation.
  /// Computed on first use: only the checks configured to report these ask.
  const std::vector<const VarDecl *> &neverWrittenStatics() const {
    if (!NeverWritten)
      NeverWritten = findNeverWrittenStatics();
    return *NeverWritten;
  }

  /// Markers of state shared on purpose that do not say why, in the main
  /// file: where each is and what it marks.
  struct UnexplainedMarker {
    SourceLocation Location;
    std::string Marked; ///< The declaration's name, or empty for a comment alone.
  };
  const std::vector<UnexplainedMarker> &unexplainedMarkers() const {
    if (!Unexplained)
      Unexplained = findUnexplainedMarkers();
    return *Unexplained;
  }

  /// A short rendering of an expression's source for messages.
  std::string spelling(const Expr *E) const;

  ASTContext &context() const { return Ctx; }

private:
  struct FieldEffects;
  class Builder;
  friend class Builder;

  std::vector<const VarDecl *> findNeverWrittenStatics() const;
  std::vector<UnexplainedMarker> findUnexplainedMarkers() const;

  ASTContext &Ctx;
  std::vector<std::unique_ptr<Handler>> Handlers;
  llvm::DenseMap<const FunctionDecl *, Reach> Reached;
  llvm::DenseSet<const VarDecl *> Tainted;
  /// Fields of per-connection or per-call objects that a read fills with
  /// what the client sent (a Beast session's `req_`, a gRPC call's request).
  llvm::DenseSet<const FieldDecl *> TaintedFields;
  std::map<const NamedDecl *, SharedObject> Objects;
  std::vector<SharedWrite> Writes;
  std::vector<StaleRead> Stale;
  mutable std::optional<std::vector<const VarDecl *>> NeverWritten;
  mutable std::optional<std::vector<UnexplainedMarker>> Unexplained;
};

/// Why a declaration is shared on purpose, from its marker: the annotation
/// `[[clang::annotate("statescope::shared", "why")]]` or a comment
/// `// statescope: shared - why` on its line or the line above. Nothing when
/// it has no marker; an empty string when the marker gives no reason.
std::optional<std::string> sharedOnPurposeReason(const Decl *D, const ASTContext &Ctx);

/// std::atomic and std::atomic_ref: safe for counters and flags, not for
/// holding one request's data.
bool isAtomicType(QualType T);

/// Where a finding about an object declared at Declaration is reported: the
/// declaration when it is in the main file, else the first write there.
SourceLocation primaryLocation(const SourceManager &SM,
                               SourceLocation Declaration,
                               llvm::ArrayRef<const SharedWrite *> Writes);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_REQUESTSCOPEMODEL_H
