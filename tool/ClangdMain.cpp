//===--- ClangdMain.cpp - clangd 19 with the statescope checks ------------===//
//
// Debian's clangd libraries, with the statescope clang-tidy module linked in
// so editors show its diagnostics and fix-its like any clang-tidy check.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>

namespace clang::tidy {
// Defined next to the module's registration.
extern volatile int StatescopeModuleAnchorSource;
} // namespace clang::tidy

namespace clang::clangd {
class SymbolIndex;
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

int main(int argc, char *argv[]) {
  // Keep the statescope module in the link.
  [[maybe_unused]] int Anchor = clang::tidy::StatescopeModuleAnchorSource;
  // Say which clangd this is before clangd names its own version.
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--version" || llvm::StringRef(argv[I]) == "-version")
      llvm::outs() << "statescope-clangd " STATESCOPE_VERSION
                      ": clangd with the statescope checks\n";
  return clang::clangd::clangdMain(argc, argv);
}
