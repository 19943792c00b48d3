#!/usr/bin/env python3
"""Golden outputs: every scenario (tests/cases) and every example, through the
CLI as a user types it, for status, timeline, next and explain, in text and
--json, in English, French and Dutch; compare, validate and the report (the
A4 case sheet) for the examples.

    tests/golden/golden.py --cli build/sejour61 --check    # exit 1 and a diff when an output changed
    tests/golden/golden.py --cli build/sejour61 --update   # record them again (review the diff!)

A change of the engine must leave them byte-for-byte the same unless it is
meant; the digest of the rule files ("rules": "sha256:...") and the engine
version are replaced by placeholders so that a reviewed rule change shows only
where it matters.
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LANGS = ("en", "fr", "nl")


def queries_of_scenario(sc):
    """(on, extra args) for the first and the last check of a scenario."""
    out = []
    checks = [c for c in sc["expect"] if "error" not in c]
    for c in (checks[:1] + checks[-1:]) if checks else []:
        args = ["--on", c["on"]]
        rules = c.get("rules", sc.get("rules"))
        if rules:
            args += ["--rules", rules]
        for r in c.get("reforms", sc.get("reforms", [])):
            args += ["--reform", r]
        if (c["on"], args) not in out:
            out.append((c["on"], args))
    return out


def commands(extra):
    cmds = []
    for cmd in ("status", "timeline", "next", "explain"):
        for lang in LANGS:
            cmds.append([cmd, "case.json", *extra, "--lang", lang])
        for lang in (LANGS if cmd != "timeline" else ("en",)):
            cmds.append([cmd, "case.json", *extra, "--json", "--lang", lang])
    return cmds


def normalise(text):
    text = re.sub(r'sha256:[0-9a-f]{64}', "sha256:<digest>", text)
    return re.sub(r'"engine": "[^"]*"', '"engine": "<version>"', text)


def run_all(cli, rules, work, jobs):
    """{golden file name: text}"""
    plans = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "tests", "cases"))):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(ROOT, "tests", "cases", name)) as f:
            sc = json.load(f)
        cmds = []
        for _, extra in queries_of_scenario(sc):
            cmds += commands(extra)
        plans["case-" + name[:-5] + ".txt"] = (sc["case"], cmds)
    for name in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(ROOT, "examples", name)) as f:
            case = json.load(f)
        first = min(e["date"] for e in case["events"])
        y, m, d = (int(x) for x in first.split("-"))
        dates = ["%04d-%02d-%02d" % (y, min(m + k, 12), min(d, 28)) for k in (1, 4)] + ["%04d-06-01" % (y + 1)]
        cmds = [["validate", "case.json"], ["validate", "case.json", "--json"]]
        for on in dates:
            cmds += commands(["--on", on])
        for on in dates[-1:]:
            for fmt in ([], ["--json"]):
                cmds.append(["compare", "case.json", "--on", on, "--rules", "in-force", "--rules", "be-2007",
                             "--rules", "in-force+mena-unconditional", "--rules", "in-force+diplomatic-labour-track",
                             *fmt])
        for lang in LANGS:  # every contestable reading that changes the case (issue 11), on the last date
            cmds.append(["contest", "case.json", "--on", dates[-1], "--lang", lang])
        cmds.append(["contest", "case.json", "--on", dates[-1], "--json"])
        for lang in LANGS:  # the A4 case sheet (HTML), on the last date
            cmds.append(["report", "case.json", "--on", dates[-1], "--lang", lang])
        plans["example-" + name[:-5] + ".txt"] = (case, cmds)

    def one(item):
        fname, (case, cmds) = item
        d = os.path.join(work, fname[:-4])
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "case.json"), "w") as f:
            json.dump(case, f, indent=2, ensure_ascii=False)
        parts = []
        for cmd in cmds:
            r = subprocess.run([cli, *cmd, "--rules-dir", rules], cwd=d, capture_output=True,
                               env=dict(os.environ, LANG="C", LC_ALL="", TZ="Europe/Brussels"))
            parts.append("### sejour61 %s\n%s### exit %d%s\n" % (
                " ".join(cmd), r.stdout.decode("utf-8", "replace"), r.returncode,
                ("\n### stderr\n" + r.stderr.decode("utf-8", "replace")) if r.stderr else ""))
        return fname, normalise("".join(parts))

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        return dict(ex.map(one, plans.items()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "sejour61"))
    ap.add_argument("--rules-dir", default=os.path.join(ROOT, "rules"))
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    store = os.path.join(HERE, "outputs")
    with tempfile.TemporaryDirectory() as work:
        got = run_all(a.cli, a.rules_dir, work, a.jobs)
    if a.update:
        os.makedirs(store, exist_ok=True)
        for f in os.listdir(store):
            if f not in got:
                os.unlink(os.path.join(store, f))
        for fname, text in got.items():
            with open(os.path.join(store, fname), "w") as f:
                f.write(text)
        print("golden: %d files recorded, %d outputs" % (len(got), sum(t.count("### exit") for t in got.values())))
        return 0
    changed = []
    for fname, text in sorted(got.items()):
        path = os.path.join(store, fname)
        old = open(path).read() if os.path.exists(path) else ""
        if old != text:
            changed.append(fname)
            diff = difflib.unified_diff(old.splitlines(True), text.splitlines(True), "recorded/" + fname, "now/" + fname)
            sys.stdout.writelines(list(diff)[:80])
    extra = sorted(set(os.listdir(store)) - set(got)) if os.path.isdir(store) else []
    n = sum(t.count("### exit") for t in got.values())
    print("golden: %d outputs in %d files; %d files differ%s" % (
        n, len(got), len(changed), ("; recorded but no longer produced: " + ", ".join(extra)) if extra else ""))
    print("%d passed, %d failed" % (len(got) - len(changed), len(changed) + len(extra)))
    return 1 if changed or extra else 0


if __name__ == "__main__":
    sys.exit(main())
