//===--- ModelTypes.cpp - what the request-scope model answers ------------===//

#include "model/ModelTypes.h"
#include "model/LibraryKnowledge.h"

namespace clang::statescope {

bool SharedObject::isProjectClass(const ASTContext &Ctx) const {
  const auto *RD = ObjectType.isNull() ? nullptr : ObjectType->getAsCXXRecordDecl();
  return RD && !isLibraryClass(Ctx, RD);
}

bool StaleRead::isDirectRead() const { return !ReadInside && isa<DeclRefExpr>(Read); }

} // namespace clang::statescope
