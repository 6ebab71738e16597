//===--- ProgramJoin.cpp - the whole-program join, kept as units come -----===//

#include "ProgramJoin.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <tuple>

namespace clang::statescope {

namespace {
/// Adds one call's parameters to the root of a function it may run.
void addCall(ExternalRoot &Root, const CallOut &Call) {
  for (unsigned P : Call.RequestParams)
    if (!llvm::is_contained(Root.RequestParams, P))
      Root.RequestParams.push_back(P);
  llvm::sort(Root.RequestParams);
  // The first caller to pass a shared object names it.
  for (const SharedArgument &Arg : Call.SharedParams)
    if (llvm::none_of(Root.SharedParams,
                      [&](const SharedArgument &Known) { return Known.Param == Arg.Param; }))
      Root.SharedParams.push_back(Arg);
  llvm::sort(Root.SharedParams,
             [](const SharedArgument &A, const SharedArgument &B) { return A.Param < B.Param; });
  if (Root.SharedThis.empty())
    Root.SharedThis = Call.SharedThis;
}

/// Removes Unit's entries from the list of Key in Map, and the list once
/// empty.
template <typename MapT> void eraseUnit(MapT &Map, const std::string &Key, size_t Unit) {
  auto It = Map.find(Key);
  if (It == Map.end())
    return;
  llvm::erase_if(It->second, [&](const auto &Entry) { return Entry.Unit == Unit; });
  if (It->second.empty())
    Map.erase(It);
}
} // namespace

//===----------------------------------------------------------------------===//
// FactsIndex
//===----------------------------------------------------------------------===//

void FactsIndex::add(size_t Position, const UnitFacts &Facts) {
  remove(Position);
  Units[Position] = &Facts;
  for (const auto &[USR, Function] : Facts.Defined) {
    std::vector<Definer> &List = Definers[USR];
    auto At = llvm::partition_point(List, [&](const Definer &D) { return D.Unit < Position; });
    List.insert(At, {Position, &Function});
  }
  for (size_t K = 0; K < Facts.CallsOut.size(); ++K) {
    std::vector<Call> &List = CallsTo[Facts.CallsOut[K].Callee];
    auto At = llvm::partition_point(List, [&](const Call &C) {
      return C.Unit < Position || (C.Unit == Position && C.Ordinal < K);
    });
    List.insert(At, {Position, K, &Facts.CallsOut[K]});
  }
}

void FactsIndex::remove(size_t Position) {
  auto It = Units.find(Position);
  if (It == Units.end())
    return;
  for (const auto &Defined : It->second->Defined)
    eraseUnit(Definers, Defined.first, Position);
  for (const CallOut &Out : It->second->CallsOut)
    eraseUnit(CallsTo, Out.Callee, Position);
  Units.erase(It);
}

//===----------------------------------------------------------------------===//
// JoinedView
//===----------------------------------------------------------------------===//

JoinedView::JoinedView(const FactsIndex &Index, size_t Own, const UnitFacts *OwnFacts)
    : Index(Index), Own(Own), OwnFacts(OwnFacts) {
  if (OwnFacts)
    for (size_t K = 0; K < OwnFacts->CallsOut.size(); ++K)
      OwnCallsTo[OwnFacts->CallsOut[K].Callee].push_back(K);
}

std::vector<FactsIndex::Definer> JoinedView::definers(const std::string &USR) const {
  std::vector<FactsIndex::Definer> Result;
  if (auto It = Index.Definers.find(USR); It != Index.Definers.end())
    for (const FactsIndex::Definer &D : It->second)
      if (D.Unit != Own)
        Result.push_back(D);
  if (OwnFacts)
    if (auto It = OwnFacts->Defined.find(USR); It != OwnFacts->Defined.end()) {
      auto At =
          llvm::partition_point(Result, [&](const FactsIndex::Definer &D) { return D.Unit < Own; });
      Result.insert(At, {Own, &It->second});
    }
  return Result;
}

void JoinedView::callsTo(const std::string &Callee, bool VirtualOnly,
                         std::vector<std::pair<FactsIndex::Call, bool>> &Calls) const {
  if (auto It = Index.CallsTo.find(Callee); It != Index.CallsTo.end())
    for (const FactsIndex::Call &C : It->second)
      if (C.Unit != Own && (!VirtualOnly || C.Out->Virtual))
        Calls.push_back({C, VirtualOnly});
  if (auto It = OwnCallsTo.find(Callee); It != OwnCallsTo.end())
    for (size_t K : It->second)
      if (!VirtualOnly || OwnFacts->CallsOut[K].Virtual)
        Calls.push_back({{Own, K, &OwnFacts->CallsOut[K]}, VirtualOnly});
}

const std::string &JoinedView::fileOf(size_t Unit) const {
  return Unit == Own ? OwnFacts->File : Index.Units.at(Unit)->File;
}

std::optional<ExternalRoot>
JoinedView::makeRoot(const std::string &USR, llvm::ArrayRef<FactsIndex::Definer> Defined) const {
  // Only calls into the program: a library's functions have no facts.
  if (Defined.empty())
    return std::nullopt;
  // Calls of the function itself first, then the virtual calls of the
  // methods it overrides (however far up, as any of its definers says): a
  // virtual call may run every override the program defines.
  std::vector<std::pair<FactsIndex::Call, bool>> Calls;
  callsTo(USR, /*VirtualOnly=*/false, Calls);
  llvm::SmallVector<const std::string *, 4> Overridden;
  for (const FactsIndex::Definer &D : Defined)
    for (const std::string &Base : D.Facts->Overrides)
      if (llvm::none_of(Overridden, [&](const std::string *Known) { return *Known == Base; })) {
        Overridden.push_back(&Base);
        callsTo(Base, /*VirtualOnly=*/true, Calls);
      }
  // A unit already follows calls into its own definitions: only calls from
  // units other than the first to define it root it.
  size_t DefinedIn = Defined.front().Unit;
  llvm::erase_if(Calls, [&](const auto &C) { return C.first.Unit == DefinedIn; });
  if (Calls.empty())
    return std::nullopt;
  // In the units' order, and each unit's calls in its order (a call that
  // names the function itself before it reaches it as an override): the
  // first caller describes the root and names the shared objects.
  llvm::sort(Calls, [](const auto &A, const auto &B) {
    return std::make_tuple(A.first.Unit, A.first.Ordinal, A.second) <
           std::make_tuple(B.first.Unit, B.first.Ordinal, B.second);
  });
  const auto &[First, ThroughVirtual] = Calls.front();
  ExternalRoot Root;
  Root.Description =
      "'" + Defined.front().Facts->Name + "'" +
      (ThroughVirtual ? " (through the virtual '" + First.Out->Name + "')" : std::string()) +
      ", called per request by " + First.Out->Handler + " in " + fileOf(First.Unit);
  for (const auto &C : Calls)
    addCall(Root, *C.first.Out);
  return Root;
}

const FunctionFacts *JoinedView::definition(const std::string &USR) const {
  auto [It, New] = Definitions.try_emplace(USR, nullptr);
  if (New) {
    std::vector<FactsIndex::Definer> Defined = definers(USR);
    It->second = Defined.empty() ? nullptr : Defined.front().Facts;
  }
  return It->second;
}

const ExternalRoot *JoinedView::root(const std::string &USR) const {
  auto [It, New] = Roots.try_emplace(USR);
  if (New)
    It->second = makeRoot(USR, definers(USR));
  return It->second ? &*It->second : nullptr;
}

//===----------------------------------------------------------------------===//
// The join of all units
//===----------------------------------------------------------------------===//

ProgramFacts joinFacts(const std::vector<UnitFacts> &Units) {
  std::vector<const UnitFacts *> Pointers;
  for (const UnitFacts &Unit : Units)
    Pointers.push_back(&Unit);
  return joinFacts(Pointers);
}

ProgramFacts joinFacts(llvm::ArrayRef<const UnitFacts *> Units) {
  FactsIndex Index;
  for (size_t U = 0; U < Units.size(); ++U)
    Index.add(U, *Units[U]);
  JoinedView View(Index);
  ProgramFacts Program;
  Program.Definitions.reserve(Index.Definers.size());
  for (const auto &[USR, Defined] : Index.Definers) {
    Program.Definitions.emplace(USR, *Defined.front().Facts);
    // With no unit of its own, the view's definers are the index's.
    if (std::optional<ExternalRoot> Root = View.makeRoot(USR, Defined))
      Program.Roots.emplace(USR, std::move(*Root));
  }
  return Program;
}

} // namespace clang::statescope
