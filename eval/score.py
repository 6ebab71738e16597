#!/usr/bin/env python3
"""Score statescope JSON reports against the real-bug corpus.

    python3 eval/score.py RUN:PROJECT=report.json [RUN:PROJECT=report.json ...]
                          [--bugs eval/real-bugs.tsv] [--judgements eval/judgements.tsv]
                          [--verbose] [--strict]

RUN names a configuration (e.g. "unconfigured", "configured"); PROJECT is a value of the
`project` column of real-bugs.tsv (one pre-fix checkout). Several reports may be given per
run, one per project.

Recall: a labelled bug counts as found when one of the project's findings
  - lies in the label's file on a line within one of its ranges (`lines`: comma-separated
    `N`, `N-M`, or `other/path:N-M` for a further place, e.g. a declaration in a header), or
  - quotes one of the label's `names` (`'name'` in the message; the shared object, a
    declaration the label names).
Rows whose kind starts with `negative:` are hard negatives (safe look-alikes): matching them
the same way counts as flagging a negative.

Precision: every finding is looked up in judgements.tsv (project, file, line, check,
verdict, reason, optional message_contains); verdict `true` or `false`. Findings with no
judgement are listed and make --strict fail.
"""
import argparse
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t")]
    rows = [r for r in rows if r and not r[0].startswith("#")]
    header, body = rows[0], rows[1:]
    return [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in body]


def path_matches(finding_path, rel):
    finding_path = finding_path.replace(os.sep, "/")
    rel = rel.strip().lstrip("./")
    return finding_path == rel or finding_path.endswith("/" + rel)


def parse_places(label):
    """[(relative file, first, last)] for a label's `lines`."""
    places = []
    for item in label["lines"].split(","):
        item = item.strip()
        if not item:
            continue
        path = label["file"]
        if ":" in item:
            path, item = item.rsplit(":", 1)
        first, _, last = item.partition("-")
        places.append((path, int(first), int(last or first)))
    return places


def matches_label(finding, label):
    loc = finding["location"]
    for path, first, last in parse_places(label):
        if path_matches(loc["file"], path) and first <= loc["line"] <= last:
            return True
    for name in filter(None, (n.strip() for n in label.get("names", "").split(";"))):
        if "'%s'" % name in finding["message"]:
            return True
    return False


def short_check(check):
    return check[len("statescope-"):] if check.startswith("statescope-") else check


def judge(finding, project, judgements):
    loc = finding["location"]
    for j in judgements:
        if j["project"] != project or not path_matches(loc["file"], j["file"]):
            continue
        if int(j["line"]) != loc["line"] or short_check(j["check"]) != short_check(finding["check"]):
            continue
        if j.get("message_contains") and j["message_contains"] not in finding["message"]:
            continue
        return j
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reports", nargs="+", metavar="RUN:PROJECT=report.json")
    ap.add_argument("--bugs", default=os.path.join(HERE, "real-bugs.tsv"))
    ap.add_argument("--judgements", default=os.path.join(HERE, "judgements.tsv"))
    ap.add_argument("--verbose", "-v", action="store_true", help="list every bug and finding")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a finding has no judgement")
    args = ap.parse_args()

    labels = read_tsv(args.bugs)
    judgements = read_tsv(args.judgements) if os.path.exists(args.judgements) else []
    for j in judgements:
        if j["verdict"] not in ("true", "false"):
            sys.exit("judgements.tsv: verdict must be true or false: %r" % j)
    projects = {l["project"] for l in labels}

    runs = {}
    for spec in args.reports:
        try:
            run_project, path = spec.split("=", 1)
            run, project = run_project.split(":", 1)
        except ValueError:
            sys.exit("expected RUN:PROJECT=report.json, got %r" % spec)
        if project not in projects:
            sys.exit("unknown project %r (real-bugs.tsv has: %s)" % (project, ", ".join(sorted(projects))))
        with open(path) as f:
            report = json.load(f)
        runs.setdefault(run, {})[project] = report

    unjudged_total = 0
    for run, reports in runs.items():
        print("== %s" % run)
        print("%-22s %6s %6s %9s %6s %6s %6s %8s %6s" % (
            "project", "units", "failed", "bugs", "found", "negs", "hit", "findings", "true"))
        tot = dict(bugs=0, found=0, negs=0, hit=0, findings=0, true=0, false=0, unjudged=0)
        details = []
        for project in sorted(reports):
            report = reports[project]
            findings = report.get("findings", [])
            bugs = [l for l in labels if l["project"] == project and not l["kind"].startswith("negative:")]
            negs = [l for l in labels if l["project"] == project and l["kind"].startswith("negative:")]
            found = [b for b in bugs if any(matches_label(f, b) for f in findings)]
            hit = [n for n in negs if any(matches_label(f, n) for f in findings)]
            verdicts = [(f, judge(f, project, judgements)) for f in findings]
            true = sum(1 for _, j in verdicts if j and j["verdict"] == "true")
            false = sum(1 for _, j in verdicts if j and j["verdict"] == "false")
            unjudged = [f for f, j in verdicts if j is None]
            print("%-22s %6d %6d %9d %6d %6d %6d %8d %6d%s" % (
                project, report.get("translationUnits", 0), len(report.get("failures", [])),
                len(bugs), len(found), len(negs), len(hit), len(findings), true,
                "  (%d unjudged)" % len(unjudged) if unjudged else ""))
            for key, val in (("bugs", len(bugs)), ("found", len(found)), ("negs", len(negs)), ("hit", len(hit)),
                             ("findings", len(findings)), ("true", true), ("false", false),
                             ("unjudged", len(unjudged))):
                tot[key] += val
            for b in bugs:
                details.append("  %-5s %-6s %-18s %s" % (b["id"], "found" if b in found else "MISSED", project, b["kind"]))
            for n in negs:
                details.append("  %-5s %-6s %-18s %s" % (n["id"], "FLAGGED" if n in hit else "quiet", project, n["kind"]))
            for f in unjudged:
                loc = f["location"]
                details.append("  UNJUDGED %s %s:%d [%s] %s" % (project, loc["file"], loc["line"], short_check(f["check"]), f["message"][:120]))
            if args.verbose:
                for f, j in verdicts:
                    loc = f["location"]
                    details.append("  %-5s %s:%d [%s] %s" % (j["verdict"] if j else "?", os.path.basename(loc["file"]), loc["line"], short_check(f["check"]), (j or {}).get("reason", "")[:100]))
        judged = tot["true"] + tot["false"]
        print("%-22s %6s %6s %9d %6d %6d %6d %8d %6d" % ("total", "", "", tot["bugs"], tot["found"], tot["negs"], tot["hit"], tot["findings"], tot["true"]))
        print("recall    %d/%d = %.2f" % (tot["found"], tot["bugs"], tot["found"] / tot["bugs"] if tot["bugs"] else 0))
        print("precision %d/%d = %.2f%s" % (tot["true"], judged, tot["true"] / judged if judged else 0,
                                             "  (%d findings unjudged)" % tot["unjudged"] if tot["unjudged"] else ""))
        print("negatives flagged %d/%d" % (tot["hit"], tot["negs"]))
        for line in details:
            if args.verbose or "UNJUDGED" in line or "MISSED" in line or "FLAGGED" in line or "found" in line:
                print(line)
        unjudged_total += tot["unjudged"]
    return 1 if args.strict and unjudged_total else 0


if __name__ == "__main__":
    sys.exit(main())
