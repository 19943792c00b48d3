#!/usr/bin/env python3
"""Cohort what-if: the same synthetic victims under the law and under reforms, by subgroup.

Generates a synthetic cohort from stated assumptions (an editable JSON file),
evaluates every person under every rule set with sejour61.Rules.simulate (C++,
all cores), over several seeds, and writes to the output directory:

  summary.md     the subgroup findings in plain words first (each reform against
                 the baseline rule set), then the tables
  subgroups.csv  per subgroup (unaccompanied minors, accompanied minors, adults,
                 domestic workers of employers with immunity, nationality groups,
                 each --group-by value) and rule set: shares reaching the A card
                 and unlimited stay, median days, days without a document, the
                 difference to the baseline in points and days, the min-max band
                 over the seeds
  months.csv     the share of each subgroup holding a document, month by month
                 since the first indications, per rule set, with its band
  readings.csv   the share of the cohort whose outcome changes under each
                 contestable reading of the rule files (one at a time)
  sweep.csv      the outcome against the values of one parameter (--sweep)
  subgroups.svg/.png, months.svg/.png, readings.svg/.png, sweep.svg/.png
                 small-multiple charts for a policy note
  cohort.csv     one row per person and rule set (first seed): facts and outcome
  summary.json   all of the above; chart.svg the whole-cohort bars

Usage (from the repository, after ./scripts/setup):
  PYTHONPATH=build/python python3 python/examples/whatif.py python/examples/assumptions.json --out whatif
A progress bar goes to stderr on a terminal; Ctrl-C stops at once (exit 130) and writes nothing.
"""
import argparse
import collections
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import time

import numpy as np

import sejour61

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cohort  # noqa: E402
from whatif_report import PERSON_GROUPS, cell, fmt, svg_chart, write_outputs  # noqa: E402,F401


def day(d):
    return d.isoformat()


def draw_days(rng, span):
    return rng.randint(span["min"], span["max"])


def make_person(rng, a, i):
    """One synthetic case (format sejour61.case/1) and the facts drawn for it."""
    start = dt.date.fromisoformat(a["indications"]["from"]) + dt.timedelta(days=rng.randrange(a["indications"]["days"]))
    p = a["person"]
    minor = rng.random() < p["share_minor"]
    unaccompanied = minor and rng.random() < p["share_unaccompanied_among_minors"]
    immunity = (not minor) and rng.random() < p["share_employer_immunity"]
    age_days = rng.randint(14 * 365, 17 * 365 + 300) if minor else rng.randint(19 * 365, 45 * 365)
    birth = start - dt.timedelta(days=age_days)
    smuggling = rng.random() < p["share_smuggling"]
    offence = {"type": "smuggling", "aggravating": [rng.choice([2, 3, 4, 5])]} if smuggling else {"type": "trafficking"}
    events = [{"date": day(start), "type": "indications", "by": rng.choice(["police", "inspection"])}]
    contact = start + dt.timedelta(days=draw_days(rng, a["days_to_centre_contact"]))
    events.append({"date": day(contact), "type": "centre_contact", "centre": "synthetic"})
    facts = {"minor": minor, "unaccompanied": unaccompanied, "employer_immunity": immunity, "smuggling": smuggling}

    coop = rng.random() < a["cooperation"]["share"]
    facts["cooperates"] = coop
    if coop:
        events.append({"date": day(contact + dt.timedelta(days=draw_days(rng, a["cooperation"]["days"]))),
                       "type": "cooperation", "form": rng.choice(["complaint", "statement"])})
    if rng.random() < a["identity"]["share"]:
        events.append({"date": day(contact + dt.timedelta(days=draw_days(rng, a["identity"]["days"]))),
                       "type": "identity_established"})
    o = a["prosecutor_opinion"]
    if rng.random() < o["share"]:
        victim = rng.random() < o["share_victim"]
        events.append({"date": day(contact + dt.timedelta(days=draw_days(rng, o["days"]))),
                       "type": "prosecutor_opinion", "by": "labour_auditor" if immunity else "prosecutor",
                       "victim": victim, "proceedings_ongoing": True, "cooperating": coop,
                       "qualification_clear": rng.random() >= o["share_qualification_unclear"]})
    cc = a["criminal_case"]
    outcome_date = contact + dt.timedelta(days=draw_days(rng, cc["days"]))
    facts["criminal_outcome"] = "pending"
    if immunity:
        im = a["immunity"]
        if rng.random() < im["share_proceedings_end_for_immunity"]:
            facts["criminal_outcome"] = "immunity"
            events.append({"date": day(contact + dt.timedelta(days=draw_days(rng, im["days"]))),
                           "type": "proceedings_ended", "outcome": "immunity"})
            if rng.random() < im["share_labour_proceedings"]:
                t = contact + dt.timedelta(days=draw_days(rng, im["days"]))
                events.append({"date": day(t), "type": "labour_proceedings", "status": "pending"})
                events.append({"date": day(t + dt.timedelta(days=10)), "type": "labour_auditor_finding",
                               "teh": rng.random() < im["share_labour_finding_teh"]})
                events.append({"date": day(t + dt.timedelta(days=draw_days(rng, im["judgment_days"]))),
                               "type": "labour_proceedings", "status": "judgment",
                               "favourable": rng.random() < im["share_favourable_judgment"]})
    else:
        r = rng.random()
        if r < cc["share_requisitions"]:
            facts["criminal_outcome"] = "requisitions"
            events.append({"date": day(outcome_date), "type": "requisitions", "teh_charge": True})
            if rng.random() < cc["share_conviction"] / max(cc["share_requisitions"], 1e-9):
                facts["criminal_outcome"] = "conviction"
                events.append({"date": day(outcome_date + dt.timedelta(days=90)), "type": "conviction"})
        elif r < cc["share_requisitions"] + cc["share_dismissal"]:
            facts["criminal_outcome"] = "dismissed"
            events.append({"date": day(outcome_date), "type": "proceedings_ended", "outcome": "dismissed"})
    case = {"format": "sejour61.case/1", "id": "SYN-%06d" % i,
            "person": {"birth_date": day(birth), "nationality": rng.choice(["NG", "AF", "VN", "MA", "BR", "PH", "AL"]),
                       "unaccompanied": unaccompanied, "employer_immunity": immunity},
            "offence": offence, "events": events}
    return case, facts, start


