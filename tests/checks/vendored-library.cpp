// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%S/Inputs/vendored
// A project that copies a general-purpose library into its tree: Asio's
// header sits beside the sources and is found with -I, not as a system
// header. Its code is still the library's, as it is installed: statescope
// does not read the bodies of its functions (the CLI does not even parse
// them), so the library's own state is the library's concern. The project's
// own module, written the same way, is read and reported.
#include "asio/detail/host_cache.hpp"
#include "netcache/host_cache.hpp"
#include <string>

[[clang::annotate("statescope::request_handler")]] void handle(const std::string &host) { // expected-note {{the request handler 'handle' runs once per request}}
  asio::detail::note_host(host); // SAFE
  netcache::note_host(host); // expected-note {{'note_host' is called here on the request path}}
}
// expected-warning@Inputs/vendored/netcache/host_cache.hpp:8 {{'last_host' is shared by every request; the request handler 'handle' stores request data ('host') in it}}
// expected-note@Inputs/vendored/netcache/host_cache.hpp:8 {{stores request data ('host') in it here}}

// A function of the project's main file stays the project's in any
// namespace: only headers hold a library's code.
namespace asio {
std::string g_lastPeer; // LEAK expected-warning {{'g_lastPeer' is shared by every request; the request handler 'asio::onPeer' stores request data ('peer') in it}}
[[clang::annotate("statescope::request_handler")]] void onPeer(const std::string &peer) { // expected-note {{the request handler 'asio::onPeer' runs once per request}}
  g_lastPeer = peer; // expected-note {{stores request data ('peer') in it here}}
}
} // namespace asio
