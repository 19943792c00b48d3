"""The outputs of the what-if script (whatif.py): summary.md with the subgroup findings in plain
words first, the CSV tables, summary.json, and the charts (charts.py). Only writing here: the
figures come from cohort.py, the dates from the engine."""
import csv
import json
import os
import sys
import tempfile

import numpy as np

import sejour61

def fmt(x):
    return "-" if x is None else "%g" % x


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


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def write_outputs(args, a, n, seeds, months, rule_sets, baseline, names, cases, facts, starts, out, tab, bands,
                  readings, sweep, elapsed, summary):
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