def median(xs):
    return float(statistics.median(xs)) if xs else None


def partial_sums(out, starts, rule_sets):
    """Per rule set, what the figures are made of (mergeable across parts of a cohort),
    from the NumPy columns of Rules.simulate; starts[i] is the first indications of case i."""
    start = np.array(starts, dtype="datetime64[D]")[out["case"]]
    ok = np.array([e is None for e in out["error"]], dtype=bool)
    sums = {}
    for j, rs in enumerate(rule_sets):
        rows = np.arange(j, len(out["state"]), len(rule_sets))
        good = rows[ok[rows]]
        a_card, unlimited = out["a_card_from"][good], out["indefinite_from"][good]
        sums[rs] = {
            "cases": len(rows), "errors": int(len(rows) - len(good)),
            "days_to_a_card": (a_card - start[good])[~np.isnat(a_card)].astype(int).tolist(),
            "days_to_unlimited_stay": (unlimited - start[good])[~np.isnat(unlimited)].astype(int).tolist(),
            "days_without_document": int(out["days_without_document"][good].sum()), "evaluated": int(len(good)),
            "closures": dict(collections.Counter(r for r in out["closure_reason"][good] if r is not None)),
        }
    return sums


def merge(parts, rule_sets):
    """The figures per rule set, from the partial sums of the parts of a cohort."""
    figures = {}
    for rs in rule_sets:
        p = [x[rs] for x in parts]
        n = sum(x["cases"] for x in p)
        to_a = [d for x in p for d in x["days_to_a_card"]]
        to_b = [d for x in p for d in x["days_to_unlimited_stay"]]
        closures = collections.Counter()
        for x in p:
            closures.update(x["closures"])
        figures[rs] = {
            "cases": n, "errors": sum(x["errors"] for x in p),
            "share_a_card": len(to_a) / n, "share_unlimited_stay": len(to_b) / n,
            "median_days_to_a_card": median(to_a), "median_days_to_unlimited_stay": median(to_b),
            "mean_days_without_document": sum(x["days_without_document"] for x in p)
            / max(sum(x["evaluated"] for x in p), 1),
            "closures": dict(sorted(closures.items())),
        }
    return figures


def summarise(out, starts, rule_sets):
    """Per rule set: shares reaching the A card and unlimited stay, median days to each,
    mean days without a document, closures by reason."""
    return merge([partial_sums(out, starts, rule_sets)], rule_sets)


