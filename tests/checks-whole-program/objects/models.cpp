#include "objects.h"
#include <cstdlib>

std::string CachingModel::predict(const std::string &prompt) {
  // Work buffers kept from one call to the next: every request's
  // prediction resizes the same ones.
  static std::size_t scratchSize = 0;
  static char *scratch = nullptr;
  if (prompt.size() > scratchSize) {
    scratchSize = prompt.size();
    scratch = static_cast<char *>(std::realloc(scratch, scratchSize));
  }
  lastPrompt_ = prompt;
  return "completion of " + prompt;
}

// Only start-up code reloads the model: nothing here runs per request.
void CachingModel::reload() {
  static int reloads = 0;
  ++reloads;
  ++loads_;
}
