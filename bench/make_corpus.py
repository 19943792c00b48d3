#!/usr/bin/env python3
"""The benchmark corpus: seeded synthetic cases, one per line (JSON Lines).

Mixed on purpose, not one case in a loop: the cohort of
python/examples/assumptions.json (the what-if generator's people: adults and
minors, trafficking and smuggling, employers with immunity, every criminal
outcome), and for a share of them the follow-up a real file carries: the
documents recorded as issued, a prosecutor's opinion before each
consultation, and a withdrawal or a departure. Events are those of the case;
the mean per case is printed on standard error.

Usage: bench/make_corpus.py [--n 100000] [--seed 61] > corpus.jsonl
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python", "examples"))
from whatif import make_person  # noqa: E402  (the cohort generator; it imports sejour61 only to run)


def follow_up(rng, case):
    """Adds the events a followed case carries after the first ones."""
    ev = case["events"]
    contact = dt.date.fromisoformat(ev[1]["date"])
    if rng.random() < 0.6:
        ev.append({"date": ev[1]["date"], "type": "document_issued",
                   "document": rng.choice(["annex15", "oqt45"])})
    coop = [e for e in ev if e["type"] == "cooperation"]
    if coop and rng.random() < 0.7:
        d = dt.date.fromisoformat(coop[0]["date"]) + dt.timedelta(days=rng.randint(0, 5))
        ev.append({"date": d.isoformat(), "type": "document_issued", "document": "ai"})
    if coop and rng.random() < 0.5:
        d = contact
        for _ in range(rng.randint(1, 5)):
            d += dt.timedelta(days=rng.randint(150, 190))
            ev.append({"date": d.isoformat(), "type": "prosecutor_opinion", "by": "prosecutor", "victim": True,
                       "proceedings_ongoing": True, "cooperating": True})
    r = rng.random()
    if r < 0.05:
        ev.append({"date": (contact + dt.timedelta(days=rng.randint(20, 400))).isoformat(),
                   "type": "withdrawal_ground", "ground": "cooperation_stopped"})
    elif r < 0.08:
        ev.append({"date": (contact + dt.timedelta(days=rng.randint(20, 400))).isoformat(),
                   "type": "left_procedure", "reason": "voluntary_return"})
    ev.sort(key=lambda e: e["date"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=61)
    ap.add_argument("--assumptions", default=os.path.join(HERE, "..", "python", "examples", "assumptions.json"))
    args = ap.parse_args(argv)
    with open(args.assumptions) as f:
        a = json.load(f)
    rng = random.Random(args.seed)
    events = 0
    out = sys.stdout
    for i in range(args.n):
        case, _, _ = make_person(rng, a, i)
        if rng.random() < 0.6:
            follow_up(rng, case)
        events += len(case["events"])
        out.write(json.dumps(case, separators=(",", ":")) + "\n")
    print("corpus: %d cases, %.2f events per case (seed %d)" % (args.n, events / max(args.n, 1), args.seed),
          file=sys.stderr)


if __name__ == "__main__":
    main()
