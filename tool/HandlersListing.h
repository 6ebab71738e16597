//===--- HandlersListing.h - what statescope sees in each unit ------------===//
//
// The result of `statescope handlers`, free of clang types like the findings
// (Report.h): per translation unit, the request handlers the model
// recognised and by which rule, the request data they receive, the shared
// objects their request path writes and why each is shared, and the
// functions that take a request but are not analysed, with the
// configuration that would add them. Kinds are kept as the JSON's keys and
// worded only when printed.
//
//===----------------------------------------------------------------------===//

#ifndef STATESCOPE_TOOL_HANDLERSLISTING_H
#define STATESCOPE_TOOL_HANDLERSLISTING_H

#include "Report.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace statescope {

struct ListedParameter {
  std::string Name;
  std::string Type;
};

struct ListedHandler {
  /// The qualified name, or "lambda".
  std::string Name;
  /// "framework", "annotation", "HandlerFunctions", "HandlerRegistrations",
  /// "derived-request", "whole-program" or "request-reading".
  std::string Rule;
  /// The model's description: "the handler for GET /orders".
  std::string Description;
  /// Where it is registered (or defined).
  Location Loc;
  /// The parameters that carry request data into it.
  std::vector<ListedParameter> RequestData;
};

struct ListedSharedObject {
  std::string Name;
  /// "global", "static-member", "local-static", "captured-by-handler",
  /// "framework-instance", "bound-instance" or "made-at-start-up".
  std::string Sharing;
  Location Declaration;
  unsigned Writes = 0;
  unsigned RequestDataWrites = 0;
  Location FirstWrite;
  /// The function the first write is in.
  std::string WrittenIn;
};

struct ListedCandidate {
  /// The qualified name, or "lambda".
  std::string Name;
  Location Loc;
  ListedParameter Parameter;
  /// "framework-type", "derived-from-framework" or "request-like-name".
  std::string Evidence;
  /// The framework's request class, for the first two.
  std::string FrameworkClass;
  /// The option that would make it a handler ("HandlerFunctions" or
  /// "HandlerRegistrations") and the pattern to add to it; both empty when
  /// no option names it (a lambda handed to nothing named).
  std::string Option;
  std::string Pattern;
  /// For HandlerRegistrations: the function the lambda is passed to.
  std::string PassedTo;
};

struct UnitHandlers {
  std::string File;
  std::vector<ListedHandler> Handlers;
  std::vector<ListedSharedObject> Shared;
  std::vector<ListedCandidate> Candidates;
  /// Why the unit could not be analysed, when it could not.
  std::optional<std::string> Failure;
};

llvm::json::Value toJSON(const UnitHandlers &U);
bool fromJSON(const llvm::json::Value &V, UnitHandlers &U, llvm::json::Path P);

/// The listing as people read it; paths relative to Root.
void printHandlersText(llvm::raw_ostream &OS, const std::vector<UnitHandlers> &Units,
                       llvm::StringRef Root);

/// The listing as JSON (docs/cli.md): {"version", "units": [...],
/// "suggestedOptions": {"HandlerFunctions": ..., "HandlerRegistrations": ...}}.
void writeHandlersJson(llvm::raw_ostream &OS, const std::vector<UnitHandlers> &Units,
                       llvm::StringRef Root);

} // namespace statescope

#endif // STATESCOPE_TOOL_HANDLERSLISTING_H
