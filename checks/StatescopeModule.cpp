//===--- StatescopeModule.cpp - the statescope clang-tidy module ----------===//

#include "MutableStaticCheck.h"
#include "RequestFieldCheck.h"
#include "SharedWithoutReasonCheck.h"
#include "SingletonSetterCheck.h"
#include "ThreadLocalAcrossAwaitCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy {
namespace statescope {

class StatescopeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<MutableStaticCheck>("statescope-mutable-static");
    Factories.registerCheck<RequestFieldCheck>("statescope-request-field");
    Factories.registerCheck<SharedWithoutReasonCheck>("statescope-shared-without-reason");
    Factories.registerCheck<SingletonSetterCheck>("statescope-singleton-setter");
    Factories.registerCheck<ThreadLocalAcrossAwaitCheck>("statescope-thread-local-across-await");
  }
};

} // namespace statescope

static ClangTidyModuleRegistry::Add<statescope::StatescopeModule>
    X("statescope", "Checks for per-request data kept in shared state.");

// Referenced by the CLI and clangd so that static linking keeps the module.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
volatile int StatescopeModuleAnchorSource = 0;

} // namespace clang::tidy
