"""Cohort figures by subgroup, over time and across seeds, from Rules.simulate.

The helpers next to ``sejour61.Rules.simulate`` that the what-if script
(whatif.py) uses and an analyst can call from a notebook:

  subgroups(people, groups, group_by)   boolean masks: unaccompanied minors,
                                        accompanied minors, adults, domestic
                                        workers of employers with immunity,
                                        nationality groups, any named column
  table(out, people, rule_sets, masks)  per subgroup and rule set: the share
                                        reaching the A card and unlimited stay,
                                        median days to each, days without a
                                        document, closures, and the share
                                        holding a document month by month
  against(table, baseline)              the same with the difference to the
                                        baseline rule set, in points and days
  band(tables)                          min-max of every figure over seeds
  readings_changed(out, ...)            share of cases whose outcome changes
                                        under each contestable reading

The engine decides every date; this module only counts. ``out`` is what
Rules.simulate returns: a dict of NumPy columns, which pandas takes as it is
(``pandas.DataFrame(out)``); pandas is not needed here.
"""
import numpy as np

# The columns of Rules.simulate that say what happened to a case: a reading of
# the law "changes the outcome" when one of them differs (procedure.md §8).
OUTCOME_COLUMNS = ("state", "closure_reason", "document", "document_until", "first_document", "last_document",
                   "a_card_from", "indefinite_from")

# Days from the first indications to "month m" of the charts: the mean month.
DAYS_PER_MONTH = 365.25 / 12


def subgroups(people, groups=None, group_by=()):
    """Boolean masks over people (a list of dicts of facts, one per case), in order.

    Always: the whole cohort, unaccompanied minors, accompanied minors, adults,
    domestic workers of employers with immunity. `groups` maps a nationality
    group's name to its nationality codes ({"West Africa": ["NG"]}). Each
    column of `group_by` (a key of the facts) adds one subgroup per value."""
    def mask(test):
        return np.array([bool(test(p)) for p in people], dtype=bool)
    out = {
        "whole cohort": np.ones(len(people), dtype=bool),
        "unaccompanied minors": mask(lambda p: p["minor"] and p["unaccompanied"]),
        "accompanied minors": mask(lambda p: p["minor"] and not p["unaccompanied"]),
        "adults": mask(lambda p: not p["minor"]),
        "domestic workers (employer immunity)": mask(lambda p: p["employer_immunity"]),
    }
    for name, codes in (groups or {}).items():
        out["nationality: " + name] = mask(lambda p, codes=set(codes): p["nationality"] in codes)
    for column in group_by:
        if people and column not in people[0]:
            raise KeyError("group_by: %r is not a column of the cohort (columns: %s)"
                           % (column, ", ".join(sorted(people[0]))))
        for value in sorted({p[column] for p in people}, key=str):
            out["%s = %s" % (column, value)] = mask(lambda p, column=column, value=value: p[column] == value)
    return out


def _rows_of(out, rule_sets, j):
    return np.arange(j, len(out["state"]), len(rule_sets))


def holding_by_month(out, rows, starts, months):
    """Share of the cases `rows` holding a residence document on each month 0..months after the
    first indications (the engine's first_document..last_document, which has no gap)."""
    first, last = out["first_document"][rows], out["last_document"][rows]
    start = starts[out["case"][rows]]
    held = ~np.isnat(first)
    shares = []
    for m in range(months + 1):
        day = start + np.timedelta64(int(round(m * DAYS_PER_MONTH)), "D")
        shares.append(float(np.mean(held & (first <= day) & (day <= last))) if len(rows) else None)
    return shares


