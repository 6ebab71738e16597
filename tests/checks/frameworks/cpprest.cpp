// CHECKS: -*,statescope-*
// ARGS: -std=c++17
// REQUIRES: /usr/include/cpprest/http_listener.h
#include <cpprest/http_listener.h>
#include <cpprest/json.h>
#include <cpprest/uri.h>
#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <string>

using web::http::http_request;
using web::http::methods;
using web::http::status_codes;
using web::http::experimental::listener::http_listener;

const utility::string_t kServiceName = U("profiles"); // SAFE
bool g_readOnly = false; // SAFE
static utility::string_t g_lastQuery; // LEAK expected-warning {{'g_lastQuery' is shared by every request; the cpprest listener handler stores request data ('request.request_uri().query()') in it}}
std::atomic<int> g_inflight{0}; // SAFE

class SessionCache {
public:
  static SessionCache &instance() {
    static SessionCache cache; // LEAK expected-warning {{'SessionCache::instance()' is shared by every request; the cpprest listener handler stores request data ('token') in it through 'setLastToken'}} expected-note {{no automatic fix for 'SessionCache::instance()': every caller of its accessor would need the per-request object; build it per request in each handler and pass it the request data}}
    return cache;
  }
  void setLastToken(const utility::string_t &token) { lastToken_ = token; }

private:
  utility::string_t lastToken_;
};

// Validates one profile update; made per request.
class ProfileUpdate {
public:
  void setContext(const utility::string_t &user) { currentUser_ = user; }
  bool allowed() const { return !g_readOnly && !currentUser_.empty(); }

private:
  utility::string_t currentUser_; // SAFE
};

static void handle_get(http_request request) {
  ++g_inflight;
  g_lastQuery = request.request_uri().query(); // expected-note {{stores request data ('request.request_uri().query()') in it here}}
  auto query = web::uri::split_query(g_lastQuery);
  web::json::value body;
  body[U("service")] = web::json::value::string(kServiceName);
  body[U("user")] = web::json::value::string(query[U("user")]);
  request.reply(status_codes::OK, body);
  --g_inflight;
}

// One controller serves every PUT and POST.
class ProfileController {
public:
  void attach(http_listener &listener) {
    listener.support(methods::POST, std::bind(&ProfileController::handle_post, this, std::placeholders::_1)); // expected-note {{the cpprest listener handler runs once per request}}
  }

  void handle_put(http_request request) {
    ++requests_; // expected-note {{modifies its field 'requests_' here}}
    utility::string_t user;
    request.headers().match(U("X-User"), user);
    request.extract_string().then([this, request, user](utility::string_t body) {
      ProfileUpdate update; // SAFE
      update.setContext(user);
      if (!update.allowed()) {
        request.reply(status_codes::Forbidden);
        return;
      }
      data_ = body; // expected-note {{stores request data ('body') in it (field 'data_') here}}
      {
        std::lock_guard<std::mutex> lock(mu_);
        profiles_[user] = body;
      }
      request.reply(status_codes::OK);
    });
  }

  void handle_post(http_request request) {
    utility::string_t token;
    if (request.headers().match(web::http::header_names::authorization, token))
      SessionCache::instance().setLastToken(token); // expected-note {{stores request data ('token') in it through 'setLastToken' here}}
    request.reply(status_codes::Created);
  }

private:
  long requests_ = 0;
  utility::string_t data_; // LEAK expected-warning {{field 'data_' holds request data ('body') from the cpprest listener handler, but the framework keeps one 'ProfileController' for every request; concurrent requests also race on 'requests_'}}
  std::mutex mu_;
  std::map<utility::string_t, utility::string_t> profiles_; // SAFE
};

int main(int argc, char **argv) {
  g_readOnly = argc > 1 && std::string(argv[1]) == "--read-only";
  http_listener listener(U("http://127.0.0.1:8080/profiles"));
  ProfileController controller;
  utility::string_t lastCaller; // LEAK expected-warning {{'lastCaller' is shared by every request; the cpprest listener handler stores request data ('req.remote_address()') in it}}
  listener.support(methods::GET, handle_get); // expected-note {{the cpprest listener handler runs once per request}}
  listener.support(methods::PUT, std::bind(&ProfileController::handle_put, &controller, std::placeholders::_1)); // expected-note {{the cpprest listener handler runs once per request}}
  controller.attach(listener);
  listener.support([&lastCaller](http_request req) { // expected-note {{the cpprest listener handler runs once per request}}
    lastCaller = req.remote_address(); // expected-note {{stores request data ('req.remote_address()') in it here}}
    req.reply(status_codes::MethodNotAllowed);
  });
  listener.open().wait();
  std::string line;
  std::getline(std::cin, line);
  listener.close().wait();
}
