#!/usr/bin/env python3
"""ci.recipe: runs the GitHub Actions recipe of docs/ci.md and the composite
action (action.yml) as shell on this machine, so that neither can rot
unnoticed. GitHub itself is not involved: a checkout is a copy of the
repository's tracked files, artifacts are directories, the code scanning
upload checks the SARIF log it is given, and steps that install packages or
build statescope are checked with `make -n` instead (this suite runs after
the build, on a machine with the packages). Every other step runs as the
runner would run it (bash -eo pipefail in the checkout), with the
workflow's environment, one analysis job per matrix shard.

What must hold: every step succeeds except the gate, which fails with exit
1 because the example server has its bug on purpose; the merged report of
the shards is, byte for byte, that of one unsharded run; the SARIF logs are SARIF
2.1.0 with results; the action's steps do the same for one job.

usage: recipe-test.py SOURCE_DIR BUILD_DIR"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

SOURCE, BUILD = (os.path.abspath(p) for p in sys.argv[1:3])
STATESCOPE = os.path.join(BUILD, "bin", "statescope")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def workflow_from_docs():
    """The YAML block of docs/ci.md that is the workflow file."""
    text = open(os.path.join(SOURCE, "docs", "ci.md")).read()
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        if block.startswith("# .github/workflows/"):
            return yaml.safe_load(block)
    sys.exit("docs/ci.md: no ```yaml block starting with '# .github/workflows/'")


def checkout(into):
    """The repository's tracked files, as actions/checkout leaves them (with
    a .git, so the project root is the checkout)."""
    files = subprocess.run(["git", "-C", SOURCE, "ls-files", "-z"], check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = os.path.join(SOURCE, name)
        if os.path.isfile(source):
            os.makedirs(os.path.dirname(os.path.join(into, name)), exist_ok=True)
            shutil.copy2(source, os.path.join(into, name))
    subprocess.run(["git", "init", "-q", into], check=True)


def substitute(text, context):
    """${{ ... }} expressions: the names the recipe uses, nothing else."""
    def value(match):
        name = match.group(1).strip()
        if name not in context:
            fail("unknown expression ${{ %s }}" % name)
            return ""
        return str(context[name])
    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


# The `if:` conditions the recipe uses, as a push to the repository sees them.
CONDITIONS = {
    "github.event_name != 'pull_request' || "
    "github.event.pull_request.head.repo.full_name == github.repository": True,
}


def run_shell(script, cwd, env, name):
    print("$ " + script.strip().replace("\n", "\n  "))
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=cwd, env=env, capture_output=True, text=True)
    sys.stdout.write(result.stdout[-4000:])
    sys.stdout.write(result.stderr[-4000:])
    print("  -> exit %d (%s)" % (result.returncode, name))
    return result


def stand_in(script):
    """Steps that need the network or a build: what runs instead, or None
    to run the step as written."""
    if "apt-get" in script:
        return "true"  # the suite's machine has the packages
    for target in ("deps", "tool", "build"):
        if re.fullmatch(r"\s*make %s\s*" % target, script):
            # The target exists and its commands expand; the tool itself
            # is this build's.
            return ("make -n -C %s %s BUILD=%s >/dev/null && mkdir -p build/bin && "
                    "ln -sf %s build/bin/statescope" % (SOURCE, target, BUILD, STATESCOPE))
    return None


# The github context the recipe's steps name, as a push to statescope's own
# repository sets it.
GITHUB = {"github.server_url": "https://github.com", "github.repository": "owner/statescope",
          "github.sha": "0123456789abcdef0123456789abcdef01234567"}


def run_job(name, job, workspace, artifacts, env, matrix):
    print("\n== job %s %s" % (name, matrix or ""))
    context = dict(GITHUB, **{"matrix.%s" % k: v for k, v in matrix.items()})
    results = []
    for index, step in enumerate(job["steps"]):
        label = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
        label = substitute(label, context)
        if "if" in step:
            if step["if"] not in CONDITIONS:
                fail("job %s: step %r: unknown condition %r" % (name, label, step["if"]))
                continue
            if not CONDITIONS[step["if"]]:
                continue
        if "uses" in step:
            use(step["uses"], {k: substitute(str(v), context)
                               for k, v in step.get("with", {}).items()},
                workspace, artifacts, name)
            continue
        script = substitute(step["run"], context)
        stand = stand_in(script)
        results.append((label, run_shell(stand or script, workspace, env, label)))
    return results


def use(action, inputs, workspace, artifacts, job):
    kind = action.split("@")[0]
    if kind == "actions/checkout":
        if not os.listdir(workspace):
            checkout(workspace)
    elif kind == "actions/upload-artifact":
        target = os.path.join(artifacts, inputs["name"])
        os.makedirs(target, exist_ok=True)
        source = os.path.join(workspace, inputs["path"])
        if not os.path.isfile(source):
            fail("job %s: upload-artifact %r: no file %s" % (job, inputs["name"], inputs["path"]))
            return
        shutil.copy2(source, target)
    elif kind == "actions/download-artifact":
        path = os.path.join(workspace, inputs["path"])
        os.makedirs(path, exist_ok=True)
        if "name" in inputs:
            names = [inputs["name"]]
        else:
            pattern = re.compile(inputs["pattern"].replace("*", ".*") + "$")
            names = [n for n in sorted(os.listdir(artifacts)) if pattern.match(n)]
        for name in names:
            for entry in os.listdir(os.path.join(artifacts, name)):
                shutil.copy2(os.path.join(artifacts, name, entry), path)
    elif kind == "github/codeql-action/upload-sarif":
        check_sarif(os.path.join(workspace, inputs["sarif_file"]), "job %s" % job)
    else:
        fail("job %s: unknown action %s" % (job, action))


def check_sarif(path, where):
    try:
        log = json.load(open(path))
    except (OSError, ValueError) as error:
        fail("%s: %s is not a SARIF log: %s" % (where, path, error))
        return
    if log.get("version") != "2.1.0" or not log.get("runs") or not log["runs"][0].get("results"):
        fail("%s: %s is not SARIF 2.1.0 with results" % (where, path))
        return
    return log


def expect_gate(results, where):
    """Every step passes except the last, the gate, which fails on the
    example's bug."""
    for label, result in results[:-1]:
        if result.returncode != 0:
            fail("%s: step %r failed with exit %d" % (where, label, result.returncode))
    label, gate = results[-1]
    if gate.returncode != 1 or "order_server.cpp" not in gate.stdout:
        fail("%s: the gate %r should fail with exit 1 on examples/order_server.cpp, got exit %d"
             % (where, label, gate.returncode))


