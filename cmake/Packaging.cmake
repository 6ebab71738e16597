# The Debian package (`cpack -G DEB` in the build directory, or
# `make package-test`): statescope, statescope-clangd and the clang-tidy
# plugin under /usr, depending on the LLVM 19 libraries they link and on
# clang's own headers, which every analysis parses with.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME statescope)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "finds per-request data kept in shared state in C++ servers")
set(CPACK_PACKAGE_DESCRIPTION "statescope is a static analyzer built on Clang 19: a command \
line over a compile database, a clang-tidy-19 plugin and a clangd with its checks.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "statescope developers")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries come from dpkg-shlibdeps (libclang-cpp19, libllvm19,
# libc6, ...); clang's resource headers (stddef.h and the like) do not show
# in the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-19-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-19")
include(CPack)
