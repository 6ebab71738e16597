//===--- ProgramView.h - the other files' facts, as one unit looks them up
//-===//
//
// In the CLI's second pass, the program facts (WholeProgram.h) tell a unit
// what the functions it only declares do, and which of its functions other
// files' handlers call. Functions are looked up by their USR.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_PROGRAMVIEW_H
#define STATESCOPE_CHECKS_MODEL_PROGRAMVIEW_H

#include "WholeProgram.h"

#include "clang/AST/Decl.h"
#include <string>

namespace clang::statescope {

/// The USR of D, or an empty string when it has none.
std::string usrOf(const Decl *D);

class ProgramView {
public:
  /// Program may be null (the first pass, the plugin, clangd): then nothing
  /// is known about other files.
  explicit ProgramView(const ProgramAnswers *Program) : Program(Program) {}

  /// What another file says about a function this one only declares.
  const FunctionFacts *factsOf(const FunctionDecl *F) const;
  /// How another file's request path calls F, when it does.
  const ExternalRoot *rootOf(const FunctionDecl *F) const;

private:
  const ProgramAnswers *Program;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_PROGRAMVIEW_H
