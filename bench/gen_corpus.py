#!/usr/bin/env python3
"""Writes a server-like C++ project of N translation units and its
compile_commands.json, for `make bench`.

The code is shaped like the servers statescope is for: cpp-httplib route
handlers, Boost.Asio/Beast sessions, and services shared by every request
(defined in one file, used by handlers in others), with the heavy includes
real servers have. Some handlers leak request data into shared state, most
do not; the mix is fixed so that every size is the same program, only
larger. Each group of ten units shares a service header, so touching one
header re-analyses a known set of units.
"""

import argparse
import json
import os

# One unit of each kind per group of ten: what each translation unit is.
KINDS = ["routes", "routes", "routes", "session", "session", "service", "service",
         "store", "util", "routes"]


def service_header(g):
    return f"""#pragma once
// Service {g}: one instance for the whole server.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace app {{

class OrderService{g} {{
public:
  void setContext(const std::string &user, int tier);
  std::string createOrder(const std::string &item);
  std::optional<std::string> lookup(const std::string &id) const;
  void record(const std::string &id, const std::string &value);

private:
  std::string currentUser_;
  int tier_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> orders_;
}};

OrderService{g} &orderService{g}();
std::string normalise{g}(const std::string &text);

}} // namespace app
"""


def common_header():
    return """#pragma once
// What every unit of the server shares.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace app {

struct Config {
  std::string listenAddress = "0.0.0.0";
  int port = 8080;
  int workers = 4;
};

extern Config g_config;
extern std::atomic<std::uint64_t> g_requests;

inline std::int64_t nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace app
"""


def routes_unit(i, g):
    return f"""// HTTP routes of part {i}.
#include "app/common.h"
#include "app/service_{g}.h"
#include <httplib.h>
#include <algorithm>
#include <functional>
#include <memory>
#include <sstream>
#include <unordered_map>

namespace {{

std::string g_lastQuery{i};                 // written per request: a leak
std::mutex g_cacheMutex{i};
std::unordered_map<std::string, std::string> g_cache{i}; // keyed and locked

std::string render{i}(const std::string &body, int status) {{
  std::ostringstream out;
  out << "{{\\"status\\":" << status << ",\\"body\\":\\"" << body << "\\"}}";
  return out.str();
}}

}} // namespace

void registerRoutes{i}(httplib::Server &svr) {{
  svr.Get("/p{i}/search", [](const httplib::Request &req, httplib::Response &res) {{
    g_lastQuery{i} = req.get_param_value("q");
    app::g_requests++;
    res.set_content(render{i}(g_lastQuery{i}, 200), "application/json");
  }});
  svr.Get("/p{i}/items", [](const httplib::Request &req, httplib::Response &res) {{
    std::string key = req.get_param_value("id");
    std::lock_guard<std::mutex> lock(g_cacheMutex{i});
    auto it = g_cache{i}.find(key);
    if (it == g_cache{i}.end())
      it = g_cache{i}.emplace(key, app::normalise{g}(key)).first;
    res.set_content(render{i}(it->second, 200), "application/json");
  }});
  svr.Post("/p{i}/orders", [](const httplib::Request &req, httplib::Response &res) {{
    app::OrderService{g} &orders = app::orderService{g}();
    orders.setContext(req.get_header_value("X-User"), 1);
    res.set_content(render{i}(orders.createOrder(req.body), 201), "application/json");
  }});
  svr.Get(R"(/p{i}/orders/(\d+))", [](const httplib::Request &req, httplib::Response &res) {{
    auto found = app::orderService{g}().lookup(req.matches[1]);
    std::vector<std::string> parts;
    std::string text = found.value_or("");
    std::sort(text.begin(), text.end());
    parts.push_back(text);
    res.status = found ? 200 : 404;
    res.set_content(render{i}(parts.front(), res.status), "application/json");
  }});
}}
"""


def session_unit(i, g):
    return f"""// A Beast HTTP session of part {i}: one per connection.
#include "app/common.h"
#include "app/service_{g}.h"
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {{
std::string g_lastTarget{i};  // written per request: a leak
}}

class Session{i} : public std::enable_shared_from_this<Session{i}> {{
public:
  explicit Session{i}(tcp::socket socket) : stream_(std::move(socket)) {{}}
  void run() {{ read(); }}

private:
  void read() {{
    req_ = {{}};
    http::async_read(stream_, buffer_, req_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {{
                       if (!ec)
                         self->handle();
                     }});
  }}
  void handle() {{
    g_lastTarget{i} = std::string(req_.target());
    app::orderService{g}().record(std::string(req_.target()), req_.body());
    res_ = {{}};
    res_.result(http::status::ok);
    res_.body() = app::normalise{g}(std::string(req_.target()));
    res_.prepare_payload();
    http::async_write(stream_, res_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {{
                        if (!ec)
                          self->read();
                      }});
  }}

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
}};

void accept{i}(boost::asio::io_context &io, tcp::acceptor &acceptor) {{
  acceptor.async_accept([&io, &acceptor](beast::error_code ec, tcp::socket socket) {{
    if (!ec)
      std::make_shared<Session{i}>(std::move(socket))->run();
    accept{i}(io, acceptor);
  }});
}}
"""


