// The project's own module, written as the library beside it is
// (vendored-library.cpp).
#pragma once
#include <string>

namespace netcache {
inline std::string last_host;
inline void note_host(const std::string &host) { last_host = host; }
} // namespace netcache
