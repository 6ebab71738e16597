//===--- LibraryKnowledge.cpp - what library types and members do ---------===//

#include "model/LibraryKnowledge.h"
#include "ASTFacts.h"
#include "Frameworks.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::statescope {

namespace {
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
} // namespace

bool isSynchronizationType(QualType T) {
  // POSIX threads' objects, known by their typedef.
  if (const auto *Typedef = T.getNonReferenceType()->getAs<TypedefType>())
    if (llvm::is_contained({"pthread_mutex_t", "pthread_once_t", "pthread_rwlock_t",
                            "pthread_cond_t", "pthread_spinlock_t", "pthread_barrier_t"},
                           Typedef->getDecl()->getName()))
      return true;
  const CXXRecordDecl *RD = stdOrBoostClass(T);
  if (!RD)
    return false;
  static const llvm::StringSet<> Names = {"mutex",
                                          "recursive_mutex",
                                          "timed_mutex",
                                          "shared_mutex",
                                          "recursive_timed_mutex",
                                          "shared_timed_mutex",
                                          "condition_variable",
                                          "condition_variable_any",
                                          "once_flag",
                                          "counting_semaphore",
                                          "latch",
                                          "barrier"};
  return Names.contains(RD->getName());
}

namespace {
/// The hold a guard of type T takes when constructed with a mutex.
LockHold holdOfGuardType(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getDeclName().isIdentifier())
    return LockHold::None;
  llvm::StringRef Name = RD->getName();
  if (stdOrBoostClass(T)) {
    if (llvm::is_contained({"lock_guard", "scoped_lock", "unique_lock"}, Name))
      return LockHold::Exclusive;
    if (llvm::is_contained({"shared_lock", "upgrade_lock"}, Name))
      return LockHold::Shared;
    return LockHold::None;
  }
  // Abseil's guards (gRPC servers' usual lock) by name, since the attribute
  // is only there when thread-safety attributes are enabled; any other
  // class its author marked as a scoped lock by the attribute.
  bool Reader = Name.contains("Reader") || Name.contains("Shared");
  if (llvm::is_contained({"MutexLock", "WriterMutexLock", "ReleasableMutexLock", "ReaderMutexLock"},
                         Name) ||
      RD->hasAttr<ScopedLockableAttr>())
    return Reader ? LockHold::Shared : LockHold::Exclusive;
  return LockHold::None;
}

/// True when a guard's constructor is given a tag that leaves the mutex
/// unlocked (defer_lock) or maybe unlocked (try_to_lock).
bool constructedUnlocked(const Expr *Init) {
  const auto *Construct = Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
  if (!Construct)
    return false;
  if (Construct->getNumArgs() == 0)
    return true; // A guard of no mutex.
  return llvm::any_of(Construct->arguments(), [](const Expr *Arg) {
    const auto *Tag = Arg->getType()->getAsCXXRecordDecl();
    return Tag && Tag->getDeclName().isIdentifier() &&
           llvm::is_contained({"defer_lock_t", "try_to_lock_t"}, Tag->getName());
  });
}
} // namespace

LockHold lockHeldBy(const VarDecl *Guard) {
  LockHold Hold = holdOfGuardType(Guard->getType());
  if (Hold == LockHold::None || Guard->getType()->isReferenceType() ||
      constructedUnlocked(Guard->getInit()))
    return LockHold::None;
  return Hold;
}

bool isAtomicType(QualType T) {
  const auto *RD = T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && isInStdNamespace(RD) && RD->getDeclName().isIdentifier() &&
         (RD->getName() == "atomic" || RD->getName() == "atomic_ref");
}

bool isReadOnlyLibraryMember(const CXXMethodDecl *M) {
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> ReadOnly = {
      "begin",         "end",         "rbegin",      "rend",   "cbegin",
      "cend",          "find",        "at",          "front",  "back",
      "data",          "size",        "empty",       "count",  "c_str",
      "lower_bound",   "upper_bound", "equal_range", "get",    "value",
      "load",          "contains",    "length",      "substr", "shared_from_this",
      "weak_from_this"};
  return ReadOnly.contains(M->getName());
}

namespace {
/// True when the unit is the framework's own code: its main file opens the
/// class's outermost namespace (`namespace drogon {`, `namespace
/// Pistache::Rest {`). Then the framework's classes are the project's.
bool isInFrameworksOwnUnit(const ASTContext &Ctx, const CXXRecordDecl *Class) {
  const NamespaceDecl *Outermost = nullptr;
  for (const DeclContext *C = Class->getDeclContext(); C; C = C->getParent())
    if (const auto *N = dyn_cast<NamespaceDecl>(C))
      Outermost = N;
  return Outermost && llvm::any_of(Outermost->redecls(), [&](const NamespaceDecl *N) {
           return isInMainFile(Ctx, N->getLocation());
         });
}
} // namespace

