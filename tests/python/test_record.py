"""sejour61 record: validation against the case, atomic rewrite, .bak, 0600, lock, kill -9."""
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
RULES = os.path.join(ROOT, "rules")


def record(case, event, *extra):
    return subprocess.run([CLI, "record", str(case), "-", "--rules-dir", RULES, "--lang", "en", *extra],
                          input=json.dumps(event), capture_output=True, text=True)


def bare(events):
    """The events without the "recorded" stamp record writes on each (issue 12)."""
    return [{k: v for k, v in e.items() if k != "recorded"} for e in events]


# `case`: a copy of the example (conftest.py).


def test_records_in_date_order_with_a_backup(case):
    before = case.read_bytes()
    r = record(case, {"date": "2026-02-15", "type": "identity_established"}, "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    # The confirmation shows the case as it stands today, not as of the
    # back-dated event (issue 15): the same document as `status` without --on.
    today = subprocess.run([CLI, "status", str(case), "--rules-dir", RULES, "--json"], capture_output=True, text=True)
    assert doc["recorded"] is True
    expected = json.loads(today.stdout)
    assert doc["on"] == expected["on"] != "2026-02-15"
    assert doc["state"] == expected["state"] and doc["document"] == expected["document"]
    events = json.loads(case.read_text())["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert bare(events)[3] == {"date": "2026-02-15", "type": "identity_established"}
    assert set(events[3]["recorded"]) == {"at", "by"}
    assert (case.parent / "case.json.bak").read_bytes() == before
    for f in (case, case.parent / "case.json.bak"):
        assert stat.S_IMODE(os.stat(f).st_mode) == 0o600


NO_EFFECT = [
    ({"date": "2026-05-21", "type": "centre_contact", "centre": "x"}, "R-61/2-REFLECT", "a further centre contact"),
    ({"date": "2026-01-05", "type": "withdrawal_ground", "ground": "fraud"}, "R-WITHDRAW", "has no effect"),
    ({"date": "2026-03-01", "type": "document_issued", "document": "a_card"}, "R-DATE-RECORDED", "no effect"),
]


@pytest.mark.parametrize("event,rule,reason", NO_EFFECT)
def test_keeps_what_happened_with_a_notice(case, event, rule, reason):
    # interfaces.md §2: a valid event that changes nothing is recorded, exit 0,
    # with a notice naming the rule.
    r = record(case, event)
    assert r.returncode == 0, r.stderr
    assert "changes nothing in the procedure (%s)" % rule in r.stdout and reason in r.stdout
    assert event in bare(json.loads(case.read_text())["events"])
    r = record(case, event, "--json")  # recorded a second time, as a machine sees it
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["recorded"] is True and doc["no_effect"]["rule"] == rule and reason in doc["no_effect"]["message"]


@pytest.mark.parametrize("event,rule,reason", NO_EFFECT)
def test_strict_refuses_what_changes_nothing(case, event, rule, reason):
    before = case.read_bytes()
    r = record(case, event, "--strict")
    assert r.returncode == 1
    assert "refused (%s)" % rule in r.stderr and reason in r.stderr
    assert case.read_bytes() == before
    assert not (case.parent / "case.json.bak").exists()


def test_an_event_that_changes_something_has_no_notice(case):
    r = record(case, {"date": "2026-02-15", "type": "identity_established"}, "--json")
    assert r.returncode == 0, r.stderr
    assert "no_effect" not in json.loads(r.stdout)


def test_the_examples_of_the_contract_are_kept(tmp_path):
    # interfaces.md §2: a cooperation after the reflection lapsed, a conviction
    # during reflection, anything after closure.
    c = json.load(open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")))
    c["events"] = c["events"][:2]  # indications 2026-01-05, centre contact 2026-01-06: reflection to 2026-02-20
    p = tmp_path / "lapsed.json"
    p.write_text(json.dumps(c))
    r = record(p, {"date": "2026-01-20", "type": "conviction", "final": False})
    assert r.returncode == 0 and "(R-61/5-INDEF)" in r.stdout, r.stdout + r.stderr
    r = record(p, {"date": "2026-03-02", "type": "cooperation", "form": "complaint"})
    assert r.returncode == 0 and "(R-AFTER-CLOSE)" in r.stdout, r.stdout + r.stderr
    r = record(p, {"date": "2026-03-03", "type": "identity_established"})
    assert r.returncode == 0 and "(R-AFTER-CLOSE)" in r.stdout, r.stdout + r.stderr
    assert [e["type"] for e in json.loads(p.read_text())["events"]][2:] == [
        "conviction", "cooperation", "identity_established"]


def test_events_after_today_are_refused(case):
    before = case.read_bytes()
    r = record(case, {"date": "2099-01-01", "type": "identity_established"})
    assert r.returncode == 1
    assert "refused (R-ASOF)" in r.stderr and "after today" in r.stderr
    assert case.read_bytes() == before
    assert not (case.parent / "case.json.bak").exists()


def test_force_is_still_accepted(case):
    r = record(case, {"date": "2026-01-05", "type": "withdrawal_ground", "ground": "public_order"}, "--force")
    assert r.returncode == 0, r.stderr
    assert "public_order" in case.read_text()


def test_invalid_events_name_the_field(case):
    r = record(case, {"date": "2026-02-30", "type": "identity_established"})
    assert r.returncode == 1 and 'event.date: "2026-02-30" is not a calendar date' in r.stderr
    r = record(case, {"date": "2026-02-03", "type": "identity_established", "name": "x"})
    assert r.returncode == 1 and "event.name: unknown field" in r.stderr
    r = subprocess.run([CLI, "record", str(case), "-", "--rules-dir", RULES], input="{", capture_output=True, text=True)
    assert r.returncode == 1 and "malformed JSON" in r.stderr


def unstamped(text):
    doc = json.loads(text)
    doc["events"] = bare(doc["events"])
    return doc


def big_case(path, n=6000):
    c = json.load(open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")))
    c["events"] += [{"date": "2026-04-03", "type": "identity_established"}] * n
    path.write_text(json.dumps(c, indent=2))


def test_kill_9_mid_write_leaves_the_old_or_the_new_file(tmp_path):
    case = tmp_path / "big.json"
    big_case(case)
    old = case.read_bytes()
    event = {"date": "2026-04-10", "type": "identity_established"}
    # The new version, from an uninterrupted run on a copy.
    ref = tmp_path / "ref.json"
    shutil.copy(case, ref)
    t = time.perf_counter()
    assert record(ref, event).returncode == 0
    duration = time.perf_counter() - t
    new = ref.read_bytes()
    assert new != old
    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for _ in range(60):
        case.write_bytes(old)
        p = subprocess.Popen([CLI, "record", str(case), "-", "--rules-dir", RULES], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        p.stdin.write(json.dumps(event).encode())
        p.stdin.close()
        time.sleep(rng.uniform(0, duration * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = case.read_bytes()
        # The new version differs from the reference run only by its "recorded" stamp.
        assert now == old or unstamped(now) == unstamped(new), "a mix of the old and the new version"
        outcomes["old" if now == old else "new"] += 1
        for leftover in tmp_path.glob(".big.json.tmp.*"):
            leftover.unlink()
    assert outcomes["old"] > 0  # some kills landed before the rename


def test_concurrent_writers_do_not_lose_events(case):
    days = ["2026-02-%02d" % d for d in range(10, 18)]
    procs = [subprocess.Popen([CLI, "record", str(case), "-", "--rules-dir", RULES], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in days]
    for p, d in zip(procs, days):
        p.stdin.write(json.dumps({"date": d, "type": "identity_established"}).encode())
        p.stdin.close()
    for p in procs:
        assert p.wait() == 0, p.stderr.read()
    events = json.loads(case.read_text())["events"]
    assert sorted(e["date"] for e in events if e["type"] == "identity_established") == days + ["2026-03-10"]


def test_a_missing_case_file_leaves_no_lock_behind(tmp_path):
    missing = tmp_path / "missing.json"
    r = record(missing, {"date": "2026-02-15", "type": "identity_established"})
    assert r.returncode != 0 and "missing.json" in r.stderr
    assert sorted(os.listdir(tmp_path)) == []


def test_an_empty_case_asks_for_the_indications(tmp_path):
    c = json.load(open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")))
    c["events"] = []
    p = tmp_path / "empty.json"
    p.write_text(json.dumps(c))
    r = subprocess.run([CLI, "status", str(p), "--rules-dir", RULES], capture_output=True, text=True)
    assert r.returncode == 1
    assert "events: the case has not started: it has no indications event" in r.stderr, r.stderr
    assert "--on" not in r.stderr
