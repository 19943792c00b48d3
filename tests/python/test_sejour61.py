"""The Python module: the same documents as the CLI, reforms, batch simulation."""
import json
import os
import subprocess
import threading

import numpy as np
import pytest

import sejour61

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULES = os.path.join(ROOT, "rules")
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))


def load(name):
    with open(os.path.join(ROOT, "examples", name)) as f:
        return json.load(f)


@pytest.fixture(scope="module")
def rules():
    return sejour61.Rules(RULES)


def cli_json(*args):
    out = subprocess.run([CLI, *args, "--json", "--rules-dir", RULES], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def test_version_matches_the_build():
    assert sejour61.__version__ == "0.1.0"
    assert sejour61.__doc__.startswith("sejour61")


def test_status_matches_the_contract_example(rules):
    s = rules.status(load("bxl-2026-0042.json"), on="2026-03-01")
    assert s["format"] == "sejour61.status/1"
    assert s["state"] == "provisional"
    assert s["document"] == {"id": "ai", "from": "2026-02-01", "until": "2026-05-01", "extensions": 0,
                             "first_issued": "2026-02-01", "regime": "be-2017"}
    assert [(d["id"], d["date"]) for d in s["deadlines"]] == [
        ("prosecutor-consultation", "2026-04-01"), ("document-end", "2026-05-01")]


@pytest.mark.parametrize("command", ["status", "timeline", "explain"])
def test_same_documents_as_the_cli(rules, command):
    path = os.path.join(ROOT, "examples", "bxl-2026-0042.json")
    mine = getattr(rules, command)(load("bxl-2026-0042.json"), on="2026-06-01")
    assert mine == cli_json(command, path, "--on", "2026-06-01")


def test_case_as_json_text(rules):
    with open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")) as f:
        text = f.read()
    assert rules.timeline(text, on="2026-06-01") == rules.timeline(json.loads(text), on="2026-06-01")


def test_compare_equals_the_cli(rules):
    path = os.path.join(ROOT, "examples", "mena-never-cooperates.json")
    mine = rules.compare(load("mena-never-cooperates.json"), ["in-force", "in-force+mena-unconditional"], on="2026-12-31")
    theirs = cli_json("compare", path, "--on", "2026-12-31", "--reform", "mena-unconditional")
    assert mine == theirs
    # Hand-worked: law 182 days with a document (6 Jan - 6 Jul 2026), reform 360 (6 Jan - 31 Dec).
    assert [c["days_with_document"] for c in mine["rule_sets"]] == [182, 360]
    assert mine["divergence"]["date"] == "2026-04-07"


def test_contest_equals_the_cli(rules):
    """Issue 11: the same sejour61.contest/1 from Python as from the CLI. Hand-worked (be-2017):
    an unaccompanied minor's first document is the ai from the centre contact on 6 Jan 2026
    (mena.first_document); under the other reading, a 3-month reflection from that day. The ai
    (6 Jan - 6 Apr) is extended once to 6 Jul; read with no extension (provisional.max_extensions
    = 0), the case closes on 7 Apr 2026."""
    path = os.path.join(ROOT, "examples", "mena-never-cooperates.json")
    mine = rules.contest(load("mena-never-cooperates.json"), on="2027-06-01")
    assert mine == cli_json("contest", path, "--on", "2027-06-01")
    got = [(r["parameter"], r["alternative"]["value"], r["first_divergence"]) for r in mine["readings"]]
    assert got == [("mena.first_document", "reflection_3m", "2026-01-06"),
                   ("provisional.max_extensions", 0, "2026-04-07")]
    assert mine["readings"][1]["at_divergence"]["alternative"]["state"] == "closed"
    assert rules.contest(load("bxl-2026-0042.json"), on="2027-06-01")["readings"] == []


def test_set_a_parameter_for_one_run(rules):
    """procedure.md §8 "Parametric reforms": cooperation 1 Feb 2026, an ai of 6 months instead of 3
    ends on 1 Aug 2026 (R-DATE-MONTHS); the setting is typed and named in the outcome."""
    case = load("bxl-2026-0042.json")
    s = rules.status(case, on="2026-03-01", reforms=["set:provisional.months=6"])
    assert s["document"]["until"] == "2026-08-01" and s["reforms"] == ["set:provisional.months=6"]
    c = rules.compare(case, ["in-force", "in-force+set:provisional.months=6"], on="2026-03-01")
    assert [r["document_until"] for r in c["rule_sets"]] == ["2026-05-01", "2026-08-01"]
    with pytest.raises(Exception, match="the value must be a whole number from 1 to 1200"):
        rules.status(case, on="2026-03-01", reforms=["set:provisional.months=0"])


def test_reform_differs_where_the_spec_says(rules):
    worker = load("diplomat-domestic-worker.json")
    law = rules.status(worker, on="2026-11-02")
    reform = rules.status(worker, on="2026-11-02", reforms=["diplomatic-labour-track"])
    assert (law["state"], law["closure_reason"]) == ("closed", "conditions_not_met")
    assert reform["state"] == "temporary"
    assert reform["document"]["until"] == "2027-05-01"
    assert reform["reforms"] == ["diplomatic-labour-track"]


def test_errors_raise_with_the_field(rules):
    bad = load("bxl-2026-0042.json")
    bad["events"][2]["date"] = "2026-02-30"
    with pytest.raises(sejour61.InputError, match=r'events\[2\]\.date: "2026-02-30" is not a calendar date'):
        rules.status(bad, on="2026-03-01")
    with pytest.raises(sejour61.InputError, match="has not started"):
        rules.status(load("bxl-2026-0042.json"), on="2026-01-04")
    with pytest.raises(sejour61.InputError, match="unknown reform"):
        rules.status(load("bxl-2026-0042.json"), on="2026-03-01", reforms=["nope"])
    with pytest.raises(sejour61.InputError, match="on"):
        rules.status(load("bxl-2026-0042.json"), on="2026-13-01")
    with pytest.raises(TypeError):
        rules.status(42, on="2026-03-01")
    with pytest.raises(sejour61.RulesError):
        sejour61.Rules("/nonexistent/rules")
    assert issubclass(sejour61.InputError, ValueError)


def test_validate():
    v = sejour61.validate(load("bxl-2026-0042.json"))
    assert v == {"format": "sejour61.validate/1", "case": "BXL-2026-0042", "valid": True, "events": 5,
                 "out_of_order": False}


def test_simulate_columns_agree_with_status(rules):
    cases = [load("bxl-2026-0042.json"), load("mena-never-cooperates.json"), load("diplomat-domestic-worker.json")]
    broken = dict(cases[0], id="BROKEN", events="nope")
    sets = ["in-force", "be-2007", "in-force+mena-unconditional"]
    out = rules.simulate(cases + [broken], sets, on="2026-12-31", threads=2)
    assert len(out["state"]) == 4 * 3
    assert out["case"].dtype == "int64" and out["case"][:6].tolist() == [0, 0, 0, 1, 1, 1]
    assert out["rule_set"][:3].tolist() == sets
    for k in range(9):
        i, rs = out["case"][k], out["rule_set"][k]
        spec = rs.split("+")
        s = rules.status(cases[i], on="2026-12-31", rules=None if spec[0] == "in-force" else spec[0],
                         reforms=spec[1:])
        assert out["state"][k] == s["state"]
        assert out["closure_reason"][k] == s["closure_reason"]
        assert out["document"][k] == (s["document"]["id"] if s["document"] else None)
    # MENA who never cooperates: law closed on 7 Jul 2026 (182 days), reform A card (360 days).
    assert out["days_with_document"][3] == 182 and out["days_with_document"][5] == 360
    assert out["a_card_from"].dtype == "datetime64[D]"
    assert out["a_card_from"][5] == np.datetime64("2026-04-07") and np.isnat(out["a_card_from"][3])
    # By hand (R-61/4-A, R-61/4-RENEW, R-DATE-MONTHS, 6-month A card): under the reform the first A card
    # covers 7 Apr 2026 - 6 Oct 2026; renewed from 7 Oct 2026 for 6 months: last day 6 Apr 2027.
    assert str(out["document_until"][5]) == "2027-04-06"
    assert out["error"][9].startswith("events: must be an array") and out["error_code"][9] == "input"
    assert out["state"][9] is None and out["error"][8] is None and out["error_code"][8] is None


def test_simulate_columns_make_a_dataframe_and_report_progress(rules):
    pd = pytest.importorskip("pandas")
    cases = [load("bxl-2026-0042.json")] * 40000 + [load("mena-never-cooperates.json")]
    seen = []
    out = rules.simulate(cases, ["in-force", "in-force+mena-unconditional"], on="2026-12-31",
                         progress=lambda done, total: seen.append((done, total)))
    # after each chunk of 16 384 cases, and at the end
    assert seen[-1] == (40001, 40001) and all(t == 40001 for _, t in seen)
    assert [d for d, _ in seen] == sorted(set(d for d, _ in seen))
    df = pd.DataFrame(out, copy=False)
    assert np.shares_memory(df["days_with_document"].to_numpy(), out["days_with_document"])  # no copy
    assert len(df) == 80002 and (df["state"] == "temporary").sum() == 80001  # all but the MENA under the law
    last = df[df["case"] == 40000].set_index("rule_set")
    assert last.loc["in-force", "closure_reason"] == "conditions_not_met"
    assert last.loc["in-force+mena-unconditional", "a_card_from"] == pd.Timestamp("2026-04-07")


def test_simulate_progress_errors_stop_the_batch(rules):
    def boom(done, total):
        raise RuntimeError("stop here")
    with pytest.raises(RuntimeError, match="stop here"):
        rules.simulate([load("bxl-2026-0042.json")] * 40000, ["in-force"], on="2026-12-31", progress=boom)
    with pytest.raises(TypeError, match="progress: must be a callable"):
        rules.simulate([load("bxl-2026-0042.json")], ["in-force"], on="2026-12-31", progress=3)


def test_simulate_releases_the_gil(rules):
    # Another Python thread makes progress while simulate runs in C++ (enough cases for the
    # call to last a good fraction of a second even when the batch is fast and the machine loaded).
    cases = [load("bxl-2026-0042.json")] * 150000
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    rules.simulate(cases, ["in-force"], on="2026-12-31")
    done.set()
    t.join()
    assert len(ticks) > 5


def test_messages_in_french_and_dutch(rules):
    worker = load("diplomat-domestic-worker.json")
    fr = rules.status(worker, on="2026-11-02", lang="fr")
    assert fr["warnings"][0]["message"].startswith("les poursuites pénales sont impossibles")
    nl = rules.explain(worker, on="2026-06-01", lang="nl")
    assert nl["decisions"][0]["message"] == "4 gebeurtenissen na 1 juni 2026 worden niet in aanmerking genomen"
    assert nl["decisions"][1]["message"] == "aanwijzingen gemeld; het dossier komt in aanmerking (mensenhandel)"
    with pytest.raises(sejour61.InputError):
        rules.status(worker, on="2026-11-02", lang="de")


def test_the_rule_directory_is_reported(rules, monkeypatch):
    assert rules.rules_dir == RULES
    # By default, in the build tree: build/share/sejour61/rules, the checkout's rules.
    monkeypatch.delenv("SEJOUR61_RULES", raising=False)
    assert os.path.realpath(sejour61.Rules().rules_dir) == os.path.realpath(RULES)
    monkeypatch.setenv("SEJOUR61_RULES", "/nonexistent/rules")
    with pytest.raises(sejour61.RulesError, match="/nonexistent/rules"):
        sejour61.Rules()


# ---- Issue 9: every command from Python, the same documents as the CLI.
def test_next_is_the_cli_document(rules):
    case = load("bxl-2026-0042.json")
    doc = rules.next(case, on="2026-03-01", lang="fr")
    cli = cli_json("next", os.path.join(ROOT, "examples", "bxl-2026-0042.json"), "--on", "2026-03-01", "--lang", "fr")
    assert doc == cli
    first = doc["steps"][0]
    assert first["id"] == "consult-prosecutor" and first["by"] == "2026-04-01" and first["overdue"] is False
    assert first["consequence"]["kind"] == "extension" and first["consequence"]["date"] == "2026-05-02"


def test_check_event_and_record(rules, tmp_path):
    case = load("bxl-2026-0042.json")
    ok = rules.check_event(case, {"date": "2026-02-15", "type": "identity_established"})
    assert ok["format"] == "sejour61.check/1" and ok["verdict"] == "accepted" and ok["rule"] is None
    none = rules.check_event(case, {"date": "2026-05-21", "type": "centre_contact", "centre": "x"})
    assert none["verdict"] == "no_effect" and none["rule"] == "R-61/2-REFLECT"
    bad = rules.check_event(case, {"date": "2026-02-30", "type": "identity_established"})
    assert bad["verdict"] == "refused" and bad["path"] == "event.date"
    p = tmp_path / "case.json"
    p.write_text(json.dumps(case))
    doc = rules.record(p, {"date": "2026-05-21", "type": "centre_contact", "centre": "x"})
    assert doc["recorded"] is True and doc["no_effect"]["rule"] == "R-61/2-REFLECT"
    assert json.loads(p.read_text())["events"][-1]["type"] == "centre_contact"
    with pytest.raises(sejour61.InputError) as e:
        rules.record(str(p), {"date": "2026-05-22", "type": "centre_contact", "centre": "x"}, strict=True)
    assert e.value.code == "refused" and e.value.rule == "R-61/2-REFLECT" and e.value.path == "event"


def test_report_is_html(rules):
    html = rules.report(load("bxl-2026-0042.json"), on="2026-03-01", lang="nl")
    assert html.startswith("<!DOCTYPE html>") and "2026-05-01" in html


def test_input_error_carries_path_and_code(rules):
    bad = load("bxl-2026-0042.json")
    bad["events"][2]["date"] = "2026-02-30"
    with pytest.raises(sejour61.InputError) as e:
        rules.status(bad, on="2026-03-01")
    assert e.value.path == "events[2].date" and e.value.code == "input"
    with pytest.raises(sejour61.InputError) as e:
        rules.status(load("bxl-2026-0042.json"), on="2026-03-01", reforms=["nope"])
    assert e.value.code == "usage"


def test_report_steps_use_the_words_of_next(rules):
    # The report renders steps with next's one rendering (step_words): the decided
    # step's reason is filled in, nobody "may" it, and an overdue date is marked.
    with open(os.path.join(ROOT, "tests", "cases", "55-next-opinion-denies-victim-status.json")) as f:
        case = json.load(f)["case"]
    html = rules.report(case, on="2026-04-15", lang="fr")
    assert "{because}" not in html and "Personne — peut" not in html
    assert "la procédure est clôturée le 2 mai 2026 (R-61/4-A)" in html
    # The opinion of 1 March answers the consultation (review item 3): nothing is overdue.
    assert 'class="overdue"' not in html and "DÉLAI DÉPASSÉ" not in html
    # Scenario 08: no opinion at all, the consultation of 1 July is overdue on 1 August.
    with open(os.path.join(ROOT, "tests", "cases", "08-extension-exhausted.json")) as f:
        case = json.load(f)["case"]
    html = rules.report(case, on="2026-08-01", lang="fr")
    assert 'class="overdue"' in html and "DÉLAI DÉPASSÉ" in html
    assert "la procédure est clôturée le 2 août 2026 (R-61/3-EXHAUSTED)" in html
