// A library copied into the project's tree (vendored-library.cpp): Asio's
// namespace, found with -I rather than as a system header.
#pragma once
#include <string>

namespace asio::detail {
inline std::string last_host;
inline void note_host(const std::string &host) { last_host = host; }
} // namespace asio::detail
