#!/bin/sh
# make package-test: builds the Debian package and proves it works as
# installed. Without root or a container, the package is unpacked with
# dpkg -x into a scratch root; its dependencies must be installed on this
# machine (they are what `apt install ./statescope_*.deb` would pull in).
# The unpacked tools then run as a user would run them: --version, the
# plugin loaded into clang-tidy-19, and both analysing a small project.
#
# usage: package-test.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
fail() { echo "package-test: $*" >&2; exit 1; }

cd "$build"
rm -f statescope_*.deb
cpack -G DEB > cpack.log 2>&1 || fail "cpack could not build the package: see $build/cpack.log"
deb=$(ls statescope_*.deb)
root=$(mktemp -d "${TMPDIR:-/tmp}/statescope-package.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
dpkg-deb -x "$deb" "$root"

# Every dependency the package declares is installed here.
for dep in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//'); do
  dpkg-query -W -f='${Status}\n' "$dep" 2>/dev/null | grep -q 'install ok installed' ||
    fail "$deb depends on $dep, which is not installed"
done
for file in usr/bin/statescope usr/bin/statescope-clangd usr/lib/libstatescope-tidy.so; do
  [ -f "$root/$file" ] || fail "$deb has no /$file"
done
# Installed, /usr/lib/clang/19 (clang's own headers) comes from
# libclang-common-19-dev, a dependency; in the scratch root it is linked in.
ln -s /usr/lib/clang "$root/usr/lib/clang"

"$root/usr/bin/statescope" --version | grep -q '^statescope [0-9.]* (LLVM 19' ||
  fail "statescope --version does not name itself"
"$root/usr/bin/statescope-clangd" --version | grep -q '^statescope-clangd [0-9.]*:' ||
  fail "statescope-clangd --version does not name itself"

project="$root/project"
mkdir "$project"
cat > "$project/server.cpp" <<'CPP'
#include <string>
static std::string lastUser;
[[clang::annotate("statescope::request_handler")]]
void handle(const std::string &user) { lastUser = user; }
CPP
printf '[{"directory": "%s", "file": "%s/server.cpp", "arguments": ["clang++-19", "-std=c++17", "-c", "server.cpp"]}]\n' \
  "$project" "$project" > "$project/compile_commands.json"

status=0
"$root/usr/bin/statescope" -p "$project" --no-cache > "$root/cli.txt" 2>&1 || status=$?
[ $status -eq 1 ] && grep -q 'server.cpp:2:20: warning: .*\[statescope-mutable-static\]' "$root/cli.txt" ||
  fail "the installed statescope did not report the leak (exit $status): $(cat "$root/cli.txt")"
clang-tidy-19 --load="$root/usr/lib/libstatescope-tidy.so" --checks='-*,statescope-*' \
  -p "$project" "$project/server.cpp" > "$root/tidy.txt" 2>&1 || true
grep -q '\[statescope-mutable-static\]' "$root/tidy.txt" ||
  fail "clang-tidy-19 with the installed plugin did not report the leak: $(cat "$root/tidy.txt")"
# The SARIF rules link to the pages installed with the package.
page="$root/usr/share/doc/statescope/docs/checks/mutable-static.md"
[ -f "$page" ] || fail "$deb has no /usr/share/doc/statescope/docs/checks/mutable-static.md"
"$root/usr/bin/statescope" -p "$project" --no-cache --format=sarif -o "$root/cli.sarif" --quiet || true
grep -q "\"helpUri\": \"file://$page\"" "$root/cli.sarif" ||
  fail "the installed statescope's SARIF rules do not link to the installed pages"
echo "package-test: $deb installs and runs ($(dpkg-deb -f "$deb" Installed-Size) KiB)"
