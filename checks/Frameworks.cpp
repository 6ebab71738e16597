//===--- Frameworks.cpp - how web and RPC frameworks run requests ---------===//

#include "Frameworks.h"
#include "ASTFacts.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::statescope {
namespace {

bool nameIn(const NamedDecl *D, std::initializer_list<llvm::StringRef> Names) {
  return D && D->getDeclName().isIdentifier() && llvm::is_contained(Names, D->getName());
}

bool isFromGeneratedGrpcHeader(const ASTContext &Ctx, const Decl *D) {
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.getFilename(SM.getExpansionLoc(D->getLocation())).ends_with(".grpc.pb.h");
}

/// `http::request<...>`: a Beast message whose isRequest argument is true.
bool isBeastRequest(QualType T) {
  const auto *Spec = specializationOf(T);
  if (!Spec || !hasQualifiedName(Spec, "boost::beast::http::message"))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Integral &&
         Args[0].getAsIntegral() != 0;
}

/// A connection a coroutine session reads requests from.
bool isStreamType(QualType T) {
  return isSpecializationOf(T, {"asio::basic_stream_socket", "boost::asio::basic_stream_socket",
                                "boost::beast::basic_stream", "boost::asio::ssl::stream",
                                "asio::ssl::stream", "boost::beast::websocket::stream"});
}

/// The HTTP method a registration function names ("http_get": GET), or "".
llvm::StringRef verbOf(llvm::StringRef Function) {
  llvm::StringRef Name = Function;
  Name.consume_front("http_");
  std::string Lower = Name.lower();
  if (Lower == "get")
    return "GET";
  if (Lower == "post")
    return "POST";
  if (Lower == "put")
    return "PUT";
  if (Lower == "patch")
    return "PATCH";
  if (Lower == "delete" || Lower == "del")
    return "DELETE";
  if (Lower == "options")
    return "OPTIONS";
  if (Lower == "head")
    return "HEAD";
  return "";
}

const StringLiteral *findStringLiteral(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  if (const auto *Lit = dyn_cast<StringLiteral>(S))
    return Lit;
  for (const Stmt *Child : S->children())
    if (const auto *Lit = findStringLiteral(Child))
      return Lit;
  return nullptr;
}

/// The route a registration names: its first narrow string literal.
std::string routeOf(llvm::ArrayRef<const Expr *> Args) {
  for (const Expr *Arg : Args)
    if (const StringLiteral *Lit = findStringLiteral(Arg))
      if (Lit->getCharByteWidth() == 1)
        return Lit->getString().str();
  return "";
}

/// "the handler for GET /orders", "the handler for /orders",
/// "the websocketpp 'set_message_handler' hook".
std::string describeRoute(llvm::StringRef Verb, const std::string &Route,
                          llvm::StringRef Fallback) {
  // A route that is not a literal (a wrapper's parameter) names no path.
  if (Route.empty())
    return Fallback.str();
  return "the handler for " + (Verb.empty() ? "" : Verb.str() + " ") + Route;
}

/// The class whose `this` a lambda captures, or null.
const CXXRecordDecl *capturedThisClass(const LambdaExpr *Lambda) {
  if (!llvm::any_of(Lambda->captures(), [](const LambdaCapture &C) { return C.capturesThis(); }))
    return nullptr;
  for (const DeclContext *DC = Lambda->getLambdaClass()->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *M = dyn_cast<CXXMethodDecl>(DC); M && !M->getParent()->isLambda())
      return M->getParent();
  return nullptr;
}

struct Callable {
  const FunctionDecl *Body = nullptr;
  const CXXRecordDecl *BoundInstance = nullptr;
};

bool isBinder(const FunctionDecl *F) {
  if (!F || !F->getDeclName().isIdentifier())
    return false;
  std::string Name = F->getQualifiedNameAsString();
  return Name == "std::bind" || Name == "std::bind_front" || Name == "boost::bind" ||
         Name == "boost::beast::bind_front_handler" || Name == "boost::beast::bind_handler" ||
         Name == "Pistache::Rest::Routes::bind" || Name == "Pistache::Rest::Routes::middleware";
}

Callable resolveCallable(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 4)
    return {};
  E = ignoreWrappers(E);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    const CXXMethodDecl *Op = Lambda->getCallOperator();
    // A generic lambda runs as the instantiation the framework calls.
    if (const FunctionTemplateDecl *Template = Lambda->getDependentCallOperator())
      if (!Template->specializations().empty())
        Op = cast<CXXMethodDecl>(*Template->specializations().begin());
    return {Op, capturedThisClass(Lambda)};
  }
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_AddrOf)
    return resolveCallable(Op->getSubExpr(), Depth + 1);
  // `boost::function`'s converting constructor takes a defaulted second
  // parameter (an enable_if tag), which ignoreWrappers does not look through.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() > 0 &&
      isFunctionWrapper(Construct->getConstructor()->getParent()) &&
      llvm::all_of(llvm::drop_begin(Construct->arguments()),
                   [](const Expr *Arg) { return isa<CXXDefaultArgExpr>(Arg); }))
    return resolveCallable(Construct->getArg(0), Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
      return {F, nullptr};
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      return resolveCallable(Var->getInit(), Depth + 1);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && isBinder(Call->getDirectCallee()) && Call->getNumArgs() > 0) {
    Callable Inner = resolveCallable(Call->getArg(0), Depth + 1);
    // `bind(&C::m, object, ...)`: the object answers every call.
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Inner.Body);
        M && !M->isStatic() && Call->getNumArgs() > 1)
      Inner.BoundInstance = M->getParent();
    return Inner;
  }
  return {};
}

} // namespace

