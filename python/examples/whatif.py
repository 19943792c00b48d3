#!/usr/bin/env python3
"""Cohort what-if: the same synthetic victims under the law and under reforms.

Generates a synthetic cohort from stated assumptions (an editable JSON file),
evaluates every person under every rule set with sejour61.Rules.simulate (C++,
all cores), and writes to the output directory:

  cohort.csv    one row per person and rule set: the facts drawn and the outcome
  summary.json  per rule set: share reaching the A card and unlimited stay,
                median days from the indications to each, days without any
                document while the procedure runs, closures by reason
  summary.md    the same as a table for a policy note
  chart.svg     a chart comparing the rule sets

Usage (from the repository, after ./scripts/setup):
  PYTHONPATH=build/python python3 python/examples/whatif.py python/examples/assumptions.json --out whatif
"""
import argparse
import collections
import csv
import datetime as dt
import json
import os
import random
import statistics
import sys
import time

import numpy as np

import sejour61


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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assumptions", help="the assumptions file (JSON), e.g. python/examples/assumptions.json")
    ap.add_argument("--out", default="whatif", help="output directory (default: whatif)")
    ap.add_argument("--rules-dir", default=None, help="rule files (default: $SEJOUR61_RULES or the installed ones)")
    ap.add_argument("--size", type=int, default=None, help="override cohort_size")
    args = ap.parse_args(argv)
    with open(args.assumptions) as f:
        a = json.load(f)
    n = args.size or a["cohort_size"]
    rng = random.Random(a["seed"])
    cases, facts, starts = [], [], []
    for i in range(n):
        c, fx, s = make_person(rng, a, i)
        cases.append(c)
        facts.append(fx)
        starts.append(s)
    rules = sejour61.Rules(args.rules_dir)
    rule_sets = a["rule_sets"]
    t0 = time.perf_counter()
    out = rules.simulate(cases, rule_sets, on=a["on"])
    elapsed = time.perf_counter() - t0
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cohort.csv"), "w", newline="") as f:
        w = csv.writer(f)
        fact_keys = list(facts[0]) if facts else []
        cols = ["state", "closure_reason", "document", "days_with_document", "days_without_document",
                "first_document", "a_card_from", "indefinite_from", "warnings", "error"]
        w.writerow(["case", "indications", "rule_set"] + fact_keys + cols)
        for k in range(len(out["state"])):
            i = out["case"][k]
            w.writerow([cases[i]["id"], starts[i].isoformat(), out["rule_set"][k]]
                       + [facts[i][x] for x in fact_keys] + [cell(out[c][k]) for c in cols])
    summary = summarise(out, starts, rule_sets)
    doc = {"assumptions": args.assumptions, "seed": a["seed"], "cohort_size": n, "on": a["on"],
           "sejour61": sejour61.__version__, "seconds": round(elapsed, 3), "rule_sets": summary}
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("| rule set | A card | unlimited stay | median days to A card | median days to unlimited stay "
                "| mean days without a document | closures |\n|---|---|---|---|---|---|---|\n")
        for rs, s in summary.items():
            f.write("| %s | %.1f%% | %.1f%% | %s | %s | %.1f | %s |\n" % (
                rs, 100 * s["share_a_card"], 100 * s["share_unlimited_stay"], fmt(s["median_days_to_a_card"]),
                fmt(s["median_days_to_unlimited_stay"]), s["mean_days_without_document"],
                ", ".join("%s %d" % kv for kv in s["closures"].items())))
    svg_chart(summary, os.path.join(args.out, "chart.svg"))
    print("%d cases x %d rule sets evaluated in %.2f s; wrote %s/{cohort.csv,summary.json,summary.md,chart.svg}"
          % (n, len(rule_sets), elapsed, args.out))
    with open(os.path.join(args.out, "summary.md")) as f:
        sys.stdout.write(f.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
