// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// CONFIG: {CheckOptions: {SharedClasses: '^app::Engine$'}}
// REQUIRES: /usr/include/httplib.h
// The one object of the server, made by a factory in another function (or
// another file) and handed to the routes by pointer: inference cannot see
// that there is one (it sees creations in main only), the project says so
// with the SharedClasses option or the statescope::shared_instance
// annotation (on the class or a base).
#include <httplib.h>
#include <string>

namespace app {
class Engine {
public:
  void generate(const std::string &prompt) { lastPrompt_ = prompt; } // expected-note {{stores request data ('prompt') in it (field 'lastPrompt_') here}}

private:
  std::string lastPrompt_; // LEAK expected-warning {{field 'lastPrompt_' holds request data ('req.body') from the handler for POST /generate, but the server keeps one 'Engine' for every request}}
};
} // namespace app

struct [[clang::annotate("statescope::shared_instance")]] Backend {
  virtual ~Backend() = default;
  void load(const std::string &model) { model_ = model; } // expected-note {{stores request data ('model') in it (field 'model_') here}}
  std::string model_; // LEAK expected-warning {{fields 'model_' and 'kernel_' hold request data ('req.get_param_value("model")') from the handler for POST /generate, but the server keeps one 'GpuBackend' for every request}}
};
struct GpuBackend : Backend {
  void warm(const std::string &kernel) { kernel_ = kernel; } // expected-note {{stores request data ('kernel') in it (field 'kernel_') here}}
  std::string kernel_;
};

// Look-alikes: a class nobody declares shared, and copies of the declared one.
struct Scratch {
  void set(const std::string &t) { text = t; }
  std::string text; // SAFE
};
class EngineLike {
public:
  void generate(const std::string &prompt) { lastPrompt_ = prompt; }

private:
  std::string lastPrompt_; // SAFE
};

void serve(app::Engine *engine, GpuBackend *backend, EngineLike *similar) {
  httplib::Server svr;
  svr.Post("/generate", [engine, backend, similar](const httplib::Request &req, // expected-note {{the handler for POST /generate runs once per request}} expected-note {{the handler for POST /generate runs once per request}}
                                                  httplib::Response &res) {
    engine->generate(req.body); // expected-note {{stores request data ('req.body') in it through 'generate' here}} expected-note {{'generate' is called here on the request path}}
    backend->load(req.get_param_value("model")); // expected-note {{stores request data ('req.get_param_value("model")') in it through 'load' here}} expected-note {{'load' is called here on the request path}}
    backend->warm(req.get_param_value("kernel")); // expected-note {{stores request data ('req.get_param_value("kernel")') in it through 'warm' here}} expected-note {{'warm' is called here on the request path}}
    similar->generate(req.body); // no class option names EngineLike
    Scratch scratch;
    scratch.set(req.body);
    app::Engine copy = *engine;
    copy.generate(req.body); // a copy made per request
    res.set_content("ok", "text/plain");
  });
  svr.listen("127.0.0.1", 0);
}

// Factories the server calls once; the model cannot tell how often.
app::Engine *makeEngine() { return new app::Engine; }
GpuBackend *makeBackend() { return new GpuBackend; }
EngineLike *makeEngineLike() { return new EngineLike; }

int main() { serve(makeEngine(), makeBackend(), makeEngineLike()); }

