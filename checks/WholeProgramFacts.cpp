//===--- WholeProgramFacts.cpp - joining the facts of translation units --===//
//
// The clang-free half of WholeProgram.h: the join and the JSON the CLI's
// worker processes exchange facts in. The process-wide settings the model
// reads are in WholeProgram.cpp, which the plugin and clangd also link.
//

#include "WholeProgram.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <limits>

// Parameter indices are unsigned; llvm::json reads only signed integers.
// Declared in llvm::json so that its container readers find it.
namespace llvm::json {
static bool fromJSON(const Value &E, unsigned &Out, Path P) {
  std::optional<int64_t> N = E.getAsInteger();
  if (!N || *N < 0 || *N > std::numeric_limits<unsigned>::max()) {
    P.report("expected a parameter index");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}
} // namespace llvm::json

namespace clang::statescope {

bool ExternalRoot::operator==(const ExternalRoot &Other) const {
  auto Same = [](const std::vector<SharedArgument> &A, const std::vector<SharedArgument> &B) {
    return llvm::equal(A, B, [](const SharedArgument &X, const SharedArgument &Y) {
      return X.Param == Y.Param && X.Object == Y.Object;
    });
  };
  return Description == Other.Description && RequestParams == Other.RequestParams &&
         Same(SharedParams, Other.SharedParams) && SharedThis == Other.SharedThis;
}

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
} // namespace

ProgramFacts joinFacts(const std::vector<UnitFacts> &Units) {
  std::vector<const UnitFacts *> Pointers;
  for (const UnitFacts &Unit : Units)
    Pointers.push_back(&Unit);
  return joinFacts(Pointers);
}

ProgramFacts joinFacts(llvm::ArrayRef<const UnitFacts *> Units) {
  ProgramFacts Program;
  size_t Defined = 0;
  for (const UnitFacts *Unit : Units)
    Defined += Unit->Defined.size();
  Program.Definitions.reserve(Defined);
  // Which unit defines each function, and the overrides of each virtual
  // method: a unit already follows calls into its own definitions.
  std::unordered_map<std::string, size_t> DefinedIn;
  std::unordered_map<std::string, std::vector<std::string>> OverridesOf;
  for (size_t U = 0; U < Units.size(); ++U)
    for (const auto &[USR, Facts] : Units[U]->Defined) {
      Program.Definitions.emplace(USR, Facts);
      DefinedIn.emplace(USR, U);
      for (const std::string &Base : Facts.Overrides)
        OverridesOf[Base].push_back(USR);
    }
  for (size_t U = 0; U < Units.size(); ++U)
    for (const CallOut &Call : Units[U]->CallsOut) {
      auto Root = [&](const std::string &Target, const std::string &Through) {
        // Only calls into the program: a library's functions have no facts.
        auto Where = DefinedIn.find(Target);
        if (Where == DefinedIn.end() || Where->second == U)
          return;
        auto [It, New] = Program.Roots.try_emplace(Target);
        if (New)
          It->second.Description = "'" + Program.Definitions.at(Target).Name + "'" + Through +
                                   ", called per request by " + Call.Handler + " in " +
                                   Units[U]->File;
        addCall(It->second, Call);
      };
      Root(Call.Callee, "");
      if (!Call.Virtual)
        continue;
      if (auto It = OverridesOf.find(Call.Callee); It != OverridesOf.end())
        for (const std::string &Override : It->second)
          Root(Override, " (through the virtual '" + Call.Name + "')");
    }
  return Program;
}

bool needsSecondPass(const UnitFacts &Unit, const ProgramFacts &Program) {
  for (const auto &Defined : Unit.Defined)
    if (Program.Roots.count(Defined.first))
      return true;
  return llvm::any_of(Unit.CallsOut, [&](const CallOut &Call) {
    auto It = Program.Definitions.find(Call.Callee);
    return It != Program.Definitions.end() &&
           (It->second.ReturnsStatic || It->second.StoresUnknown || !It->second.Stores.empty() ||
            (Call.PassesOut && It->second.WritesParamsKnown));
  });
}

bool rootsChanged(const UnitFacts &Unit, const ProgramFacts &Before, const ProgramFacts &After) {
  return llvm::any_of(Unit.Defined, [&](const auto &Defined) {
    auto Old = Before.Roots.find(Defined.first);
    auto New = After.Roots.find(Defined.first);
    if (New == After.Roots.end())
      return false;
    return Old == Before.Roots.end() || !(Old->second == New->second);
  });
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

static llvm::json::Value toJSON(const FunctionFacts &F) {
  llvm::json::Object Stores;
  for (const auto &[Field, Params] : F.Stores)
    Stores[Field] = llvm::json::Array(Params);
  llvm::json::Object Result{{"name", F.Name},
                            {"returnsStatic", F.ReturnsStatic},
                            {"stores", std::move(Stores)},
                            {"storesUnknown", F.StoresUnknown}};
  if (F.WritesParamsKnown)
    Result["writesParams"] = llvm::json::Array(F.WritesParams);
  if (!F.Overrides.empty())
    Result["overrides"] = llvm::json::Array(F.Overrides);
  return Result;
}

static bool fromJSON(const llvm::json::Value &V, FunctionFacts &F, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  std::optional<std::vector<unsigned>> Written;
  if (!(O && O.map("name", F.Name) && O.map("returnsStatic", F.ReturnsStatic) &&
        O.map("stores", F.Stores) && O.map("storesUnknown", F.StoresUnknown) &&
        O.mapOptional("writesParams", Written) && O.mapOptional("overrides", F.Overrides)))
    return false;
  F.WritesParamsKnown = Written.has_value();
  if (Written)
    F.WritesParams = std::move(*Written);
  return true;
}

static llvm::json::Value toJSON(const SharedArgument &A) {
  return llvm::json::Object{{"param", A.Param}, {"object", A.Object}};
}

static bool fromJSON(const llvm::json::Value &V, SharedArgument &A, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("param", A.Param) && O.map("object", A.Object);
}

static llvm::json::Array toJSON(const std::vector<SharedArgument> &Arguments) {
  llvm::json::Array Result;
  for (const SharedArgument &A : Arguments)
    Result.push_back(toJSON(A));
  return Result;
}

static llvm::json::Value toJSON(const CallOut &C) {
  return llvm::json::Object{{"callee", C.Callee},
                            {"name", C.Name},
                            {"requestParams", llvm::json::Array(C.RequestParams)},
                            {"handler", C.Handler},
                            {"passesOut", C.PassesOut},
                            {"sharedParams", toJSON(C.SharedParams)},
                            {"virtual", C.Virtual},
                            {"sharedThis", C.SharedThis}};
}

static bool fromJSON(const llvm::json::Value &V, CallOut &C, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("callee", C.Callee) && O.map("name", C.Name) &&
         O.map("requestParams", C.RequestParams) && O.map("handler", C.Handler) &&
         O.map("passesOut", C.PassesOut) && O.map("sharedParams", C.SharedParams) &&
         O.map("virtual", C.Virtual) && O.map("sharedThis", C.SharedThis);
}

static llvm::json::Value toJSON(const ExternalRoot &R) {
  return llvm::json::Object{{"description", R.Description},
                            {"requestParams", llvm::json::Array(R.RequestParams)},
                            {"sharedParams", toJSON(R.SharedParams)},
                            {"sharedThis", R.SharedThis}};
}

static bool fromJSON(const llvm::json::Value &V, ExternalRoot &R, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("description", R.Description) && O.map("requestParams", R.RequestParams) &&
         O.map("sharedParams", R.SharedParams) && O.map("sharedThis", R.SharedThis);
}

template <typename Map> static llvm::json::Object mapToJSON(const Map &M) {
  llvm::json::Object Result;
  for (const auto &[Key, Value] : M)
    Result[Key] = toJSON(Value);
  return Result;
}

template <typename T>
static bool fromJSON(const llvm::json::Value &V, std::unordered_map<std::string, T> &Out,
                     llvm::json::Path P) {
  std::map<std::string, T> Read;
  if (!fromJSON(V, Read, P))
    return false;
  Out.clear();
  for (auto &[Key, Value] : Read)
    Out.emplace(Key, std::move(Value));
  return true;
}

llvm::json::Value toJSON(const UnitFacts &Facts) {
  llvm::json::Array Calls;
  for (const CallOut &C : Facts.CallsOut)
    Calls.push_back(toJSON(C));
  return llvm::json::Object{
      {"file", Facts.File}, {"defined", mapToJSON(Facts.Defined)}, {"callsOut", std::move(Calls)}};
}

bool fromJSON(const llvm::json::Value &Value, UnitFacts &Facts, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(Value, Path);
  return O && O.map("file", Facts.File) && O.map("defined", Facts.Defined) &&
         O.map("callsOut", Facts.CallsOut);
}

llvm::json::Value toJSON(const ProgramLookups &Lookups) {
  return llvm::json::Object{{"definitions", llvm::json::Array(Lookups.Definitions)},
                            {"roots", llvm::json::Array(Lookups.Roots)}};
}

bool fromJSON(const llvm::json::Value &Value, ProgramLookups &Lookups, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(Value, Path);
  std::vector<std::string> Definitions, Roots;
  if (!(O && O.map("definitions", Definitions) && O.map("roots", Roots)))
    return false;
  Lookups.Definitions = {Definitions.begin(), Definitions.end()};
  Lookups.Roots = {Roots.begin(), Roots.end()};
  return true;
}

std::string answersTo(const ProgramLookups &Asked, const ProgramFacts &Program) {
  // Each lookup's answer, null when the program knows nothing of it; the
  // USRs are sorted, so equal answers print equally.
  llvm::json::Array Definitions, Roots;
  for (const std::string &USR : Asked.Definitions) {
    auto It = Program.Definitions.find(USR);
    Definitions.push_back(It == Program.Definitions.end() ? llvm::json::Value(nullptr)
                                                          : toJSON(It->second));
  }
  for (const std::string &USR : Asked.Roots) {
    auto It = Program.Roots.find(USR);
    Roots.push_back(It == Program.Roots.end() ? llvm::json::Value(nullptr) : toJSON(It->second));
  }
  std::string Text;
  llvm::raw_string_ostream(Text) << llvm::json::Value(
      llvm::json::Array{std::move(Definitions), std::move(Roots)});
  return Text;
}

llvm::json::Value toJSON(const ProgramFacts &Facts) {
  return llvm::json::Object{{"definitions", mapToJSON(Facts.Definitions)},
                            {"roots", mapToJSON(Facts.Roots)}};
}

bool fromJSON(const llvm::json::Value &Value, ProgramFacts &Facts, llvm::json::Path Path) {
  llvm::json::ObjectMapper O(Value, Path);
  return O && O.map("definitions", Facts.Definitions) && O.map("roots", Facts.Roots);
}

} // namespace clang::statescope
