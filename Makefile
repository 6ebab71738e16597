# statescope: the commands of the README, and what they need.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
JOBS ?= $(shell nproc)

# Debian 12 packages: the toolchain we build against, and the frameworks the
# tests and the example compile with.
PACKAGES = llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19 \
  clangd-19 clang-format-19 libclang-rt-19-dev googletest libgtest-dev cmake ninja-build \
  libcpp-httplib-dev libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev \
  protobuf-compiler libpoco-dev libpistache-dev libboost-dev libasio-dev \
  librestinio-dev libcpprest-dev libcivetweb-dev libwebsocketpp-dev python3 python3-yaml

# Optional libraries LLVM's CMake package probes for when their headers are
# installed; CI installs them so that the configure.anywhere test proves
# statescope configures with them too (make probe-deps).
PROBE_PACKAGES = libedit-dev libzstd-dev libcurl4-openssl-dev libxml2-dev libffi-dev libncurses-dev

# What `make bench` adds: the chart is drawn by Debian's matplotlib.
BENCH_PACKAGES = python3-matplotlib

# make bench: generated corpora of these sizes, or the compile database in
# DB (a build directory); RUNS runs of each tool, medians reported; TOOLS
# (comma-separated, bench/run.py names them) to time only some; CONFIG, a
# configuration file every CLI run takes (a project's handlers).
SIZES ?= 10,200
RUNS ?= 3
DB ?=
TOOLS ?=
CONFIG ?=

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# make fuzz: each libFuzzer target for FUZZ_SECONDS, seeded from the
# corpus in fuzz/corpus (and, for the checks, the fixtures in tests/checks).
# New inputs go to $(BUILD)/fuzz/new-*, crashes to $(BUILD)/fuzz/crash-*;
# a reproducer worth keeping belongs in fuzz/corpus (see fuzz/README.md).
FUZZ_SECONDS ?= 300
FUZZ_FLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=60 -rss_limit_mb=4096 \
  -artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1
# make test-asan: the whole suite built with ASan and UBSan. The tests start
# Debian's uninstrumented clang-tidy-19 (which loads the instrumented plugin)
# and clang++-19, so the shared ASan runtime is preloaded into every process
# of the run. Leak checking is off: clang leaves its AST to the end of the
# process on purpose, and the uninstrumented compilers would report it.
# SIGSEGV stays a signal (handle_segv=0): the crash tests need a crashing
# unit to die of it, and a segfault anywhere else still fails its test.
ASAN_BUILD ?= build-asan
ASAN_RUNTIME = $(shell clang++-19 -print-file-name=libclang_rt.asan-x86_64.so)
ASAN_OPTIONS = detect_leaks=0:handle_segv=0:halt_on_error=1

# Microsoft's SARIF validator, for the test that validates statescope's SARIF
# with GitHub's rules (ctest skips it, saying so, without the validator):
# from the npm registry into the build directory, never the repository.
SARIF_MULTITOOL = @microsoft/sarif-multitool@5.7.0

.PHONY: deps probe-deps bench-deps configure build tool test demo bench clean fuzz test-asan \
  package package-test sarif-validator

# Installs the Debian packages in $(1) that are missing.
define apt_install
	@missing=$$(dpkg-query -W -f='$${Status} $${Package}\n' $(1) 2>/dev/null \
	  | awk '$$3 == "installed" { print $$4 }' | sort > /tmp/statescope-have.$$$$; \
	  for p in $(1); do grep -qx "$$p" /tmp/statescope-have.$$$$ || echo $$p; done; \
	  rm -f /tmp/statescope-have.$$$$); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(PACKAGES))

probe-deps:
	$(call apt_install,$(PROBE_PACKAGES))

bench-deps:
	$(call apt_install,$(BENCH_PACKAGES))

# npm from Debian unless one is installed (Node.js's own packages bring it).
sarif-validator:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	@mkdir -p $(BUILD)/sarif-multitool
	npm install --prefix $(BUILD)/sarif-multitool --no-audit --no-fund --silent $(SARIF_MULTITOOL)

configure: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Only what a user runs: statescope, the clang-tidy plugin and the clangd
# (the tests and fuzzers take most of a full build).
tool: configure
	cmake --build $(BUILD) -j $(JOBS) --target statescope statescope-tidy statescope-clangd

# The Debian package, $(BUILD)/statescope_<version>_amd64.deb.
package: tool
	cd $(BUILD) && cpack -G DEB

# Builds the package, unpacks it into a scratch root and runs what it
# installed (tests/package/package-test.sh).
package-test: tool
	sh tests/package/package-test.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

fuzz: build
	@mkdir -p $(BUILD)/fuzz/new-check $(BUILD)/fuzz/new-input
	LSAN_OPTIONS=suppressions=fuzz/lsan.supp $(BUILD)/bin/statescope_check_fuzzer $(FUZZ_FLAGS) $(BUILD)/fuzz/new-check fuzz/corpus/checks tests/checks
	LSAN_OPTIONS=suppressions=fuzz/lsan.supp $(BUILD)/bin/statescope_input_fuzzer $(FUZZ_FLAGS) $(BUILD)/fuzz/new-input fuzz/corpus/inputs

test-asan: deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || cmake -S . -B $(ASAN_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTATESCOPE_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && LD_PRELOAD=$(ASAN_RUNTIME) ASAN_OPTIONS=$(ASAN_OPTIONS) \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

demo: tool
	@cmake -S examples -B examples/build -G Ninja >/dev/null
	@cmake --build examples/build >/dev/null
	@echo "== statescope on examples/ (the shared-state server and its per-request fix)"
	@$(BUILD)/bin/statescope -p examples/build examples/; status=$$?; \
	  echo "statescope exited with $$status (1 = findings, as expected for the buggy server)"; \
	  [ $$status -eq 1 ]

# Timings and peak memory of the parse, clang-tidy, the plugin and the CLI,
# written to bench/results/ (see bench/run.py).
bench: build bench-deps
	/usr/bin/python3 bench/run.py --build $(BUILD) --runs $(RUNS) --jobs $(JOBS) \
	  $(if $(DB),--db $(DB),--sizes $(SIZES)) $(if $(TOOLS),--tools $(TOOLS)) \
	  $(if $(CONFIG),--cli-arg=--config-file=$(abspath $(CONFIG)))

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) examples/build
