//===--- WholeProgram.h - what one translation unit tells the others ------===//
//
// A translation unit sees the declarations of functions other files define,
// not their bodies, and does not know which of its own functions other
// files' handlers call. The CLI runs two passes: the first records each
// unit's small facts (what the functions it defines return and store, which
// methods they override, and which functions defined elsewhere its request
// path calls with request data or shared objects); the join merges them into
// program facts; the second pass gives each unit the program facts, so its
// model can follow an accessor, a setter, a call chain or a virtual call
// across files. The second pass's facts are joined again, and a third pass
// analyses the units that join roots anew (a handler's unit passes a shared
// object to a function of a second file, which calls a virtual method a
// third file overrides). Because the model reads the program facts only
// through two lookups (model/ProgramView.h), an analysis made with any facts
// that answer its lookups as the program does is the program's analysis:
// the CLI's first pass analyses each unit a second time on its one parse,
// with the facts of the units it already knows, and the second pass takes
// that analysis instead of parsing the unit again where it can. The
// clang-tidy plugin and clangd see one file at a time and run without
// program facts.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_CHECKS_WHOLEPROGRAM_H
#define STATESCOPE_CHECKS_WHOLEPROGRAM_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"
#include <functional>
#include <map>
#include <memory>
#include <set>
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
  /// A method: the virtual methods it overrides, however far up (USRs). A
  /// virtual call of any of them may run it.
  std::vector<std::string> Overrides;
};

/// An argument that is an object every request shares, and how the calling
/// unit knows it ("'model', a local of 'main' that handlers capture by
/// reference").
struct SharedArgument {
  unsigned Param = 0;
  std::string Object;
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
  /// The arguments that are shared objects, bound to non-const reference or
  /// pointer parameters.
  std::vector<SharedArgument> SharedParams;
  /// A virtual call: any override the program defines may run.
  bool Virtual = false;
  /// A virtual call on a shared object: that object, described; else empty
  /// (a direct call's stores come back as the callee's FunctionFacts).
  std::string SharedThis;
};

struct UnitFacts {
  std::string File;
  std::map<std::string, FunctionFacts> Defined;
  std::vector<CallOut> CallsOut;
};

/// A function that another unit's request path calls (directly, or through
/// a virtual call of a method it overrides).
struct ExternalRoot {
  std::string Description;
  std::vector<unsigned> RequestParams;
  /// The parameters some caller binds to a shared object, by index.
  std::vector<SharedArgument> SharedParams;
  /// A member function some caller calls on a shared object: that object.
  std::string SharedThis;

  bool operator==(const ExternalRoot &Other) const;
};

/// What the program answers to the model's two lookups (model/ProgramView.h):
/// the facts of the function a USR names, and how other units' request
/// paths call it; null when the program knows nothing of it.
class ProgramAnswers {
public:
  virtual ~ProgramAnswers() = default;
  virtual const FunctionFacts *definition(const std::string &USR) const = 0;
  virtual const ExternalRoot *root(const std::string &USR) const = 0;
};

/// Every answer, made. Hash maps: the join looks up every call of every
/// unit, and a tree of a large program's USRs costs a cache miss per level.
struct ProgramFacts final : ProgramAnswers {
  std::unordered_map<std::string, FunctionFacts> Definitions;
  std::unordered_map<std::string, ExternalRoot> Roots;

  const FunctionFacts *definition(const std::string &USR) const override;
  const ExternalRoot *root(const std::string &USR) const override;
};

/// The program facts of several units' facts: definitions by USR, and each
/// called function once, with every parameter that receives request data or
/// a shared object from any caller. A virtual call roots every override
/// defined in another unit. Linear in the number of facts and overrides
/// (expected, for hashing). ProgramJoin.h answers the same lazily.
ProgramFacts joinFacts(const std::vector<UnitFacts> &Units);
/// The same, of the units pointed to (none null), without copying them.
ProgramFacts joinFacts(llvm::ArrayRef<const UnitFacts *> Units);

/// True when the program facts tell the unit something its first pass did
/// not know: another unit's handler calls one of its functions, or its
/// request path calls an accessor or a storing function defined elsewhere.
bool needsSecondPass(const UnitFacts &Unit, const ProgramFacts &Program);

/// True when a later join roots the unit's functions differently from the
/// join it was analysed with: a function the second pass put on the request
/// path calls into it (a shared model handed on to a virtual `predict`).
bool rootsChanged(const UnitFacts &Unit, const ProgramFacts &Before, const ProgramFacts &After);

/// The functions a unit's model looked up in the program facts, by USR
/// (found or not). The model reads the program facts only through these
/// lookups (model/ProgramView.h), so a unit analysed with one program's
/// facts has the same result with any other program's facts that answer
/// the same lookups the same way: `statescope merge` reuses a shard's
/// analysis when the program of all shards answers them as the shard's did.
struct ProgramLookups {
  std::set<std::string> Definitions;
  std::set<std::string> Roots;
};

/// What Program answers to Asked, as canonical text: equal texts, equal
/// answers.
std::string answersTo(const ProgramLookups &Asked, const ProgramAnswers &Program);

llvm::json::Value toJSON(const UnitFacts &Facts);
bool fromJSON(const llvm::json::Value &Value, UnitFacts &Facts, llvm::json::Path Path);
llvm::json::Value toJSON(const ProgramFacts &Facts);
bool fromJSON(const llvm::json::Value &Value, ProgramFacts &Facts, llvm::json::Path Path);
llvm::json::Value toJSON(const ProgramLookups &Lookups);
bool fromJSON(const llvm::json::Value &Value, ProgramLookups &Lookups, llvm::json::Path Path);

/// Process-wide settings of the CLI's passes. The CLI analyses each unit in
/// a process of its own, so one setting serves the one unit it runs.
/// The program facts the model consults (second pass), or null.
void setProgramFacts(std::shared_ptr<const ProgramAnswers> Facts);
std::shared_ptr<const ProgramAnswers> programFacts();
/// Where the model reports the facts of the unit it models (first pass).
void setUnitFactsSink(std::function<void(const UnitFacts &)> Sink);
const std::function<void(const UnitFacts &)> &unitFactsSink();
/// Where the model records its lookups in the program facts, or null.
void setProgramLookupRecord(ProgramLookups *Record);
ProgramLookups *programLookupRecord();

} // namespace clang::statescope

#endif // STATESCOPE_CHECKS_WHOLEPROGRAM_H
