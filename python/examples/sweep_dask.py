#!/usr/bin/env python3
"""A what-if sweep beyond one machine: Dask tasks, each running Rules.simulate on one partition.

    PYTHONPATH=build/python python3 python/examples/sweep_dask.py python/examples/assumptions.json \\
        --axis cooperation.share=0.4,0.65,0.9 --seeds 5 --size 20000 --partitions 8 --scheduler local:2

The sweep crosses the values of one assumption (a dotted key of the assumptions
file, e.g. cooperation.share or prosecutor_opinion.share) with the seeds and
the rule sets (the assumptions' "rule_sets", or --rules SPEC ...). For each
value and seed the cohort is split into --partitions partitions; each
partition is one Dask task that draws its cases (whatif.make_person, seeded by
seed and partition, so the cohort does not depend on where a task runs),
writes them as a JSON Lines file and evaluates it with Rules.simulate under
every rule set. Tasks return small sums, merged here into the figures of
whatif.py; over the seeds the sweep reports the mean and the min-max band.

--scheduler: "none" (one process, no Dask), "local:N" (a LocalCluster of N
worker processes on this machine), or the address of a running scheduler
("tcp://host:8786"). Workers need the sejour61 module (Debian: the package, or
PYTHONPATH) and the rule files (--rules-dir names a directory that exists on
the workers); this script sends itself, whatif.py, whatif_report.py and cohort.py to them.

Writes OUT/sweep.json and OUT/sweep.md.
"""
import argparse
import collections
import copy
import json
import os
import random
import statistics
import sys
import tempfile
import time


HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import whatif  # noqa: E402

_rules = {}  # one sejour61.Rules per worker process and rule directory


def rules_for(rules_dir):
    import sejour61
    if rules_dir not in _rules:
        _rules[rules_dir] = sejour61.Rules(rules_dir)
    return _rules[rules_dir]


def with_value(assumptions, key, value):
    """The assumptions with the dotted `key` set to `value`."""
    a = copy.deepcopy(assumptions)
    node = a
    *path, last = key.split(".")
    for k in path:
        node = node[k]
    if last not in node:
        raise KeyError("%s: not a key of the assumptions" % key)
    node[last] = value
    return a


def partition_task(job):
    """One Dask task: draw partition `part` of the cohort, write it as JSON Lines, simulate, and sum."""
    a, seed, part, lo, hi = job["assumptions"], job["seed"], job["part"], job["lo"], job["hi"]
    rng = random.Random("%d:%d" % (seed, part))
    starts = []
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i in range(lo, hi):
            case, _, start = whatif.make_person(rng, a, i)
            f.write(json.dumps(case) + "\n")
            starts.append(start)
        path = f.name
    try:
        out = rules_for(job["rules_dir"]).simulate(path, job["rule_sets"], on=a["on"], threads=job["threads"])
    finally:
        os.unlink(path)
    return whatif.partial_sums(out, starts, job["rule_sets"])


