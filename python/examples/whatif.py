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
import csv
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time

import numpy as np

import sejour61

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cohort  # noqa: E402


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


def fmt(x):
    return "-" if x is None else "%g" % x


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


def cell(v):
    """A column value as CSV text: None and NaT empty, dates ISO 8601."""
    if v is None or (isinstance(v, np.datetime64) and np.isnat(v)):
        return ""
    if isinstance(v, np.datetime64):
        return str(v.astype("datetime64[D]"))
    return str(v)


def svg_chart(summary, path):
    """Grouped horizontal bars: A card, unlimited stay and each closure reason, per rule set (share of the cohort)."""
    rule_sets = list(summary)
    reasons = sorted({r for s in summary.values() for r in s["closures"]})
    metrics = [("reached the A card", lambda s: s["share_a_card"]),
               ("reached unlimited stay", lambda s: s["share_unlimited_stay"])]
    metrics += [("closed: " + r.replace("_", " "), (lambda r: lambda s: s["closures"].get(r, 0) / s["cases"])(r))
                for r in reasons]
    colours = ["#1b6ca8", "#e07b39", "#4a9c5d", "#9b59b6", "#c0392b", "#7f8c8d"]
    bar, gap, left, width = 14, 18, 230, 420
    height = 60 + len(metrics) * (len(rule_sets) * bar + gap) + 20 * len(rule_sets)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">'
           % (left + width + 80, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">Synthetic cohort: outcomes by rule set (share of the cohort)</text>']
    y = 40
    for name, get in metrics:
        out.append('<text x="10" y="%d">%s</text>' % (y + bar, name))
        for j, rs in enumerate(rule_sets):
            v = get(summary[rs])
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                       % (left, y, v * width, bar - 2, colours[j % len(colours)]))
            out.append('<text x="%.1f" y="%d">%.1f%%</text>' % (left + v * width + 4, y + bar - 3, 100 * v))
            y += bar
        y += gap
    for j, rs in enumerate(rule_sets):
        out.append('<rect x="10" y="%d" width="12" height="12" fill="%s"/>' % (y, colours[j % len(colours)]))
        out.append('<text x="28" y="%d">%s</text>' % (y + 10, rs))
        y += 20
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")




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


PERSON_GROUPS = ("unaccompanied minors", "accompanied minors", "adults", "domestic workers (employer immunity)")


def pct(x):
    return "-" if x is None else "%.0f %%" % (100 * x)


def findings(tab, bands, rule_sets, baseline, names, seeds):
    """Plain sentences, the largest effect on a subgroup first for each rule set."""
    lines = []
    for rs in rule_sets:
        if rs == baseline:
            continue
        best = max(PERSON_GROUPS, key=lambda g: abs(tab[g][rs]["vs_baseline"]["a_card_points"] or 0))
        f, b0 = tab[best][rs], tab[best][baseline]
        d = f["vs_baseline"]["a_card_points"] or 0
        verb = "raises" if d > 0 else "lowers" if d < 0 else "leaves"
        band = bands[best][rs]["share_a_card"]
        spread = "; %d seeds: %s–%s" % (seeds, pct(band[0]), pct(band[1])) if seeds > 1 and band else ""
        whole = tab["whole cohort"]
        s = ("For %s, %s %s the share reaching the A card from %s to %s (%+.0f points%s); unlimited stay %s → %s. "
             "Whole cohort: A card %s → %s." % (
                 best, names[rs], verb, pct(b0["share_a_card"]), pct(f["share_a_card"]), d, spread,
                 pct(b0["share_unlimited_stay"]), pct(f["share_unlimited_stay"]),
                 pct(whole[baseline]["share_a_card"]), pct(whole[rs]["share_a_card"])))
        if abs(d) < 0.5:
            s = "%s changes no subgroup's share reaching the A card by 0.5 points or more (whole cohort: %s → %s)." % (
                names[rs][0].upper() + names[rs][1:], pct(whole[baseline]["share_a_card"]), pct(whole[rs]["share_a_card"]))
        lines.append("- " + s)
    return lines


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


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


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
                  readings, sweep, elapsed)
    return 0


