//===--- SharedWithoutReasonCheck.cpp - statescope ------------------------===//

#include "SharedWithoutReasonCheck.h"

namespace clang::tidy::statescope {

void SharedWithoutReasonCheck::checkModel(const RequestScopeModel &Model) {
  for (const auto &Marker : Model.unexplainedMarkers()) {
    if (Marker.Marked.empty())
      diag(Marker.Location, "shared-state marker without a reason; write why "
                            "the state is safe to share after it "
                            "('statescope: shared - <reason>')");
    else
      diag(Marker.Location, "'%0' is marked as shared on purpose without a "
                            "reason; give the reason as the annotation's "
                            "second argument")
          << Marker.Marked;
  }
}

} // namespace clang::tidy::statescope
