//===--- WholeProgramFacts.cpp - the facts translation units exchange -----===//
//
// The clang-free half of WholeProgram.h: the program facts' answers, the
// decisions of the later passes and the JSON the CLI's worker processes
// exchange facts in; the join is in ProgramJoin.cpp. The process-wide
// settings the model reads are in WholeProgram.cpp, which the plugin and
// clangd also link.
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

const FunctionFacts *ProgramFacts::definition(const std::string &USR) const {
  auto It = Definitions.find(USR);
  return It == Definitions.end() ? nullptr : &It->second;
}

const ExternalRoot *ProgramFacts::root(const std::string &USR) const {
  auto It = Roots.find(USR);
  return It == Roots.end() ? nullptr : &It->second;
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

std::string answersTo(const ProgramLookups &Asked, const ProgramAnswers &Program) {
  // Each lookup's answer, null when the program knows nothing of it; the
  // USRs are sorted, so equal answers print equally.
  llvm::json::Array Definitions, Roots;
  for (const std::string &USR : Asked.Definitions) {
    const FunctionFacts *Facts = Program.definition(USR);
    Definitions.push_back(Facts ? toJSON(*Facts) : llvm::json::Value(nullptr));
  }
  for (const std::string &USR : Asked.Roots) {
    const ExternalRoot *Root = Program.root(USR);
    Roots.push_back(Root ? toJSON(*Root) : llvm::json::Value(nullptr));
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
