#!/bin/sh
# format.tree: clang-format-19 (the repository's .clang-format, LLVM style,
# 100 columns) finds nothing to change in our C++ sources: checks/, tool/,
# tests/, fuzz/ and bench/. Fixtures (tests/checks*/) and fuzz corpora are
# inputs, not sources: their layout and long expectation comments are what
# they test, so they are left out.
# Exit 77 (ctest: skipped) says why when it cannot run: no clang-format-19,
# no git, or not a git checkout (the file list is git's).
set -eu
Source=$1
Skip=77

command -v clang-format-19 >/dev/null 2>&1 ||
  { echo "skipped: clang-format-19 is not installed (make deps installs it)"; exit $Skip; }
command -v git >/dev/null 2>&1 || { echo "skipped: git is not installed"; exit $Skip; }
cd "$Source"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  { echo "skipped: $Source is not a git checkout"; exit $Skip; }

Files=$(git ls-files -- 'checks/*.cpp' 'checks/*.h' 'tool/*.cpp' 'tool/*.h' 'tests/*.cpp' \
  'tests/*.h' 'fuzz/*.cpp' 'bench/*.cpp' ':(exclude)tests/checks/*' \
  ':(exclude)tests/checks-whole-program/*' ':(exclude)fuzz/corpus/*')
# shellcheck disable=SC2086 # one word per file; our paths have no spaces
if clang-format-19 --style=file --dry-run --Werror $Files; then
  echo "$(echo "$Files" | wc -l) files formatted"
else
  echo "clang-format-19 would change the lines above; run: clang-format-19 -i <file>"
  exit 1
fi
