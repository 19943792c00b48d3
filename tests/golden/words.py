#!/usr/bin/env python3
"""Every word in the reader's language (issue 12): the French and Dutch text
outputs of every scenario and example (status, timeline, next, explain: the
golden outputs, which golden.py keeps equal to what the CLI prints), the
`compare` of every example and `rules` (the regimes and reforms), must not
contain English words or internal names.

    tests/golden/words.py --cli build/sejour61 [--rules-dir rules]

Identifiers a person may look up stay as they are: rule ids (R-...), regime
and reform ids, parameter keys with their values in `explain` and `rules`,
case ids. Exit 1 with every offending line.
"""
import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# English words and phrases that have no place in French or Dutch output.
ENGLISH = [
    r"the", r"and", r"with", r"under", r"since", r"until", r"valid", r"holds", r"fails", r"unknown",
    r"secondary", r"interpretation", r"law", r"Judicial Code", r"Civil Code", r"Criminal Code",
    r"programme law", r"royal decree", r"Directive", r"action plan", r"proposal", r"query", r"must", r"may",
    r"none", r"prosecutor", r"complaint", r"statement", r"fraud", r"cooperation", r"identity", r"victim",
    r"issued", r"deadline", r"reflection", r"provisional", r"temporary", r"indefinite", r"closed",
    r"detected", r"withdrawn", r"conviction", r"requisitions", r"card", r"annex", r"days", r"months",
    r"January", r"February", r"March", r"April", r"June", r"July", r"August", r"September", r"October",
    r"November", r"December",
]
# Internal names: spec files, document ids, snake_case and time: events.
INTERNAL = [r"procedure\.md", r"sources\.md", r"annex15", r"a_card", r"b_card", r"oqt45", r"time:[a-z_]+",
            r"[a-z]+_[a-z_]+"]
# Dates are written out in text.
ISO = r"\d{4}-\d{2}-\d{2}"


def allowed_identifiers():
    """Rule, regime, reform and parameter ids and parameter values (and their alternatives) of the rule files."""
    ids = set()
    for path in glob.glob(os.path.join(ROOT, "rules", "*.json")) + glob.glob(os.path.join(ROOT, "rules", "reforms", "*.json")):
        with open(path) as f:
            d = json.load(f)
        if isinstance(d, dict):
            ids.add(str(d.get("id", "")))
            for k, p in (d.get("parameters") or {}).items():
                ids.add(k)
                if isinstance(p, dict) and isinstance(p.get("value"), str):
                    ids.add(p["value"])
                for a in (p.get("alternatives") or []) if isinstance(p, dict) else []:  # `contest`, `rules`
                    if isinstance(a.get("value"), str):
                        ids.add(a["value"])
    ids.discard("")
    return ids


def offending(text, ids):
    bad = []
    pattern = re.compile(r"\b(?:" + "|".join(ENGLISH + INTERNAL) + r")\b|" + ISO)
    for line in text.splitlines():
        # A parameter line of explain: "    key = value  [grade ; basis]": the key and value are ids.
        scan = re.sub(r"^\s+[a-z0-9_]+\.[a-z0-9_.]+ = \S+\s+", "", line)
        scan = re.sub(r"\bR-[A-Z0-9/-]+", "", scan)  # rule ids
        scan = re.sub(r"(?<![\w-])--[a-z][a-z-]*", "", scan)  # the CLI's options (--victim, --prosecutor-notice)
        # An error about a case file names the JSON path at fault and, for a
        # value not allowed there, the values the file format takes: the
        # format's own words (interfaces.md), as the file must hold them.
        m = re.match(r"^sejour61: ((?!--)[A-Za-z0-9_.\[\]]+) ?: (.*)$", scan)
        if m:
            scan = re.sub(r"(valeurs admises :|toegelaten waarden:|attendu : l'un de|verwacht: een van) .*", "", m.group(2))
        # What the reader typed, echoed between quotes (« 2026-02-30 »).
        scan = re.sub(r"«[^»]*»|‘[^’]*’", "", scan)
        scan = re.sub(r"\b[a-z-]+@\d{4}-\d{2}-\d{2}", "", scan)  # a reform with its in-force date, as typed
        for tok in sorted(ids, key=len, reverse=True):
            scan = scan.replace(tok, "")
        found = pattern.findall(scan)
        if found:
            bad.append((line, sorted(set(found))))
    return bad


def page_text(html_text):
    """What a reader of the report sees: the text of the page, without markup, styles or attributes."""
    t = re.sub(r"<(style|script)\b.*?</\1>", "", html_text, flags=re.S)
    t = re.sub(r"<title>.*?</title>", "", t, flags=re.S)  # SVG tooltips repeat the visible labels
    t = re.sub(r"<[^>]+>", "\n", t)
    return html.unescape(t)


