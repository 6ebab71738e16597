//===--- RequestScopeModel.cpp - what runs per request, what is shared ----===//

#include "RequestScopeModel.h"
#include "ASTFacts.h"
#include "Frameworks.h"
#include "WholeProgram.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"
#include <deque>
#include <functional>
#include <mutex>
#include <set>

namespace clang::statescope {
namespace {

//===----------------------------------------------------------------------===//
// Small facts about declarations and types
//===----------------------------------------------------------------------===//

/// The object a variable of type T designates when used: through
/// references, pointers and std smart pointers.
QualType designatedObjectType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return T->getPointeeType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    if (isInStdNamespace(Spec) &&
        (Spec->getName() == "unique_ptr" || Spec->getName() == "shared_ptr") &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return Spec->getTemplateArgs()[0].getAsType();
  return T;
}

/// Objects that exist to be shared between requests: locking or signalling
/// them is their purpose, not a leak.
/// The standard library's classes, and Boost's, which projects use for the
/// same purposes (a shared mutex before C++17).
const CXXRecordDecl *stdOrBoostClass(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getDeclName().isIdentifier())
    return nullptr;
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  bool Boost = NS && NS->getName() == "boost" && NS->getDeclContext()->isTranslationUnit();
  return isInStdNamespace(RD) || Boost ? RD : nullptr;
}

bool isSynchronizationType(QualType T) {
  const CXXRecordDecl *RD = stdOrBoostClass(T);
  if (!RD)
    return false;
  static const llvm::StringSet<> Names = {
      "mutex",          "recursive_mutex",         "timed_mutex",
      "shared_mutex",   "recursive_timed_mutex",   "shared_timed_mutex",
      "condition_variable", "condition_variable_any", "once_flag",
      "counting_semaphore", "latch",              "barrier"};
  return Names.contains(RD->getName());
}

bool isLockType(QualType T) {
  const CXXRecordDecl *RD = stdOrBoostClass(T);
  return RD && llvm::is_contained({"lock_guard", "scoped_lock", "unique_lock", "shared_lock",
                                   "upgrade_lock"},
                                  RD->getName());
}

/// Member functions of library types that leave the object as it was even
/// though they are not const (they hand out iterators, references or, for
/// shared_from_this, a new owner).
bool isReadOnlyLibraryMember(const CXXMethodDecl *M) {
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> ReadOnly = {
      "begin", "end",   "rbegin", "rend",        "cbegin",      "cend",
      "find",  "at",    "front",  "back",        "data",        "size",
      "empty", "count", "c_str",  "lower_bound", "upper_bound", "equal_range",
      "get",   "value", "load",   "contains",    "length",      "substr",
      "shared_from_this", "weak_from_this"};
  return ReadOnly.contains(M->getName());
}

/// Classes the project does not own: the standard library's, those of
/// system headers, and frameworks' classes even when a project vendors them.
bool isLibraryClass(const ASTContext &Ctx, const CXXRecordDecl *Class) {
  return isInStdNamespace(Class) || isInSystemHeader(Ctx, Class->getLocation()) ||
         isFrameworkClass(Class);
}

/// Members of non-standard library classes that store what they are given.
bool isLibraryMutator(const CXXMethodDecl *M) {
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> Mutators = {
      "push_back", "push_front", "emplace",   "emplace_back", "emplace_front",
      "insert",    "insert_or_assign", "try_emplace", "erase", "clear",
      "assign",    "append",    "swap",      "resize",       "pop_back",
      "pop_front", "add",       "put",       "remove",       "merge"};
  return Mutators.contains(M->getName());
}

/// Library calls that take a non-const reference without writing through it.
bool isPassThroughFunction(const FunctionDecl *F) {
  if (!F || !isInStdNamespace(F) || !F->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> PassThrough = {
      "move", "forward", "addressof", "as_const", "ref",  "cref",
      "begin", "end",    "cbegin",    "cend",     "size", "data"};
  return PassThrough.contains(F->getName());
}

bool isKeyedInsertion(const CXXMethodDecl *M) {
  if (M->getOverloadedOperator() == OO_Subscript)
    return true;
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> Keyed = {"emplace", "try_emplace",
                                          "insert_or_assign", "insert",
                                          "erase", "at"};
  return Keyed.contains(M->getName());
}

/// Strips the access path of an lvalue down to the object it starts from,
/// noting the first-level field and any subscripts on the way.
struct AccessPath {
  const Expr *Root = nullptr;
  const FieldDecl *Field = nullptr;
  llvm::SmallVector<const Expr *, 2> Indices;
};

AccessPath accessPath(const Expr *E) {
  AccessPath Path;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        Path.Field = Field;
      E = Member->getBase();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      Path.Indices.push_back(Subscript->getIdx());
      E = Subscript->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<UnaryOperator>(E);
        Op && (Op->getOpcode() == UO_Deref || Op->getOpcode() == UO_AddrOf)) {
      E = Op->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
        Path.Indices.push_back(Op->getArg(1));
        E = Op->getArg(0);
        continue;
      }
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1) {
        E = Op->getArg(0);
        continue;
      }
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && isInStdNamespace(M->getParent()) && M->getDeclName().isIdentifier() &&
          (M->getName() == "get" || M->getName() == "value") &&
          Call->getNumArgs() == 0) {
        E = Call->getImplicitObjectArgument();
        continue;
      }
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  Path.Root = E;
  return Path;
}

//===----------------------------------------------------------------------===//
// Finding every change a body makes
//===----------------------------------------------------------------------===//

enum class MutationKind { Assign, Modify, MemberCall, PassedOut };

struct Mutation {
  MutationKind Kind;
  const Expr *Object;  ///< The lvalue (or object of a member call) changed.
  const Expr *Site;    ///< The whole expression.
  llvm::SmallVector<const Expr *, 4> Values; ///< What flows into it.
  const CXXMethodDecl *Method = nullptr;     ///< For member calls.
  bool UnderLock = false;
  /// For an argument passed out: the function and the parameter it binds.
  const FunctionDecl *Callee = nullptr;
  unsigned ParamIndex = 0;
};

/// A store that replaces an object's value rather than updating it.
bool replacesValue(const Mutation &M) {
  if (M.Kind == MutationKind::Assign)
    return true;
  return M.Kind == MutationKind::MemberCall && M.Method &&
         M.Method->getDeclName().isIdentifier() &&
         llvm::is_contained({"store", "exchange", "compare_exchange_weak",
                             "compare_exchange_strong"},
                            M.Method->getName());
}

/// A visitor that knows whether the code it is at runs with a lock held: a
/// `std::lock_guard`-style local earlier in an enclosing block, or a lock
/// the caller holds for every call of the body.
template <typename Derived> class LockAwareVisitor : public RecursiveASTVisitor<Derived> {
public:
  explicit LockAwareVisitor(bool CallerHoldsLock) : LockScopes{CallerHoldsLock} {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    LockScopes.push_back(false);
    bool Result = RecursiveASTVisitor<Derived>::TraverseCompoundStmt(S);
    LockScopes.pop_back();
    return Result;
  }

  bool VisitVarDecl(VarDecl *V) {
    if (isLockType(V->getType()))
      LockScopes.back() = true;
    return true;
  }

protected:
  bool underLock() const { return llvm::is_contained(LockScopes, true); }

private:
  llvm::SmallVector<bool, 8> LockScopes;
};

/// Visits a body and reports each expression that may change an object:
/// assignments, increments, non-const member calls and arguments bound to
/// non-const references or pointers. Nested lambda bodies are part of the
/// body: they run as part of it, once per call.
class MutationFinder : public LockAwareVisitor<MutationFinder> {
public:
  explicit MutationFinder(std::function<void(const Mutation &)> OnMutation,
                          bool CallerHoldsLock = false)
      : LockAwareVisitor(CallerHoldsLock), OnMutation(std::move(OnMutation)) {}

  bool shouldVisitImplicitCode() const { return false; }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      report(Op->getOpcode() == BO_Assign ? MutationKind::Assign
                                          : MutationKind::Modify,
             Op->getLHS(), Op, {Op->getRHS()});
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      report(MutationKind::Modify, Op->getSubExpr(), Op, {});
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    unsigned ArgOffset = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (const auto *M = dyn_cast<CXXMethodDecl>(Callee)) {
        ArgOffset = 1;
        visitMemberOperator(Op, M);
      }
    } else if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MemberCall->getMethodDecl();
      if (M && !M->isConst() && !M->isStatic() &&
          !isa<CXXDestructorDecl>(M)) {
        llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
        report(MutationKind::MemberCall,
               MemberCall->getImplicitObjectArgument(), Call, Args, M);
      }
    }
    if (isPassThroughFunction(Callee))
      return true;
    for (unsigned I = ArgOffset, N = Call->getNumArgs(); I < N; ++I) {
      unsigned ParamIndex = I - ArgOffset;
      if (ParamIndex >= Callee->getNumParams())
        break;
      QualType ParamType = Callee->getParamDecl(ParamIndex)->getType();
      bool Writable =
          (ParamType->isLValueReferenceType() &&
           !ParamType.getNonReferenceType().isConstQualified()) ||
          (ParamType->isPointerType() &&
           !ParamType->getPointeeType().isConstQualified() &&
           !ParamType->getPointeeType()->isFunctionType());
      if (!Writable)
        continue;
      // What the callee can write into the argument: the other arguments,
      // and the object a member function reads from (`reader.Read(&msg)`).
      llvm::SmallVector<const Expr *, 4> Others;
      if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call))
        Others.push_back(MemberCall->getImplicitObjectArgument());
      for (unsigned J = ArgOffset; J < N; ++J)
        if (J != I)
          Others.push_back(Call->getArg(J));
      report(MutationKind::PassedOut, Call->getArg(I), Call, Others, nullptr, Callee,
             ParamIndex);
    }
    return true;
  }

private:
  void visitMemberOperator(const CXXOperatorCallExpr *Op,
                           const CXXMethodDecl *M) {
    switch (Op->getOperator()) {
    case OO_Equal:
      report(MutationKind::Assign, Op->getArg(0), Op,
             {Op->getNumArgs() > 1 ? Op->getArg(1) : nullptr});
      return;
    case OO_PlusEqual: case OO_MinusEqual: case OO_StarEqual:
    case OO_SlashEqual: case OO_PercentEqual: case OO_AmpEqual:
    case OO_PipeEqual: case OO_CaretEqual: case OO_LessLessEqual:
    case OO_GreaterGreaterEqual:
      report(MutationKind::Modify, Op->getArg(0), Op,
             {Op->getNumArgs() > 1 ? Op->getArg(1) : nullptr});
      return;
    case OO_PlusPlus: case OO_MinusMinus:
      report(MutationKind::Modify, Op->getArg(0), Op, {});
      return;
    case OO_Subscript: case OO_Arrow: case OO_Star: case OO_Call:
      // Access, not change: the enclosing expression says what happens.
      return;
    default:
      if (!M->isConst()) {
        llvm::SmallVector<const Expr *, 4> Args(llvm::drop_begin(Op->arguments()));
        report(MutationKind::MemberCall, Op->getArg(0), Op, Args, M);
      }
      return;
    }
  }

  void report(MutationKind Kind, const Expr *Object, const Expr *Site,
              llvm::ArrayRef<const Expr *> Values, const CXXMethodDecl *Method = nullptr,
              const FunctionDecl *Callee = nullptr, unsigned ParamIndex = 0) {
    Mutation M{Kind, Object, Site, {}, Method, underLock(), Callee, ParamIndex};
    for (const Expr *V : Values)
      if (V)
        M.Values.push_back(V);
    OnMutation(M);
  }

  std::function<void(const Mutation &)> OnMutation;
};