def write_outputs(args, a, n, seeds, months, rule_sets, baseline, names, cases, facts, starts, out, tab, bands,
                  readings, sweep, elapsed):
    """Everything goes to a temporary directory first: an interrupted run leaves no half output."""
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".whatif-", dir=args.out)

    def at(name):
        return os.path.join(tmp, name)
    fact_keys = list(facts[0]) if facts else []
    cols = ["state", "closure_reason", "document", "days_with_document", "days_without_document",
            "first_document", "last_document", "a_card_from", "indefinite_from", "warnings", "error"]
    write_csv(at("cohort.csv"), ["case", "indications", "rule_set"] + fact_keys + cols,
              ([cases[out["case"][k]]["id"], starts[out["case"][k]].isoformat(), out["rule_set"][k]]
               + [facts[out["case"][k]][x] for x in fact_keys] + [cell(out[c][k]) for c in cols]
               for k in range(len(out["state"]))))
    summary = summarise(out, starts, rule_sets)
    groups = list(tab)
    write_csv(at("subgroups.csv"),
              ["subgroup", "rule_set", "cases", "share_a_card", "a_card_points_vs_baseline", "share_a_card_min",
               "share_a_card_max", "share_unlimited_stay", "unlimited_stay_points_vs_baseline",
               "median_days_to_a_card", "median_days_to_a_card_vs_baseline", "mean_days_without_document"],
              ([g, rs, f["cases"], f["share_a_card"], f["vs_baseline"]["a_card_points"],
                *(bands[g][rs]["share_a_card"] or [None, None]), f["share_unlimited_stay"],
                f["vs_baseline"]["unlimited_stay_points"], f["median_days_to_a_card"],
                f["vs_baseline"]["median_days_to_a_card"], f["mean_days_without_document"]]
               for g in groups for rs, f in tab[g].items()))
    write_csv(at("months.csv"), ["subgroup", "rule_set", "month", "share_holding_document", "min", "max"],
              ([g, rs, m, f["holding_by_month"][m], *(bands[g][rs]["holding_by_month"][m] or [None, None])]
               for g in groups for rs, f in tab[g].items() for m in range(months + 1)))
    if readings:
        write_csv(at("readings.csv"), ["parameter", "value", "share"] + list(PERSON_GROUPS) + ["basis"],
                  ([r["parameter"], r["value"], r["share"]] + [r[g] for g in PERSON_GROUPS] + [r["basis"]]
                   for r in readings))
    if sweep:
        write_csv(at("sweep.csv"), ["parameter", "value", "subgroup", "share_a_card", "share_unlimited_stay",
                                    "share_holding_document_month_12"],
                  ([sweep["parameter"], v, g, f["share_a_card"], f["share_unlimited_stay"],
                    f["holding_by_month"][min(12, months)]]
                   for v, by in sweep["by_value"].items() for g, f in by.items()))
    doc = {"assumptions": args.assumptions, "seed": a["seed"], "seeds": seeds, "cohort_size": n, "on": a["on"],
           "baseline": baseline, "names": names, "sejour61": sejour61.__version__, "seconds": round(elapsed, 3),
           "rule_sets": summary, "subgroups": tab, "bands": bands, "readings": readings,
           "sweep": None if not sweep else {"parameter": sweep["parameter"], "values": sweep["values"],
                                            "by_value": {str(v): by for v, by in sweep["by_value"].items()}}}
    with open(at("summary.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    shown = [g for g in groups if g != "whole cohort"]
    with open(at("summary.md"), "w") as f:
        f.write("# What-if: %d synthetic cases, %d seed%s, as of %s\n\n## Subgroup findings (against %s)\n\n"
                % (n, seeds, "s" if seeds > 1 else "", a["on"], names[baseline]))
        f.write("\n".join(findings(tab, bands, rule_sets, baseline, names, seeds)) + "\n\n")
        f.write("## By subgroup: share reaching the A card (points against %s)\n\n| subgroup | n | %s |\n|---|---|%s\n"
                % (names[baseline], " | ".join(names[rs] for rs in rule_sets), "---|" * len(rule_sets)))
        for g in groups:
            cells = []
            for rs in rule_sets:
                x = tab[g][rs]
                d = x["vs_baseline"]["a_card_points"]
                cells.append(pct(x["share_a_card"]) + ("" if rs == baseline or d is None else " (%+.0f)" % d))
            f.write("| %s | %d | %s |\n" % (g, tab[g][baseline]["cases"], " | ".join(cells)))
        if readings:
            f.write("\n## Contestable readings across the cohort\n\n| reading | cases whose outcome changes |\n|---|---|\n")
            for r in readings:
                f.write("| %s = %s | %.1f %% |\n" % (r["parameter"], r["value"], 100 * r["share"]))
        if sweep:
            f.write("\n## Sweep of %s (share reaching the A card)\n\n| value | %s |\n|---|%s\n"
                    % (sweep["parameter"], " | ".join(PERSON_GROUPS), "---|" * len(PERSON_GROUPS)))
            for v, by in sweep["by_value"].items():
                f.write("| %s | %s |\n" % (v, " | ".join(pct(by[g]["share_a_card"]) for g in PERSON_GROUPS)))
        f.write("\n## Whole cohort\n\n| rule set | A card | unlimited stay | median days to A card | median days to "
                "unlimited stay | mean days without a document | closures |\n|---|---|---|---|---|---|---|\n")
        for rs, s in summary.items():
            f.write("| %s | %.1f%% | %.1f%% | %s | %s | %.1f | %s |\n" % (
                rs, 100 * s["share_a_card"], 100 * s["share_unlimited_stay"], fmt(s["median_days_to_a_card"]),
                fmt(s["median_days_to_unlimited_stay"]), s["mean_days_without_document"],
                ", ".join("%s %d" % kv for kv in s["closures"].items())))
        f.write("\nCharts: subgroups.svg/.png, months.svg/.png%s%s; tables: subgroups.csv, months.csv%s%s. Month m of the "
                "charts is the day round(30.44 m) after the first indications.\n"
                % (", readings.svg/.png" if readings else "", ", sweep.svg/.png" if sweep else "",
                   ", readings.csv" if readings else "", ", sweep.csv" if sweep else ""))
    svg_chart(summary, at("chart.svg"))
    import charts  # matplotlib: imported only where charts are drawn
    charts.a_card_by_subgroup(tab, bands, rule_sets, names, shown, at("subgroups"), seeds)
    charts.holding_by_month(tab, bands, rule_sets, names, shown, at("months"), seeds)
    if readings:
        charts.readings(readings, at("readings"))
    if sweep:
        charts.sweep(sweep["parameter"], sweep["values"], sweep["by_value"], list(PERSON_GROUPS), at("sweep"),
                     min(12, months))
    for name in os.listdir(tmp):
        os.replace(at(name), os.path.join(args.out, name))
    os.rmdir(tmp)
    if not args.quiet:
        print("%d cases x %d rule sets x %d seeds evaluated in %.2f s; wrote %s/"
              % (n, len(rule_sets), seeds, elapsed, args.out))
        with open(os.path.join(args.out, "summary.md")) as f:
            sys.stdout.write(f.read())


if __name__ == "__main__":
    sys.exit(main())