def findings(report):
    return [(f.get("check"), f.get("file"), f.get("line"), f.get("message"))
            for f in report["findings"]]


def test_workflow(scratch):
    workflow = workflow_from_docs()
    workspace, artifacts = os.path.join(scratch, "checkout"), os.path.join(scratch, "artifacts")
    os.makedirs(workspace)
    os.makedirs(artifacts)
    env = dict(os.environ, **{k: str(v) for k, v in workflow.get("env", {}).items()},
               GITHUB_STEP_SUMMARY=os.path.join(scratch, "summary.md"))
    jobs = workflow["jobs"]
    for name in ("build", "analyse", "report"):
        if name not in jobs:
            fail("the workflow has no job %r" % name)
            return
    if any(perm not in workflow.get("permissions", {}) for perm in ("contents", "actions")):
        fail("the workflow's permissions do not grant contents and actions (private repositories)")
    if jobs["report"].get("permissions", {}).get("security-events") != "write":
        fail("the report job cannot upload to code scanning (security-events: write)")
    shards = jobs["analyse"]["strategy"]["matrix"]["shard"]
    if len(shards) != int(env["SHARDS"]):
        fail("the matrix has %d shards, SHARDS says %s" % (len(shards), env["SHARDS"]))
    def fresh_checkout():
        # Each job starts from its own checkout, in the same directory on
        # every runner (which is what lets merge accept the shards' paths).
        shutil.rmtree(workspace)
        os.makedirs(workspace)

    for label, result in run_job("build", jobs["build"], workspace, artifacts, env, {}):
        if result.returncode != 0:
            fail("build: step %r failed with exit %d" % (label, result.returncode))
    for shard in shards:
        fresh_checkout()
        for label, result in run_job("analyse", jobs["analyse"], workspace, artifacts, env,
                                     {"shard": shard}):
            if result.returncode != 0:
                fail("analyse shard %s: step %r failed with exit %d"
                     % (shard, label, result.returncode))
    fresh_checkout()
    expect_gate(run_job("report", jobs["report"], workspace, artifacts, env, {}), "report")
    log = check_sarif(os.path.join(workspace, "statescope.sarif"), "report")
    # The rules link to their pages in the repository, at the analysed commit.
    base = "%s/%s/blob/%s/docs/checks/" % (GITHUB["github.server_url"],
                                          GITHUB["github.repository"], GITHUB["github.sha"])
    rules = log["runs"][0]["tool"]["driver"]["rules"] if log else []
    if not rules or any(not rule.get("helpUri", "").startswith(base) for rule in rules):
        fail("report: the SARIF rules do not link to %s..." % base)

    # The merged report is one run's: the findings of an unsharded run over
    # the same compile database, in the same checkout.
    one, merged = os.path.join(scratch, "one.json"), os.path.join(scratch, "merged.json")
    subprocess.run("CC=clang-19 CXX=clang++-19 cmake -S examples -B examples/build -G Ninja "
                   ">/dev/null", shell=True, check=True, cwd=workspace)
    subprocess.run([STATESCOPE, "-p", "examples/build", "--format=json", "-o", one, "--quiet"],
                   cwd=workspace)
    subprocess.run("%s merge -p examples/build shards/*.json --format=json -o %s --quiet"
                   % (STATESCOPE, merged), shell=True, cwd=workspace)
    one_findings, merged_findings = findings(json.load(open(one))), findings(json.load(open(merged)))
    if not one_findings or one_findings != merged_findings:
        fail("the merged shards report %d findings, one run %d"
             % (len(merged_findings), len(one_findings)))
    elif open(one).read() != open(merged).read():
        fail("the merged shards' report is not byte for byte one run's")