/// Direct calls a body makes to functions whose body is visible.
class CallFinder : public LockAwareVisitor<CallFinder> {
public:
  struct Call {
    const FunctionDecl *Callee;
    const Expr *Site;
    llvm::SmallVector<const Expr *, 4> Args; ///< Aligned with the parameters.
    bool UnderLock;
  };

  explicit CallFinder(const ASTContext &Ctx) : LockAwareVisitor(false), Ctx(Ctx) {}

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    llvm::ArrayRef<const Expr *> Args(E->getArgs(), E->getNumArgs());
    if (isa<CXXOperatorCallExpr>(E) && isa_and_nonnull<CXXMethodDecl>(Callee))
      Args = Args.drop_front();
    add(Callee, E, Args);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    add(E->getConstructor(), E, {E->getArgs(), E->getNumArgs()});
    return true;
  }

  std::vector<Call> Calls;

private:
  void add(const FunctionDecl *Callee, const Expr *Site,
           llvm::ArrayRef<const Expr *> Args) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->getBody(Definition) ||
        isInSystemHeader(Ctx, Definition->getLocation()))
      return;
    Calls.push_back({Definition, Site, {Args.begin(), Args.end()}, underLock()});
  }
  const ASTContext &Ctx;
};

/// The locals of a body that have an initialiser, in order.
std::vector<const VarDecl *> initialisedLocals(const Stmt *Body) {
  struct Collector : RecursiveASTVisitor<Collector> {
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitVarDecl(VarDecl *V) {
      if (V->getInit() && V->hasLocalStorage())
        Vars.push_back(V);
      return true;
    }
    std::vector<const VarDecl *> Vars;
  } C;
  C.TraverseStmt(const_cast<Stmt *>(Body));
  return C.Vars;
}

/// Calls F for every call and construction in a body, nested lambdas
/// included (a visitor, not recursion: code may nest deeper than the stack
/// allows).
void forEachCallOrConstruct(const Stmt *Body, llvm::function_ref<void(const Expr *)> F) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    llvm::function_ref<void(const Expr *)> F;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitCallExpr(CallExpr *Call) {
      F(Call);
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      F(Construct);
      return true;
    }
  } V;
  V.F = F;
  V.TraverseStmt(const_cast<Stmt *>(Body));
}

/// Calls F for every call in a body, nested lambdas included.
void forEachCall(const Stmt *Body, llvm::function_ref<void(const CallExpr *)> F) {
  forEachCallOrConstruct(Body, [&](const Expr *Site) {
    if (const auto *Call = dyn_cast<CallExpr>(Site))
      F(Call);
  });
}

/// The locals and fields of `this` that an argument lets a call fill:
/// `buffer`, `asio::buffer(data)`, `&request_`.
void forEachFilledTarget(const Stmt *S, llvm::function_ref<void(const VarDecl *)> OnVar,
                         llvm::function_ref<void(const FieldDecl *)> OnField) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage())
      OnVar(Var);
    return;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
      OnField(Field);
      return;
    }
  for (const Stmt *Child : S->children())
    forEachFilledTarget(Child, OnVar, OnField);
}

/// All return statements of a body, ignoring nested lambdas.
void collectReturns(const Stmt *S, llvm::SmallVectorImpl<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    Out.push_back(Ret);
  for (const Stmt *Child : S->children())
    collectReturns(Child, Out);
}

} // namespace

//===----------------------------------------------------------------------===//
// Options and the per-context cache
//===----------------------------------------------------------------------===//

std::string ModelOptions::fingerprint() const {
  return HandlerFunctions + '\0' + HandlerRegistrations + '\0' + SetterNames + '\0' +
         std::to_string(MaxCallDepth) + '\0' + SafeTypes;
}

const RequestScopeModel &RequestScopeModel::get(ASTContext &Ctx,
                                                const ModelOptions &Options) {
  using Key = std::pair<const ASTContext *, std::string>;
  static std::mutex Mutex;
  static std::map<Key, std::unique_ptr<RequestScopeModel>> Cache;

  Key K{&Ctx, Options.fingerprint()};
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (auto It = Cache.find(K); It != Cache.end())
      return *It->second;
  }
  // Built outside the lock: clangd analyses several files at once.
  auto Model = std::make_unique<RequestScopeModel>(Ctx, Options);
  std::lock_guard<std::mutex> Lock(Mutex);
  bool FirstForContext =
      llvm::none_of(Cache, [&](const auto &E) { return E.first.first == &Ctx; });
  auto [It, Inserted] = Cache.emplace(K, std::move(Model));
  if (Inserted && FirstForContext)
    // The model points into the AST: it must not outlive it, and a later
    // context at the same address must not find it.
    Ctx.AddDeallocation(
        [](void *Dying) {
          std::lock_guard<std::mutex> Lock(Mutex);
          for (auto I = Cache.begin(); I != Cache.end();)
            I = I->first.first == Dying ? Cache.erase(I) : std::next(I);
        },
        &Ctx);
  return *It->second;
}

bool SharedObject::isProjectClass(const ASTContext &Ctx) const {
  const auto *RD = ObjectType.isNull() ? nullptr : ObjectType->getAsCXXRecordDecl();
  return RD && !isLibraryClass(Ctx, RD);
}

//===----------------------------------------------------------------------===//
// The builder
//===----------------------------------------------------------------------===//

/// What a member function stores into the object it is called on.
struct RequestScopeModel::FieldEffects {
  /// False when the body is not visible.
  bool Known = false;
  /// Stores through `*this` as a whole or through fields it cannot name.
  bool UnknownFields = false;
  struct Store {
    const FieldDecl *Field;
    /// The parameters whose values flow into the field.
    llvm::SmallVector<unsigned, 2> Params;
    /// Every store to the field happens under a lock (a pool, a registry).
    bool Locked;
    /// Some store replaces the field's value (rather than inserting into it).
    bool Assigned;
  };
  llvm::SmallVector<Store, 4> Fields;

  bool writesAnything() const { return UnknownFields || !Fields.empty(); }
};

class RequestScopeModel::Builder {
public:
  Builder(RequestScopeModel &Model, const ModelOptions &Options)
      : Model(Model), Ctx(Model.Ctx), Options(Options),
        SetterNames(Options.SetterNames) {
    for (llvm::StringRef Pattern :
         llvm::split(Options.HandlerFunctions, ';'))
      if (!Pattern.trim().empty())
        HandlerPatterns.emplace_back(Pattern.trim());
    for (llvm::StringRef Pattern : llvm::split(Options.HandlerRegistrations, ';'))
      if (!Pattern.trim().empty())
        RegistrationPatterns.emplace_back(Pattern.trim());
    for (llvm::StringRef Pattern : llvm::split(Options.SafeTypes, ';'))
      if (!Pattern.trim().empty())
        SafeTypePatterns.emplace_back(Pattern.trim());
  }

  void run() {
    findHandlers();
    findRequestPath();
    propagateRequestData();
    collectWrites();
    findStaleReads();
    if (const auto &Sink = unitFactsSink())
      Sink(unitFacts());
  }

private:
  //--- 1. Handlers --------------------------------------------------------//

  /// The project's own headers register handlers too (a helper that wraps
  /// `svr.Get`); libraries' headers only register their own.
  class HandlerFinder : public ProgramCodeVisitor<HandlerFinder> {
  public:
    explicit HandlerFinder(Builder &B) : ProgramCodeVisitor(B.Ctx), B(B) {}

    bool shouldVisitTemplateInstantiations() const { return true; }

    bool VisitFunctionDecl(FunctionDecl *F) {
      if (F->doesThisDeclarationHaveABody() && !F->isDependentContext())
        B.classifyFunction(F);
      return true;
    }

    bool VisitCallExpr(CallExpr *Call) {
      if (!Call->getDirectCallee() || Call->isTypeDependent())
        return true;
      llvm::SmallVector<RegisteredHandler, 2> Registered;
      handlersRegisteredBy(Call, Registered);
      B.addConfiguredRegistrations(Call, Registered);
      B.addRegistered(Registered);
      // Code that waits for the next request handles what it receives.
      if (enclosing() && !enclosing()->isDependentContext() && isRequestReadingCall(Call))
        B.addHandler(enclosing(), "the request code in " + describeFunction(enclosing()),
                     Call->getBeginLoc());
      return true;
    }

    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      if (Construct->isTypeDependent())
        return true;
      llvm::SmallVector<RegisteredHandler, 2> Registered;
      handlersRegisteredBy(Construct, Registered);
      B.addRegistered(Registered);
      return true;
    }

