// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/restinio/all.hpp
#include <restinio/all.hpp>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace rr = restinio::router;
using router_t = rr::express_router_t<>;

const std::string kContentType = "application/json"; // SAFE
std::size_t g_maxNoteBytes = 1024; // SAFE
static std::string g_lastMissingPath; // LEAK expected-warning {{'g_lastMissingPath' is shared by every request; the restinio not-matched handler stores request data ('std::string(req->header().path())') in it}}
std::atomic<long> g_notFound{0}; // SAFE

class NoteIndex {
public:
  static NoteIndex &instance() {
    static NoteIndex index; // LEAK expected-warning {{'NoteIndex::instance()' is shared by every request; the handler for POST /notes/:user stores request data ('user') in it through 'setLastAuthor'}} expected-note {{no automatic fix for 'NoteIndex::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return index;
  }
  void setLastAuthor(const std::string &author) { lastAuthor_ = author; }

private:
  std::string lastAuthor_;
};

class NotesService { // expected-note {{no automatic fix for 'g_notes': 'NotesService' cannot be built per request as it is; build it per request in each handler and pass it the request data}}
public:
  void setContext(const std::string &user) { author_ = user; }
  void countRequest() { ++requests_; }
  void add(const std::string &user, const std::string &text) {
    std::lock_guard<std::mutex> lock(mu_);
    notes_[user].push_back(text);
  }
  std::size_t count(const std::string &user) {
    std::lock_guard<std::mutex> lock(mu_);
    return notes_[user].size();
  }

private:
  std::string author_;
  long requests_ = 0; // a race, reported at the object that owns it
  std::mutex mu_;
  std::map<std::string, std::vector<std::string>> notes_; // SAFE
};

NotesService g_notes; // LEAK expected-warning {{'g_notes' is shared by every request; the handler for GET /notes/:user and 1 other handler stores request data ('user') in it through 'setContext'}}

// Built per request to validate a new note.
class NoteDraft {
public:
  void setContext(const std::string &user) { currentUser_ = user; }
  bool valid(const std::string &body) const { return !currentUser_.empty() && body.size() <= g_maxNoteBytes; }

private:
  std::string currentUser_; // SAFE
};

restinio::request_handling_status_t get_notes(const restinio::request_handle_t &req,
                                              rr::route_params_t params) {
  const std::string user{params["user"]};
  g_notes.countRequest(); // expected-note {{changes its state through 'countRequest' here}}
  return req->create_response()
      .append_header(restinio::http_field::content_type, kContentType)
      .set_body("{\"count\":" + std::to_string(g_notes.count(user)) + "}")
      .done();
}

int main(int argc, char **argv) {
  if (argc > 1)
    g_maxNoteBytes = std::stoul(argv[1]);
  std::string last; // LEAK expected-warning {{'last' is shared by every request; the handler for GET /notes/:user/:id stores request data ('std::string(params["id"])') in it}}
  auto router = std::make_unique<router_t>();
  router->http_get("/notes/:user", get_notes); // expected-note {{the handler for GET /notes/:user runs once per request}}
  router->http_post("/notes/:user", [](const restinio::request_handle_t &req, rr::route_params_t params) { // expected-note 2 {{the handler for POST /notes/:user runs once per request}}
    const std::string user{params["user"]};
    NoteDraft draft; // SAFE
    draft.setContext(user);
    if (!draft.valid(req->body()))
      return req->create_response(restinio::status_bad_request()).done();
    g_notes.setContext(user); // expected-note {{stores request data ('user') in it through 'setContext' here}}
    g_notes.add(user, req->body());
    NoteIndex::instance().setLastAuthor(user); // expected-note {{stores request data ('user') in it through 'setLastAuthor' here}}
    return req->create_response(restinio::status_created()).done();
  });
  router->http_get("/notes/:user/:id", [&last](const restinio::request_handle_t &req, rr::route_params_t params) { // expected-note {{the handler for GET /notes/:user/:id runs once per request}}
    last = std::string(params["id"]); // expected-note {{stores request data ('std::string(params["id"])') in it here}}
    return req->create_response().set_body("note " + last).done();
  });
  router->non_matched_request_handler([](restinio::request_handle_t req) { // expected-note {{the restinio not-matched handler runs once per request}}
    ++g_notFound;
    g_lastMissingPath = std::string(req->header().path()); // expected-note {{stores request data ('std::string(req->header().path())') in it here}}
    return req->create_response(restinio::status_not_found()).connection_close().done();
  });
  using traits_t = restinio::traits_t<restinio::asio_timer_manager_t,
                                      restinio::shared_ostream_logger_t, router_t>;
  restinio::run(restinio::on_thread_pool<traits_t>(4)
                    .address("127.0.0.1")
                    .port(8080)
                    .request_handler(std::move(router)));
}