def golden_blocks():
    for path in sorted(glob.glob(os.path.join(HERE, "outputs", "*.txt"))):
        with open(path) as f:
            text = f.read()
        parts = re.split(r"^### (sejour61 .*)$", text, flags=re.M)
        for i in range(1, len(parts), 2):
            cmd, body = parts[i], parts[i + 1]
            if "--json" in cmd or not re.search(r"--lang (fr|nl)\b", cmd) or cmd.startswith("### exit"):
                continue
            body = body.split("\n### exit")[0]
            if " report " in cmd:
                body = page_text(body)
            yield os.path.basename(path) + ": " + cmd, body


def compare_blocks(cli, rules_dir):
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.json"))):
        for lang in ("fr", "nl"):
            cmd = [cli, "compare", path, "--rules", "be-2007", "--rules", "be-2017", "--lang", lang, "--on", "2027-06-01"]
            if rules_dir:
                cmd += ["--rules-dir", rules_dir]
            r = subprocess.run(cmd, capture_output=True, text=True)
            yield " ".join(cmd[1:]), r.stdout + r.stderr


def rules_blocks(cli, rules_dir):
    """`sejour61 rules`: headings, dates, grades, titles and bases in the reader's language."""
    for lang in ("fr", "nl"):
        cmd = [cli, "rules", "--lang", lang]
        if rules_dir:
            cmd += ["--rules-dir", rules_dir]
        r = subprocess.run(cmd, capture_output=True, text=True)
        yield " ".join(cmd[1:]), r.stdout + r.stderr


GOOD = {"format": "sejour61.case/1", "id": "T-1", "person": {"birth_date": "1990-05-01", "nationality": "NG"},
        "offence": {"type": "trafficking"},
        "events": [{"date": "2026-01-05", "type": "indications", "by": "police"},
                   {"date": "2026-02-01", "type": "cooperation", "form": "complaint"}]}


def variant(change):
    d = json.loads(json.dumps(GOOD))
    change(d)
    return json.dumps(d)


# Case files a person may hand over, each wrong in one way (interfaces.md §1).
BAD_CASES = {
    "truncated": '{"format": "sejour61.case/1", "id": ',
    "trailing comma": '{"a": 1,}',
    "array": "[1 2]",
    "missing id": variant(lambda d: d.pop("id")),
    "empty id": variant(lambda d: d.update(id="")),
    "id a number": variant(lambda d: d.update(id=7)),
    "unknown field": variant(lambda d: d.update(extra=1)),
    "impossible date": variant(lambda d: d["person"].update(birth_date="1990-02-30")),
    "not a date": variant(lambda d: d["person"].update(birth_date="1 mai 1990")),
    "date out of range": variant(lambda d: d["person"].update(birth_date="1850-01-01")),
    "nationality": variant(lambda d: d["person"].update(nationality="Nigeria")),
    "unaccompanied a string": variant(lambda d: d["person"].update(unaccompanied="yes")),
    "offence": variant(lambda d: d["offence"].update(type="fraud")),
    "smuggling without circumstances": variant(lambda d: d["offence"].update(type="smuggling")),
    "circumstance 7": variant(lambda d: d["offence"].update(type="smuggling", aggravating=[7])),
    "circumstance twice": variant(lambda d: d["offence"].update(type="smuggling", aggravating=[1, 1])),
    "event type": variant(lambda d: d["events"][1].update(type="arrest")),
    "event value": variant(lambda d: d["events"][1].update(form="email")),
    "event before birth": variant(lambda d: d["events"][0].update(date="1980-01-01")),
    "event before the case": variant(lambda d: d["events"].insert(0, {"date": "2025-12-01", "type": "centre_contact",
                                                                       "centre": "Sürya"})),
    "no indications": variant(lambda d: d["events"].pop(0)),
    "key twice": '{"format": "sejour61.case/1", "format": "x"}',
    "events not an array": variant(lambda d: d.update(events={})),
    "recorded stamp": variant(lambda d: d["events"][1].update(recorded={"at": "yesterday", "by": "x"})),
}


