"""The Dask sweep: the same figures on a LocalCluster of 2 worker processes as in one process,
and partition sums that merge into exactly what whatif.summarise gives for the whole cohort."""
import json
import os
import random
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python", "examples"))

import sweep_dask  # noqa: E402
import whatif  # noqa: E402

ASSUMPTIONS = os.path.join(ROOT, "python", "examples", "assumptions.json")
RULES = os.path.join(ROOT, "rules")


def sweep(tmp_path, name, scheduler, *extra):
    out = tmp_path / name
    assert sweep_dask.main([ASSUMPTIONS, "--axis", "cooperation.share=0.3,0.9", "--seeds", "2", "--size", "900",
                            "--partitions", "3", "--scheduler", scheduler, "--rules-dir", RULES,
                            "--out", str(out)] + list(extra)) == 0
    return json.loads((out / "sweep.json").read_text())


def test_a_local_cluster_gives_the_figures_of_one_process(tmp_path):
    pytest.importorskip("dask.distributed")
    one = sweep(tmp_path, "one", "none")
    two = sweep(tmp_path, "two", "local:2")
    assert one["sweep"] == two["sweep"]
    assert len(one["sweep"]) == 2 * 5  # 2 values x the 5 rule sets of the assumptions
    law = {r["value"]: r for r in one["sweep"] if r["rule_set"] == "in-force"}
    # every run is 900 cases without error; more cooperation, more A cards in every seed
    assert all(run["cases"] == 900 and run["errors"] == 0 for r in one["sweep"] for run in r["runs"])
    assert law[0.9]["share_a_card"]["min"] > law[0.3]["share_a_card"]["max"]


def test_partition_sums_merge_into_the_cohort_figures(tmp_path):
    a = json.load(open(ASSUMPTIONS))
    rule_sets = a["rule_sets"]
    rng = random.Random("7:0")
    cases, starts = [], []
    for i in range(1200):
        c, _, s = whatif.make_person(rng, a, i)
        cases.append(c)
        starts.append(s)
    rules = sweep_dask.rules_for(RULES)
    whole = whatif.summarise(rules.simulate(cases, rule_sets, on=a["on"]), starts, rule_sets)
    # the cohort in three parts, each simulated alone: merged, the same figures
    parts = [whatif.partial_sums(rules.simulate(cases[lo:hi], rule_sets, on=a["on"]), starts[lo:hi], rule_sets)
             for lo, hi in ((0, 500), (500, 900), (900, 1200))]
    assert whatif.merge(parts, rule_sets) == whole
    assert whole["in-force"]["cases"] == 1200 and 0 < whole["in-force"]["share_a_card"] < 1
    # and a task draws the same cases as make_person with its seed
    job = {"assumptions": a, "seed": 7, "part": 0, "lo": 0, "hi": 1200, "rule_sets": rule_sets,
           "rules_dir": RULES, "threads": 1}
    assert whatif.merge([sweep_dask.partition_task(job)], rule_sets) == whole


def test_a_bad_axis_is_named(tmp_path, capsys):
    with pytest.raises(SystemExit):
        sweep_dask.main([ASSUMPTIONS, "--axis", "cooperation.nope=1", "--rules-dir", RULES, "--out", str(tmp_path)])
    assert "cooperation.nope: not a key of the assumptions" in capsys.readouterr().err