bool isFunctionWrapper(const CXXRecordDecl *Class) {
  if (!Class || !Class->getDeclName().isIdentifier())
    return false;
  std::string Name = Class->getQualifiedNameAsString();
  llvm::StringRef Ref(Name);
  return Ref == "std::function" ||
         (Ref.consume_front("boost::function") && llvm::all_of(Ref, llvm::isDigit));
}

const FunctionDecl *callableBody(const Expr *E) { return resolveCallable(E).Body; }

namespace {
/// Adds a handler for each callable argument of a registration.
void addCallables(llvm::ArrayRef<const Expr *> Args, const std::string &Description,
                  bool SharesBoundInstance, llvm::SmallVectorImpl<RegisteredHandler> &Out) {
  for (const Expr *Arg : Args) {
    Callable C = resolveCallable(Arg);
    if (!C.Body)
      continue;
    Out.push_back(
        {C.Body, Description, Arg->getBeginLoc(), SharesBoundInstance ? C.BoundInstance : nullptr});
  }
}

/// `name(socket, buffer, ...)` of Asio and Beast: reads from the client.
bool isStreamRead(llvm::StringRef Qualified) {
  static const llvm::StringSet<> Reads = {"asio::read",
                                          "asio::async_read",
                                          "asio::read_until",
                                          "asio::async_read_until",
                                          "boost::asio::read",
                                          "boost::asio::async_read",
                                          "boost::asio::read_until",
                                          "boost::asio::async_read_until",
                                          "boost::beast::http::read",
                                          "boost::beast::http::async_read",
                                          "boost::beast::http::read_header",
                                          "boost::beast::http::async_read_header"};
  return Reads.contains(Qualified);
}

} // namespace