def error_blocks(cli, rules_dir):
    """Errors, refusals and usage messages, and the outputs of the commands
    that are not in the goldens (validate, init, record, history, events, the
    help of init and record), in French and Dutch."""
    import tempfile
    tmp = tempfile.mkdtemp(prefix="sejour61-words-")
    good = os.path.join(tmp, "good.json")
    with open(good, "w") as f:
        json.dump(GOOD, f)
    runs = []
    for name, text in BAD_CASES.items():
        path = os.path.join(tmp, name.replace(" ", "-") + ".json")
        with open(path, "w") as f:
            f.write(text)
        runs += [["validate", path], ["status", path, "--on", "2026-03-01"]]
    runs += [
        ["validate", good], ["status", good, "--on", "2025-12-01"], ["status", good, "--on", "2026-02-30"],
        ["status", os.path.join(tmp, "missing.json")], ["status", tmp], ["status"], ["frobnicate"],
        ["status", good, "--frobnicate"], ["status", good, "--on"], ["status", good, "--rules", "be-1999"],
        ["status", good, "--reform", "none-such"], ["compare", good], ["graph", good], ["status", good, "--lang", "de"],
        ["status", good, "--set", "reflection.days=10"], ["status", good, "--set", "reflection.dayz=60"],
        ["status", good, "--set", "dates.month_convention=julian"], ["status", good, "--set", "reflection.days"],
        ["status", good, "--set", "indefinite.assume_granted=yes"], ["contest", good, "--on", "2026-03-01"],
        ["init", os.path.join(tmp, "new.json"), "--id", "N-1", "--birth-date", "2001-05-14", "--nationality", "NG",
         "--offence", "trafic", "--aggravating", "2,4", "--notes", "à suivre"],
        ["init", os.path.join(tmp, "new.json"), "--id", "N-1", "--birth-date", "2001-05-14", "--nationality", "NG",
         "--offence", "trafic", "--aggravating", "2"],
        ["init", os.path.join(tmp, "x.json"), "--id", "N-2", "--birth-date", "2001-02-30", "--nationality", "NG",
         "--offence", "traite"],
        ["init", os.path.join(tmp, "x.json"), "--id", "N-2", "--birth-date", "2001-02-03", "--nationality", "NG",
         "--offence", "trafic"],
        ["init", os.path.join(tmp, "x.json"), "--id", "N-2", "--birth-date", "2001-02-03", "--nationality", "NG",
         "--offence", "vol"],
        ["init", os.path.join(tmp, "x.json"), "--birth-date", "2001-02-03"],
        ["--help"], ["init", "--help"], ["record", "--help"], ["events"], ["events", "coopération"],
        ["record", good, "--type", "identity", "--date", "2026-02-10"],
        ["record", good, "--type", "identité établie", "--date", "2026-02-10", "--by", "greffe"],
        ["record", good, "--type", "coopération", "--date", "2099-01-01", "--form", "plainte"],
        ["record", good, "--type", "coopération", "--date", "2026-02-11", "--form", "courriel"],
        ["record", good, "--type", "coopération", "--date", "2026-02-11", "--victim", "oui"],
        ["record", good, "--amend", "9", "--type", "identité établie", "--date", "2026-02-10"],
        ["record", good, "--undo"], ["record", good, "--undo"], ["history", good],
    ]
    for lang in ("fr", "nl"):
        with open(good, "w") as f:  # each language from the same case
            json.dump(GOOD, f)
        for leftover in ("new.json", "good.json.journal", "good.json.bak"):
            if os.path.exists(os.path.join(tmp, leftover)):
                os.remove(os.path.join(tmp, leftover))
        for args in runs:
            cmd = [cli, *args, "--lang", lang] + (["--rules-dir", rules_dir] if rules_dir else [])
            r = subprocess.run(cmd, capture_output=True, text=True)
            # A path the reader gave is theirs, not ours.
            yield " ".join(cmd[1:]), (r.stdout + r.stderr).replace(tmp, "TMP")


def error_forms():
    """The English forms of the error messages, as written in the sources (say("...", ...))."""
    forms = set()
    for path in glob.glob(os.path.join(ROOT, "src", "**", "*.[ch]pp"), recursive=True):
        with open(path) as f:
            text = f.read()
        for m in re.finditer(r'\bsay\(((?:\s*"(?:[^"\\]|\\.)*"\s*)+)', text):
            forms.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))).replace('\\"', '"'))
    return forms


def missing_forms():
    """Each form must be in the "errors" table of fr.json and nl.json, with the same {arguments}."""
    bad = []
    for lang in ("fr", "nl"):
        with open(os.path.join(ROOT, "rules", "i18n", lang + ".json")) as f:
            table = json.load(f).get("errors", {})
        for form in sorted(error_forms()):
            if form not in table:
                bad.append("%s.json: no \"errors\" entry for %r" % (lang, form))
            elif set(re.findall(r"\{(\w+)\}", form)) != set(re.findall(r"\{(\w+)\}", table[form])):
                bad.append("%s.json: %r does not have the arguments of %r" % (lang, table[form], form))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--rules-dir")
    a = ap.parse_args()
    ids = allowed_identifiers()
    failures, blocks = 0, 0
    for name, text in list(golden_blocks()) + list(compare_blocks(a.cli, a.rules_dir)) + list(rules_blocks(a.cli, a.rules_dir)) + list(error_blocks(a.cli, a.rules_dir)):
        blocks += 1
        for line, words in offending(text, ids):
            failures += 1
            if failures <= 200:
                print(f"{name}\n    {line.strip()}\n    → {', '.join(words)}")
    for line in missing_forms():
        failures += 1
        print(line)
    print(f"words: {blocks} French and Dutch outputs read, {failures} lines with English or internal words")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
