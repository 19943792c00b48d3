"""record --amend / --undo / history: every change journaled (who, when, before, after),
0600, and a kill -9 at any moment never loses a version (issue 12)."""
import hashlib
import json
import os
import random
import signal
import stat
import subprocess
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
RULES = os.path.join(ROOT, "rules")


def run(*args, env=None, stdin=None):
    return subprocess.run([CLI, *map(str, args), "--rules-dir", RULES], input=stdin, capture_output=True, text=True,
                          env=env)


def journal(case):
    with open(str(case) + ".journal") as f:
        return [json.loads(line) for line in f]


def sha(path):
    return "sha256:" + hashlib.sha256(open(path, "rb").read()).hexdigest()


# `case`: a copy of the example (conftest.py).


def test_add_amend_undo_each_leave_a_journal_line_with_who_and_when(case):
    before_all = sha(case)
    r = run("record", case, "--type", "identite-etablie", "--date", "2026-02-15", "--by", "greffe-bxl")
    assert r.returncode == 0, r.stderr
    assert "recorded by greffe-bxl on " in r.stdout
    events = json.loads(case.read_text())["events"]
    # Inserted after the events dated on or before 2026-02-15: the fourth.
    assert events[3]["type"] == "identity_established" and events[3]["recorded"]["by"] == "greffe-bxl"
    stamp = events[3]["recorded"]["at"]
    assert stamp.endswith("Z") and stamp[10] == "T" and len(stamp) == 24
    # Amend event 3 (the cooperation of 2026-02-01): a statement, not a complaint.
    r = run("record", case, "--amend", "3", "--type", "cooperation", "--date", "2026-02-01", "--form", "verklaring",
            "--by", "parquet-bxl", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["change"] == "amend" and doc["position_before"] == 3 and doc["position_after"] == 3
    assert doc["by"] == "parquet-bxl" and doc["state"] is not None
    events = json.loads(case.read_text())["events"]
    assert events[2]["form"] == "statement" and events[2]["recorded"]["by"] == "parquet-bxl"
    # Undo: the last recorded event is the amended cooperation (the latest stamp).
    r = run("record", case, "--undo", "--by", "oe-agent")
    assert r.returncode == 0, r.stderr
    assert "event 3 removed" in r.stdout
    events = json.loads(case.read_text())["events"]
    assert [e["type"] for e in events] == ["indications", "centre_contact", "identity_established",
                                           "identity_established", "prosecutor_opinion"]
    lines = journal(case)
    assert [l["change"] for l in lines] == ["add", "amend", "undo"]
    assert [l["by"] for l in lines] == ["greffe-bxl", "parquet-bxl", "oe-agent"]
    assert lines[0]["before"] is None and lines[0]["position_after"] == 4
    assert lines[1]["before"] == {"date": "2026-02-01", "type": "cooperation", "form": "complaint"}
    assert lines[1]["after"]["form"] == "statement"
    assert lines[2]["before"] == lines[1]["after"] and lines[2]["after"] is None
    # The hashes chain from the file before the first change to the file now.
    assert lines[0]["case_before"] == before_all
    assert [l["case_before"] for l in lines[1:]] == [l["case_after"] for l in lines[:-1]]
    assert lines[-1]["case_after"] == sha(case)
    assert stat.S_IMODE(os.stat(str(case) + ".journal").st_mode) == 0o600
    # history, in French and as JSON.
    r = run("history", case, "--lang", "fr")
    assert r.returncode == 0, r.stderr
    assert "3 modifications" in r.stdout and "parquet-bxl : événement 3 rectifié" in r.stdout
    assert "(--form plainte)" in r.stdout  # the version before the amendment is shown, in the reader's words
    h = json.loads(run("history", case, "--json").stdout)
    assert h["format"] == "sejour61.history/1" and [c["applied"] for c in h["changes"]] == [True, True, True]
    assert [c["at"] for c in h["changes"]] == [l["at"] for l in lines]


def test_undo_and_amend_refuse_what_they_cannot_do(case):
    before = case.read_bytes()
    r = run("record", case, "--undo")
    assert r.returncode == 1 and 'no event carries a "recorded" stamp' in r.stderr
    r = run("record", case, "--amend", "9", "--type", "identity_established", "--date", "2026-02-15")
    assert r.returncode == 1 and "there is no event 9: the case has 5" in r.stderr
    r = run("record", case, "--amend", "zero", "--type", "identity_established", "--date", "2026-02-15")
    assert r.returncode == 2 and "--amend: needs the number of an event" in r.stderr
    r = run("record", case, "--undo", "--type", "identity_established")
    assert r.returncode == 2 and "--undo:" in r.stderr
    # Amending the indications away: the case would start with a centre contact (R-START).
    r = run("record", case, "--amend", "1", "--type", "identity_established", "--date", "2026-01-05")
    assert r.returncode == 1, r.stdout
    assert case.read_bytes() == before
    assert not os.path.exists(str(case) + ".journal")


def test_amend_moves_an_event_whose_date_changes(case):
    r = run("record", case, "--amend", "4", "--type", "identity_established", "--date", "2026-01-20")
    assert r.returncode == 0, r.stderr
    assert "event 4 replaced (now event 3)" in r.stdout
    events = json.loads(case.read_text())["events"]
    assert [e["date"] for e in events] == ["2026-01-05", "2026-01-06", "2026-01-20", "2026-02-01", "2026-04-02"]


def big_case(path, n=4000):
    c = json.load(open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")))
    c["events"] += [{"date": "2026-04-03", "type": "identity_established"}] * n
    path.write_text(json.dumps(c, indent=2))


AMEND = ["record", None, "--amend", "3", "--type", "cooperation", "--date", "2026-02-01", "--form", "statement",
         "--by", "killer-test"]


def check_after_kill(case, old, old_event, lines_before):
    """The case file is the old or the new version, and the journal holds every version."""
    now = case.read_bytes()
    doc = json.loads(now)  # always a valid document
    assert run("validate", case).returncode == 0
    lines = journal(case) if os.path.exists(str(case) + ".journal") else []
    new_lines = lines[lines_before:]
    if now == old:
        return "old", lines
    assert doc["events"][2]["form"] == "statement"
    amended = [l for l in new_lines if l["change"] == "amend"]
    assert amended, "the case was changed but the journal has no line for it"
    assert amended[-1]["before"] == old_event and amended[-1]["after"] == doc["events"][2]
    assert amended[-1]["case_after"] == sha(case)
    return "new", lines


def test_kill_9_at_every_step_of_an_amend(case):
    old = case.read_bytes()
    old_event = json.loads(old)["events"][2]
    for step in ("journal", "bak", "case"):
        case.write_bytes(old)
        for f in (str(case) + ".journal", str(case) + ".bak"):
            if os.path.exists(f):
                os.unlink(f)
        env = dict(os.environ, SEJOUR61_TEST_CRASH_AT=step)
        argv = list(AMEND)
        argv[1] = case
        r = run(*argv, env=env)
        assert r.returncode == -signal.SIGKILL, (step, r.returncode, r.stderr)
        outcome, lines = check_after_kill(case, old, old_event, 0)
        assert len(lines) == 1  # the journal is never behind: written before anything else
        assert outcome == ("new" if step == "case" else "old"), step
        h = json.loads(run("history", case, "--json").stdout)
        assert h["changes"][0]["applied"] is (step == "case"), step
        if step != "case":
            assert "not applied" in run("history", case).stdout
            # Done again, the amend goes through, and the interrupted line stays in the history.
            argv = list(AMEND)
            argv[1] = case
            assert run(*argv).returncode == 0
            h = json.loads(run("history", case, "--json").stdout)
            assert [c["applied"] for c in h["changes"]] == [False, True]


def test_kill_9_at_random_moments_of_amends_never_loses_a_version(tmp_path):
    case = tmp_path / "big.json"
    big_case(case)
    old = case.read_bytes()
    old_event = json.loads(old)["events"][2]
    argv = list(AMEND)
    argv[1] = case
    t = time.perf_counter()
    assert run(*argv).returncode == 0
    duration = time.perf_counter() - t
    rng = random.Random(12)
    outcomes = {"old": 0, "new": 0}
    for _ in range(60):
        case.write_bytes(old)
        lines_before = len(journal(case))
        p = subprocess.Popen([CLI, *map(str, argv), "--rules-dir", RULES], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.2))
        p.send_signal(signal.SIGKILL)
        p.wait()
        outcome, _ = check_after_kill(case, old, old_event, lines_before)
        outcomes[outcome] += 1
    assert outcomes["old"] > 0
    # Every line of the journal is whole or skipped as torn; history reads it.
    h = json.loads(run("history", case, "--json").stdout)
    assert len(h["changes"]) + h["torn_lines"] == sum(1 for _ in open(str(case) + ".journal"))


def test_a_torn_journal_line_is_skipped_and_the_next_starts_on_its_own_line(case):
    assert run("record", case, "--type", "identity_established", "--date", "2026-02-15").returncode == 0
    with open(str(case) + ".journal", "a") as f:
        f.write('{"format": "sejour61.journal/1", "change": "am')  # a writer killed mid-line
    assert run("record", case, "--type", "identity_established", "--date", "2026-02-16").returncode == 0
    h = json.loads(run("history", case, "--json").stdout)
    assert h["torn_lines"] == 1 and [c["change"] for c in h["changes"]] == ["add", "add"]
    assert [c["applied"] for c in h["changes"]] == [True, True]
    assert "1 line(s) of the journal cut short" in run("history", case).stdout


def test_a_case_edited_by_hand_between_changes_is_flagged(case):
    assert run("record", case, "--type", "identity_established", "--date", "2026-02-15").returncode == 0
    case.write_text(case.read_text().replace("pag-asa", "Payoke"))
    h = json.loads(run("history", case, "--json").stdout)
    assert h["changes"][0]["applied"] is None
    assert "changed by other means" in run("history", case).stdout


def test_the_python_face_reaches_the_same_operation(case):
    import sejour61
    rules = sejour61.Rules(RULES)
    doc = rules.record(case, {"date": "2026-02-15", "type": "identity_established"}, by="py-user")
    assert doc["recorded"] is True and doc["change"] == "add" and doc["by"] == "py-user"
    doc = rules.amend(case, 4, {"date": "2026-02-16", "type": "identity_established"}, by="py-user")
    assert doc["change"] == "amend" and doc["position_before"] == 4
    doc = rules.undo(case, by="py-undo")
    assert doc["change"] == "undo" and doc["position_before"] == 4
    h = sejour61.history(case)
    assert [(c["change"], c["by"]) for c in h["changes"]] == [("add", "py-user"), ("amend", "py-user"),
                                                               ("undo", "py-undo")]
    assert h["changes"][1]["before"]["date"] == "2026-02-15" and h["changes"][2]["before"]["date"] == "2026-02-16"
    with pytest.raises(sejour61.InputError):
        rules.record(case, {"date": "2026-02-15", "type": "identity_established",
                            "recorded": {"at": "2026-01-01T00:00:00Z", "by": "someone else"}})


def test_the_documents_follow_their_schemas(case):
    jsonschema = pytest.importorskip("jsonschema")

    def schema(name):
        return json.load(open(os.path.join(ROOT, "schemas", name + ".schema.json")))

    assert run("record", case, "--type", "identity_established", "--date", "2026-02-15", "--by", "a").returncode == 0
    assert run("record", case, "--amend", "4", "--type", "identity_established", "--date", "2026-02-16").returncode == 0
    assert run("record", case, "--undo").returncode == 0
    c = json.loads(case.read_text())
    c["references"] = {"prosecutor_notice": "BR.12.L1.004521/26", "oe_file": "9.876.543"}
    c["notes"] = "interprète : tigrinya"
    case.write_text(json.dumps(c))
    assert run("record", case, "--type", "identity_established", "--date", "2026-02-17").returncode == 0
    c = json.loads(case.read_text())
    assert c["references"]["oe_file"] == "9.876.543" and c["notes"] == "interprète : tigrinya"  # kept by record
    jsonschema.validate(c, schema("case"))
    for line in journal(case):
        jsonschema.validate(line, schema("journal-line"))
    jsonschema.validate(json.loads(run("history", case, "--json").stdout), schema("history"))
    for lang in ("en", "fr", "nl"):
        jsonschema.validate(json.loads(run("events", "--json", "--lang", lang).stdout), schema("events"))
