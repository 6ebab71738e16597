//===--- ProgramView.cpp - the other files' facts, looked up by USR -------===//

#include "model/ProgramView.h"

#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"

namespace clang::statescope {

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(D, USR))
    return "";
  return std::string(USR);
}

const FunctionFacts *ProgramView::factsOf(const FunctionDecl *F) const {
  if (!Program)
    return nullptr;
  std::string USR = usrOf(F);
  if (ProgramLookups *Record = programLookupRecord())
    Record->Definitions.insert(USR);
  return Program->definition(USR);
}

const ExternalRoot *ProgramView::rootOf(const FunctionDecl *F) const {
  if (!Program)
    return nullptr;
  std::string USR = usrOf(F);
  if (ProgramLookups *Record = programLookupRecord())
    Record->Roots.insert(USR);
  return Program->root(USR);
}

} // namespace clang::statescope