def service_unit(i, g):
    return f"""// The order service of group {g}: defined here, used by other units.
#include "app/common.h"
#include "app/service_{g}.h"
#include <algorithm>
#include <functional>
#include <memory>
#include <sstream>
#include <unordered_map>

namespace app {{

void OrderService{g}::setContext(const std::string &user, int tier) {{
  currentUser_ = user;   // a per-request value in a shared service
  tier_ = tier;
}}

std::string OrderService{g}::createOrder(const std::string &item) {{
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = currentUser_ + ":" + item + ":" + std::to_string(orders_.size());
  orders_[id] = item;
  return id;
}}

std::optional<std::string> OrderService{g}::lookup(const std::string &id) const {{
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = orders_.find(id);
  if (it == orders_.end())
    return std::nullopt;
  return it->second;
}}

void OrderService{g}::record(const std::string &id, const std::string &value) {{
  std::lock_guard<std::mutex> lock(mutex_);
  orders_[id] = value;
}}

OrderService{g} &orderService{g}() {{
  static OrderService{g} instance;
  return instance;
}}

}} // namespace app

std::vector<std::string> split{i}(const std::string &text, char sep) {{
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, sep);)
    parts.push_back(part);
  return parts;
}}
"""


def store_unit(i, g):
    return f"""// Storage helpers of part {i}.
#include "app/common.h"
#include "app/service_{g}.h"
#include <fstream>
#include <iostream>
#include <list>
#include <memory>
#include <set>
#include <thread>

namespace app {{

std::string normalise{g}(const std::string &text) {{
  std::string out;
  for (char c : text)
    if (c != ' ')
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}}

}} // namespace app

namespace {{
std::set<std::string> g_seen{i};
std::mutex g_seenMutex{i};
}}

bool remember{i}(const std::string &key) {{
  std::lock_guard<std::mutex> lock(g_seenMutex{i});
  return g_seen{i}.insert(key).second;
}}

void flush{i}(const std::string &path) {{
  std::ofstream out(path);
  std::lock_guard<std::mutex> lock(g_seenMutex{i});
  for (const std::string &key : g_seen{i})
    out << key << '\\n';
}}
"""


def util_unit(i, g):
    return f"""// Start-up and configuration of part {i}.
#include "app/common.h"
#include <boost/asio.hpp>
#include <iostream>
#include <thread>
#include <vector>

namespace app {{
{"Config g_config;" if i == 8 else ""}
{"std::atomic<std::uint64_t> g_requests{0};" if i == 8 else ""}
}} // namespace app

void configure{i}(int argc, char **argv) {{
  if (argc > 1)
    app::g_config.port = std::atoi(argv[1]);   // start-up only: not a leak
}}

void runWorkers{i}(boost::asio::io_context &io) {{
  std::vector<std::thread> threads;
  for (int n = 0; n < app::g_config.workers; ++n)
    threads.emplace_back([&io] {{ io.run(); }});
  for (std::thread &t : threads)
    t.join();
  std::cout << "stopped after " << app::g_requests.load() << " requests\\n";
}}
"""


UNITS = {"routes": routes_unit, "session": session_unit, "service": service_unit,
         "store": store_unit, "util": util_unit}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Unchanged files keep their times (and the compilers' caches stay warm).
    if os.path.exists(path) and open(path).read() == text:
        return
    with open(path, "w") as f:
        f.write(text)


def generate(units, out):
    out = os.path.abspath(out)
    groups = (units + 9) // 10
    write(os.path.join(out, "include/app/common.h"), common_header())
    for g in range(groups):
        write(os.path.join(out, f"include/app/service_{g}.h"), service_header(g))
    commands = []
    for i in range(units):
        g = i // 10
        kind = KINDS[i % 10]
        name = f"src/{kind}_{i}.cpp"
        write(os.path.join(out, name), UNITS[kind](i, g))
        commands.append({
            "directory": os.path.join(out, "build"),
            "file": os.path.join(out, name),
            "arguments": ["/usr/bin/clang++-19", "-std=c++17", "-O0",
                          "-I" + os.path.join(out, "include"),
                          "-c", os.path.join(out, name), "-o", f"{kind}_{i}.o"],
        })
    os.makedirs(os.path.join(out, "build"), exist_ok=True)
    write(os.path.join(out, "build/compile_commands.json"), json.dumps(commands, indent=1))
    return os.path.join(out, "build")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--out", required=True, help="the project's directory")
    args = parser.parse_args()
    print(generate(args.units, args.out))


if __name__ == "__main__":
    main()