def progress_bar(label):
    """A progress callback for Rules.simulate: a bar on stderr, only on a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done, total):
        if total:
            filled = int(30 * done / total)
            sys.stderr.write("\r%-28s [%s%s] %d/%d" % (label, "#" * filled, "." * (30 - filled), done, total))
        else:
            sys.stderr.write("\r%-28s %d cases" % (label, done))
        sys.stderr.flush()
    return show


def draw(a, seed, n):
    """The synthetic cohort of `seed`: cases, facts and first indications."""
    rng = random.Random(seed)
    cases, facts, starts = [], [], []
    for i in range(n):
        c, fx, s = make_person(rng, a, i)
        fx["nationality"] = c["person"]["nationality"]
        cases.append(c)
        facts.append(fx)
        starts.append(s)
    return cases, facts, starts


def reform_names(rules, rule_sets, baseline):
    """A short name per rule set for charts and sentences: "proposal 10 (mena-unconditional)"
    where the reform's basis names the action plan's proposal."""
    basis = {r["id"]: r["basis"] for r in rules.describe()["reforms"]}
    names = {}
    for rs in rule_sets:
        parts = rs.split("+")
        if rs == baseline:
            names[rs] = "law in force" if rs == "in-force" else rs
            continue
        words = []
        for p in parts[1:]:
            rid = p.split("@")[0]
            m = re.search(r"proposal (\d+)", basis.get(rid, ""))
            words.append("proposal %s (%s)" % (m.group(1), rid) if m else rid)
        names[rs] = (" + ".join(words) if words else rs) if parts[0] == "in-force" else rs
    return names


def run_cohort(rules, a, seed, n, rule_sets, months, masks_of, label, progress=True):
    cases, facts, starts = draw(a, seed, n)
    cb = progress_bar(label) if progress else None
    out = rules.simulate(cases, rule_sets, on=a["on"], progress=cb)
    if cb:
        sys.stderr.write("\n")
    masks = masks_of(facts)
    return cases, facts, starts, out, cohort.table(out, starts, rule_sets, masks, months)


def readings_table(rules, a, cases, starts, masks, baseline, progress=True):
    """Share of the cohort (and of each subgroup) whose outcome changes under each contestable
    reading, set one at a time on the baseline (as +set: does)."""
    readings = cohort.readings_of(rules.describe())
    specs = [baseline] + [baseline + "+" + cohort.setting(k, v) for k, v, _ in readings]
    cb = progress_bar("contestable readings") if progress else None
    out = rules.simulate(cases, specs, on=a["on"], progress=cb)
    if cb:
        sys.stderr.write("\n")
    rows = []
    for (k, v, basis), spec in zip(readings, specs[1:]):
        diff = cohort.changed(out, specs, baseline, spec)
        row = {"parameter": k, "value": json.dumps(v), "basis": basis, "share": float(diff.mean()) if len(diff) else 0.0}
        for g in PERSON_GROUPS:
            m = masks[g]
            row[g] = float(diff[m].mean()) if m.any() else None
        rows.append(row)
    return sorted(rows, key=lambda r: -r["share"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="Ctrl-C stops a run at once (exit 130, nothing written).")
    ap.add_argument("assumptions", help="the assumptions file (JSON), e.g. python/examples/assumptions.json")
    ap.add_argument("--out", default="whatif", help="output directory (default: whatif)")
    ap.add_argument("--rules-dir", default=None, help="rule files (default: $SEJOUR61_RULES or the installed ones)")
    ap.add_argument("--size", type=int, default=None, help="override cohort_size")
    ap.add_argument("--seeds", type=int, default=None, help="number of seeds for the min-max band (default: the "
                    "assumptions' \"seeds\", else 1)")
    ap.add_argument("--group-by", action="append", default=None, metavar="COLUMN",
                    help="also report by each value of this column of cohort.csv (repeatable), e.g. smuggling")
    ap.add_argument("--sweep", default=None, metavar="KEY=V1,V2,...",
                    help="sweep a parameter on the baseline, e.g. reflection.days=30,45,60,90 (default: the "
                         "assumptions' \"sweep\"; \"none\" for no sweep)")
    ap.add_argument("--no-readings", action="store_true", help="skip the contestable readings across the cohort")
    ap.add_argument("--quiet", action="store_true", help="no progress bar, no summary on stdout")
    args = ap.parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: nothing written\n")
        return 130


def run(args):
    with open(args.assumptions) as f:
        a = json.load(f)
    n = args.size or a["cohort_size"]
    seeds = args.seeds or a.get("seeds", 1)
    months = a.get("months", 60)
    rule_sets = a["rule_sets"]
    baseline = a.get("baseline", rule_sets[0])
    group_by = args.group_by if args.group_by is not None else a.get("group_by", [])
    sweep_spec = args.sweep if args.sweep is not None else a.get("sweep")
    rules = sejour61.Rules(args.rules_dir)
    names = reform_names(rules, rule_sets, baseline)

    def masks_of(facts):
        return cohort.subgroups(facts, a.get("nationality_groups"), group_by)

    t0 = time.perf_counter()
    tables, first = [], None
    for k in range(seeds):
        res = run_cohort(rules, a, a["seed"] + k, n, rule_sets, months, masks_of,
                         "seed %d/%d" % (k + 1, seeds), not args.quiet)
        tables.append(res[4])
        if k == 0:
            first = res
    cases, facts, starts, out, tab = first
    tab = cohort.against(tab, baseline)
    bands = cohort.band(tables)
    masks = masks_of(facts)
    readings = [] if args.no_readings else readings_table(rules, a, cases, starts, masks, baseline, not args.quiet)
    sweep = None
    if sweep_spec and sweep_spec != "none":
        key, _, values = sweep_spec.partition("=")
        values = [json.loads(v) for v in values.split(",")]
        specs = [baseline + "+" + cohort.setting(key, v) for v in values]
        cb = progress_bar("sweep " + key) if not args.quiet else None
        sw = rules.simulate(cases, specs, on=a["on"], progress=cb)
        if cb:
            sys.stderr.write("\n")
        st = cohort.table(sw, starts, specs, masks, months)
        sweep = {"parameter": key, "values": values,
                 "by_value": {v: {g: st[g][s] for g in st} for v, s in zip(values, specs)}}
    elapsed = time.perf_counter() - t0
    write_outputs(args, a, n, seeds, months, rule_sets, baseline, names, cases, facts, starts, out, tab, bands,
                  readings, sweep, elapsed, summarise(out, starts, rule_sets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
