"""The cohort helpers (python/examples/cohort.py) and the what-if script: subgroups on a small
cohort worked out by hand, sweeps, readings, progress and cancellation, pandas."""
import datetime as dt
import json
import os
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "python", "examples"))

import cohort  # noqa: E402
import sejour61  # noqa: E402
import whatif  # noqa: E402

RULES = os.path.join(ROOT, "rules")
LAW, MENA, RWC = "in-force", "in-force+mena-unconditional", "in-force+residence-without-cooperation"
START = dt.date(2026, 1, 5)


def case(cid, birth, unaccompanied, events):
    base = [{"date": "2026-01-05", "type": "indications", "by": "police"},
            {"date": "2026-01-06", "type": "centre_contact", "centre": "PAG-ASA"}]
    return {"format": "sejour61.case/1", "id": cid,
            "person": {"birth_date": birth, "nationality": "NG", "unaccompanied": unaccompanied},
            "offence": {"type": "trafficking"}, "events": base + events}


IDENTITY = {"date": "2026-02-01", "type": "identity_established"}
# Four people, worked out by hand (R-DATE-MONTHS, R-DATE-DAYS, procedure.md §8):
#  U1 unaccompanied minor, identity: law ai 6 Jan-6 Apr, extension 7 Apr-6 Jul, closed 7 Jul
#     (exhausted); mena-unconditional and residence-without-cooperation: A card from 7 Apr
#     (conditions 2 and 3 waived), 92 days after the indications of 5 Jan.
#  U2 unaccompanied minor, no identity: ai, extension, closed 7 Jul under all three.
#  A1 adult, cooperates 20 Jan, identity, opinion: ai 20 Jan-20 Apr, A card from 21 Apr (106 days).
#  A2 adult, identity, no cooperation: reflection 6 Jan-20 Feb (Fri); law: closed 21 Feb;
#     residence-without-cooperation: ai 21 Feb-20 May, A card from 21 May (136 days).
PEOPLE = [
    (case("U1", "2010-01-01", True, [IDENTITY]), {"minor": True, "unaccompanied": True}),
    (case("U2", "2010-06-01", True, []), {"minor": True, "unaccompanied": True}),
    (case("A1", "1990-01-01", False, [
        {"date": "2026-01-20", "type": "cooperation", "form": "complaint"}, IDENTITY,
        {"date": "2026-03-15", "type": "prosecutor_opinion", "by": "prosecutor", "victim": True,
         "proceedings_ongoing": True, "cooperating": True}]), {"minor": False, "unaccompanied": False}),
    (case("A2", "1985-01-01", False, [IDENTITY]), {"minor": False, "unaccompanied": False}),
]


@pytest.fixture(scope="module")
def small():
    cases = [c for c, _ in PEOPLE]
    facts = [dict(f, employer_immunity=False, nationality="NG", smuggling=False) for _, f in PEOPLE]
    rule_sets = [LAW, MENA, RWC]
    out = sejour61.Rules(RULES).simulate(cases, rule_sets, on="2026-12-31")
    masks = cohort.subgroups(facts, {"West Africa": ["NG"]}, ["unaccompanied"])
    tab = cohort.against(cohort.table(out, [START] * 4, rule_sets, masks, months=8), LAW)
    return out, tab, rule_sets


def test_subgroups_against_the_baseline_by_hand(small):
    _, tab, _ = small
    um, ad = tab["unaccompanied minors"], tab["adults"]
    assert um[LAW]["cases"] == 2 and ad[LAW]["cases"] == 2 and tab["accompanied minors"][LAW]["cases"] == 0
    assert um[LAW]["share_a_card"] == 0.0
    assert um[MENA]["share_a_card"] == 0.5 and um[MENA]["median_days_to_a_card"] == 92
    assert um[MENA]["vs_baseline"]["a_card_points"] == 50
    assert um[MENA]["vs_baseline"]["median_days_to_a_card"] is None  # no A card under the law
    assert um[RWC]["share_a_card"] == 0.5
    assert ad[LAW]["share_a_card"] == 0.5 and ad[LAW]["median_days_to_a_card"] == 106
    assert ad[MENA]["vs_baseline"]["a_card_points"] == 0
    assert ad[RWC]["share_a_card"] == 1.0 and ad[RWC]["median_days_to_a_card"] == 121  # 106 and 136
    assert ad[RWC]["vs_baseline"]["median_days_to_a_card"] == 15
    assert ad[LAW]["closures"] == {"reflection_lapsed": 1}
    assert um[LAW]["closures"] == {"conditions_not_met": 2}
    assert tab["whole cohort"][LAW]["mean_days_without_document"] == 1.0  # the day of the indications
    # Named groups: a nationality group and each value of a --group-by column.
    assert tab["nationality: West Africa"][LAW]["cases"] == 4
    assert tab["unaccompanied = True"][MENA]["share_a_card"] == 0.5


