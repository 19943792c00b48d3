#!/usr/bin/env python3
"""The A4 case sheet, printed as a magistrate prints it: `sejour61 report`
for the example cases and a few scenarios, in French and Dutch, printed to PDF
by headless Chromium, then read back with poppler (pdfinfo, pdftotext -bbox):

  * the report file is created with mode 0600, like a case file;
  * every page is A4 (595 x 842 pt);
  * the number of pages is the one stated below for each case (a change of
    layout that adds a page shows here, and is then restated on purpose);
  * every word lies inside the page and inside its margins (nothing clipped,
    no label pushed past the printable width), and no two words overlap
    (no label of the timeline drawn over another);
  * every section of the sheet is printed, in the language asked for, and
    no English heading is left in the French or Dutch sheet.

    tests/report/report_pdf.py --cli build/sejour61 [--rules-dir rules] [--keep DIR]

Needs chromium and poppler-utils (scripts/setup installs both).
"""
import argparse
import concurrent.futures
import html
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MM = 72 / 25.4
# The sheet's @page margins (src/report/report.cpp): top, right, bottom, left.
MARGINS = (15 * MM, 14 * MM, 16 * MM, 14 * MM)
A4 = (595.0, 842.0)
SLACK = 1.5
TITLE_PT = 14  # the h1's font size (src/report/report.cpp); its word box is ~1.16 times as high  # points: a glyph's box may reach a hair past its line box

# (label, case source, --on, extra args, {lang: pages}). The page counts were
# measured with Debian 12's chromium 156 and fonts-dejavu-core, and the pages
# looked at: two pages for a case with up to about six periods and six
# decisions; three when the decisions run longer (the labour track's eleven,
# scenario 12's chain of renewals, scenario 19's minor with seven), the
# signature block then on page 3 with the end of the decisions. A closed case
# takes three since next lists what follows the closure (order to leave,
# appeal, other routes: mena-never-cooperates, scenarios 08 and 11).
CASES = [
    ("example bxl-2026-0042", "examples/bxl-2026-0042.json", "2026-06-01", [], {"fr": 2, "nl": 2}),
    ("example diplomat-domestic-worker", "examples/diplomat-domestic-worker.json", "2027-03-01",
     ["--reform", "diplomatic-labour-track"], {"fr": 3, "nl": 3}),
    ("example mena-never-cooperates", "examples/mena-never-cooperates.json", "2027-06-01", [], {"fr": 3, "nl": 3}),
    ("scenario 03 reflection roll-over (contestable dates)", "tests/cases/03-reflection-rollover-weekend.json",
     "2026-01-07", [], {"fr": 2, "nl": 2}),
    ("scenario 08 extension exhausted", "tests/cases/08-extension-exhausted.json", None, [], {"fr": 3, "nl": 3}),
    ("scenario 11 renewal then dismissal", "tests/cases/11-renewal-then-dismissal.json", None, [], {"fr": 3, "nl": 3}),
    ("scenario 12 month-end chain", "tests/cases/12-month-end-chain-2024.json", None, [], {"fr": 3, "nl": 3}),
    ("scenario 19 unaccompanied minor", "tests/cases/19-mena-direct-ai.json", None, [], {"fr": 3, "nl": 3}),
]

# Headings every sheet prints, by language (rules/i18n), and English ones that must not appear.
HEADINGS = {
    "fr": ["Identité et références", "Phases et documents détenus", "Chronologie", "La suite",
           "Qui intervient, par rôle", "Dates contestables et avertissements", "Décisions et leur base légale",
           "Date et signature"],
    "nl": ["Identiteit en referenties", "Fasen en documenten in bezit", "Tijdlijn", "Wat volgt",
           "Wie optreedt, per rol", "Betwistbare data en waarschuwingen", "Beslissingen en hun rechtsgrond",
           "Datum en handtekening"],
}
ENGLISH = ["Identity and references", "Timeline", "What happens next", "Who acts", "Legal basis",
           "Date of birth", "Nationality", "Overdue", "OVERDUE", "Done at", "report.", "⟨"]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def case_args(src, on, extra, tmp, label):
    """The case file to print and its --on: an example as it is, a scenario's case at its check of
    date `on` (default: its last check)."""
    path = os.path.join(ROOT, src)
    if on is not None and not src.startswith("tests/cases/"):
        return path, on, extra
    with open(path) as f:
        sc = json.load(f)
    check = [c for c in sc["expect"] if "error" not in c and on in (None, c["on"])][-1]
    out = os.path.join(tmp, re.sub(r"\W+", "-", label) + ".json")
    with open(out, "w") as f:
        json.dump(sc["case"], f)
    args = list(extra)
    for r in check.get("reforms", sc.get("reforms", [])):
        args += ["--reform", r]
    if check.get("rules", sc.get("rules")):
        args += ["--rules", check.get("rules", sc.get("rules"))]
    return out, check["on"], args


