//===--- Frameworks.h - how web and RPC frameworks run requests -----------===//
//
// The framework half of the request-scope model: which functions a framework
// calls once per request (by their shape, or because the code registers them
// as handlers), which objects it keeps one instance of for every request, and
// which calls fill variables with data read from the client. Everything here
// matches on the frameworks' real qualified names and signatures, as
// catalogued in docs/request-scope-model.md. Frameworks.cpp implements the
// handlers and objects; FrameworkRuntime.cpp what happens while a request
// runs (suspensions, work handed over, callback sequences).
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_FRAMEWORKS_H
#define STATESCOPE_CHECKS_FRAMEWORKS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::statescope {

/// A function that a registration makes the framework run once per request.
struct RegisteredHandler {
  const FunctionDecl *Function = nullptr;
  /// How a reader knows it: "the handler for GET /orders".
  std::string Description;
  /// The registered expression.
  SourceLocation Location;
  /// The class of the object the registration binds for every request:
  /// `Routes::bind(&C::m, obj)`, `std::bind(&C::m, this, _1)`, or a lambda
  /// capturing `this`. Null for free functions and per-connection callbacks.
  const CXXRecordDecl *SharedInstance = nullptr;
};

/// Handlers that are so by their own declaration: overrides of a framework's
/// per-request hooks, coroutine sessions, Oat++ endpoint proxies. Returns how
/// to name the handler, or nothing.
std::optional<std::string> handlerByShape(const FunctionDecl *F, const ASTContext &Ctx);

/// The handlers a call registers (route registration, hook setters, a read
/// whose completion handler runs per request).
void handlersRegisteredBy(const CallExpr *Call, llvm::SmallVectorImpl<RegisteredHandler> &Out);

/// The callables passed to Call, as handlers registered by it; Fallback names
/// them when the call has no literal route.
void handlersPassedTo(const CallExpr *Call, const std::string &Fallback,
                      llvm::SmallVectorImpl<RegisteredHandler> &Out);

/// The handlers an object construction registers (Seastar function_handler).
void handlersRegisteredBy(const CXXConstructExpr *Construct,
                          llvm::SmallVectorImpl<RegisteredHandler> &Out);

/// `std::function`, `boost::function` and Boost's numbered `functionN`.
bool isFunctionWrapper(const CXXRecordDecl *Class);

/// The function a callable expression runs: a lambda's call operator, a
/// function or member function named or taken the address of, through
/// `std::bind` and its like, function wrappers and locals holding one.
const FunctionDecl *callableBody(const Expr *E);

/// True when the framework creates one instance of Class and lets every
/// request use it (a gRPC service, a Drogon controller, a CivetHandler).
bool isSharedByFramework(const CXXRecordDecl *Class);

/// Framework objects made to be used by every request at once: event loops,
/// executors, thread pools and completion queues. Posting work to them is
/// what they are for.
bool isSharedByDesign(const CXXRecordDecl *Class);

/// True for classes of the frameworks above, wherever their headers come
/// from (projects often vendor cpp-httplib or Crow next to their sources).
bool isFrameworkClass(const CXXRecordDecl *Class);

/// The framework request class that T (through references, pointers and
/// std::shared_ptr / std::unique_ptr) is or derives from: `httplib::Request`,
/// `drogon::HttpRequest` behind `HttpRequestPtr`, a Beast request message, a
/// gRPC server context; null when T is none of the frameworks' requests.
const CXXRecordDecl *frameworkRequestClass(QualType T);

/// The arguments of Call that it fills with data read from the client: a
/// socket read's buffer, the message of `http::read`, the request of a gRPC
/// async `Request*` call. Empty when Call reads nothing from the client.
llvm::SmallVector<const Expr *, 2> requestInputsOf(const CallExpr *Call);

/// True when a function that makes Call runs once per request (or per
/// message on a connection) because Call waits for the next request.
bool isRequestReadingCall(const CallExpr *Call);

//--- Where a request stops and other code runs on its thread ---------------//

/// True when awaiting E resumes at once without letting anything else run:
/// `co_await asio::this_coro::executor`, an awaiter whose await_ready is a
/// constant true (`std::suspend_never`).
bool awaitNeverSuspends(const CoroutineSuspendExpr *E, const ASTContext &Ctx);

/// Asio's and Boost.Asio's `yield_context`: a call given one may suspend the
/// stackful coroutine that owns it.
bool isYieldContext(QualType T);

/// A callable that Site hands over to run later, and the hand-over in words.
struct DeferredWork {
  const Expr *Callable = nullptr;
  /// "the work posted with 'asio::post'", "the completion handler of
  /// 'async_wait'".
  std::string Description;
};

/// What Site (a call or a construction) runs later, on whatever thread the
/// executor picks: work given to asio's post/dispatch/defer/co_spawn,
/// std::async and std::thread, and the completion handlers of Asio's and
/// Beast's async operations.
llvm::SmallVector<DeferredWork, 1> deferredWorkOf(const Expr *Site);

/// True for the member functions through which a framework hands one call
/// over a sequence of callbacks, each run on whichever thread completed the
/// previous operation: a gRPC callback reactor's constructor and its On*
/// overrides.
bool isSequenceCallback(const CXXMethodDecl *M);

/// True when the unit runs a Crow app (`app.run()`, `run_async()`) and never
/// makes it multithreaded (`multithreaded()`, `concurrency(n)`): Crow then
/// runs every handler on its one worker thread, one request after another.
bool runsHandlersOnOneThread(ASTContext &Ctx);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_FRAMEWORKS_H