std::optional<std::string> handlerByShape(const FunctionDecl *F, const ASTContext &Ctx) {
  std::string Name = F->getNameAsString();
  if (isLibraryCode(Ctx, F))
    return std::nullopt;

  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    const CXXRecordDecl *Class = M->getParent();
    std::string Qualified = Class->getNameAsString() + "::" + Name;
    bool Overrides = M->size_overridden_methods() > 0;

    // gRPC sync and callback services: overrides taking the call's context.
    // The generated *.grpc.pb.h stubs have the same shape and are skipped.
    if (Overrides && M->getNumParams() > 0 && isSameOrDerivedFrom(Class, "grpc::Service") &&
        !isFromGeneratedGrpcHeader(Ctx, M) &&
        isSameOrDerivedFrom(M->getParamDecl(0)->getType()->getPointeeCXXRecordDecl(),
                            "grpc::ServerContextBase"))
      return "the gRPC method '" + Name + "'";
    // gRPC callback reactors, interceptors and auth processors run per call.
    if (Overrides && llvm::StringRef(Name).starts_with("On") &&
        isSameOrDerivedFrom(Class, "grpc::internal::ServerReactor"))
      return "the gRPC reactor callback '" + Qualified + "'";
    if (Overrides &&
        ((Name == "Intercept" && isSameOrDerivedFrom(Class, "grpc::experimental::Interceptor")) ||
         (Name == "CreateServerInterceptor" &&
          isSameOrDerivedFrom(Class, "grpc::experimental::ServerInterceptorFactoryInterface")) ||
         (Name == "Process" && isSameOrDerivedFrom(Class, "grpc::AuthMetadataProcessor"))))
      return "the gRPC hook '" + Qualified + "'";

    // POCO: handler objects and the factory's choice run once per request.
    if ((Name == "handleRequest" && isSameOrDerivedFrom(Class, "Poco::Net::HTTPRequestHandler")) ||
        (Name == "run" && isSameOrDerivedFrom(Class, "Poco::Net::AbstractHTTPRequestHandler")) ||
        (Name == "createRequestHandler" &&
         isSameOrDerivedFrom(Class, "Poco::Net::HTTPRequestHandlerFactory")))
      return "the POCO handler '" + Qualified + "'";

    if (nameIn(M, {"onRequest", "onTimeout"}) &&
        isSameOrDerivedFrom(Class, "Pistache::Http::Handler"))
      return "the Pistache handler '" + Qualified + "'";

    if ((nameIn(M, {"handleGet", "handlePost", "handleHead", "handlePut", "handleDelete",
                    "handleOptions", "handlePatch"}) &&
         isSameOrDerivedFrom(Class, "CivetHandler")) ||
        (Name == "authorize" && isSameOrDerivedFrom(Class, "CivetAuthHandler")) ||
        (nameIn(M, {"handleConnection", "handleReadyState", "handleData", "handleClose"}) &&
         isSameOrDerivedFrom(Class, "CivetWebSocketHandler")))
      return "the civetweb handler '" + Qualified + "'";

    if (Name == "asyncHandleHttpRequest" &&
        isSameOrDerivedFrom(Class, "drogon::HttpSimpleControllerBase"))
      return "the Drogon controller '" + Qualified + "'";

    // Oat++ ENDPOINT(...) generates a proxy that parses the request and calls
    // the method the user wrote.
    if (llvm::StringRef(Name).starts_with("Z__PROXY_METHOD_") &&
        isSameOrDerivedFrom(Class, "oatpp::web::server::api::ApiController"))
      return "the Oat++ endpoint '" +
             llvm::StringRef(Name).drop_front(strlen("Z__PROXY_METHOD_")).str() + "'";
    if (Overrides && nameIn(M, {"handle", "handleAsync"}) &&
        isSameOrDerivedFrom(Class, "oatpp::web::server::HttpRequestHandler"))
      return "the Oat++ handler '" + Qualified + "'";

    if (Overrides &&
        nameIn(M, {"HandleRequestThrow", "HandleRequestJsonThrow", "HandleStreamRequest",
                   "HandleRequest"}) &&
        isSameOrDerivedFrom(Class, "userver::server::handlers::HttpHandlerBase"))
      return "the userver handler '" + Qualified + "'";

    if (Overrides && Name == "handle" && isSameOrDerivedFrom(Class, "seastar::httpd::handler_base"))
      return "the Seastar handler '" + Qualified + "'";
  }

  // Boost.Beast has no router: a function given the parsed request handles it.
  if (llvm::any_of(F->parameters(),
                   [](const ParmVarDecl *P) { return isBeastRequest(P->getType()); }))
    return "the Beast request handler '" + Name + "'";

  // Asio and Beast coroutine sessions: the loop body runs per request.
  if (isSpecializationOf(F->getReturnType(), {"asio::awaitable", "boost::asio::awaitable"}) &&
      llvm::any_of(F->parameters(),
                   [](const ParmVarDecl *P) { return isStreamType(P->getType()); }))
    return "the coroutine session '" + Name + "'";
  // A blocking server's connection thread owns its socket.
  if (llvm::any_of(F->parameters(), [](const ParmVarDecl *P) {
        return !P->getType()->isLValueReferenceType() && !P->getType()->isPointerType() &&
               isSpecializationOf(
                   P->getType(), {"asio::basic_stream_socket", "boost::asio::basic_stream_socket"});
      }))
    return "the connection handler '" + Name + "'";

  return std::nullopt;
}