  private:
    Builder &B;
  };

  static std::string describeFunction(const FunctionDecl *F) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && M->getParent()->isLambda())
      return "a lambda";
    return "'" + F->getQualifiedNameAsString() + "'";
  }

  void findHandlers() {
    HandlerFinder Finder(*this);
    Finder.TraverseAST(Ctx);
  }

  void addHandler(const FunctionDecl *F, std::string Description,
                  SourceLocation Location) {
    if (!F)
      return;
    const FunctionDecl *Definition = nullptr;
    if (!F->getBody(Definition) || Definition->isDependentContext())
      return;
    if (llvm::any_of(Model.Handlers,
                     [&](const auto &H) { return H->Function == Definition; }))
      return;
    // Registrations written through a framework's macros (METHOD_ADD,
    // ENDPOINT) are shown where the user wrote them.
    const SourceManager &SM = Ctx.getSourceManager();
    if (Location.isMacroID()) {
      SourceLocation Spelled = SM.getFileLoc(Location);
      Location = SM.isInMainFile(Spelled) ? Spelled : SM.getExpansionLoc(Location);
    }
    auto H = std::make_unique<Handler>();
    H->Function = Definition;
    H->Description = std::move(Description);
    H->Location = Location;
    Model.Handlers.push_back(std::move(H));
  }

  /// Registrations the user configured (HandlerRegistrations).
  void addConfiguredRegistrations(const CallExpr *Call,
                                  llvm::SmallVectorImpl<RegisteredHandler> &Out) {
    if (RegistrationPatterns.empty())
      return;
    std::string Name = Call->getDirectCallee()->getQualifiedNameAsString();
    if (llvm::none_of(RegistrationPatterns,
                      [&](llvm::Regex &Pattern) { return Pattern.match(Name); }))
      return;
    handlersPassedTo(Call, "the handler registered with '" + Name + "'", Out);
  }

  void addRegistered(llvm::ArrayRef<RegisteredHandler> Registered) {
    for (const RegisteredHandler &R : Registered) {
      addHandler(R.Function, R.Description, R.Location);
      if (R.SharedInstance)
        BoundInstances.try_emplace(R.SharedInstance->getCanonicalDecl(), R.Description);
    }
  }

  /// Functions that are handlers by their own shape: framework overrides,
  /// the annotation, the configured name patterns, and (with program facts)
  /// functions other files' handlers call.
  void classifyFunction(const FunctionDecl *F) {
    if (Program)
      if (auto Root = Program->Roots.find(usrOf(F)); Root != Program->Roots.end()) {
        addHandler(F, Root->second.Description, F->getLocation());
        if (Model.Handlers.back()->Function == F)
          Model.Handlers.back()->RequestParams = Root->second.RequestParams;
        return;
      }
    std::string Name = F->getQualifiedNameAsString();
    for (const auto *Attr : F->specific_attrs<AnnotateAttr>())
      if (Attr->getAnnotation() == "statescope::request_handler")
        return addHandler(F, "the request handler '" + Name + "'",
                          F->getLocation());
    for (llvm::Regex &Pattern : HandlerPatterns)
      if (Pattern.match(Name))
        return addHandler(F, "the request handler '" + Name + "'",
                          F->getLocation());
    if (std::optional<std::string> Description = handlerByShape(F, Ctx))
      addHandler(F, *Description, F->getLocation());
  }

  //--- 2. The request path ------------------------------------------------//

  void findRequestPath() {
    std::deque<const FunctionDecl *> Queue;
    for (const auto &H : Model.Handlers) {
      Model.Reached.try_emplace(H->Function, Reach{H.get(), nullptr, {}, 0});
      Queue.push_back(H->Function);
    }
    while (!Queue.empty()) {
      const FunctionDecl *F = Queue.front();
      Queue.pop_front();
      const Reach Current = Model.Reached.lookup(F);
      CallFinder Finder(Ctx);
      Finder.TraverseStmt(F->getBody());
      for (auto &Call : Finder.Calls) {
        CallsFrom[F].push_back(Call);
        if (Current.Depth >= Options.MaxCallDepth)
          continue;
        auto [It, New] = Model.Reached.try_emplace(
            Call.Callee,
            Reach{Current.Root, F, Call.Site->getBeginLoc(), Current.Depth + 1});
        if (New)
          Queue.push_back(Call.Callee);
      }
      RequestPath.push_back(F);
    }
    findAlwaysLocked();
    findConstructionOnly();
  }

  /// Member functions that only run on an object under construction: a
  /// constructor's own calls on `this`, transitively. What they store into
  /// `this` initialises the object; no other request can see it yet (a
  /// function-local static is initialised once, under the language's lock).
  void findConstructionOnly() {
    auto OnThis = [](const Expr *Site) {
      const auto *Call = dyn_cast<CXXMemberCallExpr>(Site);
      return Call && isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    };
    for (const FunctionDecl *F : RequestPath)
      if (isa<CXXMethodDecl>(F) && Model.reach(F)->Caller)
        ConstructionOnly.insert(F);
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const FunctionDecl *Caller : RequestPath)
        for (const CallFinder::Call &Call : CallsFrom[Caller])
          if (!(OnThis(Call.Site) && constructs(Caller)))
            Changed |= ConstructionOnly.erase(Call.Callee);
    }
  }

  bool constructs(const FunctionDecl *F) const {
    return isa<CXXConstructorDecl, CXXDestructorDecl>(F) || ConstructionOnly.contains(F);
  }

  /// Functions every request-path call of which happens with a lock held
  /// (directly, or because the caller always runs locked): their stores are
  /// as synchronised as stores written under the lock itself.
  void findAlwaysLocked() {
    for (const FunctionDecl *F : RequestPath)
      if (Model.reach(F)->Caller)
        AlwaysLocked.insert(F);
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const FunctionDecl *Caller : RequestPath)
        for (const CallFinder::Call &Call : CallsFrom[Caller])
          if (!Call.UnderLock && !AlwaysLocked.contains(Caller))
            Changed |= AlwaysLocked.erase(Call.Callee);
    }
  }

  //--- 3. Request data ----------------------------------------------------//

  void propagateRequestData() {
    for (const auto &H : Model.Handlers)
      for (unsigned I = 0; I < H->Function->getNumParams(); ++I)
        if (!H->RequestParams || llvm::is_contained(*H->RequestParams, I))
          Model.Tainted.insert(H->Function->getParamDecl(I));

    // Each round follows data one step further through locals and calls;
    // the number of variables bounds the rounds.
    bool Changed = true;
    for (unsigned Round = 0; Changed && Round < 32; ++Round) {
      Changed = false;
      for (const FunctionDecl *F : RequestPath) {
        Changed |= propagateWithin(F);
        for (const auto &Call : CallsFrom[F]) {
          const FunctionDecl *Callee = Call.Callee;
          for (unsigned I = 0; I < Call.Args.size() && I < Callee->getNumParams(); ++I)
            if (Model.isRequestData(Call.Args[I]))
              Changed |= Model.Tainted.insert(Callee->getParamDecl(I)).second;
        }
      }
    }
  }

  /// Locals initialised, assigned or filled from request data become
  /// request data.
  bool propagateWithin(const FunctionDecl *F) {
    bool Changed = false;
    for (const VarDecl *V : initialisedLocals(F->getBody()))
      if (Model.isRequestData(V->getInit()))
        Changed |= Model.Tainted.insert(V).second;

    // Data read from the client is request data wherever it lands, and so
    // is what a continuation receives from request data
    // (`request.extract_string().then([](std::string body) {...})`).
    forEachCall(F->getBody(), [&](const CallExpr *Call) {
      if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
          MemberCall && Model.isRequestData(MemberCall->getImplicitObjectArgument()))
        for (const Expr *Arg : Call->arguments())
          if (const auto *Lambda = dyn_cast<LambdaExpr>(ignoreWrappers(Arg)))
            for (const ParmVarDecl *P : Lambda->getCallOperator()->parameters())
              Changed |= Model.Tainted.insert(P).second;
      for (const Expr *Filled : requestInputsOf(Call))
        forEachFilledTarget(
            Filled,
            [&](const VarDecl *Var) { Changed |= Model.Tainted.insert(Var).second; },
            [&](const FieldDecl *Field) {
              Changed |= Model.TaintedFields.insert(Field).second;
            });
    });

    // A field of the object a request-path method runs on keeps request
    // data for its later readers (a gRPC CallData's `currentUser_`).
    MutationFinder Finder([&](const Mutation &M) {
      if (llvm::none_of(M.Values, [&](const Expr *V) { return Model.isRequestData(V); }))
        return;
      AccessPath Path = accessPath(M.Object);
      if (isa_and_nonnull<CXXThisExpr>(Path.Root) && Path.Field) {
        Changed |= Model.TaintedFields.insert(Path.Field).second;
        return;
      }
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Path.Root);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (Var && !Var->hasGlobalStorage() && !Var->getType()->isReferenceType())
        Changed |= Model.Tainted.insert(Var).second;
    });
    Finder.TraverseStmt(F->getBody());
    return Changed;
  }

  //--- 4. Shared objects --------------------------------------------------//

  /// The static variable a function returns by reference or pointer, or the
  /// function itself when it has the shape of a singleton accessor but no
  /// visible body.
  const NamedDecl *accessedObject(const FunctionDecl *F) {
    auto [It, New] = Accessors.try_emplace(F, nullptr);
    if (!New)
      return It->second;
    QualType Ret = F->getReturnType();
    if (!Ret->isReferenceType() && !Ret->isPointerType())
      return nullptr;
    if (F->hasBody()) {
      const VarDecl *Returned = returnedStatic(F);
      return Accessors[F] = Returned && !Returned->getTLSKind() ? Returned : nullptr;
    }
    const auto *M = dyn_cast<CXXMethodDecl>(F);
    if (M && M->isStatic() && M->getNumParams() == 0 &&
        Ret->getPointeeType()->getAsCXXRecordDecl() == M->getParent())
      return Accessors[F] = M;
    // Defined in another file, which says it returns a static.
    if (const FunctionFacts *Facts = factsOf(F); Facts && Facts->ReturnsStatic)
      return Accessors[F] = F;
    return nullptr;
  }

  /// The one variable with static or thread storage that F's body returns
  /// (by reference or pointer), or null.
  static const VarDecl *returnedStatic(const FunctionDecl *F) {
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = F->getBody(Definition);
    QualType Ret = F->getReturnType();
    if (!Body || (!Ret->isReferenceType() && !Ret->isPointerType()))
      return nullptr;
    llvm::SmallVector<const ReturnStmt *, 4> Returns;
    collectReturns(Body, Returns);
    const VarDecl *Returned = nullptr;
    for (const ReturnStmt *R : Returns) {
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
          R->getRetValue() ? accessPath(R->getRetValue()).Root : nullptr);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Var || !Var->hasGlobalStorage() || (Returned && Returned != Var))
        return nullptr;
      Returned = Var;
    }
    return Returned;
  }

  /// Whether F may write through its reference or pointer parameter Index:
  /// from its body when this unit has it, from another unit's facts, and
  /// otherwise (a library function) yes.
  bool mayWriteParam(const FunctionDecl *F, unsigned Index) {
    if (!F)
      return true;
    const FunctionDecl *Definition = nullptr;
    if (F->getBody(Definition) && !isInSystemHeader(Ctx, Definition->getLocation())) {
      const std::vector<unsigned> &Written = paramsWritten(Definition);
      return llvm::is_contained(Written, Index);
    }
    if (const FunctionFacts *Facts = factsOf(F); Facts && Facts->WritesParamsKnown)
      return llvm::is_contained(Facts->WritesParams, Index);
    return true;
  }

  /// The reference and pointer parameters a body changes, or passes on to
  /// be changed.
  const std::vector<unsigned> &paramsWritten(const FunctionDecl *Definition) {
    auto [It, New] = ParamsWritten.try_emplace(Definition);
    if (!New)
      return It->second;
    std::vector<unsigned> Written;
    MutationFinder Finder([&](const Mutation &M) {
      if (M.Kind == MutationKind::MemberCall && !callChangesObject(M.Method))
        return;
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(accessPath(M.Object).Root);
      const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
      if (Param && Param->getDeclContext() == Definition &&
          !llvm::is_contained(Written, Param->getFunctionScopeIndex()))
        Written.push_back(Param->getFunctionScopeIndex());
    });
    Finder.TraverseStmt(Definition->getBody());
    return ParamsWritten[Definition] = std::move(Written);
  }

  //--- Whole program -------------------------------------------------------//

  static std::string usrOf(const Decl *D) {
    llvm::SmallString<128> USR;
    if (index::generateUSRForDecl(D, USR))
      return "";
    return std::string(USR);
  }

  /// What another file says about a function this one only declares.
  const FunctionFacts *factsOf(const FunctionDecl *F) const {
    if (!Program)
      return nullptr;
    auto It = Program->Definitions.find(usrOf(F));
    return It == Program->Definitions.end() ? nullptr : &It->second;
  }

  /// What this file tells the others: what its functions return and store,
  /// and the functions defined elsewhere that its request path calls.
  UnitFacts unitFacts() {
    const SourceManager &SM = Ctx.getSourceManager();
    UnitFacts Unit;
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      Unit.File = Main->getName().str();

    struct Definitions : RecursiveASTVisitor<Definitions> {
      std::vector<const FunctionDecl *> Found;
      bool VisitFunctionDecl(FunctionDecl *F) {
        if (F->doesThisDeclarationHaveABody() && !F->isDependentContext() &&
            F->isExternallyVisible())
          Found.push_back(F);
        return true;
      }
    } Defs;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (isInMainFile(Ctx, D->getLocation()))
        Defs.TraverseDecl(D);
    for (const FunctionDecl *F : Defs.Found) {
      FunctionFacts Facts;
      Facts.Name = F->getQualifiedNameAsString();
      Facts.ReturnsStatic = isa_and_nonnull<VarDecl>(accessedObject(F));
      Facts.WritesParamsKnown = true;
      Facts.WritesParams = paramsWritten(F);
      if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && !M->isStatic()) {
        const FieldEffects &Effects = effectsOf(M);
        Facts.StoresUnknown = Effects.UnknownFields;
        for (const FieldEffects::Store &Store : Effects.Fields)
          Facts.Stores[Store.Field->getNameAsString()].assign(Store.Params.begin(),
                                                             Store.Params.end());
      }
      Unit.Defined.emplace(usrOf(F), std::move(Facts));
    }

    for (const FunctionDecl *F : RequestPath)
      forEachCall(F->getBody(), [&](const CallExpr *Call) {
        const FunctionDecl *Callee = Call->getDirectCallee();
        if (!Callee || Callee->hasBody() || isInSystemHeader(Ctx, Callee->getLocation()) ||
            isInStdNamespace(Callee))
          return;
        CallOut Out;
        Out.Callee = usrOf(Callee);
        Out.Name = Callee->getQualifiedNameAsString();
        Out.Handler = Model.reach(F)->Root->Description;
        unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
        for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
          if (Model.isRequestData(Call->getArg(I)))
            Out.RequestParams.push_back(I - Offset);
          if (I - Offset < Callee->getNumParams()) {
            QualType T = Callee->getParamDecl(I - Offset)->getType();
            Out.PassesOut |= (T->isLValueReferenceType() || T->isPointerType()) &&
                             !T->getPointeeType().isConstQualified();
          }
        }
        Unit.CallsOut.push_back(std::move(Out));
      });
    return Unit;
  }

  /// Classes whose `this` is the same object in every request: services the
  /// framework keeps one of, and singletons by construction.
  const SharedObject *sharedThis(const CXXRecordDecl *Class) {
    if (!Class || !Class->hasDefinition())
      return nullptr;
    Class = Class->getDefinition();
    if (isSharedByFramework(Class) || isBoundToHandler(Class)) {
      SharedObject Object;
      Object.Key = Class;
      Object.Kind = SharingKind::FrameworkInstance;
      Object.Name = Class->getNameAsString();
      Object.ObjectType = Ctx.getRecordType(Class);
      Object.Declaration = Class->getLocation();
      return intern(Object);
    }
    if (!isSingletonByConstruction(Class))
      return nullptr;
    for (const CXXMethodDecl *M : Class->methods())
      if (M->isStatic())
        if (const NamedDecl *Accessed = accessedObject(M))
          return objectBehindAccessor(M, Accessed);
    return nullptr;
  }

  /// True when a registration binds an instance of Class, or of a class
  /// derived from it, to a handler.
  bool isBoundToHandler(const CXXRecordDecl *Class) const {
    return llvm::any_of(BoundInstances, [&](const auto &Entry) {
      const auto *Bound = cast<CXXRecordDecl>(Entry.first);
      return Bound == Class->getCanonicalDecl() ||
             (Bound->hasDefinition() && Bound->getDefinition()->isDerivedFrom(Class));
    });
  }

  static bool isSingletonByConstruction(const CXXRecordDecl *Class) {
    bool HasUserConstructor = false;
    for (const CXXConstructorDecl *C : Class->ctors()) {
      if (C->isImplicit() || C->isCopyOrMoveConstructor())
        continue;
      HasUserConstructor = true;
      if (C->getAccess() == AS_public && !C->isDeleted())
        return false;
    }
    return HasUserConstructor;
  }

  const SharedObject *objectBehindAccessor(const FunctionDecl *Accessor,
                                           const NamedDecl *Accessed) {
    SharedObject Object;
    Object.Key = Accessed;
    Object.Kind = SharingKind::LocalStatic;
    Object.Name = Accessor->getQualifiedNameAsString() + "()";
    Object.ObjectType = designatedObjectType(Accessor->getReturnType());
    Object.Declaration = Accessed->getLocation();
    if (const auto *Var = dyn_cast<VarDecl>(Accessed)) {
      Object.Variable = Var;
      if (!Var->isStaticLocal())
        return sharedVariable(Var);
    }
    return intern(Object);
  }

  const SharedObject *sharedVariable(const VarDecl *Var) {
    // Users know a static member by its declaration in the class, and every
    // redeclaration is the same object.
    Var = Var->getCanonicalDecl();
    SharedObject Object;
    Object.Key = Var;
    Object.Variable = Var;
    Object.Kind = Var->isStaticLocal()        ? SharingKind::LocalStatic
                  : Var->isStaticDataMember() ? SharingKind::StaticMember
                                              : SharingKind::Global;
    Object.Name = Var->isStaticDataMember() ? Var->getQualifiedNameAsString()
                                            : Var->getNameAsString();
    Object.ObjectType = designatedObjectType(Var->getType());
    Object.Declaration = Var->getLocation();
    return intern(Object);
  }

  const SharedObject *intern(const SharedObject &Object) {
    return &Model.Objects.try_emplace(Object.Key, Object).first->second;
  }

  /// The shared object an access path starts from, if any. `In` is the
  /// function the access is written in.
  const SharedObject *sharedRoot(const Expr *Root, const FunctionDecl *In,
                                 unsigned Depth = 0) {
    if (!Root || Depth > 4)
      return nullptr;
    if (const auto *This = dyn_cast<CXXThisExpr>(Root))
      return sharedThis(This->getType()->getPointeeCXXRecordDecl());
    if (const auto *Call = dyn_cast<CallExpr>(Root)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (const NamedDecl *Accessed = Callee ? accessedObject(Callee) : nullptr)
        return objectBehindAccessor(Callee, Accessed);
      return nullptr;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Root);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || isInSystemHeader(Ctx, Var->getLocation()))
      return nullptr;
    if (Var->hasGlobalStorage())
      return Var->getTLSKind() ? nullptr : sharedVariable(Var);
    // A start-up local, or an object a start-up function received by
    // reference, captured by reference into a handler: one for the server.
    if (const SharedObject *Captured = capturedByReference(Var, In))
      return Captured;
    if (isa<ParmVarDecl>(Var))
      return nullptr;
    // A local reference or pointer is the object it was bound to.
    if ((Var->getType()->isReferenceType() || Var->getType()->isPointerType()) &&
        Var->getInit())
      return sharedRoot(accessPath(Var->getInit()).Root, In, Depth + 1);
    return nullptr;
  }

  /// A local of start-up code captured by reference into a handler lambda
  /// lives as long as the server: every request sees the same object.
  const SharedObject *capturedByReference(const VarDecl *Var,
                                          const FunctionDecl *In) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(In);
    if (!Method || !Method->getParent()->isLambda())
      return nullptr;
    const auto *Owner = dyn_cast<FunctionDecl>(Var->getDeclContext());
    if (!Owner || Owner == In || Model.reach(Owner) ||
        (isa<ParmVarDecl>(Var) && !Var->getType()->isReferenceType()))
      return nullptr;
    bool ByReference = llvm::any_of(
        Method->getParent()->captures(), [&](const LambdaCapture &C) {
          return C.capturesVariable() && C.getCapturedVar() == Var &&
                 C.getCaptureKind() == LCK_ByRef;
        });
    if (!ByReference)
      return nullptr;
    SharedObject Object;
    Object.Key = Var;
    Object.Variable = Var;
    Object.Kind = SharingKind::CapturedByHandler;
    Object.Name = Var->getNameAsString();
    Object.ObjectType = designatedObjectType(Var->getType());
    Object.Declaration = Var->getLocation();
    return intern(Object);
  }

  //--- 5. What member functions store -------------------------------------//

  const FieldEffects &effectsOf(const FunctionDecl *F, unsigned Depth = 0) {
    if (auto It = Effects.find(F); It != Effects.end())
      return It->second;
    FieldEffects &Result = Effects[F];
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = F->getBody(Definition);
    // As for calls and parameter writes, a library's code is not read: what
    // its members change follows the library rule (callChangesObject),
    // whether or not clang parsed the body (the CLI skips those bodies).
    if (Body && isInSystemHeader(Ctx, Definition->getLocation()))
      Body = nullptr;
    if (!Body) {
      if (const FunctionFacts *Facts = factsOf(F); Facts && isa<CXXMethodDecl>(F))
        effectsFromFacts(cast<CXXMethodDecl>(F), *Facts, Result);
      return Result;
    }
    if (Depth > Options.MaxCallDepth)
      return Result;
    Result.Known = true;

    // Which parameters each local of the body is computed from.
    llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 2>> Origins;
    for (unsigned I = 0; I < Definition->getNumParams(); ++I)
      Origins[Definition->getParamDecl(I)].push_back(I);
    auto ParamsIn = [&](const Expr *E) {
      llvm::SmallVector<unsigned, 2> Found;
      std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
        if (!S)
          return;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
            if (auto It = Origins.find(Var); It != Origins.end())
              for (unsigned I : It->second)
                if (!llvm::is_contained(Found, I))
                  Found.push_back(I);
        for (const Stmt *Child : S->children())
          Walk(Child);
      };
      Walk(E);
      return Found;
    };
    for (const VarDecl *V : initialisedLocals(Body))
      if (auto Params = ParamsIn(V->getInit()); !Params.empty())
        Origins[V] = Params;

    auto Store = [&](const FieldDecl *Field, llvm::ArrayRef<unsigned> Params, bool Locked,
                     bool Assigned) {
      auto *Entry = llvm::find_if(Result.Fields,
                                  [&](const auto &E) { return E.Field == Field; });
      if (Entry == Result.Fields.end()) {
        Result.Fields.push_back({Field, {}, Locked, Assigned});
        Entry = &Result.Fields.back();
      }
      Entry->Locked &= Locked;
      Entry->Assigned |= Assigned;
      for (unsigned P : Params)
        if (!llvm::is_contained(Entry->Params, P))
          Entry->Params.push_back(P);
    };

    MutationFinder Finder([&](const Mutation &M) {
      QualType Written = M.Object->IgnoreParenImpCasts()->getType();
      if (isSynchronizationType(Written) || (isAtomicType(Written) && !replacesValue(M)))
        return;
      AccessPath Path = accessPath(M.Object);
      if (!isa_and_nonnull<CXXThisExpr>(Path.Root))
        return;
      llvm::SmallVector<unsigned, 2> Params;
      for (const Expr *V : M.Values)
        for (unsigned P : ParamsIn(V))
          Params.push_back(P);
      // Under a lock, into the slot a parameter chooses: a store per key, as
      // safe for the caller as the same store written at the call.
      bool KeyedByParameter =
          llvm::any_of(Path.Indices, [&](const Expr *I) { return !ParamsIn(I).empty(); }) ||
          (M.Kind == MutationKind::MemberCall && isKeyedInsertion(M.Method) &&
           !M.Values.empty() && !ParamsIn(M.Values.front()).empty());
      if (M.UnderLock && KeyedByParameter)
        return;
      if (M.Kind == MutationKind::MemberCall) {
        if (!callChangesObject(M.Method, Depth + 1))
          return;
        // A member whose object guards its own state (a locked database
        // handle, a pool) changes nothing a caller must synchronise.
        const FieldEffects &Callee = effectsOf(M.Method, Depth + 1);
        if (Path.Field && Callee.Known && !Callee.UnknownFields &&
            llvm::all_of(Callee.Fields, [](const FieldEffects::Store &S) { return S.Locked; }))
          return;
        if (!Path.Field) {
          // Another member function of this object: it stores what it stores,
          // with our arguments in place of its parameters.
          const FieldEffects &Inner = effectsOf(M.Method, Depth + 1);
          Result.UnknownFields |= Inner.UnknownFields || !Inner.Known;
          for (const FieldEffects::Store &Inner : Inner.Fields) {
            llvm::SmallVector<unsigned, 2> Mapped;
            for (unsigned P : Inner.Params)
              if (P < M.Values.size())
                for (unsigned Q : ParamsIn(M.Values[P]))
                  Mapped.push_back(Q);
            Store(Inner.Field, Mapped, Inner.Locked || M.UnderLock, Inner.Assigned);
          }
          return;
        }
      }
      if (Path.Field)
        Store(Path.Field, Params, M.UnderLock, M.Kind == MutationKind::Assign);
      else
        Result.UnknownFields = true;
    });
    Finder.TraverseStmt(const_cast<Stmt *>(Body));
    return Result;
  }

  /// A member function defined in another file stores what that file says,
  /// into the fields of the class this file sees.
  static void effectsFromFacts(const CXXMethodDecl *M, const FunctionFacts &Facts,
                               FieldEffects &Result) {
    Result.Known = true;
    Result.UnknownFields = Facts.StoresUnknown;
    for (const auto &[Name, Params] : Facts.Stores) {
      const FieldDecl *Field = nullptr;
      for (const FieldDecl *Candidate : M->getParent()->fields())
        if (Candidate->getName() == Name)
          Field = Candidate;
      if (!Field) {
        Result.UnknownFields = true;
        continue;
      }
      Result.Fields.push_back({Field, {Params.begin(), Params.end()}, false, true});
    }
  }

  /// True when calling M may change the object it is called on.
  bool callChangesObject(const CXXMethodDecl *M, unsigned Depth = 0) {
    if (!M || M->isConst() || M->isStatic())
      return false;
    const CXXRecordDecl *Class = M->getParent();
    if (isInStdNamespace(Class))
      return !isReadOnlyLibraryMember(M);
    // Other libraries' classes: loggers, clients and pools have many
    // non-const members that store nothing a request could see; only the
    // names that say "store" count.
    if (isLibraryClass(Ctx, Class))
      return isLibraryMutator(M) ||
             (M->getDeclName().isIdentifier() && SetterNames.match(M->getName()));
    const FieldEffects &E = effectsOf(M, Depth);
    if (E.Known)
      return E.writesAnything();
    return M->getDeclName().isIdentifier() && SetterNames.match(M->getName());
  }

  //--- 6. Writes on the request path --------------------------------------//

  void collectWrites() {
    std::set<std::tuple<const Expr *, const FieldDecl *, const SharedObject *>> Seen;
    for (const FunctionDecl *F : RequestPath) {
      size_t FirstOfFunction = Model.Writes.size();
      MutationFinder Finder(
          [&](const Mutation &M) {
            for (SharedWrite &W : writesOf(M, F))
              if (isTrustworthy(W) && leavesStateUnsafe(W) &&
                  Seen.insert({W.Site, W.Field, W.Target}).second)
                Model.Writes.push_back(W);
          },
          AlwaysLocked.contains(F));
      Finder.TraverseStmt(F->getBody());
      markRestores(llvm::MutableArrayRef<SharedWrite>(Model.Writes).drop_front(FirstOfFunction));
    }
  }

  /// False for writes in code that did not compile: clang recovers from an
  /// error with invalid declarations and placeholder expressions, and what
  /// they seem to write is a guess. Code around them is still reported.
  static bool isTrustworthy(const SharedWrite &W) {
    auto Invalid = [](const Decl *D) { return D && D->isInvalidDecl(); };
    return !W.Site->containsErrors() &&
           !(W.RequestValue && W.RequestValue->containsErrors()) && !Invalid(W.Function) &&
           !Invalid(W.Field) && !Invalid(W.Target->Key) && !Invalid(W.Target->Variable);
  }

  /// False for writes that keep shared state as safe as it was: synchronised
  /// updates of request-independent data (a pool, a counter under a lock),
  /// types configured as safe to share, and state shared on purpose with a
  /// reason.
  bool leavesStateUnsafe(const SharedWrite &W) {
    if (W.GuardedSingleSlot && !W.isRequestData())
      return false;
    if (isSafeType(W.Target->ObjectType) || (W.Field && isSafeType(W.Field->getType())))
      return false;
    const Decl *Marked[] = {W.Target->Variable, W.Target->Key, W.Field,
                            W.Target->ObjectType.isNull()
                                ? nullptr
                                : W.Target->ObjectType->getAsCXXRecordDecl()};
    return llvm::none_of(Marked, [&](const Decl *D) {
      std::optional<std::string> Reason = D ? sharedOnPurposeReason(D, Ctx) : std::nullopt;
      return Reason && !Reason->empty();
    });
  }

  bool isSafeType(QualType T) {
    if (T.isNull() || SafeTypePatterns.empty())
      return false;
    T = designatedObjectType(T);
    const auto *RD = T->getAsCXXRecordDecl();
    std::string Name = RD ? RD->getQualifiedNameAsString()
                          : T.getUnqualifiedType().getAsString();
    return llvm::any_of(SafeTypePatterns,
                        [&](llvm::Regex &Pattern) { return Pattern.match(Name); });
  }

  /// A request value stored and later overwritten in the same function with
  /// something else (the old value, a default): the classic "set, call,
  /// restore" that still leaks to requests running in between.
  static void markRestores(llvm::MutableArrayRef<SharedWrite> Writes) {
    for (SharedWrite &Set : Writes) {
      if (!Set.isRequestData())
        continue;
      for (const SharedWrite &Later : Writes)
        if (&Later != &Set && !Later.isRequestData() && Later.Target == Set.Target &&
            Later.Field == Set.Field &&
            Later.Through == Set.Through &&
            Later.Site->getBeginLoc() > Set.Site->getBeginLoc()) {
          Set.RestoredBy = Later.Site;
          break;
        }
    }
  }

  const Expr *firstRequestValue(llvm::ArrayRef<const Expr *> Values) const {
    for (const Expr *V : Values)
      if (Model.isRequestData(V))
        return V;
    return nullptr;
  }

  llvm::SmallVector<SharedWrite, 2> writesOf(const Mutation &M,
                                             const FunctionDecl *In) {
    llvm::SmallVector<SharedWrite, 2> Result;
    if (isSynchronizationType(M.Object->getType()) ||
        isSharedByDesign(designatedObjectType(M.Object->getType())->getAsCXXRecordDecl()))
      return Result;
    // An atomic is safe for counting and summing, even request-derived
    // amounts; replacing its value with one request's data is a leak.
    if (isAtomicType(M.Object->IgnoreParenImpCasts()->getType()) &&
        !(replacesValue(M) && firstRequestValue(M.Values)))
      return Result;
    AccessPath Path = accessPath(M.Object);
    if (isa_and_nonnull<CXXThisExpr>(Path.Root) && constructs(In))
      return Result;
    const SharedObject *Target = sharedRoot(Path.Root, In);
    if (!Target)
      return Result;

    SharedWrite W;
    W.Target = Target;
    W.Site = M.Site;
    W.Field = Path.Field;
    W.Function = In;
    W.RequestValue = firstRequestValue(M.Values);
    bool KeyedByRequest =
        llvm::any_of(Path.Indices, [&](const Expr *I) { return Model.isRequestData(I); });

    switch (M.Kind) {
    case MutationKind::Assign:
      W.Kind = WriteKind::Assign;
      break;
    case MutationKind::Modify:
      W.Kind = WriteKind::Modify;
      break;
    case MutationKind::PassedOut:
      if (!mayWriteParam(M.Callee, M.ParamIndex))
        return Result;
      W.Kind = WriteKind::PassedOut;
      break;
    case MutationKind::MemberCall: {
      if (!callChangesObject(M.Method))
        return Result;
      W.Through = M.Method;
      const CXXRecordDecl *Class = M.Method->getParent();
      if (isLibraryClass(Ctx, Class)) {
        W.Kind = WriteKind::Modify;
        KeyedByRequest |= isKeyedInsertion(M.Method) && !M.Values.empty() &&
                          Model.isRequestData(M.Values.front());
        break;
      }
      W.Kind = WriteKind::SetterCall;
      const FieldEffects &Effects = effectsOf(M.Method);
      if (Path.Field || !Effects.Known || Effects.UnknownFields) {
        // The call changes a field we already know, or fields we cannot name.
        Result.push_back(W);
        return Result;
      }
      for (const FieldEffects::Store &Store : Effects.Fields) {
        SharedWrite PerField = W;
        PerField.Field = Store.Field;
        PerField.RequestValue = nullptr;
        for (unsigned P : Store.Params)
          if (P < M.Values.size() && Model.isRequestData(M.Values[P])) {
            PerField.RequestValue = M.Values[P];
            break;
          }
        // As for direct writes: under a lock only an assignment is a slot.
        bool Locked = Store.Locked || M.UnderLock;
        PerField.GuardedSingleSlot = Locked && Store.Assigned;
        PerField.GuardedKeyedSlot = Locked && !Store.Assigned;
        Result.push_back(PerField);
      }
      return Result;
    }
    }
    // Under a lock, only an assignment fills "the current" slot; inserting
    // into a container or handing it to a function (`insert_resource(
    // registry, r)`) under the lock is synchronised bookkeeping whose keys
    // this function may not show.
    W.GuardedKeyedSlot = M.UnderLock && (KeyedByRequest || W.Kind != WriteKind::Assign);
    W.GuardedSingleSlot = M.UnderLock && !W.GuardedKeyedSlot;
    Result.push_back(W);
    return Result;
  }

  //--- 7. What a suspension lets other requests change --------------------//

  /// Thread-local or shared state, as the timeline of a function follows it.
  struct State {
    const VarDecl *ThreadLocal = nullptr;
    const SharedObject *Object = nullptr;
    explicit operator bool() const { return ThreadLocal || Object; }
    const void *key() const {
      return ThreadLocal ? static_cast<const void *>(ThreadLocal) : Object;
    }
  };

  /// What happens at one point of a body. At one position a read comes
  /// first (an operand is evaluated before it suspends), then the
  /// suspension or hand-over, then a write (`x = co_await f()`).
  enum class EventKind { Read, Suspend, Defer, Write };
  struct Event {
    EventKind Kind;
    unsigned Position;
    State Target;
    /// The access, the call through which it happens, or the suspension.
    const Expr *Site = nullptr;
    /// Through a call: the access in the called code.
    const Expr *Inside = nullptr;
    const SharedWrite *Shared = nullptr;
    /// Suspend and Defer: the suspension in words, and how it suspends.
    std::string Text;
    SuspensionKind How = SuspensionKind::Await;
    /// Defer: the function that runs later.
    const FunctionDecl *Deferred = nullptr;
    /// A write inside a called coroutine that suspends after it: at
    /// `co_await f()` it happens before the caller's suspension ends.
    bool BeforeSuspension = false;

    /// Order among events at one position.
    unsigned rank() const {
      switch (Kind) {
      case EventKind::Read: return 0;
      case EventKind::Suspend: return 2;
      case EventKind::Defer: return 3;
      case EventKind::Write: return BeforeSuspension ? 1 : 4;
      }
      return 4;
    }
  };

  /// A body's events in the order they happen, nested calls included.
  struct Timeline {
    std::vector<Event> Events;
    /// The body suspends its caller: it passes a yield_context on.
    bool SuspendsCaller = false;
  };

  unsigned positionOf(SourceLocation Loc) const {
    const SourceManager &SM = Ctx.getSourceManager();
    return SM.getFileOffset(SM.getExpansionLoc(Loc));
  }

  /// The thread_local variable an access path starts from: the variable, or
  /// the accessor returning it (`RequestContext::current()`).
  static const VarDecl *threadLocalAt(const Expr *Root) {
    const VarDecl *Var = nullptr;
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Root))
      Var = dyn_cast<VarDecl>(Ref->getDecl());
    else if (const auto *Call = dyn_cast_or_null<CallExpr>(Root);
             Call && Call->getDirectCallee())
      Var = returnedStatic(Call->getDirectCallee());
    return Var && Var->getTLSKind() ? Var->getCanonicalDecl() : nullptr;
  }

  State stateAt(const Expr *Root, const FunctionDecl *In) {
    State S;
    if (!Root)
      return S;
    S.ThreadLocal = threadLocalAt(Root);
    if (!S.ThreadLocal)
      S.Object = sharedRoot(Root, In);
    return S;
  }

  /// True when M reads the object it is called on (a setter that only
  /// assigns does not; a member without a visible body may).
  bool readsObject(const CXXMethodDecl *M) {
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = M->getBody(Definition);
    if (!Body)
      return !(M->getDeclName().isIdentifier() && SetterNames.match(M->getName()));
    llvm::DenseSet<const Expr *> Assigned;
    MutationFinder Finder([&](const Mutation &Mut) {
      if (Mut.Kind == MutationKind::Assign)
        Assigned.insert(Mut.Object->IgnoreParenImpCasts());
    });
    Finder.TraverseStmt(const_cast<Stmt *>(Body));
    bool Reads = false;
    forEachMemberOfThis(Body, [&](const MemberExpr *Member) {
      Reads |= !Assigned.contains(Member);
    });
    return Reads;
  }

  static void forEachMemberOfThis(const Stmt *S,
                                  llvm::function_ref<void(const MemberExpr *)> F) {
    struct Visitor : RecursiveASTVisitor<Visitor> {
      llvm::function_ref<void(const MemberExpr *)> F;
      bool VisitMemberExpr(MemberExpr *Member) {
        if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
          F(Member);
        return true;
      }
    } V;
    V.F = F;
    V.TraverseStmt(const_cast<Stmt *>(S));
  }

  const Timeline &timelineOf(const FunctionDecl *F, unsigned Depth = 0) {
    if (auto It = Timelines.find(F); It != Timelines.end())
      return It->second;
    // Inserted before the body is read, so recursion sees an empty timeline.
    Timeline &T = Timelines[F];
    const Stmt *Body = F->getBody();
    if (!Body || isInSystemHeader(Ctx, F->getLocation()) || Depth > Options.MaxCallDepth)
      return T;
    Unfinished.insert(F);
    TimelineCollector(*this, F, Depth, T).collect(Body);
    Unfinished.erase(F);
    // Events at one position keep the order they were found in.
    std::vector<std::pair<const Event *, unsigned>> Order;
    for (const Event &E : T.Events)
      Order.push_back({&E, static_cast<unsigned>(Order.size())});
    llvm::sort(Order, [](const auto &A, const auto &B) {
      return std::make_tuple(A.first->Position, A.first->rank(), A.second) <
             std::make_tuple(B.first->Position, B.first->rank(), B.second);
    });
    std::vector<Event> Sorted;
    for (const auto &Entry : Order)
      Sorted.push_back(*Entry.first);
    T.Events = std::move(Sorted);
    return T;
  }

  /// Collects the events of one body. Work handed over to run later is not
  /// part of the body's timeline: it becomes one Defer event.
  class TimelineCollector : public RecursiveASTVisitor<TimelineCollector> {
  public:
    TimelineCollector(Builder &B, const FunctionDecl *F, unsigned Depth, Timeline &T)
        : B(B), F(F), Depth(Depth), T(T) {}

    void collect(const Stmt *Body) {
      Stmt *Root = const_cast<Stmt *>(Body);
      findDeferredWork(Body);
      // Writes first, so the accesses they make are not also reads.
      MutationFinder Finder([&](const Mutation &M) { addWrite(M); });
      Finder.TraverseStmt(Root);
      TraverseStmt(Root);
    }

    bool shouldVisitImplicitCode() const { return false; }

    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Var->hasGlobalStorage())
        addRead(Ref);
      return true;
    }

    bool VisitMemberExpr(MemberExpr *Member) {
      if (isa<FieldDecl>(Member->getMemberDecl()))
        if (const auto *This = dyn_cast<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
          addRead(This, Member);
      return true;
    }

    bool VisitCallExpr(CallExpr *Call) {
      if (Call->isTypeDependent())
        return true;
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && returnedStatic(Callee)) {
        addRead(Call); // An accessor names its state; its body is not a read.
        return true;
      }
      bool GivenYield = llvm::any_of(Call->arguments(), [](const Expr *Arg) {
        return isYieldContext(Arg->getType());
      });
      const FunctionDecl *Definition = nullptr;
      bool Visible = Callee && Callee->getBody(Definition) &&
                     !isInSystemHeader(Ctx(), Definition->getLocation());
      if (Visible)
        inlineCall(Call, Definition);
      if (GivenYield && (!Visible || B.timelineOf(Definition, Depth + 1).SuspendsCaller)) {
        std::string Name = Callee ? "'" + Callee->getNameAsString() + "'" : "the call";
        addSuspension(Call, "after " + Name + " suspended the request (through its yield_context)",
                      SuspensionKind::StackfulYield);
        T.SuspendsCaller = true;
      }
      return true;
    }

    bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
      const FunctionDecl *Definition = nullptr;
      if (!Construct->isTypeDependent() && Construct->getConstructor()->getBody(Definition) &&
          !isInSystemHeader(Ctx(), Definition->getLocation()))
        inlineCall(Construct, Definition);
      return true;
    }

    bool VisitCoawaitExpr(CoawaitExpr *Await) {
      suspendAt(Await, "co_await");
      return true;
    }
    bool VisitCoyieldExpr(CoyieldExpr *Yield) {
      suspendAt(Yield, "co_yield");
      return true;
    }

  private:
    ASTContext &Ctx() const { return B.Ctx; }

    /// Hands-over of work: each is a Defer event, and what it runs is left
    /// out of this body's timeline.
    void findDeferredWork(const Stmt *Body) {
      forEachCallOrConstruct(Body, [&](const Expr *Site) {
        for (const DeferredWork &Work : deferredWorkOf(Site)) {
          const FunctionDecl *Runs = nullptr;
          if (const auto *Lambda = dyn_cast<LambdaExpr>(Work.Callable)) {
            Runs = Lambda->getCallOperator();
            Skipped.push_back({B.positionOf(Lambda->getBody()->getBeginLoc()),
                               B.positionOf(Lambda->getBody()->getEndLoc())});
          } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Work.Callable->IgnoreParenImpCasts())) {
            Runs = dyn_cast<FunctionDecl>(Ref->getDecl());
          }
          if (!Runs || !Runs->hasBody())
            continue;
          Event E{EventKind::Defer, B.positionOf(Site->getEndLoc()), {}, Site};
          E.Text = "in " + Work.Description + ", which runs later";
          E.How = SuspensionKind::DeferredWork;
          E.Deferred = Runs;
          T.Events.push_back(std::move(E));
        }
      });
    }

    bool skipped(unsigned Position) const {
      return llvm::any_of(Skipped, [&](const std::pair<unsigned, unsigned> &Range) {
        return Range.first <= Position && Position <= Range.second;
      });
    }

    void add(Event E) {
      if (!skipped(E.Position))
        T.Events.push_back(std::move(E));
    }

    void addWrite(const Mutation &M) {
      const Expr *Root = accessPath(M.Object).Root;
      State Target;
      const SharedWrite *Shared = nullptr;
      if (const VarDecl *Var = threadLocalAt(Root)) {
        // Counting into a per-thread number sets no value of this request's.
        bool Accumulates = M.Kind == MutationKind::Modify && Var->getType()->isArithmeticType();
        if (Accumulates ||
            (M.Kind == MutationKind::MemberCall && !B.callChangesObject(M.Method)) ||
            (M.Kind == MutationKind::PassedOut && !B.mayWriteParam(M.Callee, M.ParamIndex)))
          return;
        Target.ThreadLocal = Var;
      } else if (auto It = B.WritesBySite.find(M.Site); It != B.WritesBySite.end()) {
        Shared = It->second;
        Target.Object = Shared->Target;
        // `manager.createOrder()` stores an order and reads the context.
        if (M.Kind == MutationKind::MemberCall && B.readsObject(M.Method))
          add({EventKind::Read, B.positionOf(M.Site->getBeginLoc()), Target, M.Site});
      } else {
        return;
      }
      Consumed.insert(Root);
      Event E{EventKind::Write, B.positionOf(M.Site->getEndLoc()), Target, M.Site};
      E.Shared = Shared;
      add(std::move(E));
    }

    void addRead(const Expr *Root, const Expr *Access = nullptr) {
      if (Consumed.contains(Root))
        return;
      State Target = B.stateAt(Root, F);
      if (Target)
        add({EventKind::Read, B.positionOf((Access ? Access : Root)->getBeginLoc()), Target,
             Access ? Access : Root});
    }

    /// What a called function reads before writing it, and what it writes,
    /// happen at the call (after its arguments).
    void inlineCall(const Expr *Call, const FunctionDecl *Callee) {
      if (const auto *M = dyn_cast<CXXMethodDecl>(Callee); M && M->getParent()->isLambda())
        return; // A lambda's body is visited where it is written.
      // A recursive call adds nothing the body does not already show.
      if (B.Unfinished.contains(Callee))
        return;
      const Timeline &Inner = B.timelineOf(Callee, Depth + 1);
      unsigned Position = B.positionOf(Call->getEndLoc());
      llvm::DenseSet<const void *> Written;
      for (auto It = Inner.Events.begin(); It != Inner.Events.end(); ++It) {
        const Event &E = *It;
        if (E.Kind == EventKind::Write) {
          Written.insert(E.Target.key());
          Event Outer{EventKind::Write, Position, E.Target, Call, E.Inside ? E.Inside : E.Site};
          Outer.Shared = E.Shared;
          Outer.BeforeSuspension = std::any_of(It, Inner.Events.end(), [](const Event &Later) {
            return Later.Kind == EventKind::Suspend;
          });
          add(std::move(Outer));
        } else if (E.Kind == EventKind::Read && !Written.contains(E.Target.key())) {
          add({EventKind::Read, Position, E.Target, Call, E.Inside ? E.Inside : E.Site});
        }
      }
    }

    void suspendAt(const CoroutineSuspendExpr *E, llvm::StringRef Keyword) {
      if (E->getOperand()->isTypeDependent() || awaitNeverSuspends(E, Ctx()))
        return;
      std::string Text = B.Model.spelling(E);
      if (Text.size() > 60)
        Text = Keyword.str();
      addSuspension(E, "after '" + Text + "' suspended the request", SuspensionKind::Await);
    }

    void addSuspension(const Expr *Site, std::string Text, SuspensionKind How) {
      Event E{EventKind::Suspend, B.positionOf(Site->getEndLoc()), {}, Site};
      E.Text = std::move(Text);
      E.How = How;
      add(std::move(E));
    }

    Builder &B;
    const FunctionDecl *F;
    unsigned Depth;
    Timeline &T;
    llvm::DenseSet<const Expr *> Consumed;
    std::vector<std::pair<unsigned, unsigned>> Skipped;
  };

  /// Reads, in the functions that run per request, of state this request
  /// set before it suspended, handed work over, or returned from an earlier
  /// callback of the same call.
  void findStaleReads() {
    // A locked per-key slot keeps each request's value apart.
    for (const SharedWrite &W : Model.Writes)
      if (!W.GuardedKeyedSlot)
        WritesBySite.try_emplace(W.Site, &W);
    std::deque<const FunctionDecl *> Queue(RequestPath.begin(), RequestPath.end());
    llvm::DenseSet<const FunctionDecl *> Done;
    while (!Queue.empty()) {
      const FunctionDecl *F = Queue.front();
      Queue.pop_front();
      if (!Done.insert(F).second || !mayStopRunning(F))
        continue;
      followTimeline(F, [&](const FunctionDecl *Deferred) { Queue.push_back(Deferred); });
    }
    findStaleAcrossCallbacks();
  }

  /// A cheap test before building a timeline: can F stop running part way?
  bool mayStopRunning(const FunctionDecl *F) {
    struct Finder : RecursiveASTVisitor<Finder> {
      bool Found = false;
      bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *) { return !(Found = true); }
      bool VisitCallExpr(CallExpr *Call) {
        Found |= !deferredWorkOf(Call).empty() ||
                 llvm::any_of(Call->arguments(),
                              [](const Expr *Arg) { return isYieldContext(Arg->getType()); });
        return !Found;
      }
      bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
        Found |= !deferredWorkOf(Construct).empty();
        return !Found;
      }
    } Find;
    Find.TraverseStmt(F->getBody());
    return Find.Found;
  }

  void followTimeline(const FunctionDecl *F,
                      llvm::function_ref<void(const FunctionDecl *)> OnDeferred) {
    struct Live {
      const Event *LastWrite = nullptr;
      const Event *Since = nullptr;
    };
    llvm::MapVector<const void *, Live> States;
    for (const Event &E : timelineOf(F).Events) {
      switch (E.Kind) {
      case EventKind::Write:
        States[E.Target.key()] = {&E, nullptr};
        break;
      case EventKind::Suspend:
        for (auto &Entry : States)
          if (!Entry.second.Since)
            Entry.second.Since = &E;
        break;
      case EventKind::Read:
        if (auto It = States.find(E.Target.key());
            It != States.end() && It->second.Since)
          addStaleRead(F, E, *It->second.LastWrite, *It->second.Since);
        break;
      case EventKind::Defer:
        OnDeferred(E.Deferred);
        for (const Event &Read : upwardReads(E.Deferred))
          if (auto It = States.find(Read.Target.key()); It != States.end())
            addStaleRead(E.Deferred, Read, *It->second.LastWrite, E);
        break;
      }
    }
  }

  /// The reads of a function's timeline that see a value set before it ran.
  std::vector<Event> upwardReads(const FunctionDecl *F) {
    std::vector<Event> Reads;
    llvm::DenseSet<const void *> Written;
    for (const Event &E : timelineOf(F).Events)
      if (E.Kind == EventKind::Write)
        Written.insert(E.Target.key());
      else if (E.Kind == EventKind::Read && !Written.contains(E.Target.key()))
        Reads.push_back(E);
    return Reads;
  }

  /// A gRPC reactor's callbacks run one after another for the same call,
  /// each on whichever thread completed the operation before it.
  void findStaleAcrossCallbacks() {
    llvm::MapVector<const CXXRecordDecl *, llvm::SmallVector<const CXXMethodDecl *, 4>> ByClass;
    for (const FunctionDecl *F : RequestPath)
      if (const auto *M = dyn_cast<CXXMethodDecl>(F); M && isSequenceCallback(M))
        ByClass[M->getParent()];
    for (auto &[Class, Callbacks] : ByClass)
      for (const CXXMethodDecl *M : Class->methods())
        if (isSequenceCallback(M) && M->hasBody())
          Callbacks.push_back(cast<CXXMethodDecl>(M->getDefinition()));
    for (const auto &[Class, Callbacks] : ByClass)
      for (const CXXMethodDecl *Reader : Callbacks) {
        if (isa<CXXConstructorDecl>(Reader))
          continue; // The first callback of all.
        for (const Event &Read : upwardReads(Reader))
          for (const CXXMethodDecl *Writer : Callbacks) {
            if (Writer == Reader)
              continue;
            const auto &Events = timelineOf(Writer).Events;
            auto Write = llvm::find_if(Events, [&](const Event &E) {
              return E.Kind == EventKind::Write && E.Target.key() == Read.Target.key();
            });
            if (Write == Events.end())
              continue;
            Event Later{EventKind::Suspend, 0, {}, nullptr};
            Later.How = SuspensionKind::LaterCallback;
            Later.Text = "in '" + Reader->getNameAsString() + "', a later callback of the same call";
            addStaleRead(Reader, Read, *Write, Later);
            break;
          }
      }
  }

  void addStaleRead(const FunctionDecl *F, const Event &Read, const Event &Write,
                    const Event &Suspension) {
    if (!StaleSeen.insert({Read.Site, Read.Target.key()}).second)
      return;
    StaleRead R;
    R.ThreadLocal = Read.Target.ThreadLocal;
    R.Object = Read.Target.Object;
    R.Name = R.Object ? R.Object->Name : nameOfThreadLocal(R.ThreadLocal);
    R.Function = F;
    R.Read = Read.Site;
    R.ReadInside = Read.Inside;
    R.Write = Write.Site;
    R.SharedSource = Write.Shared;
    R.Kind = Suspension.How;
    R.Suspension = Suspension.Site;
    R.SuspensionText = Suspension.Text;
    Model.Stale.push_back(std::move(R));
  }

  /// "currentUser", or "RequestContext::current()" for the thread_local
  /// inside an accessor.
  static std::string nameOfThreadLocal(const VarDecl *Var) {
    // As the code spells it: no "(anonymous namespace)::".
    PrintingPolicy Policy(Var->getASTContext().getLangOpts());
    Policy.SuppressUnwrittenScope = true;
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    if (const auto *Accessor = dyn_cast<FunctionDecl>(Var->getDeclContext())) {
      Accessor->printQualifiedName(OS, Policy);
      return OS.str() + "()";
    }
    Var->printQualifiedName(OS, Policy);
    return OS.str();
  }

  RequestScopeModel &Model;
  ASTContext &Ctx;
  const ModelOptions &Options;
  /// Facts of the other files of the program, in the CLI's second pass.
  const std::shared_ptr<const ProgramFacts> Program = programFacts();
  llvm::Regex SetterNames;
  std::vector<llvm::Regex> HandlerPatterns;
  std::vector<llvm::Regex> SafeTypePatterns;
  std::vector<llvm::Regex> RegistrationPatterns;
  std::vector<const FunctionDecl *> RequestPath;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallFinder::Call>> CallsFrom;
  llvm::DenseSet<const FunctionDecl *> AlwaysLocked;
  llvm::DenseSet<const FunctionDecl *> ConstructionOnly;
  llvm::DenseMap<const FunctionDecl *, std::vector<unsigned>> ParamsWritten;
  llvm::DenseMap<const FunctionDecl *, const NamedDecl *> Accessors;
  std::map<const FunctionDecl *, FieldEffects> Effects;
  std::map<const FunctionDecl *, Timeline> Timelines;
  /// Functions whose timeline is being collected (recursion).
  llvm::DenseSet<const FunctionDecl *> Unfinished;
  llvm::DenseMap<const Expr *, const SharedWrite *> WritesBySite;
  std::set<std::pair<const Expr *, const void *>> StaleSeen;
  /// Classes with an instance bound into a route, by the route's description.
  llvm::MapVector<const Decl *, std::string> BoundInstances;
};

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

