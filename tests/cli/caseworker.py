#!/usr/bin/env python3
"""From an empty case to a printed case sheet, as a caseworker does it, in
French and in Dutch, without writing JSON or reading English (issue 12):

  sejour61 init    the case file by flags (French or Dutch words for values)
  sejour61 record  each event by flags (--type indices, --form plainte, ...)
  sejour61 next    what follows, in the reader's language
  sejour61 report  the A4 sheet, printed to PDF by headless Chromium

The dates are worked by hand from procedure.md: indications on 2 March 2026,
contact with a centre on 3 March, a complaint on 20 March 2026 (R-61/3-AI:
the 3-month document from the cooperation; R-DATE-MONTHS, quantième: 20 March
+ 3 months ends on 20 June 2026, as the example of interfaces.md §3 ends the
document of 1 February on 1 May), so the prosecutor is consulted at the latest
one month before, on 20 May 2026 (prosecutor_consultation.months_before = 1).

    tests/cli/caseworker.py --cli build/sejour61 [--rules-dir rules] [--keep DIR]
"""
import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "report"))
sys.path.insert(0, os.path.join(ROOT, "tests", "golden"))
import report_pdf  # noqa: E402  (printing and reading back the sheet)
import words  # noqa: E402  (the English and internal words a French or Dutch reader must not see)

# (lang, init flags, the events by flags, words the sheet must show)
FLOWS = {
    "fr": {
        "init": ["--id", "BXL-2026-0107", "--birth-date", "1998-09-12", "--nationality", "ng", "--offence", "traite",
                 "--prosecutor-notice", "BR.55.L1.004711/26", "--oe-file", "8812345", "--centre-file", "PAG-2026-031",
                 "--notes", "Interprète : anglais (pidgin)"],
        "events": [["--type", "indices", "--date", "2026-03-02", "--authority", "police"],
                   ["--type", "contact-centre", "--date", "2026-03-03", "--centre", "PAG-ASA"],
                   ["--type", "coopération", "--date", "2026-03-20", "--form", "plainte"],
                   ["--type", "identité établie", "--date", "2026-04-01"]],
        "sheet": ["BXL-2026-0107", "BR.55.L1.004711/26", "8812345", "PAG-2026-031", "Interprète", "20 juin 2026",
                  "20 mai 2026", "12 septembre 1998"],
        "next": ["20 mai 2026", "20 juin 2026"],
    },
    "nl": {
        "init": ["--id", "ANT-2026-0031", "--birth-date", "2002-01-31", "--nationality", "AL", "--offence", "mensenhandel",
                 "--prosecutor-notice", "AN.37.L2.000815/26", "--oe-file", "9123456", "--centre-file", "PAY-26-014"],
        "events": [["--type", "aanwijzingen", "--date", "2026-03-02", "--authority", "inspectie"],
                   ["--type", "contact_centrum", "--date", "2026-03-03", "--centre", "Payoke"],
                   ["--type", "medewerking", "--date", "2026-03-20", "--form", "klacht"],
                   ["--type", "identiteit_vastgesteld", "--date", "2026-04-01"]],
        "sheet": ["ANT-2026-0031", "AN.37.L2.000815/26", "9123456", "PAY-26-014", "20 juni 2026", "20 mei 2026",
                  "31 januari 2002"],
        "next": ["20 mei 2026", "20 juni 2026"],
    },
}
ON = "2026-04-15"


def run(cli, rules_dir, args):
    cmd = [cli, *args] + (["--rules-dir", rules_dir] if rules_dir else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr, " ".join(args)


def english_in(text, ids):
    return ["%s → %s" % (line.strip(), ", ".join(w)) for line, w in words.offending(text, ids)]


def flow(lang, f, cli, rules_dir, chromium, tmp, ids):
    bad = []
    case = os.path.join(tmp, "dossier-%s.json" % lang)

    def step(args, must_fail=False):
        rc, out, err, cmd = run(cli, rules_dir, args + ["--lang", lang])
        if (rc != 0) != must_fail:
            bad.append("%s: exit %d\n%s" % (cmd, rc, err))
        # The paths are the reader's (a temporary name may hold "_"), not words of ours.
        for line in english_in((out + err).replace(tmp, "TMP"), ids):
            bad.append("%s: English or internal words: %s" % (cmd, line))
        return out, err

    step(["init", case, *f["init"]])
    if not os.path.exists(case):
        return bad + ["init wrote no case file"]
    if stat.S_IMODE(os.stat(case).st_mode) != 0o600:
        bad.append("the new case file is not 0600")
    with open(case) as fh:
        doc = json.load(fh)
    if doc.get("events") != [] or doc.get("format") != "sejour61.case/1":
        bad.append("init wrote %r" % doc)
    _, err = step(["init", case, *f["init"]], must_fail=True)  # never over a case file
    if not err.strip():
        bad.append("a second init said nothing")
    for ev in f["events"]:
        step(["record", case, *ev, "--by", "greffe"])
    with open(case) as fh:
        doc = json.load(fh)
    if len(doc["events"]) != len(f["events"]) or any(e["recorded"]["by"] != "greffe" for e in doc["events"]):
        bad.append("the case file holds %r" % doc["events"])
    rc, status, _, _ = run(cli, rules_dir, ["status", case, "--on", ON, "--json"])
    s = json.loads(status) if rc == 0 else {}
    if s.get("document", {}).get("id") != "ai" or s["document"].get("until") != "2026-06-20":
        bad.append("status: the 3-month document is %r, expected ai until 2026-06-20" % s.get("document"))
    out, _ = step(["next", case, "--on", ON])
    for w in f["next"]:
        if w not in out:
            bad.append("next does not say %r:\n%s" % (w, out))
    out, _ = step(["history", case])
    if out.count("greffe") != len(f["events"]):
        bad.append("history does not show each change with who made it:\n" + out)
    sheet = os.path.join(tmp, "fiche-%s.html" % lang)
    step(["report", case, "--on", ON, "-o", sheet])
    if not os.path.exists(sheet):
        return bad + ["report wrote no sheet"]
    pdf = os.path.join(tmp, "fiche-%s.pdf" % lang)
    err = report_pdf.print_pdf(chromium, sheet, pdf, tmp)
    if err:
        return bad + [err]
    problems, pages, _ = report_pdf.check_pdf(pdf, lang, None)
    bad += ["sheet: " + p for p in problems]
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    for w in f["sheet"]:
        if w not in text:
            bad.append("the printed sheet does not show %r" % w)
    for line in english_in(text, ids):
        bad.append("the printed sheet: English or internal words: " + line)
    print("%s: %d events recorded by flags, sheet of %d A4 page(s)" % (lang, len(f["events"]), pages))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--rules-dir")
    ap.add_argument("--keep")
    a = ap.parse_args()
    chromium = report_pdf.find_chromium()
    if not chromium:
        print("caseworker: chromium is missing (scripts/setup installs it)")
        return 1
    ids = words.allowed_identifiers()
    tmp = a.keep or tempfile.mkdtemp(prefix="sejour61-caseworker-")
    os.makedirs(tmp, exist_ok=True)
    failures = []
    for lang, f in FLOWS.items():
        failures += ["%s: %s" % (lang, b) for b in flow(lang, f, os.path.abspath(a.cli), a.rules_dir, chromium, tmp, ids)]
    for b in failures:
        print(b)
    print("caseworker: %d problem(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
