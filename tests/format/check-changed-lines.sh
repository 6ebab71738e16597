#!/bin/sh
# format.changed-files: clang-format-19 (the repository's .clang-format, LLVM
# style) finds nothing to change on the C++ lines this checkout changed in
# checks/, tool/ and tests/. Only changed lines are checked, as LLVM's own
# `git clang-format` check does, so that touching a file never asks for
# unrelated lines to be reformatted. Fixtures (tests/checks*/) are left
# out: their long expectation comments are what they test.
#
# What "changed" means, so that it works on a branch and on a clean clone:
#   - on a branch: its changes since the merge base with origin/main (or
#     the local main when there is no remote), and uncommitted changes to
#     tracked files;
#   - on main itself (a clean clone in CI): the last commit's changes
#     (against HEAD~1, the first parent of a merge), and uncommitted ones.
# Exit 77 (ctest: skipped) says why when it cannot run: no clang-format-19,
# no git, not a git checkout, or a single-commit (shallow) clone.
set -eu
Source=$1
Skip=77

command -v clang-format-19 >/dev/null 2>&1 ||
  { echo "skipped: clang-format-19 is not installed (make deps installs it)"; exit $Skip; }
command -v git >/dev/null 2>&1 || { echo "skipped: git is not installed"; exit $Skip; }
cd "$Source"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
  { echo "skipped: $Source is not a git checkout"; exit $Skip; }

# The main line: the remote's when there is one, else the local branch.
Main=
for Ref in origin/main main; do
  Main=$(git rev-parse -q --verify "$Ref^{commit}" 2>/dev/null) && break
done
if [ -n "$Main" ] && [ "$Main" != "$(git rev-parse HEAD)" ]; then
  Base=$(git merge-base HEAD "$Main")
  Against="the merge base with $Ref ($(git rev-parse --short "$Base"))"
elif Base=$(git rev-parse -q --verify 'HEAD~1^{commit}' 2>/dev/null); then
  Against="the previous commit ($(git rev-parse --short "$Base"))"
else
  echo "skipped: no commit to compare with (no main line apart from HEAD, and no parent;" \
    "a shallow clone needs --depth 2)"
  exit $Skip
fi

# One line per changed file: the path, then a --lines=FIRST:LAST per hunk.
Ranges=$(git diff -U0 --no-color --no-ext-diff --diff-filter=ACMR "$Base" -- \
  'checks/*.cpp' 'checks/*.h' 'tool/*.cpp' 'tool/*.h' 'tests/*.cpp' 'tests/*.h' \
  ':(exclude)tests/checks/*' ':(exclude)tests/checks-whole-program/*' |
  awk '
    /^\+\+\+ b\// { if (File != "" && Lines != "") print File Lines
                   File = substr($0, 7); Lines = "" ; next }
    /^@@ / { split($3, Added, ","); First = substr(Added[1], 2)
             Count = (2 in Added) ? Added[2] : 1
             if (Count > 0) Lines = Lines " --lines=" First ":" (First + Count - 1) }
    END { if (File != "" && Lines != "") print File Lines }')

if [ -z "$Ranges" ]; then
  echo "no C++ lines changed in checks/, tool/ or tests/ against $Against"
  exit 0
fi
Status=0
Files=0
echo "$Ranges" | {
  while read -r File Lines; do
    Files=$((Files + 1))
    # shellcheck disable=SC2086 # one word per --lines
    clang-format-19 --style=file --dry-run --Werror $Lines "$File" || Status=1
  done
  if [ $Status -ne 0 ]; then
    echo "clang-format-19 would change the lines above (changed against $Against);" \
      "stage the changes, then run: git-clang-format-19 --binary clang-format-19 $Base"
  else
    echo "$Files changed files formatted on their changed lines (against $Against)"
  fi
  exit $Status
}