RequestScopeModel::RequestScopeModel(ASTContext &Ctx, const ModelOptions &Options)
    : Ctx(Ctx) {
  Builder(*this, Options).run();
}

const Reach *RequestScopeModel::reach(const FunctionDecl *F) const {
  if (!F)
    return nullptr;
  auto It = Reached.find(F);
  if (It == Reached.end()) {
    const FunctionDecl *Definition = nullptr;
    if (F->getBody(Definition) && Definition != F)
      It = Reached.find(Definition);
  }
  return It == Reached.end() ? nullptr : &It->second;
}

bool RequestScopeModel::isRequestData(const Expr *Root) const {
  // A worklist, not recursion: generated code nests expressions tens of
  // thousands deep (`a + a + ... + a`), deeper than a thread's stack.
  llvm::SmallVector<const Expr *, 16> Work = {Root};
  while (!Work.empty()) {
    const Expr *E = Work.pop_back_val();
    if (!E)
      continue;
    E = E->IgnoreParenImpCasts();
    if (isa<LambdaExpr, CXXThisExpr>(E))
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (Var && Tainted.contains(Var))
        return true;
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && TaintedFields.contains(Field) &&
          isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return true;
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        Work.push_back(ChildExpr);
  }
  return false;
}

std::string RequestScopeModel::spelling(const Expr *E) const {
  if (!E)
    return "";
  E = E->IgnoreParenImpCasts();
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  std::string Text =
      Lexer::getSourceText(Lexer::makeFileCharRange(Range, SM, Ctx.getLangOpts()),
                           SM, Ctx.getLangOpts())
          .str();
  if (Text.empty()) {
    // Spread over a macro body: print the expression instead.
    llvm::raw_string_ostream OS(Text);
    E->printPretty(OS, nullptr, PrintingPolicy(Ctx.getLangOpts()));
  }
  // One line, and short enough to read inside a message.
  std::string Collapsed;
  for (char C : Text) {
    if (C == '\n' || C == '\t' || C == '\r')
      C = ' ';
    if (C == ' ' && !Collapsed.empty() && Collapsed.back() == ' ')
      continue;
    Collapsed += C;
  }
  if (Collapsed.size() > 48)
    Collapsed = Collapsed.substr(0, 45) + "...";
  return Collapsed;
}

