# A container image with statescope, its clang-tidy plugin and its clangd,
# from the Debian package built in the first stage:
#   docker build -t statescope .
#   docker run --rm -v "$PWD:$PWD" -w "$PWD" statescope -p build
# The project's compile database must name paths that exist in the
# container (mount the checkout at the same path, as above), and the
# headers it includes must be installed in the image (derive from it and
# apt-get install your project's -dev packages).
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      cmake ninja-build clang-19 llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-tidy-19 \
      clangd-19 libclang-rt-19-dev dpkg-dev file \
    && rm -rf /var/lib/apt/lists/*
COPY . /src
# Only the tools: no tests, no fuzzers.
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTATESCOPE_TESTS=OFF \
    && cmake --build /build \
    && cd /build && cpack -G DEB

FROM debian:12
COPY --from=build /build/statescope_*.deb /tmp/
# apt resolves the package's dependencies (LLVM 19's libraries, clang's
# headers); clang++-19 and clang-tidy-19 come along for compile commands
# and the plugin.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      /tmp/statescope_*.deb clang-19 clang-tidy-19 libstdc++-12-dev \
    && rm -rf /var/lib/apt/lists/* /tmp/statescope_*.deb
ENTRYPOINT ["statescope"]