void handlersRegisteredBy(const CallExpr *Call, llvm::SmallVectorImpl<RegisteredHandler> &Out) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());

  // Crow: `CROW_ROUTE(app, "/url")(handler)` calls operator() of a rule.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    if (Op->getOperator() == OO_Call && M && Args.size() == 2 &&
        M->getParent()->getDeclName().isIdentifier() &&
        M->getParent()->getName().ends_with("Rule") && isInNamespace(M->getParent(), {"crow::"})) {
      std::string Route = routeOf(Args.take_front());
      addCallables(Args.drop_front(), describeRoute("", Route, "the Crow route handler"), true,
                   Out);
    }
    return;
  }
  if (!Callee->getDeclName().isIdentifier())
    return;
  llvm::StringRef Name = Callee->getName();
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);
  std::string Class = M ? M->getParent()->getQualifiedNameAsString() : "";
  std::string Qualified = Callee->getQualifiedNameAsString();
  llvm::StringRef Verb = verbOf(Name);

  if (Class == "httplib::Server") {
    if (nameIn(Callee, {"Get", "Post", "Put", "Patch", "Delete", "Options"}))
      return addCallables(
          Args, describeRoute(Verb, routeOf(Args), "the httplib " + Verb.str() + " handler"), true,
          Out);
    if ((Name.starts_with("set_") && Name.ends_with("_handler")) || Name == "set_logger")
      return addCallables(Args, "the httplib '" + Name.str() + "' hook", true, Out);
    return;
  }
  if (Qualified.rfind("Pistache::Rest::Routes::", 0) == 0 &&
      nameIn(Callee, {"Get", "Post", "Put", "Patch", "Delete", "Options", "Head", "NotFound"}))
    return addCallables(Args, describeRoute(Verb, routeOf(Args), "the Pistache not-found handler"),
                        true, Out);
  if (Class == "Pistache::Rest::Router") {
    if (nameIn(Callee, {"get", "post", "put", "patch", "del", "options", "head", "addRoute",
                        "addCustomHandler", "addNotFoundHandler", "addMiddleware"}))
      return addCallables(
          Args, describeRoute(Verb, routeOf(Args), "the Pistache '" + Name.str() + "' hook"), true,
          Out);
    return;
  }
  if (Class == "restinio::router::generic_express_router_t" ||
      Class == "restinio::router::generic_easy_parser_router_t") {
    if (nameIn(Callee, {"http_get", "http_post", "http_put", "http_delete", "http_head",
                        "add_handler", "non_matched_request_handler"}))
      return addCallables(
          Args, describeRoute(Verb, routeOf(Args), "the restinio not-matched handler"), true, Out);
    return;
  }
  if (Name == "request_handler" && llvm::StringRef(Class).starts_with("restinio::"))
    return addCallables(Args, "the restinio request handler", true, Out);
  if (Class == "web::http::experimental::listener::http_listener" && Name == "support")
    return addCallables(Args, "the cpprest listener handler", true, Out);
  if (Class == "websocketpp::endpoint" && Name.starts_with("set_") && Name.ends_with("_handler"))
    return addCallables(Args, "the websocketpp '" + Name.str() + "' hook", true, Out);
  if (Qualified == "mg_set_request_handler" && Args.size() > 2)
    return addCallables(Args.slice(2, 1),
                        describeRoute("", routeOf(Args), "the civetweb request handler"), false,
                        Out);
  if (Class == "drogon::HttpAppFramework" &&
      nameIn(Callee, {"registerHandler", "registerHandlerViaRegex"}))
    return addCallables(Args, describeRoute("", routeOf(Args), "the Drogon handler"), true, Out);
  // Drogon's METHOD_ADD / ADD_METHOD_TO in a controller.
  if (Name == "registerMethod" && Class == "drogon::HttpController")
    return addCallables(Args, describeRoute("", routeOf(Args), "the Drogon handler"), true, Out);
  // A read's completion handler runs once the request has arrived; the
  // object it is bound to belongs to the connection, not to the server.
  if (isStreamRead(Qualified) ||
      (M && nameIn(M, {"async_read_some", "async_receive", "async_read"}) &&
       isInNamespace(M->getParent(), {"asio::", "boost::asio::", "boost::beast::"})))
    return addCallables(Args.take_back(), "the completion handler of '" + Name.str() + "'", false,
                        Out);
}

