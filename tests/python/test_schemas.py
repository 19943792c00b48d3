"""Every input and output format against its JSON Schema (schemas/, draft
2020-12), with Debian's python3-jsonschema: the cases of tests/cases and
examples/, every JSON output recorded in tests/golden/outputs (all scenarios,
every command, three languages), error documents of the bad-input corpus,
check documents, and the rule files."""
import glob
import json
import os
import subprocess

import pytest

jsonschema = pytest.importorskip("jsonschema")  # listed in scripts/setup; skipped only where it is missing
from jsonschema import Draft202012Validator  # noqa: E402

import sejour61  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULES = os.path.join(ROOT, "rules")
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
BY_FORMAT = {
    "sejour61.case/1": "case", "sejour61.status/1": "status", "sejour61.timeline/1": "timeline",
    "sejour61.explain/1": "explain", "sejour61.next/1": "next", "sejour61.compare/1": "compare",
    "sejour61.check/1": "check", "sejour61.validate/1": "validate", "sejour61.error/1": "error",
    "sejour61.contest/1": "contest",
    "sejour61.rules/1": "rules-regime", "sejour61.reform/1": "rules-reform", "sejour61.manifest/1": "rules-manifest",
    "sejour61.messages/1": "rules-messages", "sejour61.rule-index/1": "rules-index", "sejour61.eu-eea/1": "rules-eu-eea",
}


def validator(name):
    with open(os.path.join(ROOT, "schemas", name + ".schema.json")) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


VALIDATORS = {}


def check(doc):
    name = BY_FORMAT[doc["format"]]
    if name not in VALIDATORS:
        VALIDATORS[name] = validator(name)
    errors = sorted(VALIDATORS[name].iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "%s: %s at %s" % (doc["format"], errors[0].message[:300], list(errors[0].path))


def json_outputs(text):
    """The --json documents of a golden file."""
    for part in text.split("### sejour61 ")[1:]:
        head, body = part.split("\n", 1)
        if "--json" in head.split():
            yield head, json.loads(body.split("### exit")[0].replace("sha256:<digest>", "sha256:" + "0" * 64)
                                   .replace('"engine": "<version>"', '"engine": "0.0.0"'))


def test_every_schema_is_valid_2020_12():
    for name in set(BY_FORMAT.values()):
        validator(name)


def test_every_case_file():
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "*.json")))
    for f in files:
        check(json.load(open(f))["case"])
    for f in glob.glob(os.path.join(ROOT, "examples", "*.json")):
        check(json.load(open(f)))
    assert len(files) >= 50


def test_every_recorded_output():
    n = 0
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "golden", "outputs", "*.txt"))):
        for head, doc in json_outputs(open(f).read()):
            check(doc)
            n += 1
    assert n > 1000, n


def test_error_documents_of_the_bad_corpus():
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "cases", "*.json")))
    errors = 0
    for f in files:
        r = subprocess.run([CLI, "status", f, "--on", "2026-03-01", "--rules-dir", RULES, "--json"],
                           capture_output=True)
        doc = json.loads(r.stdout)  # an error document, or a status where the file's fault is its query date
        check(doc)
        errors += doc["format"] == "sejour61.error/1"
    assert errors > 50


def test_check_documents():
    rules = sejour61.Rules(RULES)
    case = json.load(open(os.path.join(ROOT, "examples", "bxl-2026-0042.json")))
    for ev in ({"date": "2026-02-15", "type": "identity_established"},
               {"date": "2026-05-21", "type": "centre_contact", "centre": "x"},
               {"date": "2026-02-30", "type": "identity_established"}):
        check(rules.check_event(case, ev))


def test_rule_files():
    n = 0
    for f in glob.glob(os.path.join(RULES, "**", "*.json"), recursive=True):
        check(json.load(open(f)))
        n += 1
    assert n >= 10


def test_a_schema_refuses_what_the_contract_does_not_allow():
    doc = json.loads(subprocess.run([CLI, "status", os.path.join(ROOT, "examples", "bxl-2026-0042.json"),
                                     "--on", "2026-03-01", "--rules-dir", RULES, "--json"],
                                    capture_output=True, check=True).stdout)
    check(doc)
    for broken in ({**doc, "state": "pending"}, {**doc, "on": "1 March"}, {**doc, "extra": 1}):
        with pytest.raises(AssertionError):
            check(broken)