def words_of(bbox_html):
    """[(page, page width, page height, xMin, yMin, xMax, yMax, word)] from pdftotext -bbox."""
    out, page = [], None
    for line in bbox_html.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page = (0 if page is None else page[0] + 1, float(m.group(1)), float(m.group(2)))
            continue
        m = re.search(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>', line)
        if m:
            out.append((page[0], page[1], page[2], *(float(m.group(i)) for i in range(1, 5)),
                        html.unescape(m.group(5))))
    return out


def overlaps(words):
    """Pairs of words on one page whose boxes overlap by more than a sliver."""
    bad = []
    by_page = {}
    for w in words:
        by_page.setdefault(w[0], []).append(w)
    for page, ws in by_page.items():
        ws.sort(key=lambda w: w[3])
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                if b[3] >= a[5]:
                    break
                dx = min(a[5], b[5]) - max(a[3], b[3])
                dy = min(a[6], b[6]) - max(a[4], b[4])
                if dx > 1.0 and dy > 1.5:
                    bad.append((page + 1, a[7], b[7]))
    return bad


def print_pdf(chromium, page, pdf, tmp):
    """Prints `page` to `pdf` as the README says; returns an error text or None."""
    profile = tempfile.mkdtemp(dir=tmp)
    r = subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--user-data-dir=" + profile, "--print-to-pdf=" + pdf, "file://" + page],
                       capture_output=True, text=True, timeout=180)
    if r.returncode != 0 or not os.path.exists(pdf):
        return "chromium failed: " + r.stderr[-1000:]
    return None


def check_pdf(pdf, lang, want_pages):
    """What is wrong with a printed sheet: (problems, pages, words)."""
    bad = []
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", pdf], capture_output=True, text=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    if want_pages is not None and n != want_pages:
        bad.append("%d pages, expected %d" % (n, want_pages))
    if len(sizes) != n or any(abs(float(w) - A4[0]) > 1 or abs(float(h) - A4[1]) > 1 for w, h in sizes):
        bad.append("not every page is A4: %s" % sizes)
    words = words_of(subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout)
    if not words:
        bad.append("no text in the PDF")
    # Chromium shrinks a page whose content is wider than the printable width
    # (and so keeps it inside the margins): the title, 14 pt, then prints smaller.
    elif words[0][6] - words[0][4] < TITLE_PT * 1.10:
        bad.append("the sheet was shrunk to fit: something is wider than the printable width (title %r %.1f pt high)"
                   % (words[0][7], words[0][6] - words[0][4]))
    top, right, bottom, left = MARGINS
    for p, pw, ph, x0, y0, x1, y1, w in words:
        if x0 < left - SLACK or y0 < top - SLACK or x1 > pw - right + SLACK or y1 > ph - bottom + SLACK:
            bad.append("page %d: %r at (%.1f, %.1f)-(%.1f, %.1f) leaves the printable area" % (p + 1, w, x0, y0, x1, y1))
    for p, a, b in overlaps(words)[:5]:
        bad.append("page %d: %r and %r are drawn over each other" % (p, a, b))
    if lang in HEADINGS:
        flat = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                                                   text=True).stdout)
        bad += ["heading %r not printed" % h for h in HEADINGS[lang] if h not in flat]
        bad += ["%r printed in the %s sheet" % (e, lang) for e in ENGLISH if e in flat]
    return bad, n, len(words)


