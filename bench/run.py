#!/usr/bin/env python3
"""statescope's benchmark: what it costs next to the compiler's own parse.

For each corpus (generated server code of each size in --sizes, or the
compile database given with --db), in one run and with the same parallelism,
this times and measures the peak memory of:

  floor       clang++-19 -fsyntax-only over every translation unit
  tidy-cheap  clang-tidy-19 with two cheap checks users run today
  tidy-none   clang-tidy-19 running no check on C++ (its parse alone)
  plugin      clang-tidy-19 --load the statescope plugin, statescope-* only
  cli-cold    the statescope CLI with an empty cache
  cli-warm    the CLI again, nothing changed
  cli-touch   the CLI after one service header changed (generated corpora)
  cli-1pass   the CLI with an empty cache and only its first pass (the
              hidden --whole-program=false): what the whole-program join
              and the second and third passes cost is cli-cold minus this
  cli-again   the CLI with an empty cache, its later passes analysing again
              every unit they need (the hidden --analyse-ahead=false): what
              the first pass's analyses ahead save is this minus cli-cold

Each tool runs --runs times (interleaved, so that a burst of load elsewhere
does not hit one tool only); the report gives medians, ratios to the floor,
the machine's load average during the runs, and writes results.md,
results.json and time-vs-units.png to --out.
"""

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402

CHEAP_CHECKS = "-*,cppcoreguidelines-avoid-non-const-global-variables,misc-use-internal-linkage"
# An Objective-C check is disabled for C++ code, so clang-tidy parses each
# unit and runs no check at all (with no check enabled it refuses to start).
NO_CHECKS = "-*,objc-avoid-nserror-init"

TOOLS = ["floor", "tidy-cheap", "tidy-none", "plugin", "cli-cold", "cli-warm", "cli-touch",
         "cli-1pass", "cli-again"]


def load_average():
    return os.getloadavg()[0]


class TreeMemory:
    """Peak of the summed resident memory of this process's descendants,
    sampled every 50 ms from /proc (parallel compilers, or the CLI and its
    workers, are alive at once)."""

    def __init__(self):
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
        while not self._stop.wait(0.05):
            total = 0
            for pid in descendants(os.getpid()):
                try:
                    with open(f"/proc/{pid}/statm") as f:
                        total += int(f.read().split()[1]) * page_kb
                except (OSError, ValueError, IndexError):
                    continue
            self.peak_kb = max(self.peak_kb, total)


def descendants(pid):
    """The processes below pid, from /proc/PID/task/TID/children."""
    found, stack = [], [pid]
    while stack:
        parent = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as f:
                    children = [int(c) for c in f.read().split()]
            except (OSError, ValueError):
                continue
            found += children
            stack += children
    return found


def run_batch(commands, jobs):
    """Runs (argv, cwd) commands, at most `jobs` at a time. Returns wall
    seconds, CPU seconds, the largest single process's peak RSS (KB), the
    peak of the summed RSS (KB), the failures, and the last stderr."""
    pending = list(commands)
    running = {}
    # A single command (the CLI) reports on stderr; kept in a file, which
    # never blocks it as a full pipe would.
    stderr = tempfile.TemporaryFile() if jobs == 1 else subprocess.DEVNULL
    cpu, max_rss, failures, errors = 0.0, 0, 0, ""
    start = time.monotonic()
    with TreeMemory() as memory:
        while pending or running:
            while pending and len(running) < jobs:
                argv, cwd = pending.pop(0)
                p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
                running[p.pid] = p
            pid, status, usage = os.wait4(-1, 0)
            p = running.pop(pid, None)
            if p is None:
                continue
            p.returncode = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            max_rss = max(max_rss, usage.ru_maxrss)
            # statescope exits 1 when it has findings: that is success here.
            if p.returncode not in (0, 1):
                failures += 1
    wall = time.monotonic() - start
    if jobs == 1:
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
        stderr.close()
    return {"wall": wall, "cpu": cpu, "maxRssKB": max_rss, "peakTreeKB": memory.peak_kb,
            "failures": failures, "stderr": errors}


