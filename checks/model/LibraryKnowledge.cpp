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
  return isInStdNamespace(Class) || isInSystemHeader(Ctx, Class->getLocation()) ||
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

} // namespace clang::statescope
