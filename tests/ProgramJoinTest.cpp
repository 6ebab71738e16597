//===--- ProgramJoinTest.cpp - the join, whole and as units come ----------===//
//
// The join as WholeProgram.h states it, written out the plain way (every
// unit in order, every call rooting its callee and, when virtual, every
// override of it that another unit defines), against joinFacts and against
// the views a first-pass worker uses: the index of the units it knows, with
// its own facts in its place, however the index was filled. Random small
// programs share a few USRs, so that functions have several definers,
// units call their own functions, virtual calls reach overrides in several
// units, and callers disagree on which shared object they pass.
//
//===----------------------------------------------------------------------===//

#include "ProgramJoin.h"

#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>

namespace statescope::test {
namespace {

using namespace clang::statescope;

constexpr unsigned Functions = 10;

std::string usr(unsigned F) { return "c:@F@f" + std::to_string(F) + "#"; }

/// Every USR the programs use, and one no unit defines.
ProgramLookups everything() {
  ProgramLookups All;
  for (unsigned F = 0; F <= Functions; ++F) {
    All.Definitions.insert(usr(F));
    All.Roots.insert(usr(F));
  }
  return All;
}

UnitFacts randomUnit(std::mt19937 &Random, unsigned Unit) {
  auto Below = [&](unsigned N) { return static_cast<unsigned>(Random() % N); };
  UnitFacts Facts;
  Facts.File = "unit" + std::to_string(Unit) + ".cpp";
  for (unsigned K = Below(4); K > 0; --K) {
    FunctionFacts &F = Facts.Defined[usr(Below(Functions))];
    F.Name = "f" + std::to_string(Below(Functions)) + "@" + std::to_string(Unit);
    F.ReturnsStatic = Below(2);
    for (unsigned O = Below(3); O > 0; --O)
      F.Overrides.push_back(usr(Below(Functions)));
  }
  for (unsigned K = Below(5); K > 0; --K) {
    CallOut Call;
    // Functions is the USR no unit defines.
    Call.Callee = usr(Below(Functions + 1));
    Call.Name = "call" + std::to_string(K);
    Call.Handler = "handler " + std::to_string(Unit) + "." + std::to_string(K);
    Call.Virtual = Below(2);
    for (unsigned P = 0; P < 3; ++P)
      if (Below(2))
        Call.RequestParams.push_back(P);
    for (unsigned P = 0; P < 3; ++P)
      if (Below(3) == 0)
        Call.SharedParams.push_back({P, "object of " + Call.Handler});
    if (Below(2))
      Call.SharedThis = "this of " + Call.Handler;
    Facts.CallsOut.push_back(std::move(Call));
  }
  return Facts;
}

/// The join as specified, the plain way.
ProgramFacts plainJoin(const std::vector<const UnitFacts *> &Units) {
  ProgramFacts Program;
  std::map<std::string, size_t> DefinedIn;
  std::map<std::string, std::vector<std::string>> OverridesOf;
  for (size_t U = 0; U < Units.size(); ++U)
    for (const auto &[USR, Facts] : Units[U]->Defined) {
      Program.Definitions.emplace(USR, Facts);
      DefinedIn.emplace(USR, U);
      for (const std::string &Base : Facts.Overrides)
        OverridesOf[Base].push_back(USR);
    }
  struct Fold {
    std::string Description;
    std::set<unsigned> RequestParams;
    std::map<unsigned, std::string> SharedParams; ///< The first caller's object.
    std::string SharedThis;
  };
  std::map<std::string, Fold> Folds;
  for (size_t U = 0; U < Units.size(); ++U)
    for (const CallOut &Call : Units[U]->CallsOut) {
      auto Root = [&](const std::string &Target, const std::string &Through) {
        auto Where = DefinedIn.find(Target);
        if (Where == DefinedIn.end() || Where->second == U)
          return;
        auto [It, New] = Folds.try_emplace(Target);
        Fold &F = It->second;
        if (New)
          F.Description = "'" + Program.Definitions.at(Target).Name + "'" + Through +
                          ", called per request by " + Call.Handler + " in " + Units[U]->File;
        F.RequestParams.insert(Call.RequestParams.begin(), Call.RequestParams.end());
        for (const SharedArgument &Arg : Call.SharedParams)
          F.SharedParams.try_emplace(Arg.Param, Arg.Object);
        if (F.SharedThis.empty())
          F.SharedThis = Call.SharedThis;
      };
      Root(Call.Callee, "");
      if (Call.Virtual)
        for (const std::string &Override : OverridesOf[Call.Callee])
          Root(Override, " (through the virtual '" + Call.Name + "')");
    }
  for (const auto &[Target, F] : Folds) {
    ExternalRoot &Root = Program.Roots[Target];
    Root.Description = F.Description;
    Root.RequestParams.assign(F.RequestParams.begin(), F.RequestParams.end());
    for (const auto &[Param, Object] : F.SharedParams)
      Root.SharedParams.push_back({Param, Object});
    Root.SharedThis = F.SharedThis;
  }
  return Program;
}

std::vector<const UnitFacts *> pointers(const std::vector<UnitFacts> &Units) {
  std::vector<const UnitFacts *> Result;
  for (const UnitFacts &U : Units)
    Result.push_back(&U);
  return Result;
}

TEST(ProgramJoin, JoinFactsIsThePlainJoin) {
  for (unsigned Seed = 0; Seed < 300; ++Seed) {
    std::mt19937 Random(Seed);
    std::vector<UnitFacts> Units;
    for (unsigned U = 0, N = 1 + Random() % 6; U < N; ++U)
      Units.push_back(randomUnit(Random, U));
    ProgramFacts Plain = plainJoin(pointers(Units));
    ProgramFacts Joined = joinFacts(Units);
    ASSERT_EQ(answersTo(everything(), Plain), answersTo(everything(), Joined)) << "seed " << Seed;
    // Nothing but the functions defined, and those rooted.
    EXPECT_EQ(Plain.Definitions.size(), Joined.Definitions.size());
    EXPECT_EQ(Plain.Roots.size(), Joined.Roots.size());
  }
}

// A worker's view: the index of the units it knows, filled in any order,
// with its own unit's facts in place of what the index has for it.
TEST(ProgramJoin, ViewWithOwnFactsIsTheJoinWithThem) {
  for (unsigned Seed = 0; Seed < 200; ++Seed) {
    std::mt19937 Random(Seed);
    std::vector<UnitFacts> Units, Stale;
    unsigned N = 1 + Random() % 6;
    for (unsigned U = 0; U < N; ++U) {
      Units.push_back(randomUnit(Random, U));
      Stale.push_back(randomUnit(Random, U));
    }
    for (size_t Own = 0; Own < N; ++Own) {
      FactsIndex Index;
      std::vector<size_t> Order(N);
      std::iota(Order.begin(), Order.end(), 0);
      std::shuffle(Order.begin(), Order.end(), Random);
      for (size_t U : Order)
        // The index's facts for the own unit are not the view's.
        Index.add(U, U == Own ? Stale[U] : Units[U]);
      JoinedView Known(Index, Own, &Units[Own]);
      ASSERT_EQ(answersTo(everything(), plainJoin(pointers(Units))), answersTo(everything(), Known))
          << "seed " << Seed << ", own unit " << Own;
      // A unit with no facts (it failed) is left out of the join.
      std::vector<const UnitFacts *> Others;
      for (size_t U = 0; U < N; ++U)
        if (U != Own)
          Others.push_back(&Units[U]);
      ASSERT_EQ(answersTo(everything(), plainJoin(Others)),
                answersTo(everything(), JoinedView(Index, Own, nullptr)))
          << "seed " << Seed << ", own unit " << Own;
    }
  }
}

// The parent replaces a unit's facts when an analysis ahead brings new
// ones, and the index answers as if built anew.
TEST(ProgramJoin, IndexFollowsReplacedAndRemovedUnits) {
  for (unsigned Seed = 0; Seed < 200; ++Seed) {
    std::mt19937 Random(Seed);
    unsigned N = 2 + Random() % 5;
    // Every version stays alive: the index points into them.
    std::vector<std::vector<UnitFacts>> Versions(N);
    std::vector<std::optional<size_t>> Current(N);
    FactsIndex Index;
    for (unsigned Step = 0; Step < 12; ++Step) {
      size_t U = Random() % N;
      if (Current[U] && Random() % 3 == 0) {
        Index.remove(U);
        Current[U].reset();
      } else {
        Versions[U].reserve(12);
        Versions[U].push_back(randomUnit(Random, U));
        Current[U] = Versions[U].size() - 1;
        Index.add(U, Versions[U].back());
      }
      std::vector<const UnitFacts *> Present;
      for (size_t K = 0; K < N; ++K)
        if (Current[K])
          Present.push_back(&Versions[K][*Current[K]]);
      ASSERT_EQ(answersTo(everything(), plainJoin(Present)),
                answersTo(everything(), JoinedView(Index)))
          << "seed " << Seed << ", step " << Step;
    }
  }
}

} // namespace
} // namespace statescope::test