void handlersPassedTo(const CallExpr *Call, const std::string &Fallback,
                      llvm::SmallVectorImpl<RegisteredHandler> &Out) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  size_t First = Out.size();
  addCallables(Args, describeRoute("", routeOf(Args), Fallback), true, Out);
  // `Register("cmd", this, &Server::f)`: a member function pointer passed
  // beside an object of its class is called on that object for every request.
  for (RegisteredHandler &R : llvm::drop_begin(Out, First)) {
    const auto *M = dyn_cast<CXXMethodDecl>(R.Function);
    if (R.SharedInstance || !M || M->isStatic() || M->getParent()->isLambda())
      continue;
    const CXXRecordDecl *Class = M->getParent();
    bool PassesObject = llvm::any_of(Args, [&](const Expr *Arg) {
      QualType T = Arg->IgnoreParenImpCasts()->getType().getNonReferenceType();
      if (T->isPointerType())
        T = T->getPointeeType();
      const CXXRecordDecl *ArgClass = T->getAsCXXRecordDecl();
      return ArgClass && ArgClass->hasDefinition() &&
             (ArgClass->getCanonicalDecl() == Class->getCanonicalDecl() ||
              ArgClass->isDerivedFrom(Class));
    });
    if (PassesObject)
      R.SharedInstance = Class;
  }
}

void handlersRegisteredBy(const CXXConstructExpr *Construct,
                          llvm::SmallVectorImpl<RegisteredHandler> &Out) {
  const CXXRecordDecl *Class = Construct->getConstructor()->getParent();
  if (hasQualifiedName(Class, "seastar::httpd::function_handler"))
    addCallables({Construct->getArgs(), Construct->getNumArgs()}, "the Seastar function handler",
                 false, Out);
}

bool isSharedByFramework(const CXXRecordDecl *Class) {
  if (!Class)
    return false;
  static const char *const SharedBases[] = {"grpc::Service",
                                            "grpc::AuthMetadataProcessor",
                                            "grpc::experimental::ServerInterceptorFactoryInterface",
                                            "Poco::Net::HTTPRequestHandlerFactory",
                                            "CivetHandler",
                                            "CivetAuthHandler",
                                            "CivetWebSocketHandler",
                                            "drogon::HttpController",
                                            "drogon::HttpSimpleController",
                                            "drogon::WebSocketController",
                                            "oatpp::web::server::api::ApiController",
                                            "oatpp::web::server::HttpRequestHandler",
                                            "userver::server::handlers::HttpHandlerBase",
                                            "seastar::httpd::handler_base"};
  return llvm::any_of(SharedBases,
                      [&](const char *Base) { return isSameOrDerivedFrom(Class, Base); });
}

