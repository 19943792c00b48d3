#!/usr/bin/env python3
"""Timing of the Python batch call and of the CLI (see bench/run).

1. Rules.simulate on N synthetic cases (the what-if cohort generator) under 3
   rule sets, on all cores: the target is 1 M cases x 3 rule sets <= 3 s on 2 cores.
2. `sejour61 status` start to exit, against /bin/true: the target is within 10x.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python", "examples"))

import json  # noqa: E402
import random  # noqa: E402

import sejour61  # noqa: E402
import whatif  # noqa: E402


def time_runs(cmd, n):
    t = time.perf_counter()
    for _ in range(n):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - t) / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--cli-runs", type=int, default=200)
    args = ap.parse_args()
    with open(os.path.join(ROOT, "python", "examples", "assumptions.json")) as f:
        a = json.load(f)
    rng = random.Random(1)
    t = time.perf_counter()
    cases = [json.dumps(whatif.make_person(rng, a, i)[0]) for i in range(args.cases)]
    gen = time.perf_counter() - t
    events = sum(c.count('"type"') for c in cases[:10000]) / min(len(cases), 10000)
    rules = sejour61.Rules(os.path.join(ROOT, "rules"))
    sets = ["in-force", "in-force+mena-unconditional", "in-force+diplomatic-labour-track"]
    t = time.perf_counter()
    out = rules.simulate(cases, sets, on="2030-12-31")
    sim = time.perf_counter() - t
    assert not any(out["error"])
    print("simulate: %d cases (%.1f events each) x %d rule sets on %d cores: %.2f s (%.0f case-rule-sets/s); "
          "generating the cases in Python took %.1f s"
          % (args.cases, events, len(sets), os.cpu_count(), sim, args.cases * len(sets) / sim, gen))
    cli = os.path.join(ROOT, "build", "sejour61")
    example = os.path.join(ROOT, "examples", "bxl-2026-0042.json")
    true_t = time_runs(["/bin/true"], args.cli_runs)
    cli_t = time_runs([cli, "status", example, "--on", "2026-06-01", "--rules-dir", os.path.join(ROOT, "rules")],
                      args.cli_runs)
    print("cli: sejour61 status %.2f ms, /bin/true %.2f ms: %.1fx" % (cli_t * 1e3, true_t * 1e3, cli_t / true_t))


if __name__ == "__main__":
    main()