std::vector<const VarDecl *> RequestScopeModel::findNeverWrittenStatics() const {
  // Candidates: mutable statics of the main file that no other translation
  // unit can name, so this one sees every write.
  struct Collector : RecursiveASTVisitor<Collector> {
    explicit Collector(ASTContext &Ctx) : Ctx(Ctx) {}
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool TraverseDecl(Decl *D) {
      if (D && !isa<TranslationUnitDecl>(D) &&
          D->getLexicalDeclContext()->isFileContext() &&
          !isInMainFile(Ctx, D->getLocation()))
        return true;
      if (const auto *F = dyn_cast_or_null<FunctionDecl>(D);
          F && F->doesThisDeclarationHaveABody() && !Outermost)
        Outermost = F;
      bool Result = RecursiveASTVisitor::TraverseDecl(D);
      if (Outermost == D)
        Outermost = nullptr;
      return Result;
    }
    bool VisitVarDecl(VarDecl *V) {
      bool Internal = V->isStaticLocal() || !V->isExternallyVisible();
      if (V->hasGlobalStorage() && !V->getTLSKind() && Internal &&
          !V->getType().isConstQualified() && !V->isConstexpr() &&
          !V->getType()->isReferenceType() && !isa<ParmVarDecl>(V) &&
          !V->isTemplated() && V->getInit() &&
          !designatedObjectType(V->getType())->isDependentType())
        Candidates.push_back(V);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
        if (Outermost)
          UsedIn[Var].insert(Outermost);
        else
          UsedOutsideFunctions.insert(Var);
      }
      return true;
    }
    ASTContext &Ctx;
    const FunctionDecl *Outermost = nullptr;
    std::vector<const VarDecl *> Candidates;
    llvm::DenseMap<const VarDecl *, llvm::SmallPtrSet<const FunctionDecl *, 4>> UsedIn;
    llvm::DenseSet<const VarDecl *> UsedOutsideFunctions;
  } C(Ctx);
  C.TraverseAST(Ctx);

  std::vector<const VarDecl *> Result;
  for (const VarDecl *V : C.Candidates) {
    if (C.UsedOutsideFunctions.contains(V))
      continue;
    bool Mutated = false;
    for (const FunctionDecl *F : C.UsedIn.lookup(V)) {
      ExprMutationAnalyzer Analyzer(*F->getBody(), Ctx);
      if (Analyzer.isMutated(V)) {
        Mutated = true;
        break;
      }
    }
    if (!Mutated)
      Result.push_back(V);
  }
  return Result;
}