bool isLibraryClass(const ASTContext &Ctx, const CXXRecordDecl *Class) {
  return isInStdNamespace(Class) || isLibraryCode(Ctx, Class) ||
         (isFrameworkClass(Class) && !isInFrameworksOwnUnit(Ctx, Class));
}

bool isLibraryMutator(const CXXMethodDecl *M) {
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> Mutators = {
      "push_back",     "push_front", "emplace",          "emplace_back",
      "emplace_front", "insert",     "insert_or_assign", "try_emplace",
      "erase",         "clear",      "assign",           "append",
      "swap",          "resize",     "pop_back",         "pop_front",
      "add",           "put",        "remove",           "merge"};
  return Mutators.contains(M->getName());
}

bool isRunOnceCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return false;
  return hasQualifiedName(Callee, "std::call_once") ||
         hasQualifiedName(Callee, "boost::call_once") ||
         (Callee->getName() == "pthread_once" && Callee->isExternC());
}

bool isSignalConnection(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method || !Method->getDeclName().isIdentifier() ||
      !llvm::is_contained({"connect", "connect_extended"}, Method->getName()))
    return false;
  // Sockets connect to peers; the standard library has no signals.
  return !isInStdNamespace(Method->getParent()) &&
         !isInNamespace(Method->getParent(), {"asio::", "boost::asio::", "boost::beast::"});
}

bool isPassThroughFunction(const FunctionDecl *F) {
  if (!F || !isInStdNamespace(F) || !F->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> PassThrough = {"move",   "forward", "addressof", "as_const",
                                                "ref",    "cref",    "begin",     "end",
                                                "cbegin", "cend",    "size",      "data"};
  return PassThrough.contains(F->getName());
}

bool insertsMissingKey(const CXXMethodDecl *M) {
  const CXXRecordDecl *Class = M->getParent();
  // libstdc++ declares the maps in an inline namespace of std.
  return M->getOverloadedOperator() == OO_Subscript && !M->isConst() &&
         Class->getDeclName().isIdentifier() &&
         llvm::is_contained({"map", "unordered_map"}, Class->getName()) &&
         Class->isInStdNamespace();
}

bool isKeyedInsertion(const CXXMethodDecl *M) {
  if (M->getOverloadedOperator() == OO_Subscript)
    return true;
  if (!M->getDeclName().isIdentifier())
    return false;
  static const llvm::StringSet<> Keyed = {"emplace", "try_emplace", "insert_or_assign",
                                          "insert",  "erase",       "at"};
  return Keyed.contains(M->getName());
}

namespace {
/// Declared in std::chrono (or boost::chrono), inline namespaces included.
bool isChronoDecl(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && NS->getName() == "chrono")
      return true;
  return false;
}

/// The calls that read the clock: C's `time` and `clock`, and a chrono
/// clock's `now`.
bool isClockRead(const FunctionDecl *F) {
  if (!F->getDeclName().isIdentifier())
    return false;
  if (F->getName() == "time" || F->getName() == "clock")
    return F->isExternC() || isInStdNamespace(F);
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  return M && M->isStatic() && M->getName() == "now" && isChronoDecl(M);
}

/// Conversions between chrono's and C's representations of a time, which
/// keep the time they are given.
bool isTimeConversion(const FunctionDecl *F) {
  if (!F->getDeclName().isIdentifier() || !isChronoDecl(F))
    return false;
  static const llvm::StringSet<> Conversions = {
      "from_time_t", "to_time_t", "time_since_epoch", "duration_cast", "time_point_cast", "floor",
      "ceil",        "round"};
  return Conversions.contains(F->getName());
}
} // namespace

namespace {
/// A time computation is a few steps (`from_time_t(maxAge + std::time(
/// nullptr))`); looking no deeper keeps the question cheap on generated sums
/// nested thousands deep, which RequestData asks it about at every level.
constexpr unsigned MaxTimeComputationDepth = 6;

bool readsClockWithin(const Expr *E, unsigned Depth) {
  E = ignoreWrappers(E);
  if (!E || Depth > MaxTimeComputationDepth)
    return false;
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return (Binary->getOpcode() == BO_Add || Binary->getOpcode() == BO_Sub) &&
           (readsClockWithin(Binary->getLHS(), Depth + 1) ||
            readsClockWithin(Binary->getRHS(), Depth + 1));
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
    return (Operator->getOperator() == OO_Plus || Operator->getOperator() == OO_Minus) &&
           Operator->getNumArgs() == 2 &&
           (readsClockWithin(Operator->getArg(0), Depth + 1) ||
            readsClockWithin(Operator->getArg(1), Depth + 1));
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  if (isClockRead(Callee))
    return true;
  if (!isTimeConversion(Callee))
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return readsClockWithin(Member->getImplicitObjectArgument(), Depth + 1);
  return Call->getNumArgs() == 1 && readsClockWithin(Call->getArg(0), Depth + 1);
}
} // namespace

bool readsClock(const Expr *E) { return readsClockWithin(E, 0); }

} // namespace clang::statescope