bool isSharedByDesign(const CXXRecordDecl *Class) {
  if (!Class || !Class->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> Names = {"asio::io_context",
                                          "asio::thread_pool",
                                          "asio::system_executor",
                                          "asio::strand",
                                          "asio::any_io_executor",
                                          "asio::io_context::strand",
                                          "boost::asio::io_context",
                                          "boost::asio::thread_pool",
                                          "boost::asio::system_executor",
                                          "boost::asio::strand",
                                          "boost::asio::any_io_executor",
                                          "boost::asio::io_context::strand",
                                          "grpc::CompletionQueue",
                                          "grpc::ServerCompletionQueue",
                                          "Poco::ThreadPool",
                                          "pplx::task_group"};
  return Names.contains(Class->getQualifiedNameAsString());
}

bool isFrameworkClass(const CXXRecordDecl *Class) {
  return Class && isInNamespace(Class, {"httplib::", "Pistache::", "boost::", "grpc::", "Poco::",
                                        "restinio::", "web::", "websocketpp::", "asio::", "crow::",
                                        "drogon::", "oatpp::", "userver::", "seastar::"});
}

const CXXRecordDecl *frameworkRequestClass(QualType T) {
  T = designatedObjectType(T);
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return nullptr;
  // The classes each framework hands its handlers as the request (or, for
  // gRPC and civetweb, the call or connection the request arrives on).
  static const char *const RequestClasses[] = {"httplib::Request",
                                               "Pistache::Http::Request",
                                               "Pistache::Rest::Request",
                                               "crow::request",
                                               "drogon::HttpRequest",
                                               "Poco::Net::HTTPServerRequest",
                                               "web::http::http_request",
                                               "restinio::generic_request_t",
                                               "mg_connection",
                                               "oatpp::web::protocol::http::incoming::Request",
                                               "userver::server::http::HttpRequest",
                                               "seastar::http::request",
                                               "seastar::httpd::request",
                                               "grpc::ServerContextBase"};
  const CXXRecordDecl *Found = nullptr;
  auto IsRequest = [&](const CXXRecordDecl *C) {
    if (isBeastRequest(QualType(C->getTypeForDecl(), 0)) ||
        llvm::any_of(RequestClasses, [&](const char *Name) { return hasQualifiedName(C, Name); }))
      Found = C;
    return Found != nullptr;
  };
  Class = Class->getDefinition();
  if (IsRequest(Class))
    return Found;
  Class->forallBases([&](const CXXRecordDecl *Base) { return !IsRequest(Base); });
  return Found;
}

llvm::SmallVector<const Expr *, 2> requestInputsOf(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 2> Filled;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier() || isa<CXXOperatorCallExpr>(Call))
    return Filled;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  std::string Qualified = Callee->getQualifiedNameAsString();
  llvm::StringRef Name = Callee->getName();
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);

  if (isStreamRead(Qualified)) {
    // (stream, buffer[, message or delimiter], ...): the buffer and a Beast
    // message receive what the client sent.
    bool Beast = llvm::StringRef(Qualified).starts_with("boost::beast::http::");
    for (unsigned I = 1, E = Beast ? 3 : 2; I < E && I < Args.size(); ++I)
      Filled.push_back(Args[I]);
    return Filled;
  }
  if (!M)
    return Filled;
  const CXXRecordDecl *Class = M->getParent();
  if (nameIn(M,
             {"read_some", "async_read_some", "receive", "async_receive", "read", "async_read"}) &&
      isInNamespace(Class, {"asio::", "boost::asio::", "boost::beast::"}) && !Args.empty())
    Filled.push_back(Args.front());
  // gRPC: `service->RequestX(&ctx, &request, ...)` receives the next call;
  // readers and reactors receive streamed messages.
  else if (Name.starts_with("Request") && Name.size() > 7 && Args.size() > 1 &&
           isSameOrDerivedFrom(Class, "grpc::Service"))
    Filled.append({Args[0], Args[1]});
  else if (nameIn(M, {"Read", "StartRead"}) && isInNamespace(Class, {"grpc::Server"}) &&
           !Args.empty())
    Filled.push_back(Args.front());
  return Filled;
}

bool isRequestReadingCall(const CallExpr *Call) {
  // Raw socket reads are left out: clients read sockets too. Beast's reads
  // of a request message and gRPC's Request* calls happen only in servers.
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || requestInputsOf(Call).empty())
    return false;
  if (llvm::StringRef(Callee->getQualifiedNameAsString()).starts_with("boost::beast::http::"))
    return Call->getNumArgs() > 2 && isBeastRequest(Call->getArg(2)->getType());
  return Callee->getName().starts_with("Request");
}

} // namespace clang::statescope