namespace {
constexpr llvm::StringLiteral MarkerAnnotation = "statescope::shared";
constexpr llvm::StringLiteral MarkerComment = "statescope: shared";

/// The reason after a comment marker: "statescope: shared - why" gives "why".
llvm::StringRef reasonAfterMarker(llvm::StringRef Text) {
  Text = Text.ltrim(" \t");
  while (!Text.empty() && (Text.front() == '-' || Text.front() == ':' ||
                           Text.front() == ' ' || Text.front() == '\t'))
    Text = Text.drop_front();
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; })
      .rtrim(" \t*/");
}

std::optional<std::string> markerOnLine(const SourceManager &SM, FileID File,
                                        unsigned Line) {
  if (Line == 0)
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  SourceLocation Start = SM.translateLineCol(File, Line, 1);
  if (Invalid || Start.isInvalid() || SM.getFileID(Start) != File)
    return std::nullopt;
  llvm::StringRef Text = Buffer.drop_front(SM.getFileOffset(Start));
  Text = Text.take_until([](char C) { return C == '\n'; });
  size_t At = Text.find(MarkerComment);
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  return reasonAfterMarker(Text.drop_front(At + MarkerComment.size())).str();
}

std::optional<std::string> annotationReason(const AnnotateAttr *Attr) {
  if (Attr->getAnnotation() != MarkerAnnotation)
    return std::nullopt;
  for (const Expr *Arg : Attr->args())
    if (const auto *Lit = dyn_cast<StringLiteral>(Arg->IgnoreParenImpCasts());
        Lit && Lit->getCharByteWidth() == 1)
      return Lit->getString().trim().str();
  return std::string();
}
} // namespace