def jobs(args, assumptions, rule_sets, values):
    size = args.size or assumptions["cohort_size"]
    bounds = [size * k // args.partitions for k in range(args.partitions + 1)]
    for value in values:
        a = with_value(assumptions, args.key, value)
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            for part in range(args.partitions):
                yield {"value": value, "seed": seed, "part": part, "lo": bounds[part], "hi": bounds[part + 1],
                       "assumptions": a, "rule_sets": rule_sets, "rules_dir": args.rules_dir, "threads": args.threads}


def run(args, work):
    """The partitions' sums, in the order of `work`, on the chosen scheduler."""
    if args.scheduler == "none":
        return [partition_task(j) for j in work]
    from dask.distributed import Client, LocalCluster
    if args.scheduler.startswith("local:"):
        # Worker processes start a new interpreter: they find this directory through PYTHONPATH.
        paths = [HERE] + [p for p in sys.path if p and os.path.exists(os.path.join(p, "sejour61.pyi"))]
        os.environ["PYTHONPATH"] = os.pathsep.join(paths + [os.environ.get("PYTHONPATH", "")])
        cluster = LocalCluster(n_workers=int(args.scheduler[6:]), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(args.scheduler)
        client.upload_file(os.path.join(HERE, "cohort.py"))  # whatif.py imports it
        client.upload_file(os.path.join(HERE, "whatif_report.py"))  # and this
        client.upload_file(os.path.join(HERE, "whatif.py"))
        client.upload_file(os.path.abspath(__file__))
    try:
        futures = client.map(partition_task, work, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def band(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return {"mean": None, "min": None, "max": None}
    return {"mean": statistics.fmean(xs), "min": min(xs), "max": max(xs)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("assumptions", help="the assumptions file (JSON), e.g. python/examples/assumptions.json")
    ap.add_argument("--axis", default="cooperation.share=0.4,0.65,0.9",
                    help="KEY=V1,V2,...: the assumption to sweep and its values (default: %(default)s)")
    ap.add_argument("--rules", action="append", metavar="SPEC",
                    help="a rule set (repeat it); default: the assumptions' rule_sets")
    ap.add_argument("--seeds", type=int, default=5, help="seeds per value (default: 5)")
    ap.add_argument("--first-seed", type=int, default=1, help="the first seed (default: 1)")
    ap.add_argument("--size", type=int, default=None, help="cases per cohort (default: the assumptions' cohort_size)")
    ap.add_argument("--partitions", type=int, default=8, help="JSON Lines partitions per cohort (default: 8)")
    ap.add_argument("--threads", type=int, default=1, help="simulate's threads inside a task (default: 1)")
    ap.add_argument("--scheduler", default="local:2", help='"none", "local:N", or a scheduler address (default: local:2)')
    ap.add_argument("--rules-dir", default=os.environ.get("SEJOUR61_RULES"), help="rule files (default: $SEJOUR61_RULES)")
    ap.add_argument("--out", default="sweep", help="output directory (default: sweep)")
    args = ap.parse_args(argv)
    if "=" not in args.axis:
        ap.error("--axis: expected KEY=V1,V2,... (e.g. cooperation.share=0.4,0.65,0.9)")
    args.key, raw = args.axis.split("=", 1)
    try:
        values = [json.loads(v) for v in raw.split(",")]
    except ValueError:
        ap.error("--axis: each value must be a number or JSON literal")
    if args.partitions < 1 or args.seeds < 1:
        ap.error("--partitions and --seeds must be at least 1")
    if not args.rules_dir:
        ap.error("--rules-dir: name the rule files (or set SEJOUR61_RULES); workers read them there")
    args.rules_dir = os.path.abspath(args.rules_dir)
    with open(args.assumptions) as f:
        assumptions = json.load(f)
    rule_sets = args.rules or assumptions["rule_sets"]
    try:
        work = list(jobs(args, assumptions, rule_sets, values))
    except KeyError as e:
        ap.error("--axis: %s" % e.args[0])

    t0 = time.perf_counter()
    sums = run(args, work)
    elapsed = time.perf_counter() - t0

    groups = collections.defaultdict(list)
    for job, s in zip(work, sums):
        groups[(json.dumps(job["value"]), job["seed"])].append(s)
    runs = {k: whatif.merge(v, rule_sets) for k, v in groups.items()}
    result = {"assumptions": os.path.abspath(args.assumptions), "axis": args.key, "values": values,
              "seeds": list(range(args.first_seed, args.first_seed + args.seeds)), "cases": args.size or assumptions["cohort_size"],
              "partitions": args.partitions, "scheduler": args.scheduler, "seconds": round(elapsed, 3), "sweep": []}
    for value in values:
        for rs in rule_sets:
            per_seed = [runs[(json.dumps(value), s)][rs] for s in result["seeds"]]
            row = {"value": value, "rule_set": rs, "runs": per_seed}
            for fig in ("share_a_card", "share_unlimited_stay", "median_days_to_a_card",
                        "median_days_to_unlimited_stay", "mean_days_without_document"):
                row[fig] = band([r[fig] for r in per_seed])
            result["sweep"].append(row)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "sweep.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "sweep.md"), "w") as f:
        f.write("Sweep of `%s` over %d seeds of %d cases (mean, and min–max over the seeds)\n\n"
                % (args.key, args.seeds, result["cases"]))
        f.write("| %s | rule set | A card | unlimited stay | median days to A card | mean days without a document |\n"
                "|---|---|---|---|---|---|\n" % args.key)
        for row in result["sweep"]:
            a, u, m, w = (row[k] for k in ("share_a_card", "share_unlimited_stay", "median_days_to_a_card",
                                             "mean_days_without_document"))
            f.write("| %s | %s | %.1f%% (%.1f–%.1f) | %.1f%% (%.1f–%.1f) | %s | %.1f (%.1f–%.1f) |\n" % (
                json.dumps(row["value"]), row["rule_set"], 100 * a["mean"], 100 * a["min"], 100 * a["max"],
                100 * u["mean"], 100 * u["min"], 100 * u["max"],
                "-" if m["mean"] is None else "%.0f (%.0f–%.0f)" % (m["mean"], m["min"], m["max"]),
                w["mean"], w["min"], w["max"]))
    print("%d tasks (%d values x %d seeds x %d partitions) on %s in %.2f s; wrote %s/{sweep.json,sweep.md}"
          % (len(work), len(values), args.seeds, args.partitions, args.scheduler, elapsed, args.out))
    with open(os.path.join(args.out, "sweep.md")) as f:
        sys.stdout.write(f.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
