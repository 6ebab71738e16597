//===--- WholeProgram.h - what one translation unit tells the others ------===//
//
// A translation unit sees the declarations of functions other files define,
// not their bodies, and does not know which of its own functions other
// files' handlers call. The CLI runs two passes: the first records each
// unit's small facts (what the functions it defines return and store, and
// which functions defined elsewhere its request path calls with request
// data); the join merges them into program facts; the second pass gives
// each unit the program facts, so its model can follow an accessor, a setter
// or a call chain across files. The clang-tidy plugin and clangd see one
// file at a time and run without program facts.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_WHOLEPROGRAM_H
#define STATESCOPE_CHECKS_WHOLEPROGRAM_H

#include "llvm/Support/JSON.h"
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace clang::statescope {

/// What a function defined in one unit does, for units that only declare it.
/// Functions are named by their USR.
struct FunctionFacts {
  /// How messages name the function.
  std::string Name;
  /// An accessor: it returns a reference or pointer to one static object.
  bool ReturnsStatic = false;
  /// A member function: the fields of `this` it stores, each with the
  /// parameters whose values flow into it.
  std::map<std::string, std::vector<unsigned>> Stores;
  /// It stores into `this` in ways that name no field.
  bool StoresUnknown = false;
  /// The reference and pointer parameters it writes through (a lookup that
  /// takes a container by non-const reference writes none).
  std::vector<unsigned> WritesParams;
  bool WritesParamsKnown = false;
};

/// A call from the request path of one unit to a function another defines.
struct CallOut {
  std::string Callee; ///< USR.
  std::string Name;
  /// The parameters that receive request data.
  std::vector<unsigned> RequestParams;
  /// The handler the call is reached from ("the handler for POST /orders").
  std::string Handler;
  /// Some argument binds to a non-const reference or pointer parameter.
  bool PassesOut = false;
};

struct UnitFacts {
  std::string File;
  std::map<std::string, FunctionFacts> Defined;
  std::vector<CallOut> CallsOut;
};

/// A function that another unit's request path calls.
struct ExternalRoot {
  std::string Description;
  std::vector<unsigned> RequestParams;
};

/// Hash maps: the join looks up every call of every unit, and a tree of a
/// large program's USRs costs a cache miss per level.
struct ProgramFacts {
  std::unordered_map<std::string, FunctionFacts> Definitions;
  std::unordered_map<std::string, ExternalRoot> Roots;
};

/// The program facts of several units' facts: definitions by USR, and each
/// called function once, with every parameter that receives request data
/// from any caller. Linear in the number of facts (expected, for hashing).
ProgramFacts joinFacts(const std::vector<UnitFacts> &Units);

/// True when the program facts tell the unit something its first pass did
/// not know: another unit's handler calls one of its functions, or its
/// request path calls an accessor or a storing function defined elsewhere.
bool needsSecondPass(const UnitFacts &Unit, const ProgramFacts &Program);

llvm::json::Value toJSON(const UnitFacts &Facts);
bool fromJSON(const llvm::json::Value &Value, UnitFacts &Facts, llvm::json::Path Path);
llvm::json::Value toJSON(const ProgramFacts &Facts);
bool fromJSON(const llvm::json::Value &Value, ProgramFacts &Facts, llvm::json::Path Path);

/// Process-wide settings of the CLI's passes. The CLI analyses each unit in
/// a process of its own, so one setting serves the one unit it runs.
/// The program facts the model consults (second pass), or null.
void setProgramFacts(std::shared_ptr<const ProgramFacts> Facts);
std::shared_ptr<const ProgramFacts> programFacts();
/// Where the model reports the facts of the unit it models (first pass).
void setUnitFactsSink(std::function<void(const UnitFacts &)> Sink);
const std::function<void(const UnitFacts &)> &unitFactsSink();

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_WHOLEPROGRAM_H