std::optional<std::string> sharedOnPurposeReason(const Decl *D, const ASTContext &Ctx) {
  for (const Decl *Redecl : D->redecls())
    for (const auto *Attr : Redecl->specific_attrs<AnnotateAttr>())
      if (std::optional<std::string> Reason = annotationReason(Attr))
        return Reason;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *Redecl : D->redecls()) {
    SourceLocation Begin = SM.getExpansionLoc(Redecl->getBeginLoc());
    SourceLocation End = SM.getExpansionLoc(Redecl->getEndLoc());
    if (Begin.isInvalid())
      continue;
    FileID File = SM.getFileID(Begin);
    unsigned First = SM.getSpellingLineNumber(Begin);
    unsigned Last = End.isValid() && SM.getFileID(End) == File
                        ? SM.getSpellingLineNumber(End)
                        : First;
    // The line above, and the lines of the declaration (a trailing comment
    // after its semicolon is on its last line).
    for (unsigned Line = First - 1; Line <= Last && Line <= First + 1; ++Line)
      if (std::optional<std::string> Reason = markerOnLine(SM, File, Line))
        return Reason;
    if (Last > First + 1)
      if (std::optional<std::string> Reason = markerOnLine(SM, File, Last))
        return Reason;
  }
  return std::nullopt;
}

