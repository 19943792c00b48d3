"""`sejour61 simulate`: JSON Lines in, one row per case and rule set out.

Expected values worked out by hand from procedure.md for the contract example
(examples/bxl-2026-0042.json): indications 2026-01-05 (1 day without a
document), the reflection document from the centre contact 2026-01-06 to
2026-01-31, the ai from the cooperation 2026-02-01 to 2026-05-01 (R-DATE-MONTHS,
1 Feb + 3 months), then on 2026-05-02 the A card (all four conditions hold by
then) to 2026-11-01 (R-DATE-CHAIN, 6 months).
"""
import csv
import io
import json
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
RULES = os.path.join(ROOT, "rules")
EX = os.path.join(ROOT, "examples", "bxl-2026-0042.json")
HEADER = ("index,case,rule_set,state,closure_reason,document,document_until,days_with_document,"
          "days_without_document,a_card_from,indefinite_from,warnings,error")


def run(args, stdin=None):
    return subprocess.run([CLI, *args, "--rules-dir", RULES], input=stdin, capture_output=True)


@pytest.fixture
def cases(tmp_path):
    with open(EX) as f:
        example = json.dumps(json.load(f))
    p = tmp_path / "cases.jsonl"
    # line 0: the example; 1: a case without person; 2: empty (skipped, still counted); 3: not JSON
    p.write_text(example + "\n" + '{"format": "sejour61.case/1", "id": "NO-PERSON"}\n' + "\n" + "not json, \"x\"\n")
    return p


def test_csv_rows_per_case_and_rule_set(cases):
    r = run(["simulate", str(cases), "--on", "2026-03-01", "--rules", "in-force", "--rules", "be-2007"])
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert lines[0] == HEADER
    assert lines[1] == "0,BXL-2026-0042,in-force,provisional,,ai,2026-05-01,55,1,,,0,"
    assert lines[2] == "0,BXL-2026-0042,be-2007,provisional,,ai,2026-05-01,55,1,,,0,"
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert [(x["index"], x["rule_set"]) for x in rows] == [
        ("0", "in-force"), ("0", "be-2007"), ("1", "in-force"), ("1", "be-2007"), ("3", "in-force"), ("3", "be-2007")]
    err = json.loads(rows[2]["error"])
    assert err == {"format": "sejour61.error/1", "code": "input", "message": "person: is required", "path": "person"}
    assert rows[2]["state"] == "" and rows[2]["days_with_document"] == ""
    assert json.loads(rows[4]["error"])["message"].startswith("malformed JSON at line 1, column 2")


def test_json_lines_and_a_reform_column(cases):
    r = run(["simulate", str(cases), "--on", "2026-06-01", "--reform", "mena-unconditional", "--json"])
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert rows[0] == {"index": 0, "case": "BXL-2026-0042", "rule_set": "in-force", "state": "temporary",
                       "closure_reason": None, "document": "a_card", "document_until": "2026-11-01",
                       "days_with_document": 147, "days_without_document": 1, "a_card_from": "2026-05-02",
                       "indefinite_from": None, "warnings": 0, "error": None}
    assert rows[1]["rule_set"] == "in-force+mena-unconditional" and rows[1]["state"] == "temporary"
    assert rows[2]["case"] is None and rows[2]["error"]["path"] == "person"
    assert len(rows) == 6


def test_standard_input_and_output_file(cases, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(["simulate", "-", "--on", "2026-03-01", "-o", str(out)], stdin=cases.read_bytes())
    assert r.returncode == 0, r.stderr
    assert r.stdout == b""
    assert b"3 rows (3 cases, 2 rows with an error)" in r.stderr
    assert out.read_text().splitlines()[1] == "0,BXL-2026-0042,in-force,provisional,,ai,2026-05-01,55,1,,,0,"
    assert not [p for p in os.listdir(tmp_path) if ".tmp." in p]


def test_an_unknown_rule_set_is_a_usage_error_and_writes_nothing(cases, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(["simulate", str(cases), "--rules", "be-1999", "-o", str(out)])
    assert r.returncode == 2 and b"be-1999" in r.stderr
    assert not out.exists() and os.listdir(tmp_path) == ["cases.jsonl"]


def test_a_link_is_not_written_through(cases, tmp_path):
    target = tmp_path / "elsewhere.csv"
    target.write_text("keep")
    link = tmp_path / "rows.csv"
    link.symlink_to(target)
    r = run(["simulate", str(cases), "-o", str(link)])
    assert r.returncode == 5 and target.read_text() == "keep"


def test_python_simulate_reads_json_lines_from_a_path_or_bytes(cases):
    import sejour61
    rules = sejour61.Rules(RULES)
    for source in (str(cases), cases, cases.read_bytes()):
        cols = rules.simulate(source, ["in-force", "be-2007"], on="2026-03-01")
        # lines 0, 1 and 3 (line 2 is empty): the same rows as the CLI
        assert cols["case"].tolist() == [0, 0, 1, 1, 3, 3]
        assert cols["rule_set"].tolist() == ["in-force", "be-2007"] * 3
        assert cols["state"][:2].tolist() == ["provisional", "provisional"]
        assert cols["days_with_document"][0] == 55 and cols["days_without_document"][0] == 1
        assert cols["state"][2] is None and "person" in cols["error"][2]
    with pytest.raises(sejour61.InputError, match="cases: cannot read"):
        rules.simulate(str(cases) + ".missing", ["in-force"], on="2026-03-01")


def test_python_progress_on_json_lines(tmp_path):
    import sejour61
    line = open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")).read().replace("\n", " ")
    path = tmp_path / "many.jsonl"
    path.write_text((line + "\n") * 40000)
    seen = []
    cols = sejour61.Rules(RULES).simulate(path, ["in-force"], on="2026-03-01",
                                         progress=lambda done, total: seen.append((done, total)))
    assert len(cols["case"]) == 40000 and cols["case"][-1] == 39999
    # after each chunk of 16 384 lines is written; no total for JSON Lines
    assert seen[-1] == (40000, None) and [d for d, _ in seen] == sorted(set(d for d, _ in seen))


def test_json_lines_rows_follow_their_schema(cases):
    jsonschema = pytest.importorskip("jsonschema")
    with open(os.path.join(ROOT, "schemas", "simulate-row.schema.json")) as f:
        schema = json.load(f)
    r = run(["simulate", str(cases), "--on", "2030-12-31", "--rules", "in-force", "--rules", "be-2007", "--json"])
    rows = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert len(rows) == 6
    for row in rows:
        jsonschema.validate(row, schema)
