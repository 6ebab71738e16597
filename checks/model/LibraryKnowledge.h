//===--- LibraryKnowledge.h - what library types and members do -----------===//
//
// What the model knows about code it does not read: which library classes
// synchronise, lock or count atomically, which of their members change the
// object, and which calls only pass a reference through. The standard
// library's and Boost's classes are known by name; other libraries' classes
// follow the shapes their names give away.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_LIBRARYKNOWLEDGE_H
#define STATESCOPE_CHECKS_MODEL_LIBRARYKNOWLEDGE_H

#include "ASTFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

namespace clang::statescope {

/// Objects that exist to be shared between requests (mutexes, condition
/// variables, once flags): locking or signalling them is their purpose.
bool isSynchronizationType(QualType T);

/// How a lock guard, as declared, holds its mutex for the rest of its scope.
enum class LockHold {
  None,      ///< Not a guard, or one made with defer_lock / try_to_lock.
  Exclusive, ///< lock_guard, scoped_lock, unique_lock, absl::MutexLock...
  Shared,    ///< shared_lock, a reader lock: other readers hold it too.
};

/// The hold of a local guard variable: by its type (the standard library's
/// and Boost's guards, Abseil's, and any class marked `scoped_lockable`) and
/// by the tag its constructor is given.
LockHold lockHeldBy(const VarDecl *Guard);

/// std::atomic and std::atomic_ref: safe for counters and flags, not for
/// holding one request's data.
bool isAtomicType(QualType T);

/// Member functions of library types that leave the object as it was even
/// though they are not const (they hand out iterators, references or, for
/// shared_from_this, a new owner).
bool isReadOnlyLibraryMember(const CXXMethodDecl *M);

/// Classes the project does not own: the standard library's, those of
/// system headers, and frameworks' classes even when a project vendors them.
bool isLibraryClass(const ASTContext &Ctx, const CXXRecordDecl *Class);

/// Members of non-standard library classes that store what they are given.
bool isLibraryMutator(const CXXMethodDecl *M);

/// std::call_once, boost::call_once, pthread_once: the callable runs once,
/// synchronised, whichever caller gets there first.
bool isRunOnceCall(const CallExpr *Call);

/// `signal.connect(slot)` (Boost.Signals2, a project's own signal or timer
/// class) and `QObject::connect`: the slot runs whenever the signal fires,
/// not as part of the code that connects it.
bool isSignalConnection(const CallExpr *Call);

/// Library calls that take a non-const reference without writing through it.
bool isPassThroughFunction(const FunctionDecl *F);

/// Members that store into (or take from) the slot their first argument
/// names: `map[key]`, `emplace(key, ...)`.
bool isKeyedInsertion(const CXXMethodDecl *M);

/// A point in time read from the clock: `std::chrono::system_clock::now()`,
/// `std::time(nullptr)`, their conversions (`from_time_t`, `time_since_epoch`,
/// `duration_cast`...), and such a time plus or minus an offset
/// (`std::time(nullptr) + maxAge`). It tells the current time, whatever
/// offset a request added: not what the request sent.
bool readsClock(const Expr *E);
/// True for the non-const `operator[]` of std::map and std::unordered_map,
/// which inserts a missing key.
bool insertsMissingKey(const CXXMethodDecl *M);

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_LIBRARYKNOWLEDGE_H
