#include "objects.h"
#include <httplib_mock.h>

int main() {
  httplib::Server svr;
  Tally tally;
  Model *model = new CachingModel();
  // Start-up code: reload() runs before the server does, not per request.
  reloadModel(*model);
  svr.Post("/count", [&](const httplib::Request &req, httplib::Response &) {
    // The one tally every request shares: count() writes it (serve.cpp).
    count(tally, req.path);
  });
  svr.Post("/note", [&](const httplib::Request &req, httplib::Response &) {
    // A tally of this request's own: what note() writes is not shared.
    Tally mine;
    note(mine, req.path);
  });
  svr.Post("/complete", [&](const httplib::Request &req, httplib::Response &res) {
    // The one model: complete() (serve.cpp) calls its virtual predict(),
    // which models.cpp overrides.
    res.body = complete(model, req.body);
  });
  return svr.listen("127.0.0.1", 8080) ? 0 : 1;
}
