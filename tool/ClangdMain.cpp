//===--- ClangdMain.cpp - clangd 19 with the statescope checks ------------===//
//
// Debian's clangd libraries, with the statescope clang-tidy module linked in
// so editors show its diagnostics and fix-its like any clang-tidy check.
//
// Three of clangd's functions are replaced for the other clangd objects by
// the linker (--wrap, CMakeLists.txt), each wrapper calling clangd's own
// (__real_) for everything that is not statescope's:
// - isFastTidyCheck: clangd 19 runs only the checks its table of measured
//   checks calls fast (FastCheckFilter: Strict). Ours are not in it; they
//   take under 0.1% of a unit's parse (callgrind, README), so they are.
// - versionString: --version and the LSP serverInfo say this is
//   statescope's clangd.
// - toJSON(PublishDiagnosticsParams): clangd links every clang-tidy
//   diagnostic to a page on clang.llvm.org, where ours do not exist; ours
//   link to the check's page (DocLinks.h, --doc-base-url).
//
//===----------------------------------------------------------------------===//

#include "DocLinks.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <optional>
#include <string>

namespace clang::tidy {
// Defined next to the module's registration.
extern volatile int StatescopeModuleAnchorSource;
} // namespace clang::tidy

namespace clang::clangd {
class SymbolIndex;
struct PublishDiagnosticsParams;
int clangdMain(int argc, char *argv[]);

namespace remote {
// Debian's clangd libraries are built without the remote index; clangd still
// asks for a client when --remote-index-address is given. There is none.
std::unique_ptr<clangd::SymbolIndex> getClient(llvm::StringRef /*Address*/,
                                               llvm::StringRef /*IndexRoot*/) {
  return nullptr;
}
} // namespace remote
} // namespace clang::clangd

namespace {

llvm::cl::opt<std::string>
    DocBaseUrl("doc-base-url",
               llvm::cl::desc("The URL of statescope's README.md and docs/, which the "
                              "statescope diagnostics link to (default: the docs installed "
                              "with statescope)"),
               llvm::cl::value_desc("url"));

bool isStatescopeCheck(llvm::StringRef Check) { return Check.starts_with("statescope-"); }

} // namespace

// clangd's definitions, under the names the linker gives them with --wrap.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::string realVersionString() asm("__real__ZN5clang6clangd13versionStringB5cxx11Ev");
llvm::json::Value
realPublishDiagnosticsToJSON(const clang::clangd::PublishDiagnosticsParams &P) asm(
    "__real__ZN5clang6clangd6toJSONERKNS0_24PublishDiagnosticsParamsE");

// What clangd's other objects call instead.
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::string versionString() asm("__wrap__ZN5clang6clangd13versionStringB5cxx11Ev");
llvm::json::Value publishDiagnosticsToJSON(const clang::clangd::PublishDiagnosticsParams &P) asm(
    "__wrap__ZN5clang6clangd6toJSONERKNS0_24PublishDiagnosticsParamsE");

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (isStatescopeCheck(Check))
    return true;
  return realIsFastTidyCheck(Check);
}

std::string versionString() {
  return "statescope-clangd " STATESCOPE_VERSION ": " + realVersionString() +
         " with the statescope checks";
}

llvm::json::Value publishDiagnosticsToJSON(const clang::clangd::PublishDiagnosticsParams &P) {
  llvm::json::Value Params = realPublishDiagnosticsToJSON(P);
  llvm::json::Object *O = Params.getAsObject();
  llvm::json::Array *Diagnostics = O ? O->getArray("diagnostics") : nullptr;
  if (!Diagnostics)
    return Params;
  static const std::string Base = DocBaseUrl.getNumOccurrences()
                                      ? statescope::normaliseDocBaseUrl(DocBaseUrl)
                                      : statescope::defaultDocBaseUrl();
  for (llvm::json::Value &D : *Diagnostics) {
    llvm::json::Object *Diagnostic = D.getAsObject();
    std::optional<llvm::StringRef> Code = Diagnostic ? Diagnostic->getString("code") : std::nullopt;
    if (!Code || !isStatescopeCheck(*Code))
      continue;
    std::string Page = statescope::checkPageUrl(Base, *Code);
    if (Page.empty())
      Diagnostic->erase("codeDescription");
    else
      (*Diagnostic)["codeDescription"] = llvm::json::Object{{"href", Page}};
  }
  return Params;
}

int main(int argc, char *argv[]) {
  // Keep the statescope module in the link.
  [[maybe_unused]] int Anchor = clang::tidy::StatescopeModuleAnchorSource;
  return clang::clangd::clangdMain(argc, argv);
}