def test_share_holding_a_document_month_by_month_by_hand(small):
    _, tab, _ = small
    w = tab["whole cohort"]
    # Month 0 = 5 Jan (no document before the contact of 6 Jan); month 2 = 7 Mar; month 7 = 6 Aug.
    assert w[LAW]["holding_by_month"][0] == 0.0
    assert w[LAW]["holding_by_month"][2] == 0.75   # A2 closed on 21 Feb
    assert w[RWC]["holding_by_month"][2] == 1.0    # A2 holds the ai from 21 Feb
    assert w[LAW]["holding_by_month"][7] == 0.25   # U1, U2 closed 7 Jul; only A1
    assert w[MENA]["holding_by_month"][7] == 0.5   # U1 holds the A card
    assert w[RWC]["holding_by_month"][7] == 0.75   # U1, A1, A2


def test_bands_over_seeds_and_readings(small):
    out, tab, rule_sets = small
    b = cohort.band([tab, tab])
    assert b["adults"][RWC]["share_a_card"] == [1.0, 1.0]
    assert b["whole cohort"][LAW]["holding_by_month"][2] == [0.75, 0.75]
    assert cohort.setting("reflection.working_day_rollover", False) == "set:reflection.working_day_rollover=false"
    # U1 and A2 reach the A card only under the reform; U2 is closed alike; A1's 12-month card
    # ends on 20 Apr 2027 like the law's renewed 6-month card: on 31 Dec 2026 nothing differs.
    assert cohort.changed(out, rule_sets, LAW, RWC).tolist() == [True, False, False, True]
    readings = cohort.readings_of(sejour61.Rules(RULES).describe())
    assert ("dates.month_convention", "same-day-clamped") in [(k, v) for k, v, _ in readings]


def test_pandas_takes_simulate_as_it_is(small):
    pd = pytest.importorskip("pandas")
    out, _, _ = small
    df = pd.DataFrame(out)
    assert len(df) == 12 and str(df["a_card_from"].dtype).startswith("datetime64")
    row = df[(df["case"] == 3) & (df["rule_set"] == RWC)].iloc[0]
    assert str(row["a_card_from"].date()) == "2026-05-21" and str(row["last_document"].date()) == "2026-12-31"


def test_cancellation_through_the_progress_callback():
    lines = b"".join(json.dumps(c).encode() + b"\n" for c, _ in PEOPLE) * 50000  # 200 000 cases, JSON Lines
    calls = []

    def stop(done, total):
        calls.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sejour61.Rules(RULES).simulate(lines, [LAW, RWC], on="2026-12-31", progress=stop)
    assert len(calls) == 1 and calls[0] < 200000  # stopped at the first report, long before the end


def test_script_subgroups_sweep_readings_and_interrupt(tmp_path, monkeypatch):
    out = tmp_path / "w"
    args = [os.path.join(ROOT, "python", "examples", "assumptions.json"), "--out", str(out), "--rules-dir", RULES,
            "--size", "1500", "--seeds", "2", "--group-by", "smuggling", "--sweep", "reflection.days=30,60", "--quiet"]
    assert whatif.main(args) == 0
    summary = (out / "summary.md").read_text().splitlines()
    assert summary[2] == "## Subgroup findings (against law in force)"
    assert summary[4].startswith("- For unaccompanied minors, proposal 10 (mena-unconditional) raises the share")
    assert any("domestic workers (employer immunity), proposal 12 (diplomatic-labour-track)" in l for l in summary[4:9])
    assert any(l.startswith("- For ") and ", residence-without-cooperation raises" in l for l in summary[4:9])
    doc = json.loads((out / "summary.json").read_text())
    assert doc["sweep"]["values"] == [30, 60] and set(doc["sweep"]["by_value"]) == {"30", "60"}
    assert "smuggling = True" in doc["subgroups"]
    assert doc["readings"] and all(0 <= r["share"] <= 1 for r in doc["readings"])
    for name in ("subgroups", "months", "readings", "sweep"):
        assert (out / (name + ".svg")).stat().st_size > 0 and (out / (name + ".png")).stat().st_size > 0
    # Ctrl-C during the run: exit 130, nothing written.
    real = sejour61.Rules.simulate

    def interrupted(self, *a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(sejour61.Rules, "simulate", interrupted)
    empty = tmp_path / "x"
    assert whatif.main(args[:2] + [str(empty)] + args[3:]) == 130
    assert not empty.exists() or not any(empty.iterdir())
    monkeypatch.setattr(sejour61.Rules, "simulate", real)
