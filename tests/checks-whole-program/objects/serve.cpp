#include "objects.h"

void count(Tally &tally, const std::string &path) {
  ++tally.requests;
  tally.lastPath = path;
}

void note(Tally &tally, const std::string &path) {
  ++tally.requests;
  tally.lastPath = path;
}

std::string complete(Model *model, const std::string &prompt) { return model->predict(prompt); }

void reloadModel(Model &model) { model.reload(); }