def test_action(scratch):
    action = yaml.safe_load(open(os.path.join(SOURCE, "action.yml")))
    if action["runs"]["using"] != "composite":
        fail("action.yml is not a composite action")
        return
    workspace = os.path.join(scratch, "action-checkout")
    os.makedirs(workspace)
    checkout(workspace)
    subprocess.run("CC=clang-19 CXX=clang++-19 cmake -S examples -B examples/build -G Ninja "
                   ">/dev/null", shell=True, check=True, cwd=workspace)
    runner_temp = os.path.join(scratch, "runner-temp")
    os.makedirs(runner_temp)
    os.symlink(BUILD, os.path.join(runner_temp, "statescope-build"))
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs["build-dir"] = "examples/build"
    context = {"inputs.%s" % k: v for k, v in inputs.items()}
    env = dict(os.environ, GITHUB_ACTION_PATH=SOURCE, RUNNER_TEMP=runner_temp,
               GITHUB_STEP_SUMMARY=os.path.join(scratch, "action-summary.md"))
    results = []
    for step in action["runs"]["steps"]:
        script = substitute(step["run"], context)
        step_env = dict(env, **{k: substitute(str(v), context)
                                for k, v in step.get("env", {}).items()})
        if re.search(r"\bmake\b.* tool\b", script):
            # The target exists and expands; the build is this suite's.
            script = script.replace("make ", "make -n ", 1) + " >/dev/null"
        results.append((step.get("name", "step"), run_shell(script, workspace, step_env,
                                                              step.get("name", "step"))))
    expect_gate(results, "action.yml")
    check_sarif(os.path.join(workspace, inputs["sarif-file"]), "action.yml")


def main():
    with tempfile.TemporaryDirectory(prefix="statescope-ci-recipe-") as scratch:
        test_workflow(scratch)
        test_action(scratch)
    if failures:
        print("\n%d problem(s):\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("\nthe recipe of docs/ci.md and action.yml ran as documented")
    return 0


sys.exit(main())
