//===--- MemberEffects.h - what functions change in their arguments -------===//
//
// The fifth stage: what a member function stores into the object it is
// called on (which fields, from which parameters, under a lock or not),
// whether a call may change its object at all, and which reference or
// pointer parameters a function writes through. Read from the body when
// the unit has it, from another file's facts when the program facts give
// them, and from library knowledge and SetterNames otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_MODEL_MEMBEREFFECTS_H
#define STATESCOPE_CHECKS_MODEL_MEMBEREFFECTS_H

#include "model/BodySummary.h"
#include "model/ModelOptions.h"
#include "model/ProgramView.h"

#include "llvm/ADT/DenseMap.h"
#include <map>
#include <vector>

namespace clang::statescope {

/// What a member function stores into the object it is called on.
struct FieldEffects {
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

class MemberEffects {
public:
  MemberEffects(const ASTContext &Ctx, BodySummaries &Summaries, const ProgramView &Program,
                const OptionPatterns &Patterns, unsigned MaxCallDepth)
      : Ctx(Ctx), Summaries(Summaries), Program(Program), Patterns(Patterns),
        MaxCallDepth(MaxCallDepth) {}

  /// What F stores into `this`; computed once per function.
  const FieldEffects &effectsOf(const FunctionDecl *F, unsigned Depth = 0);

  /// True when calling M may change the object it is called on.
  bool callChangesObject(const CXXMethodDecl *M, unsigned Depth = 0);

  /// Whether F may write through its reference or pointer parameter Index:
  /// from its body when this unit has it, from another unit's facts, and
  /// otherwise (a library function) yes.
  bool mayWriteParam(const FunctionDecl *F, unsigned Index);

  /// Whether F is known to write through its parameter Index: its body or
  /// another unit's facts say so. Unknown functions do not count.
  bool knownToWriteParam(const FunctionDecl *F, unsigned Index);

  /// The reference and pointer parameters a body changes, or passes on to
  /// be changed.
  const std::vector<unsigned> &paramsWritten(const FunctionDecl *Definition);

  /// True when M reads the object it is called on (a setter that only
  /// assigns does not; a member without a visible body may, unless its name
  /// says it is a setter).
  bool readsObject(const CXXMethodDecl *M);

private:
  /// What F's own body (or another file's facts about it) stores into
  /// `this`, overrides aside.
  FieldEffects ownEffects(const FunctionDecl *F, unsigned Depth);

  /// A member whose name says it stores (SetterNames).
  bool looksLikeASetter(const CXXMethodDecl *M) const;

  const ASTContext &Ctx;
  BodySummaries &Summaries;
  const ProgramView &Program;
  const OptionPatterns &Patterns;
  const unsigned MaxCallDepth;
  std::map<const FunctionDecl *, FieldEffects> Effects;
  llvm::DenseMap<const FunctionDecl *, std::vector<unsigned>> ParamsWritten;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_MODEL_MEMBEREFFECTS_H
