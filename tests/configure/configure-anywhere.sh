#!/bin/sh
# Configures statescope (plain and the make test-asan variant) and the
# example project in fresh build directories, with a PATH that holds only what
# the build needs: no cc, c++, gcc or g++. It fails on any configure or build
# error. Run with LLVM's optional -dev packages installed (.ci/run installs
# them) it proves that their probes in LLVM's CMake package cannot fail ours;
# run without them it proves the other way round.
#
# usage: configure-anywhere.sh SOURCE_DIR SCRATCH_DIR
set -eu
source_dir=$1
scratch=$2

rm -rf "$scratch"
mkdir -p "$scratch/bin"

# The tools a build of statescope or of the example runs, found on the
# caller's PATH; compilers other than clang 19 are left out on purpose.
for tool in cmake ninja clang-19 clang++-19 ld ar ranlib protoc grpc_cpp_plugin; do
  if path=$(command -v "$tool"); then
    ln -s "$path" "$scratch/bin/$tool"
  fi
done
for compiler in cc c++ gcc g++; do
  if [ -e "$scratch/bin/$compiler" ]; then
    echo "configure-anywhere: $compiler is on the test PATH" >&2
    exit 1
  fi
done

installed=
for package in libedit-dev libzstd-dev libcurl4-openssl-dev libxml2-dev libffi-dev libncurses-dev; do
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    installed="$installed $package"
  fi
done
echo "LLVM's optional packages installed:${installed:- none}"

run() {
  log="$scratch/$1.log"
  shift
  if ! env -i PATH="$scratch/bin" HOME="$scratch" "$@" >"$log" 2>&1; then
    cat "$log"
    echo "configure-anywhere: failed: $*" >&2
    exit 1
  fi
}

run statescope cmake -S "$source_dir" -B "$scratch/statescope" -G Ninja -DCMAKE_BUILD_TYPE=Release
run statescope-asan cmake -S "$source_dir" -B "$scratch/statescope-asan" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTATESCOPE_SANITIZE=ON
run examples cmake -S "$source_dir/examples" -B "$scratch/examples" -G Ninja
run examples-build cmake --build "$scratch/examples"
grep -h "compiler identification" "$scratch"/*.log
rm -rf "$scratch"
echo "configure-anywhere: statescope, its ASan variant and the examples configure with only clang 19"