std::vector<RequestScopeModel::UnexplainedMarker>
RequestScopeModel::findUnexplainedMarkers() const {
  std::vector<UnexplainedMarker> Result;
  const SourceManager &SM = Ctx.getSourceManager();
  FileID Main = SM.getMainFileID();
  llvm::StringRef Buffer = SM.getBufferData(Main);
  for (size_t At = Buffer.find(MarkerComment); At != llvm::StringRef::npos;
       At = Buffer.find(MarkerComment, At + 1))
    if (reasonAfterMarker(Buffer.drop_front(At + MarkerComment.size())).empty())
      Result.push_back({SM.getComposedLoc(Main, At), ""});

  struct Collector : RecursiveASTVisitor<Collector> {
    explicit Collector(const ASTContext &Ctx) : Ctx(Ctx) {}
    bool TraverseDecl(Decl *D) {
      if (D && !isa<TranslationUnitDecl>(D) &&
          D->getLexicalDeclContext()->isFileContext() &&
          !isInMainFile(Ctx, D->getLocation()))
        return true;
      return RecursiveASTVisitor::TraverseDecl(D);
    }
    bool VisitNamedDecl(NamedDecl *D) {
      for (const auto *Attr : D->specific_attrs<AnnotateAttr>())
        if (std::optional<std::string> Reason = annotationReason(Attr);
            Reason && Reason->empty())
          Found.push_back({Attr->getLocation(), D->getNameAsString()});
      return true;
    }
    const ASTContext &Ctx;
    std::vector<UnexplainedMarker> Found;
  } C(Ctx);
  C.TraverseAST(const_cast<ASTContext &>(Ctx));
  llvm::append_range(Result, C.Found);
  return Result;
}

bool StaleRead::isDirectRead() const {
  return !ReadInside && isa<DeclRefExpr>(Read);
}

bool isAtomicType(QualType T) {
  const auto *RD = T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && isInStdNamespace(RD) && RD->getDeclName().isIdentifier() &&
         (RD->getName() == "atomic" || RD->getName() == "atomic_ref");
}

SourceLocation primaryLocation(const SourceManager &SM,
                               SourceLocation Declaration,
                               llvm::ArrayRef<const SharedWrite *> Writes) {
  if (Declaration.isValid() && SM.isInMainFile(SM.getExpansionLoc(Declaration)))
    return Declaration;
  for (const SharedWrite *W : Writes)
    if (SM.isInMainFile(SM.getExpansionLoc(W->Site->getBeginLoc())))
      return W->Site->getBeginLoc();
  return Writes.empty() ? Declaration : Writes.front()->Site->getBeginLoc();
}

} // namespace clang::statescope
