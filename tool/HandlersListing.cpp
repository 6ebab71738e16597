//===--- HandlersListing.cpp - what statescope sees in each unit ----------===//
//
// One JSON form serves the worker processes sending each unit's listing
// back and the users of `statescope handlers --format=json`; the text form
// words the kinds for people and ends with the configuration that makes the
// functions statescope does not analyse handlers.
//
//===----------------------------------------------------------------------===//

#include "HandlersListing.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

/// The version of the `handlers --format=json` schema.
constexpr int HandlersFormatVersion = 1;

// Found by argument-dependent lookup from llvm::json's mappers, so not in
// an anonymous namespace.

static Value toJSON(const Location &L) {
  if (L.File.empty())
    return nullptr;
  return Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

static bool fromJSON(const Value &V, Location &L, Path P) {
  if (V.kind() == Value::Null)
    return true;
  const Object *O = V.getAsObject();
  if (!O) {
    P.report("expected a location");
    return false;
  }
  std::optional<int64_t> Line = O->getInteger("line"), Column = O->getInteger("column");
  if (!Line || !Column || *Line < 0 || *Column < 0) {
    P.report("expected a line and a column");
    return false;
  }
  L.Line = static_cast<unsigned>(*Line);
  L.Column = static_cast<unsigned>(*Column);
  return ObjectMapper(V, P).map("file", L.File);
}

static Value toJSON(const ListedParameter &P) { return Object{{"name", P.Name}, {"type", P.Type}}; }

static bool fromJSON(const Value &V, ListedParameter &Param, Path P) {
  ObjectMapper M(V, P);
  return M && M.map("name", Param.Name) && M.map("type", Param.Type);
}

static Value toJSON(const ListedHandler &H) {
  Array Data;
  for (const ListedParameter &P : H.RequestData)
    Data.push_back(toJSON(P));
  return Object{{"name", H.Name},
                {"rule", H.Rule},
                {"description", H.Description},
                {"location", toJSON(H.Loc)},
                {"requestData", std::move(Data)}};
}

static bool fromJSON(const Value &V, ListedHandler &H, Path P) {
  ObjectMapper M(V, P);
  return M && M.map("name", H.Name) && M.map("rule", H.Rule) &&
         M.map("description", H.Description) && M.map("location", H.Loc) &&
         M.map("requestData", H.RequestData);
}

static Value toJSON(const ListedSharedObject &S) {
  return Object{{"name", S.Name},
                {"sharing", S.Sharing},
                {"declaration", toJSON(S.Declaration)},
                {"writes", S.Writes},
                {"requestDataWrites", S.RequestDataWrites},
                {"firstWrite", toJSON(S.FirstWrite)},
                {"writtenIn", S.WrittenIn}};
}

static bool fromJSON(const Value &V, ListedSharedObject &S, Path P) {
  ObjectMapper M(V, P);
  int64_t Writes = 0, RequestDataWrites = 0;
  if (!(M && M.map("name", S.Name) && M.map("sharing", S.Sharing) &&
        M.map("declaration", S.Declaration) && M.map("writes", Writes) &&
        M.map("requestDataWrites", RequestDataWrites) && M.map("firstWrite", S.FirstWrite) &&
        M.map("writtenIn", S.WrittenIn)))
    return false;
  S.Writes = static_cast<unsigned>(Writes);
  S.RequestDataWrites = static_cast<unsigned>(RequestDataWrites);
  return true;
}

static Value toJSON(const ListedCandidate &C) {
  return Object{{"name", C.Name},
                {"location", toJSON(C.Loc)},
                {"parameter", toJSON(C.Parameter)},
                {"evidence", C.Evidence},
                {"frameworkClass", C.FrameworkClass},
                {"option", C.Option},
                {"pattern", C.Pattern},
                {"passedTo", C.PassedTo}};
}

static bool fromJSON(const Value &V, ListedCandidate &C, Path P) {
  ObjectMapper M(V, P);
  return M && M.map("name", C.Name) && M.map("location", C.Loc) &&
         M.map("parameter", C.Parameter) && M.map("evidence", C.Evidence) &&
         M.map("frameworkClass", C.FrameworkClass) && M.map("option", C.Option) &&
         M.map("pattern", C.Pattern) && M.map("passedTo", C.PassedTo);
}

namespace {

/// Each option's patterns, once each, in the order the units list them.
std::map<std::string, std::vector<std::string>>
suggestedOptions(const std::vector<UnitHandlers> &Units) {
  std::map<std::string, std::vector<std::string>> Options;
  for (const UnitHandlers &U : Units)
    for (const ListedCandidate &C : U.Candidates)
      if (!C.Option.empty() && !llvm::is_contained(Options[C.Option], C.Pattern))
        Options[C.Option].push_back(C.Pattern);
  return Options;
}

std::string where(const Location &L, llvm::StringRef Root) {
  if (L.File.empty())
    return "<no location>";
  return llvm::formatv("{0}:{1}:{2}", relativeTo(L.File, Root), L.Line, L.Column).str();
}

std::string ruleInWords(llvm::StringRef Rule) {
  if (Rule == "framework")
    return "a framework's registration or handler shape";
  if (Rule == "annotation")
    return "the statescope::request_handler annotation";
  if (Rule == "HandlerFunctions")
    return "the HandlerFunctions option names it";
  if (Rule == "HandlerRegistrations")
    return "passed to a function the HandlerRegistrations option names";
  if (Rule == "derived-request")
    return "it takes the project's class derived from a framework's request type";
  if (Rule == "whole-program")
    return "another file's handler calls it with request data";
  if (Rule == "request-reading")
    return "it reads the next request itself";
  return Rule.str();
}

std::string sharingInWords(llvm::StringRef Sharing) {
  if (Sharing == "global")
    return "a namespace-scope variable: one object for the whole process";
  if (Sharing == "static-member")
    return "a static data member: one object for the whole process";
  if (Sharing == "local-static")
    return "a function-local static or a singleton accessor's object: made once, kept for "
           "every request";
  if (Sharing == "captured-by-handler")
    return "a start-up local captured by reference into a handler: every request uses the "
           "same object";
  if (Sharing == "framework-instance")
    return "the framework makes one instance of this class and runs every request on it";
  if (Sharing == "bound-instance")
    return "one instance is bound into a handler registration and serves every request";
  if (Sharing == "declared-instance")
    return "the project declares that it keeps one instance of this class for every request "
           "(SharedClasses or statescope::shared_instance)";
  if (Sharing == "made-at-start-up")
    return "the unit creates objects of this class only once, at start-up: every request "
           "reaches that one";
  if (Sharing == "passed-in")
    return "another file's request path passes a shared object in (a parameter, or the object "
           "of a member function)";
  if (Sharing == "held-by-copies")
    return "a handler class reached through a pointer member of a handler the server copies "
           "(one per worker): every copy points to the same instance";
  return Sharing.str();
}

std::string evidenceInWords(const ListedCandidate &C) {
  if (C.Evidence == "framework-type")
    return "a request type of a framework";
  if (C.Evidence == "derived-from-framework")
    return "derives from the framework request '" + C.FrameworkClass + "'";
  return "its type's name says request";
}

/// The name of a handler or a function for a listing line.
std::string displayed(llvm::StringRef Name) {
  return Name == "lambda" ? "a lambda" : "'" + Name.str() + "'";
}

} // namespace

Value toJSON(const UnitHandlers &U) {
  Array Handlers, Shared, Candidates;
  for (const ListedHandler &H : U.Handlers)
    Handlers.push_back(toJSON(H));
  for (const ListedSharedObject &S : U.Shared)
    Shared.push_back(toJSON(S));
  for (const ListedCandidate &C : U.Candidates)
    Candidates.push_back(toJSON(C));
  return Object{{"file", U.File},
                {"failure", U.Failure ? Value(*U.Failure) : Value(nullptr)},
                {"handlers", std::move(Handlers)},
                {"sharedObjects", std::move(Shared)},
                {"unrecognised", std::move(Candidates)}};
}

bool fromJSON(const Value &V, UnitHandlers &U, Path P) {
  ObjectMapper M(V, P);
  return M && M.map("file", U.File) && M.mapOptional("failure", U.Failure) &&
         M.map("handlers", U.Handlers) && M.map("sharedObjects", U.Shared) &&
         M.map("unrecognised", U.Candidates);
}

void printHandlersText(llvm::raw_ostream &OS, const std::vector<UnitHandlers> &Units,
                       llvm::StringRef Root) {
  size_t Handlers = 0, Candidates = 0, Failed = 0;
  for (const UnitHandlers &U : Units) {
    OS << relativeTo(U.File, Root) << '\n';
    if (U.Failure) {
      ++Failed;
      OS << "  not analysed: " << *U.Failure << "\n\n";
      continue;
    }
    Handlers += U.Handlers.size();
    Candidates += U.Candidates.size();
    if (U.Handlers.empty())
      OS << "  request handlers: none (statescope does not know this unit's server)\n";
    else
      OS << "  request handlers (" << U.Handlers.size() << "):\n";
    for (const ListedHandler &H : U.Handlers) {
      OS << "    " << where(H.Loc, Root) << ": " << H.Description;
      if (H.Name != "lambda" && !llvm::StringRef(H.Description).contains("'" + H.Name + "'"))
        OS << " (" << displayed(H.Name) << ")";
      OS << "\n      rule: " << ruleInWords(H.Rule) << '\n';
      if (!H.RequestData.empty()) {
        OS << "      request data:";
        llvm::ListSeparator Comma(",");
        for (const ListedParameter &P : H.RequestData)
          OS << Comma << " '" << P.Name << "' (" << P.Type << ")";
        OS << '\n';
      }
    }
    if (!U.Shared.empty()) {
      OS << "  shared state the request path writes (" << U.Shared.size() << "):\n";
      for (const ListedSharedObject &S : U.Shared) {
        OS << "    " << where(S.Declaration, Root) << ": '" << S.Name << "' is "
           << sharingInWords(S.Sharing) << '\n';
        OS << llvm::formatv("      {0} write{1}, {2} storing request data; first at {3} in {4}\n",
                            S.Writes, S.Writes == 1 ? "" : "s", S.RequestDataWrites,
                            where(S.FirstWrite, Root), displayed(S.WrittenIn));
      }
    } else if (!U.Handlers.empty()) {
      OS << "  shared state the request path writes: none\n";
    }
    if (!U.Candidates.empty()) {
      OS << "  functions that take a request but are not analysed (" << U.Candidates.size()
         << "):\n";
      for (const ListedCandidate &C : U.Candidates) {
        OS << "    " << where(C.Loc, Root) << ": " << displayed(C.Name) << " takes '"
           << C.Parameter.Name << "' (" << C.Parameter.Type << "): " << evidenceInWords(C) << '\n';
        if (C.Option.empty())
          OS << "      no option names it: register it through a named function, or "
                "annotate a function it calls\n";
        else
          OS << "      add " << C.Option << ": '" << C.Pattern << "'"
             << (C.PassedTo.empty() ? "" : " (the function it is passed to)") << '\n';
      }
    }
    OS << '\n';
  }

  auto Options = suggestedOptions(Units);
  if (!Options.empty()) {
    OS << "To analyse the functions that take a request, add to the project's .clang-tidy\n"
          "(with ';' between patterns, after any you already have):\n\n"
          "CheckOptions:\n";
    for (const auto &[Option, Patterns] : Options)
      OS << "  " << Option << ": '" << llvm::join(Patterns, ";") << "'\n";
    OS << '\n';
  }
  OS << llvm::formatv("{0} request handler{1} in {2} unit{3}; {4} function{5} that take{6} a "
                      "request not analysed",
                      Handlers, Handlers == 1 ? "" : "s", Units.size() - Failed,
                      Units.size() - Failed == 1 ? "" : "s", Candidates, Candidates == 1 ? "" : "s",
                      Candidates == 1 ? "s" : "");
  if (Failed)
    OS << "; " << Failed << " unit" << (Failed == 1 ? "" : "s") << " not analysed";
  OS << '\n';
}

void writeHandlersJson(llvm::raw_ostream &OS, const std::vector<UnitHandlers> &Units,
                       llvm::StringRef Root) {
  Array Listed;
  for (UnitHandlers U : Units) {
    U.File = relativeTo(U.File, Root);
    for (ListedHandler &H : U.Handlers)
      H.Loc.File = relativeTo(H.Loc.File, Root);
    for (ListedSharedObject &S : U.Shared) {
      S.Declaration.File = relativeTo(S.Declaration.File, Root);
      S.FirstWrite.File = relativeTo(S.FirstWrite.File, Root);
    }
    for (ListedCandidate &C : U.Candidates)
      C.Loc.File = relativeTo(C.Loc.File, Root);
    Listed.push_back(toJSON(U));
  }
  Object Suggested;
  for (const auto &[Option, Patterns] : suggestedOptions(Units))
    Suggested[Option] = llvm::join(Patterns, ";");
  OS << llvm::formatv("{0:2}", Value(Object{{"version", HandlersFormatVersion},
                                            {"projectRoot", Root},
                                            {"units", std::move(Listed)},
                                            {"suggestedOptions", std::move(Suggested)}}))
     << '\n';
}

} // namespace statescope
