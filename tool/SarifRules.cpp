//===--- SarifRules.cpp - the checks as SARIF rules -----------------------===//

#include "SarifRules.h"

#include "DocLinks.h"
#include "DocPages.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringExtras.h"

namespace statescope {

using llvm::json::Array;
using llvm::json::Object;

namespace {

/// What a check's page does not say in a form a service can sort by.
struct RuleTraits {
  llvm::StringRef Check;
  /// The title GitHub shows above an alert (README's "finds" column).
  llvm::StringRef Title;
  /// CodeQL's problem.severity, which GitHub shows for alerts that carry no
  /// security-severity: error, warning or recommendation.
  llvm::StringRef Severity;
  /// CodeQL's precision scale (very-high, high, medium, low): how often a
  /// result is a real bug. The leak checks' findings on real servers are
  /// judged in eval/ (about nine in ten true); a marker without a reason is
  /// found from its spelling alone.
  llvm::StringRef Precision;
  llvm::ArrayRef<llvm::StringRef> Tags;
};

// Every request's data in one place is CWE-362 (shared resource, improper
// synchronization) when requests run at once, and CWE-488 (data exposed to
// the wrong session) when the data is a request's.
const llvm::StringRef LeakTags[] = {"concurrency", "correctness", "external/cwe/cwe-362",
                                    "external/cwe/cwe-488"};
const llvm::StringRef MarkerTags[] = {"maintainability"};

const RuleTraits Traits[] = {
    {"statescope-mutable-static",
     "A mutable global or static (or captured start-up local) written on the request path",
     "warning", "high", LeakTags},
    {"statescope-request-field",
     "A field of a shared instance that holds request data, or that handlers race on", "warning",
     "high", LeakTags},
    {"statescope-shared-without-reason", "A \"shared on purpose\" marker that does not say why",
     "recommendation", "very-high", MarkerTags},
    {"statescope-singleton-setter", "A shared object whose state is set per request", "warning",
     "high", LeakTags},
    {"statescope-thread-local-across-await",
     "A thread_local or shared value read back after the request suspended", "warning", "high",
     LeakTags},
};

const RuleTraits *traitsOf(llvm::StringRef Check) {
  for (const RuleTraits &T : Traits)
    if (T.Check == Check)
      return &T;
  return nullptr;
}

} // namespace

std::string ruleName(llvm::StringRef Check) {
  Check.consume_front("statescope-");
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

Object sarifRule(llvm::StringRef Check, llvm::StringRef DocBaseUrl) {
  Object Rule{{"id", Check.str()},
              {"name", ruleName(Check)},
              {"defaultConfiguration", Object{{"level", "warning"}}}};
  const DocPage *Page = findDocPage(Check);
  const RuleTraits *T = traitsOf(Check);
  std::string Summary = Page ? Page->summary() : "";
  if (!Summary.empty() || T) {
    Rule["shortDescription"] = Object{{"text", T ? T->Title.str() : Summary}};
    Rule["fullDescription"] = Object{{"text", Summary.empty() ? T->Title.str() : Summary}};
  }
  if (Page) {
    Rule["help"] = Object{{"text", Page->Markdown}, {"markdown", Page->Markdown}};
    if (std::string Url = checkPageUrl(DocBaseUrl, Check); !Url.empty())
      Rule["helpUri"] = Url;
  }
  if (T) {
    Array Tags;
    for (llvm::StringRef Tag : T->Tags)
      Tags.push_back(Tag);
    Rule["properties"] = Object{
        {"tags", std::move(Tags)}, {"precision", T->Precision}, {"problem.severity", T->Severity}};
  }
  return Rule;
}

} // namespace statescope
