// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -isystem %S/Inputs
// A handler that calls a virtual method through a base pointer runs the
// override of whatever object it has: every override the unit defines is
// on the request path, and a call stores what any override stores.
#include <string>
#include <web.h>

class Model {
public:
  virtual ~Model() = default;
  virtual std::string predict(const std::string &prompt) = 0;
};

char g_workBuffer[4096]; // LEAK expected-warning {{'g_workBuffer' is shared by every request; the request handler 'complete' stores request data ('prompt[I]') in it}}
class StarcoderModel : public Model {
public:
  std::string predict(const std::string &prompt) override {
    for (std::size_t I = 0; I < prompt.size() && I < sizeof(g_workBuffer); ++I)
      g_workBuffer[I] = prompt[I]; // expected-note {{stores request data ('prompt[I]') in it here}}
    lastPrompt_ = prompt;
    return std::string(g_workBuffer);
  }

private:
  std::string lastPrompt_;
};

Model *g_model = nullptr; // LEAK expected-warning {{'g_model' is shared by every request; the request handler 'complete' stores request data ('req.user') in it through 'predict'}} expected-note {{no automatic fix for 'g_model': it is reached through a pointer; build it per request in each handler and pass it the request data}}
REQUEST_HANDLER std::string complete(const web::Request &req) { return g_model->predict(req.user); } // expected-note {{'predict' is called here on the request path}} expected-note {{the request handler 'complete' runs once per request}} expected-note {{stores request data ('req.user') in it through 'predict' here}} expected-note {{the request handler 'complete' runs once per request}}

// Look-alike: an override only start-up code calls.
long g_loads = 0; // SAFE
class Loader {
public:
  virtual ~Loader() = default;
  virtual void load() = 0;
};
class FileLoader : public Loader {
public:
  void load() override { ++g_loads; }
};

int main() {
  static StarcoderModel model;
  g_model = &model;
  FileLoader loader;
  Loader &base = loader;
  base.load();
}
