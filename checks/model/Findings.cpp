//===--- Findings.cpp - one finding per bug -------------------------------===//

#include "model/Findings.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <optional>
#include <tuple>

namespace clang::statescope {

namespace {

/// True for a variable that lives as long as the server: a static, a
/// start-up local that handlers capture by reference, a parameter another
/// file's request path binds to such an object.
bool outlivesRequests(const SharedObject &Object) {
  return Object.Variable &&
         (Object.Variable->hasGlobalStorage() || Object.Kind == SharingKind::CapturedByHandler ||
          Object.Kind == SharingKind::PassedIn);
}

/// The check that reports writes into Object, or none when no check does
/// (a library object that lives no longer than a request).
std::optional<FindingCheck> checkForObject(const ASTContext &Ctx, const SharedObject &Object) {
  if (Object.isProjectClass(Ctx))
    return Object.isInstanceOfClass() ? FindingCheck::RequestField : FindingCheck::SingletonSetter;
  if (outlivesRequests(Object))
    return FindingCheck::MutableStatic;
  return std::nullopt;
}

/// Whether W belongs to a finding about its object: writes into a slot per
/// request key under a lock keep requests apart, and an instance known by
/// its class is reported field by field, so a write naming no field of it
/// has nothing to show.
bool isReported(const SharedWrite &W, FindingCheck Check) {
  return !W.GuardedKeyedSlot && (Check != FindingCheck::RequestField || W.Field);
}

/// The class of an object known by its class.
const CXXRecordDecl *classOf(const SharedObject &Object) {
  return Object.ObjectType.isNull() ? nullptr : Object.ObjectType->getAsCXXRecordDecl();
}

/// Adds From's parts to Into.
void absorb(Finding &Into, const Finding &From) {
  for (const SharedWrite *W : From.Writes)
    if (!llvm::is_contained(Into.Writes, W))
      Into.Writes.push_back(W);
  for (const FieldDecl *Field : From.Fields)
    if (!llvm::is_contained(Into.Fields, Field))
      Into.Fields.push_back(Field);
  for (const FieldDecl *Field : From.FieldsWithRequestData)
    if (!llvm::is_contained(Into.FieldsWithRequestData, Field))
      Into.FieldsWithRequestData.push_back(Field);
  Into.Reads.insert(Into.Reads.end(), From.Reads.begin(), From.Reads.end());
}

/// An instance known by its class is seen as its base class inside the
/// base's member functions (`this` there is a Backend, at the call a
/// GpuBackend): one object, one finding, named by the derived class.
void mergeBaseViews(std::vector<Finding> &Found) {
  std::vector<bool> Merged(Found.size(), false);
  for (size_t Base = 0; Base < Found.size(); ++Base) {
    const Finding &B = Found[Base];
    const CXXRecordDecl *BaseClass = B.Object ? classOf(*B.Object) : nullptr;
    if (B.Check != FindingCheck::RequestField || !BaseClass)
      continue;
    for (size_t Derived = 0; Derived < Found.size(); ++Derived) {
      Finding &D = Found[Derived];
      const CXXRecordDecl *DerivedClass = D.Object ? classOf(*D.Object) : nullptr;
      if (Derived == Base || Merged[Derived] || D.Check != FindingCheck::RequestField ||
          !DerivedClass || D.Object->Kind != B.Object->Kind || !DerivedClass->hasDefinition() ||
          !DerivedClass->isDerivedFrom(BaseClass))
        continue;
      absorb(D, B);
      Merged[Base] = true;
      break;
    }
  }
  size_t Index = 0;
  llvm::erase_if(Found, [&](const Finding &) { return Merged[Index++]; });
}

} // namespace

std::vector<Finding> groupFindings(const ASTContext &Ctx, const std::vector<SharedWrite> &Writes,
                                   const std::vector<StaleRead> &Stale) {
  std::vector<Finding> Found;
  // An object another unit passes in as `this` is modelled once per member
  // function it arrives in; the functions of one class, reached through the
  // same shared object, write one object.
  std::map<std::tuple<const Decl *, std::string>, const SharedObject *> ThisByClass;
  auto Representative = [&](const SharedObject *Object) {
    const CXXRecordDecl *Class = classOf(*Object);
    if (Object->Kind != SharingKind::PassedIn || Object->Variable || !Class)
      return Object;
    return ThisByClass.try_emplace({Class->getCanonicalDecl(), Object->Origin}, Object)
        .first->second;
  };
  llvm::DenseMap<const SharedObject *, size_t> ByObject;
  for (const SharedWrite &W : Writes) {
    std::optional<FindingCheck> Check = checkForObject(Ctx, *W.Target);
    if (!Check || !isReported(W, *Check))
      continue;
    auto [It, New] = ByObject.try_emplace(Representative(W.Target), Found.size());
    if (New) {
      Found.emplace_back();
      Found.back().Check = *Check;
      Found.back().Object = Representative(W.Target);
    }
    Finding &F = Found[It->second];
    if (const FieldDecl *Field = W.Field ? W.Field->getCanonicalDecl() : nullptr) {
      if (!llvm::is_contained(F.Fields, Field))
        F.Fields.push_back(Field);
      if (W.isRequestData() && !llvm::is_contained(F.FieldsWithRequestData, Field))
        F.FieldsWithRequestData.push_back(Field);
    }
    auto Same =
        llvm::find_if(F.Writes, [&](const SharedWrite *Other) { return Other->Site == W.Site; });
    if (Same == F.Writes.end())
      F.Writes.push_back(&W);
    else if (!(*Same)->isRequestData() && W.isRequestData())
      *Same = &W;
  }

  // A read back belongs to the finding about the object this request wrote;
  // the others are grouped by the state read and the function reading it.
  using ReadKey = std::tuple<const VarDecl *, const SharedObject *, const FunctionDecl *>;
  std::map<ReadKey, size_t> ByRead;
  for (const StaleRead &R : Stale) {
    if (R.SharedSource) {
      if (auto It = ByObject.find(Representative(R.SharedSource->Target)); It != ByObject.end()) {
        Found[It->second].Reads.push_back(&R);
        continue;
      }
    }
    auto [It, New] = ByRead.try_emplace(ReadKey{R.ThreadLocal, R.Object, R.Function}, Found.size());
    if (New) {
      Found.emplace_back();
      Found.back().Check = FindingCheck::ThreadLocalAcrossAwait;
      Found.back().Object = R.Object;
    }
    Found[It->second].Reads.push_back(&R);
  }
  mergeBaseViews(Found);
  return Found;
}

} // namespace clang::statescope
