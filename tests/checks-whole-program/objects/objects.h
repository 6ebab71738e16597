// The objects example: handlers.cpp passes objects its start-up code made
// to functions of serve.cpp, which call a virtual method that models.cpp
// overrides. No file sees both the shared object and the code that writes
// it; the whole-program pass carries the object across.
#pragma once
#include <string>

struct Tally {
  int requests = 0;
  std::string lastPath;
};

/// Counts a request in the tally it is given (serve.cpp).
void count(Tally &tally, const std::string &path);
/// Notes a path in the tally it is given (serve.cpp).
void note(Tally &tally, const std::string &path);

class Model {
public:
  virtual ~Model() = default;
  virtual std::string predict(const std::string &prompt) = 0;
  virtual void reload() = 0;
};

class CachingModel : public Model {
public:
  std::string predict(const std::string &prompt) override;
  void reload() override;

private:
  std::string lastPrompt_;
  int loads_ = 0;
};

/// Completes a prompt with the model it is given (serve.cpp).
std::string complete(Model *model, const std::string &prompt);
/// Reloads the model it is given (serve.cpp).
void reloadModel(Model &model);