def check_one(job, cli, rules, chromium, tmp):
    label, src, on, extra, pages = job
    case, on, extra = case_args(src, on, extra, tmp, label)
    failures = []
    for lang, want_pages in pages.items():
        name = re.sub(r"\W+", "-", label) + "-" + lang
        page = os.path.join(tmp, name + ".html")
        pdf = os.path.join(tmp, name + ".pdf")
        r = subprocess.run([cli, "report", case, "--on", on, *extra, "--lang", lang, "-o", page, "--rules-dir", rules],
                           capture_output=True, text=True)
        if r.returncode != 0:
            failures.append("%s [%s]: report exited %d: %s" % (label, lang, r.returncode, r.stderr.strip()))
            continue
        mode = stat.S_IMODE(os.stat(page).st_mode)
        if mode != 0o600:
            failures.append("%s [%s]: report file mode %o, not 600" % (label, lang, mode))
        err = print_pdf(chromium, page, pdf, tmp)
        if err:
            failures.append("%s [%s]: %s" % (label, lang, err))
            continue
        bad, n, words = check_pdf(pdf, lang, want_pages)
        failures += ["%s [%s]: %s" % (label, lang, b) for b in bad]
        print("  %-55s %s: %d page(s), %d words" % (label, lang, n, words))
    return failures


# A page that breaks every rule: the checks must see it (a check that cannot fail proves nothing).
BROKEN = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:15mm 14mm 16mm 14mm}
body{margin:0;font:10pt sans-serif}</style></head><body><h1 style="font:bold 14pt 'DejaVu Sans';margin:0">Dossier X</h1>
<p style="white-space:nowrap">Cette ligne est bien trop longue pour la largeur imprimable de la page A4 et déborde largement de la marge droite quoi qu'il arrive</p>
<div style="position:relative;height:20mm"><span style="position:absolute;left:0;top:0">Chevauchement</span>
<span style="position:absolute;left:4mm;top:1mm">superposé</span></div>
<div style="margin-left:-6mm">Hors marge</div></body></html>
"""


def self_test(chromium, tmp):
    page = os.path.join(tmp, "broken.html")
    with open(page, "w") as f:
        f.write(BROKEN)
    pdf = os.path.join(tmp, "broken.pdf")
    err = print_pdf(chromium, page, pdf, tmp)
    if err:
        return ["self-test: " + err]
    bad, _, _ = check_pdf(pdf, None, 2)
    want = ["pages, expected 2", "shrunk to fit", "leaves the printable area", "drawn over each other"]
    missed = [w for w in want if not any(w in b for b in bad)]
    return ["self-test: the checks did not see %r in a broken page (saw: %s)" % (w, bad) for w in missed]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "sejour61"))
    ap.add_argument("--rules-dir", default=os.path.join(ROOT, "rules"))
    ap.add_argument("--keep", help="keep the HTML and PDF files in this directory")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    chromium = find_chromium()
    missing = [t for t, p in (("chromium", chromium), ("pdfinfo", shutil.which("pdfinfo")),
                              ("pdftotext", shutil.which("pdftotext"))) if not p]
    if missing:
        print("report_pdf: %s not installed (scripts/setup installs chromium and poppler-utils)" % ", ".join(missing))
        print("0 passed, 1 failed")
        return 1
    tmp = a.keep or tempfile.mkdtemp(prefix="sejour61-pdf-")
    os.makedirs(tmp, exist_ok=True)
    try:
        broken = self_test(chromium, tmp)
        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
            results = list(ex.map(lambda j: check_one(j, a.cli, a.rules_dir, chromium, tmp), CASES))
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    failed = 0
    for f in broken:
        print("FAIL " + f)
    failed += bool(broken)
    for job, fails in zip(CASES, results):
        for f in fails:
            print("FAIL " + f)
        failed += bool(fails)
    print("report_pdf: %d sheets printed in fr and nl" % len(CASES))
    print("%d passed, %d failed" % (len(CASES) + 1 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