def table(out, starts, rule_sets, masks, months=60):
    """{subgroup: {rule set: figures}}; `starts` are the first indications of the cases
    (datetime64[D] or dates), `masks` boolean arrays over the cases (subgroups())."""
    starts = np.asarray(starts, dtype="datetime64[D]")
    ok = np.array([e is None for e in out["error"]], dtype=bool)
    result = {}
    for name, m in masks.items():
        result[name] = {}
        for j, rs in enumerate(rule_sets):
            rows = _rows_of(out, rule_sets, j)
            rows = rows[m[out["case"][rows]] & ok[rows]]
            start = starts[out["case"][rows]]
            a_card, unlimited = out["a_card_from"][rows], out["indefinite_from"][rows]
            to_a = (a_card - start)[~np.isnat(a_card)].astype(int)
            to_b = (unlimited - start)[~np.isnat(unlimited)].astype(int)
            n = len(rows)
            closures = {}
            for r in out["closure_reason"][rows]:
                if r is not None:
                    closures[r] = closures.get(r, 0) + 1
            result[name][rs] = {
                "cases": n,
                "share_a_card": len(to_a) / n if n else None,
                "share_unlimited_stay": len(to_b) / n if n else None,
                "median_days_to_a_card": float(np.median(to_a)) if len(to_a) else None,
                "median_days_to_unlimited_stay": float(np.median(to_b)) if len(to_b) else None,
                "mean_days_without_document": float(out["days_without_document"][rows].mean()) if n else None,
                "closures": dict(sorted(closures.items())),
                "holding_by_month": holding_by_month(out, rows, starts, months),
            }
    return result


def _minus(a, b):
    return None if a is None or b is None else a - b


def against(tab, baseline):
    """The table with, for every rule set, its difference to `baseline`: shares in points
    (percentage points), medians in days."""
    out = {}
    for name, sets in tab.items():
        base = sets[baseline]
        out[name] = {}
        for rs, f in sets.items():
            g = dict(f)
            g["vs_baseline"] = {
                "a_card_points": None if _minus(f["share_a_card"], base["share_a_card"]) is None
                else 100 * (f["share_a_card"] - base["share_a_card"]),
                "unlimited_stay_points": None if _minus(f["share_unlimited_stay"], base["share_unlimited_stay"]) is None
                else 100 * (f["share_unlimited_stay"] - base["share_unlimited_stay"]),
                "median_days_to_a_card": _minus(f["median_days_to_a_card"], base["median_days_to_a_card"]),
                "mean_days_without_document": _minus(f["mean_days_without_document"], base["mean_days_without_document"]),
            }
            out[name][rs] = g
    return out


BANDED = ("share_a_card", "share_unlimited_stay", "median_days_to_a_card", "mean_days_without_document")


def band(tables):
    """{subgroup: {rule set: {figure: [min, max]}}} over the tables of several seeds, for the
    figures of BANDED and, month by month, the share holding a document."""
    out = {}
    for name, sets in tables[0].items():
        out[name] = {}
        for rs in sets:
            b = {}
            for key in BANDED:
                xs = [t[name][rs][key] for t in tables if t[name][rs][key] is not None]
                b[key] = [min(xs), max(xs)] if xs else None
            months = zip(*[t[name][rs]["holding_by_month"] for t in tables])
            b["holding_by_month"] = [[min(v), max(v)] if None not in v else None for v in months]
            out[name][rs] = b
    return out


def readings_of(description):
    """The contestable readings of the rule files (Rules.describe()): [(key, value, basis)],
    each once, in the order of the files."""
    seen, out = set(), []
    for regime in description["regimes"]:
        for key, p in sorted(regime["parameters"].items()):
            for alt in p.get("alternatives", []):
                token = (key, repr(alt["value"]))
                if token not in seen:
                    seen.add(token)
                    out.append((key, alt["value"], alt["basis"]))
    return out


def setting(key, value):
    """The +set: spec of a reading ("set:KEY=VALUE", the value as the engine reads it)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = str(value)
    return "set:%s=%s" % (key, text)


def changed(out, rule_sets, baseline, other):
    """Boolean per case: the outcome under rule set `other` differs from `baseline`
    (any of OUTCOME_COLUMNS)."""
    a, b = _rows_of(out, rule_sets, rule_sets.index(baseline)), _rows_of(out, rule_sets, rule_sets.index(other))
    diff = np.zeros(len(a), dtype=bool)
    for c in OUTCOME_COLUMNS:
        x, y = out[c][a], out[c][b]
        if x.dtype.kind == "M":
            diff |= ~((x == y) | (np.isnat(x) & np.isnat(y)))
        else:
            diff |= np.array([u != v for u, v in zip(x, y)], dtype=bool)
    return diff
