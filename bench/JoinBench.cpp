//===--- JoinBench.cpp - how the whole-program join scales ----------------===//
//
// The CLI joins the facts of every unit between its two passes, in the
// parent process, while no worker runs: its cost adds to the run's wall
// time. Parsing 1000 heavy units several times does not fit in a benchmark
// run on a small machine, so this times the join alone on generated facts
// shaped like a server's (each unit defines functions, and its handlers
// call functions other units define), for growing numbers of units, and
// prints the time per fact: flat means linear.
//
// A first-pass worker joins the facts of the units known so far with its
// own unit's, for its analyses ahead: the parent keeps those units' facts
// indexed (ProgramJoin.h) as they finish, and the worker answers only what
// its model looks up. The last columns time that upkeep per unit and one
// worker's answers once every other unit is known.
//
//===----------------------------------------------------------------------===//

#include "ProgramJoin.h"
#include "WholeProgram.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <random>

using namespace clang::statescope;

namespace {

constexpr unsigned DefinedPerUnit = 20;
constexpr unsigned CallsPerUnit = 12;

std::string usr(unsigned Unit, unsigned Function) {
  return llvm::formatv("c:@N@app@S@Service{0}@F@method{1}#&1$@N@std@S@basic_string>#C#", Unit,
                       Function);
}

std::vector<UnitFacts> generate(unsigned Units) {
  std::mt19937 Random(Units);
  std::vector<UnitFacts> Result(Units);
  for (unsigned U = 0; U < Units; ++U) {
    UnitFacts &Facts = Result[U];
    Facts.File = llvm::formatv("/src/project/src/unit_{0}.cpp", U);
    for (unsigned F = 0; F < DefinedPerUnit; ++F) {
      FunctionFacts &Defined = Facts.Defined[usr(U, F)];
      Defined.Name = llvm::formatv("app::Service{0}::method{1}", U, F);
      Defined.ReturnsStatic = F % 7 == 0;
      if (F % 3 == 0)
        Defined.Stores["field" + std::to_string(F)] = {0};
      Defined.WritesParamsKnown = true;
    }
    for (unsigned C = 0; C < CallsPerUnit; ++C) {
      CallOut Call;
      unsigned Callee = Random() % Units;
      Call.Callee = usr(Callee, Random() % DefinedPerUnit);
      Call.Name = "method";
      Call.RequestParams = {static_cast<unsigned>(Random() % 3)};
      Call.Handler = "the handler for GET /items";
      Call.PassesOut = C % 4 == 0;
      Facts.CallsOut.push_back(std::move(Call));
    }
  }
  return Result;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<unsigned> Sizes = {100, 1000, 10000, 50000};
  if (argc > 1) {
    Sizes.clear();
    for (int I = 1; I < argc; ++I)
      Sizes.push_back(std::stoul(argv[I]));
  }
  llvm::outs() << "| units | facts | join (ms) | second-pass decisions (ms) | per fact (ns) "
                  "| index upkeep per unit (us) | a worker's join, as looked up (us) |\n"
               << "|---:|---:|---:|---:|---:|---:|---:|\n";
  for (unsigned Units : Sizes) {
    std::vector<UnitFacts> Facts = generate(Units);
    size_t Count = size_t(Units) * (DefinedPerUnit + CallsPerUnit);
    // The best of three: the machine is shared.
    using Clock = std::chrono::steady_clock;
    double BestJoin = 1e300, BestDecisions = 1e300, BestUpkeep = 1e300, BestWorker = 1e300;
    for (int Run = 0; Run < 3; ++Run) {
      auto Start = Clock::now();
      ProgramFacts Program = joinFacts(Facts);
      auto Joined = Clock::now();
      size_t Again = 0;
      for (const UnitFacts &Unit : Facts)
        Again += needsSecondPass(Unit, Program);
      auto Decided = Clock::now();
      if (Again == 0)
        return 1; // The generated calls reach definitions; something is wrong.
      // The parent indexes each unit's facts as it finishes; a worker of
      // the last unit asks for the roots of the functions it defines and
      // the facts of those it calls.
      FactsIndex Index;
      for (size_t U = 0; U < Facts.size(); ++U)
        Index.add(U, Facts[U]);
      auto Indexed = Clock::now();
      size_t Own = Facts.size() - 1, Answered = 0;
      JoinedView View(Index, Own, &Facts[Own]);
      for (const auto &Defined : Facts[Own].Defined)
        Answered += View.root(Defined.first) != nullptr;
      for (const CallOut &Call : Facts[Own].CallsOut)
        Answered += View.definition(Call.Callee) != nullptr;
      auto Viewed = Clock::now();
      if (Answered == 0)
        return 1; // Nothing the last unit looks up is known; something is wrong.
      BestUpkeep = std::min(BestUpkeep, std::chrono::duration<double>(Indexed - Decided).count());
      BestWorker = std::min(BestWorker, std::chrono::duration<double>(Viewed - Indexed).count());
      BestJoin = std::min(BestJoin, std::chrono::duration<double>(Joined - Start).count());
      BestDecisions =
          std::min(BestDecisions, std::chrono::duration<double>(Decided - Joined).count());
    }
    llvm::outs() << llvm::formatv("| {0} | {1} | {2:f1} | {3:f1} | {4:f0} | {5:f1} | {6:f0} |\n",
                                  Units, Count, BestJoin * 1e3, BestDecisions * 1e3,
                                  (BestJoin + BestDecisions) * 1e9 / Count,
                                  BestUpkeep * 1e6 / Units, BestWorker * 1e6);
  }
  return 0;
}
