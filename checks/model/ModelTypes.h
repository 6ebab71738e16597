//===--- ModelTypes.h - what the request-scope model answers --------------===//
//
// The results of the request-scope model, as the checks read them: the
// handlers, how each function is reached from one, the shared objects, the
// writes into them on the request path, and the reads that see a value the
// request set before it stopped running. Kinds and AST nodes only: the
// checks word the messages.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_MODELTYPES_H
#define STATESCOPE_CHECKS_MODEL_MODELTYPES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::statescope {

/// The rule by which the model took a function to run once per request.
enum class HandlerRule {
  Framework,            ///< A framework registration or a framework's shape.
  Annotation,           ///< [[clang::annotate("statescope::request_handler")]].
  HandlerFunctions,     ///< Its name matches the HandlerFunctions option.
  HandlerRegistrations, ///< Passed to a function HandlerRegistrations names.
  DerivedRequest,       ///< It takes the project's class derived from a
                        ///< framework's request type.
  WholeProgram,         ///< Another file's handler calls it with request data.
  RequestReading,       ///< It reads the next request itself (a session loop).
};

/// A function whose body runs once for every request.
struct Handler {
  const FunctionDecl *Function = nullptr;
  /// How the framework catalogue names it: "the handler for GET /orders".
  std::string Description;
  /// Where it is registered (or defined, for overrides and annotations).
  SourceLocation Location;
  /// The parameters that receive request data, when not all of them do (a
  /// function another file's handler calls).
  std::optional<std::vector<unsigned>> RequestParams;
  /// Which rule made it a handler.
  HandlerRule Rule = HandlerRule::Framework;
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
  DeclaredInstance,  ///< An instance of a class the project declares it keeps one of.
  MadeAtStartUp,     ///< `this` of a class only code outside requests creates.
  PassedIn,          ///< A shared object another unit's request path passes in
                     ///< (whole-program facts): a parameter, or `this`.
  HeldByCopies,      ///< An instance of a handler class reached through a pointer member
                     ///< that every copy of a copied handler shares.
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
  /// The variable behind the object, when there is one (for PassedIn, the
  /// parameter it arrives in).
  const VarDecl *Variable = nullptr;
  /// PassedIn: how the calling unit knows the object and who passes it
  /// ("'model', a local of 'main' that handlers capture by reference").
  std::string Origin;

  /// True when the object is known by its class or by another unit, not by
  /// a variable of this unit: the one instance a framework or the project
  /// keeps, or one another file's handler passes in.
  bool isInstanceOfClass() const {
    return Kind == SharingKind::FrameworkInstance || Kind == SharingKind::DeclaredInstance ||
           Kind == SharingKind::MadeAtStartUp || Kind == SharingKind::PassedIn ||
           Kind == SharingKind::HeldByCopies;
  }

  /// True when the object's type is a class of the project rather than a
  /// scalar, pointer, array or library type.
  bool isProjectClass(const ASTContext &Ctx) const;
};

enum class WriteKind {
  Assign,     ///< `shared = v`, `shared.field = v`.
  Modify,     ///< `++shared`, `shared += v`, a mutating library call.
  SetterCall, ///< A member function of the project that stores fields.
  PassedOut,  ///< Bound to a non-const reference or pointer parameter.
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
  /// For a write through a pointer copied from shared state: the return
  /// that handed the pointer out, when a function did.
  const Expr *HandedOutBy = nullptr;

  bool isRequestData() const { return RequestValue != nullptr; }
};

/// How a request stopped running, letting other code change per-thread and
/// shared state before it went on.
enum class SuspensionKind {
  Await,         ///< `co_await` or `co_yield` in a coroutine.
  StackfulYield, ///< A call given the coroutine's `yield_context`.
  DeferredWork,  ///< Work posted to run later (asio::post, std::async, a
                 ///< completion handler).
  LaterCallback, ///< A later callback of the same call (a gRPC reactor's On*
                 ///< methods).
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
  /// Where the request stopped: the co_await or co_yield, the call given the
  /// yield_context, the call that hands the work over. Null for later
  /// callbacks.
  const Expr *Suspension = nullptr;
  /// DeferredWork: the framework catalogue's name for the work handed over
  /// ("the completion handler of 'async_read'").
  std::string HandedOverWork;

  /// True when the read is the variable itself, in Function, with nothing
  /// in between: the case a local copy can replace.
  bool isDirectRead() const;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_MODELTYPES_H
