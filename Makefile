# statescope: the commands of the README, and what they need.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
JOBS ?= $(shell nproc)

# Debian 12 packages: the toolchain we build against, and the frameworks the
# tests and the example compile with.
PACKAGES = llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 clang-tidy-19 \
  clangd-19 googletest libgtest-dev cmake ninja-build \
  libcpp-httplib-dev libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev \
  protobuf-compiler libpoco-dev libpistache-dev libboost-dev libasio-dev \
  librestinio-dev libcpprest-dev libcivetweb-dev libwebsocketpp-dev

# What `make bench` adds: the chart is drawn by Debian's matplotlib.
BENCH_PACKAGES = python3-matplotlib

# make bench: generated corpora of these sizes, or the compile database in
# DB (a build directory); RUNS runs of each tool, medians reported.
SIZES ?= 10,100
RUNS ?= 3
DB ?=

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps bench-deps configure build test demo bench clean

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

bench-deps:
	$(call apt_install,$(BENCH_PACKAGES))

configure: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
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
	  $(if $(DB),--db $(DB),--sizes $(SIZES))

clean:
	rm -rf $(BUILD) examples/build