def compile_commands(db_dir):
    with open(os.path.join(db_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    result = []
    for e in entries:
        argv = e.get("arguments") or shlex.split(e["command"])
        path = e["file"] if os.path.isabs(e["file"]) else os.path.join(e["directory"], e["file"])
        result.append((argv, e["directory"], os.path.normpath(path)))
    return result


def syntax_only(argv):
    """The compile command as a parse only: no object file, no dependency file."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or (a.startswith("-o") and len(a) > 2):
            continue
        out.append(a)
    return ["clang++-19"] + out[1:] + ["-fsyntax-only"]


def tool_commands(tool, db_dir, units, args, cache_dir, report):
    if tool == "floor":
        return [(syntax_only(argv), cwd) for argv, cwd, _ in units], args.jobs
    tidy = ["clang-tidy-19", "-p", db_dir, "--quiet"]
    if tool == "tidy-cheap":
        return [(tidy + ["--checks=" + CHEAP_CHECKS, f], None) for _, _, f in units], args.jobs
    if tool == "tidy-none":
        return [(tidy + ["--checks=" + NO_CHECKS, f], None) for _, _, f in units], args.jobs
    if tool == "plugin":
        return [(tidy + ["--load=" + args.plugin, "--checks=-*,statescope-*", f], None)
                for _, _, f in units], args.jobs
    # The CLI schedules its own workers: one command, -j like the others.
    cli = [args.statescope, "-p", db_dir, "-j", str(args.jobs), "--quiet", "--profile",
           "--format=json", "-o", report] + args.cli_arg
    if tool == "cli-1pass":
        return [(cli + ["--no-cache", "--whole-program=false"], None)], 1
    if tool == "cli-again":
        return [(cli + ["--no-cache", "--analyse-ahead=false"], None)], 1
    return [(cli + ["--cache-dir", cache_dir], None)], 1


def touch_header(corpus):
    """Changes one service header the way an edit does (a new comment line);
    returns a function that restores it."""
    path = os.path.join(corpus, "include/app/service_0.h")
    with open(path) as f:
        original = f.read()
    with open(path, "w") as f:
        f.write(original + "// touched by the benchmark\n")

    def restore():
        with open(path, "w") as f:
            f.write(original)
    return restore


def analysed_per_pass(profile_text):
    """Units the CLI analysed (not taken from the cache) in each pass, from
    --profile."""
    counts = [0, 0, 0]
    for line in profile_text.splitlines():
        line = line.strip()
        if line.startswith("pass "):
            number = int(line.split()[1].rstrip(":"))
            counts[number - 1] = int(line.split(", ")[1].split()[0])
    return counts


def bench_corpus(name, db_dir, corpus, args, scratch):
    units = compile_commands(db_dir)
    tools = [t for t in TOOLS if (t != "cli-touch" or corpus) and t in args.tools]
    samples = {t: [] for t in tools}
    for run in range(args.runs):
        cache_dir = os.path.join(scratch, f"cache-{name}-{run}")
        report = os.path.join(scratch, "report.json")
        for tool in tools:
            restore = touch_header(corpus) if tool == "cli-touch" else None
            commands, jobs = tool_commands(tool, db_dir, units, args, cache_dir, report)
            load_before = load_average()
            result = run_batch(commands, jobs)
            if restore:
                restore()
            result["load"] = max(load_before, load_average())
            if tool.startswith("cli"):
                result["analysedPerPass"] = analysed_per_pass(result["stderr"])
                result["analysedUnits"] = sum(result["analysedPerPass"])
                result["profile"] = result["stderr"]
            del result["stderr"]
            samples[tool].append(result)
            print(f"  {name} run {run + 1}/{args.runs} {tool:10} {result['wall']:8.2f}s "
                  f"cpu {result['cpu']:8.2f}s rss {result['maxRssKB'] // 1024:5d} MB "
                  f"peak {result['peakTreeKB'] // 1024:5d} MB load {result['load']:.2f}"
                  + (f" failures {result['failures']}" if result["failures"] else ""),
                  flush=True)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return {"name": name, "units": len(units), "samples": samples}


def median(values):
    return statistics.median(values) if values else float("nan")


def summarise(corpus, jobs):
    s = corpus["samples"]
    m = {t: {k: median([r[k] for r in runs]) for k in ("wall", "cpu", "maxRssKB", "peakTreeKB")}
         for t, runs in s.items()}
    floor = m["floor"]["wall"]
    nan = float("nan")

    def ratio(a, b, key="wall"):
        return m[a][key] / m[b][key] if a in m and b in m else nan
    rows = []
    for tool, values in m.items():
        rows.append({
            "tool": tool, "wall": values["wall"], "cpu": values["cpu"],
            "ratio": values["wall"] / floor,
            "maxRssMB": values["maxRssKB"] / 1024, "peakTreeMB": values["peakTreeKB"] / 1024,
            "load": max(r["load"] for r in s[tool]),
            "failures": max(r["failures"] for r in s[tool]),
            "analysed": median([r["analysedUnits"] for r in s[tool]]) if "cli" in tool else None,
            "perPass": "/".join(str(int(median([r["analysedPerPass"][p] for r in s[tool]])))
                                for p in range(3)) if "cli" in tool else "",
        })
    targets = {
        "cliColdVsFloor": ratio("cli-cold", "floor"),
        "cliColdVsTidyCheap": ratio("cli-cold", "tidy-cheap"),
        "pluginOverhead": ratio("plugin", "tidy-none") - 1,
        "pluginOverheadCpu": ratio("plugin", "tidy-none", "cpu") - 1,
        "warmVsCold": ratio("cli-warm", "cli-cold"),
        "cliPeakVsFloorPeak": ratio("cli-cold", "floor", "peakTreeKB"),
        "cliPeakVsFloorProcessTimesJobs":
            m["cli-cold"]["peakTreeKB"] / (m["floor"]["maxRssKB"] * jobs) if "cli-cold" in m
            else nan,
        "onePassVsFloor": ratio("cli-1pass", "floor"),
        "laterPassesShareOfCold": 1 - ratio("cli-1pass", "cli-cold"),
        "againVsFloor": ratio("cli-again", "floor"),
        "againCpuVsFloor": ratio("cli-again", "floor", "cpu"),
        "cliColdCpuVsFloor": ratio("cli-cold", "floor", "cpu"),
    }
    return rows, targets


def join_scaling(args):
    """The whole-program join alone, on generated facts (bench/JoinBench.cpp)."""
    tool = os.path.join(args.build, "bin/statescope-join-bench")
    return subprocess.run([tool, "100", "1000", "10000"], check=True, capture_output=True,
                          text=True).stdout


def write_report(results, args, out):
    lines = [f"# statescope benchmark, {results['date']}", "",
             f"Machine: {results['machine']}; -j {args.jobs}; median of {args.runs} runs. "
             "Load is the highest 1-minute load average seen at the start or end of the "
             "tool's runs; above the core count, other work was competing."
             + (f" Every CLI run had {' '.join(args.cli_arg)}." if args.cli_arg else ""), ""]
    for corpus in results["corpora"]:
        rows, targets = corpus["rows"], corpus["targets"]
        lines += [f"## {corpus['name']} ({corpus['units']} translation units)", "",
                  "| tool | wall (s) | ratio to floor | CPU (s) | largest process (MB) "
                  "| peak total (MB) | units analysed (passes 1/2/3) | load |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            analysed = "" if r["analysed"] is None else f"{r['analysed']:.0f} ({r['perPass']})"
            failed = f" ({r['failures']} failed)" if r["failures"] else ""
            lines.append(f"| {r['tool']}{failed} | {r['wall']:.2f} | {r['ratio']:.2f}x "
                         f"| {r['cpu']:.1f} | {r['maxRssMB']:.0f} | {r['peakTreeMB']:.0f} "
                         f"| {analysed} | {r['load']:.2f} |")
        # A line per target whose tools ran (--tools may leave some out).
        def known(*values):
            return all(v == v for v in values)
        lines.append("")
        if known(targets["cliColdVsFloor"]):
            lines.append(f"- CLI cold, whole-program passes included / floor: "
                         f"**{targets['cliColdVsFloor']:.2f}x** wall, "
                         f"**{targets['cliColdCpuVsFloor']:.2f}x** CPU "
                         f"(target <= 0.8x, aim 0.7x)")
        if known(targets["cliColdVsTidyCheap"]):
            lines.append(f"- CLI cold / clang-tidy with two cheap checks: "
                         f"**{targets['cliColdVsTidyCheap']:.2f}x** (target <= 1.0x)")
        if known(targets["againVsFloor"]):
            lines.append(f"- the later passes analysing every unit they need again (cli-again) / "
                         f"floor: **{targets['againVsFloor']:.2f}x** wall, "
                         f"**{targets['againCpuVsFloor']:.2f}x** CPU")
        if known(targets["onePassVsFloor"], targets["laterPassesShareOfCold"]):
            lines.append(f"- CLI first pass only / floor: **{targets['onePassVsFloor']:.2f}x**; "
                         f"the join and the later passes are "
                         f"**{targets['laterPassesShareOfCold'] * 100:.0f}%** of the cold run")
        if known(targets["pluginOverhead"]):
            lines.append(f"- plugin overhead over clang-tidy's parse: wall "
                         f"**{targets['pluginOverhead'] * 100:+.1f}%**, CPU "
                         f"**{targets['pluginOverheadCpu'] * 100:+.1f}%** (target <= 5%)")
        if known(targets["warmVsCold"]):
            lines.append(f"- warm run / cold run: **{targets['warmVsCold'] * 100:.1f}%** "
                         "(target <= 3%)")
        if known(targets["cliPeakVsFloorPeak"]):
            lines.append(f"- CLI peak memory / the parse's (summed over -j {args.jobs}): "
                         f"**{targets['cliPeakVsFloorPeak']:.2f}x** (target <= 1.2x); / (largest "
                         f"clang++ process x {args.jobs}): "
                         f"**{targets['cliPeakVsFloorProcessTimesJobs']:.2f}x**")
        lines.append("")
    lines += ["## The whole-program join alone", "",
              "Generated facts: each unit defines 20 functions and its handlers make 12 calls "
              f"into other units (best of 3; load {results['joinLoad']:.2f}).", "",
              results["join"]]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


def write_chart(results, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    generated = [c for c in results["corpora"] if c["generated"]]
    if not generated:
        generated = results["corpora"]
    fig, ax = plt.subplots(figsize=(8, 5))
    for tool in TOOLS:
        points = [(c["units"], r["wall"]) for c in generated for r in c["rows"] if r["tool"] == tool]
        if points:
            xs, ys = zip(*sorted(points))
            ax.plot(xs, ys, marker="o", label=tool)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("translation units")
    ax.set_ylabel(f"median wall time (s), -j {results['jobs']}")
    ax.set_title(f"statescope vs. the parse ({results['date']})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, "time-vs-units.png"), dpi=110)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100",
                        help="generated corpus sizes, comma-separated (default 10,100)")
    parser.add_argument("--db", help="benchmark this build directory's compile_commands.json "
                        "instead of generated corpora")
    parser.add_argument("--cli-arg", action="append", default=[],
                        help="one more argument for every CLI run (repeatable), such as "
                        "--config-file=FILE for a project's handlers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="the tools to run, comma-separated (default all; floor always)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--build", default=os.path.join(root, "build"))
    parser.add_argument("--corpus-dir", help="where corpora are generated "
                        "(default: BUILD/bench-corpus)")
    parser.add_argument("--out", default=os.path.join(root, "bench/results"))
    args = parser.parse_args()
    args.tools = set(args.tools.split(",")) | {"floor"}
    args.statescope = os.path.join(args.build, "bin/statescope")
    args.plugin = os.path.join(args.build, "lib/libstatescope-tidy.so")
    corpus_dir = args.corpus_dir or os.path.join(args.build, "bench-corpus")
    os.makedirs(args.out, exist_ok=True)

    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "machine": f"{platform.node()}, {os.cpu_count()} cores, "
                          f"{platform.platform()}",
               "jobs": args.jobs, "runs": args.runs, "corpora": []}
    with tempfile.TemporaryDirectory(prefix="statescope-bench-") as scratch:
        if args.db:
            corpora = [(os.path.basename(os.path.abspath(args.db).rstrip("/")) or args.db,
                        os.path.abspath(args.db), None)]
        else:
            corpora = []
            for size in [int(s) for s in args.sizes.split(",")]:
                project = os.path.join(corpus_dir, f"units-{size}")
                corpora.append((f"generated, {size} units", gen_corpus.generate(size, project),
                                project))
        for name, db_dir, project in corpora:
            print(f"{name}: {db_dir}", flush=True)
            corpus = bench_corpus(name, db_dir, project, args, scratch)
            corpus["rows"], corpus["targets"] = summarise(corpus, args.jobs)
            corpus["generated"] = project is not None
            results["corpora"].append(corpus)
    results["joinLoad"] = load_average()
    results["join"] = join_scaling(args)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    write_report(results, args, args.out)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print(f"wrote {args.out}/results.md and results.json; no chart: matplotlib is not "
              f"installed for {sys.executable} (make bench-deps installs Debian's)")
        return
    write_chart(results, args.out)
    print(f"wrote {args.out}/results.md, results.json and time-vs-units.png")


if __name__ == "__main__":
    main()
