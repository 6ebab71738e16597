//===--- ProgramJoin.h - the whole-program join, kept as units come -------===//
//
// The join (WholeProgram.h, joinFacts) gives each function the facts of its
// first definer in the units' order, and the root every call into it from
// another unit makes. The CLI's first-pass workers each need the join of
// the units known so far with their own unit's facts, once or twice per
// unit: made whole, that is linear in the program's facts per unit, so
// quadratic per run. A FactsIndex keeps the units' facts by USR as they
// come and go; a JoinedView answers the two lookups of the join of the
// index's units with one unit's own facts in its place, each answer made on
// first use from the facts that name that USR. joinFacts is the same view
// over all units, asked for every function: the two cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_PROGRAMJOIN_H
#define STATESCOPE_CHECKS_PROGRAMJOIN_H

#include "WholeProgram.h"

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clang::statescope {

/// Units' facts by the USRs they define and call. A unit is named by its
/// position in the join's order.
class FactsIndex {
public:
  /// Indexes Facts as unit Position's, in place of what it had. Facts must
  /// stay alive and unchanged until the unit is removed or replaced.
  void add(size_t Position, const UnitFacts &Facts);
  void remove(size_t Position);

private:
  friend class JoinedView;
  friend ProgramFacts joinFacts(llvm::ArrayRef<const UnitFacts *> Units);
  struct Definer {
    size_t Unit;
    const FunctionFacts *Facts;
  };
  struct Call {
    size_t Unit;
    size_t Ordinal; ///< Its place in the unit's CallsOut.
    const CallOut *Out;
  };
  /// By USR, sorted by unit.
  std::unordered_map<std::string, std::vector<Definer>> Definers;
  /// By callee, sorted by unit and ordinal.
  std::unordered_map<std::string, std::vector<Call>> CallsTo;
  std::map<size_t, const UnitFacts *> Units;
};

/// The join of an index's units where unit Own has OwnFacts (none: no facts)
/// instead of the index's. Answers are made on first use and kept; the
/// index and the facts must outlive the view, unchanged.
class JoinedView final : public ProgramAnswers {
public:
  static constexpr size_t NoUnit = std::numeric_limits<size_t>::max();

  explicit JoinedView(const FactsIndex &Index, size_t Own = NoUnit,
                      const UnitFacts *OwnFacts = nullptr);

  const FunctionFacts *definition(const std::string &USR) const override;
  const ExternalRoot *root(const std::string &USR) const override;

private:
  friend ProgramFacts joinFacts(llvm::ArrayRef<const UnitFacts *> Units);
  /// The root of USR, whose definers are Defined, made.
  std::optional<ExternalRoot> makeRoot(const std::string &USR,
                                       llvm::ArrayRef<FactsIndex::Definer> Defined) const;
  /// The definers of USR in the units' order.
  std::vector<FactsIndex::Definer> definers(const std::string &USR) const;
  /// Adds to Calls the calls into Callee (only the virtual ones when
  /// VirtualOnly), each with VirtualOnly: whether it reaches USR as an
  /// override.
  void callsTo(const std::string &Callee, bool VirtualOnly,
               std::vector<std::pair<FactsIndex::Call, bool>> &Calls) const;
  const std::string &fileOf(size_t Unit) const;

  const FactsIndex &Index;
  size_t Own;
  const UnitFacts *OwnFacts;
  /// The own unit's calls by callee, as ordinals.
  std::unordered_map<std::string, std::vector<size_t>> OwnCallsTo;
  mutable std::unordered_map<std::string, const FunctionFacts *> Definitions;
  mutable std::unordered_map<std::string, std::optional<ExternalRoot>> Roots;
};

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_PROGRAMJOIN_H
