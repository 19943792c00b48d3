"""sejour61 report: the A4 case sheet, a self-contained HTML page, rendered by a real headless Chromium
(the printed PDF is checked by tests/report/report_pdf.py)."""
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
RULES = os.path.join(ROOT, "rules")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def report(tmp_path, lang, case=None, on="2026-06-01"):
    out = tmp_path / ("case-%s.html" % lang)
    case = case or os.path.join(ROOT, "examples", "bxl-2026-0042.json")
    subprocess.run([CLI, "report", str(case), "--on", on,
                    "--lang", lang, "-o", str(out), "--rules-dir", RULES], check=True, capture_output=True)
    return out


def chromium(*args):
    profile = tempfile.mkdtemp()
    try:
        return subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=" + profile, *args],
                              capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes): (width, height, rows of bytes, bpp)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, rows, bpp


class Dom(html.parser.HTMLParser):
    """The elements of a page: (tag, attributes, text inside) in document order, and the headings."""

    def __init__(self, text):
        super().__init__()
        self.elements, self.open, self.h2 = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        e = [tag, dict(attrs), ""]
        self.elements.append(e)
        if tag not in ("br", "col", "meta", "line", "rect", "circle", "input"):
            self.open.append(e)

    def handle_endtag(self, tag):
        while self.open:
            e = self.open.pop()
            if e[0] == tag:
                if tag == "h2":
                    self.h2.append(e[2].strip())
                break

    def handle_data(self, data):
        data = data.replace("\xa0", " ")  # dates keep day and month together
        for e in self.open:
            e[2] += data

    def ids(self):
        return [e[1]["id"] for e in self.elements if "id" in e[1]]

    def all(self, tag, **attrs):
        return [e for e in self.elements if e[0] == tag and all(e[1].get(k) == v for k, v in attrs.items())]


def dom_of(page):
    dom = chromium("--dump-dom", "--virtual-time-budget=2000", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    return dom.stdout.replace("&nbsp;", " ").replace("\xa0", " ")


def test_self_contained(tmp_path):
    page = report(tmp_path, "en")
    assert oct(os.stat(page).st_mode & 0o777) == "0o600"  # like a case file
    html_text = page.read_text()
    assert not re.search(r'(src|href)="(https?:)?//', html_text)  # no external resource
    assert html_text.startswith("<!DOCTYPE html>")
    # Printed on A4, no block cut at a page break, the timeline to the printable width.
    assert "@page{size:A4;" in html_text
    assert "section,.block,tr,li,figure{break-inside:avoid}" in html_text
    assert "svg#timeline{display:block;width:100%;height:auto}" in html_text


SECTIONS = ["identity", "documents", "timeline-section", "next-section", "contacts", "attention",
            "decisions-section", "signature"]
HEADINGS = {
    "fr": ["Identité et références", "Phases et documents détenus", "Chronologie", "La suite",
           "Qui intervient, par rôle", "Dates contestables et avertissements", "Décisions et leur base légale",
           "Date et signature"],
    "nl": ["Identiteit en referenties", "Fasen en documenten in bezit", "Tijdlijn", "Wat volgt",
           "Wie optreedt, per rol", "Betwistbare data en waarschuwingen", "Beslissingen en hun rechtsgrond",
           "Datum en handtekening"],
    "en": ["Identity and references", "Phases and documents held", "Timeline", "What happens next",
           "Who acts, by role", "Contestable dates and warnings", "Decisions and their legal basis",
           "Date and signature"],
}


def test_every_section_in_order_with_the_headings_of_the_language(tmp_path):
    for lang in ("fr", "nl", "en"):
        d = Dom(report(tmp_path, lang).read_text())
        sections = [e[1]["id"] for e in d.all("section")]
        assert sections == SECTIONS, lang
        assert d.h2 == HEADINGS[lang], lang


def test_renders_in_chromium_with_the_timeline(tmp_path):
    page = report(tmp_path, "fr")
    d = dom_of(page)
    assert 'data-rendered="ok"' in d  # the SVG was laid out with a non-empty box
    assert '<html lang="fr">' in d
    dom = Dom(d)
    # Identity: the case, the person, the offence; room for the references.
    assert "BXL-2026-0042" in dom.all("tr", id="case-id")[0][2]
    assert "2 avril 1999" in dom.all("tr", id="birth-date")[0][2]
    assert "NG" in dom.all("tr", id="nationality")[0][2]
    assert "majeur depuis le 2 avril 2017" in dom.all("tr", id="age")[0][2]
    assert "traite des êtres humains" in dom.all("tr", id="offence")[0][2]
    assert "Notice du parquet" in dom.all("tr", id="references")[0][2]
    # Documents held: each period as the timeline gives it, both days included, dates in words.
    rows = [(e[1]["data-state"], e[1]["data-from"], e[1]["data-until"]) for e in dom.elements
            if e[0] == "tr" and "held" in e[1].get("class", "")]
    assert rows == [("detected", "2026-01-05", "2026-01-05"), ("reflection", "2026-01-06", "2026-01-31"),
                    ("provisional", "2026-02-01", "2026-05-01"), ("temporary", "2026-05-02", "2026-11-01")]
    current = [e for e in dom.elements if e[0] == "tr" and "current" in e[1].get("class", "")]
    assert len(current) == 1 and "séjour temporaire" in current[0][2]
    assert "2 mai 2026" in current[0][2] and "1er novembre 2026" in current[0][2]
    # The timeline: one band per period, the report date and the deadlines as lettered markers.
    assert re.findall(r'class="period" data-state="(\w+)"', d) == ["detected", "reflection", "provisional", "temporary"]
    assert 'class="today" data-date="2026-06-01"' in d
    assert re.findall(r'class="deadline" data-date="([\d-]+)"', d) == ["2026-10-01", "2026-11-01", "2026-11-01"]
    assert [e[1]["data-marker"] for e in dom.all("tr") if "data-marker" in e[1]] == ["A", "B", "C"]
    # The next steps as a checklist, the same steps as `next`.
    assert re.findall(r'data-step="([\w-]+)"', d) == ["consult-prosecutor", "request-renewal"]
    assert [e[2] for e in dom.all("td", **{"class": "box"})] == ["☐", "☐"]
    assert "1er octobre 2026" in d
    # Who acts, by role: the actors of the steps, and the prosecutor the OE consults.
    assert [e[1]["data-role"] for e in dom.all("tr") if "data-role" in e[1]] == ["oe", "prosecutor", "centre"]
    assert "mentionné au dossier : pag-asa" in d
    assert "Les conventions de calcul ne donnent aucune autre date pour le document en cours au 1er juin 2026." in d
    assert "Aucune date de ce dossier ne dépend d'une lecture contestable de la loi (12 autres lectures rejouées)." in d
    assert 'data-rule="R-61/4-A"' in d and "art. 61/4, § 1er" in d
    assert "Fait à" in d and "Nom et qualité" in d
    shot = tmp_path / "shot.png"
    r = chromium("--window-size=1000,1400", "--screenshot=" + str(shot), page.as_uri())
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    w, h, rows, bpp = png_pixels(shot)
    assert (w, h) == (1000, 1400)
    # The temporary-stay band (#2e6b47) and the provisional band (#7ea6d6) are drawn.
    def count(rgb):
        return sum(1 for row in rows for x in range(0, w * bpp, bpp) if tuple(row[x:x + 3]) == rgb)
    assert count((0x2e, 0x6b, 0x47)) > 2000
    assert count((0x7e, 0xa6, 0xd6)) > 1000


def test_overdue_steps_marked_and_guardian_for_a_minor(tmp_path):
    # Scenario 19 (unaccompanied minor) on 2027-03-10: the prosecutor's consultation was due on 2027-03-05.
    with open(os.path.join(ROOT, "tests", "cases", "19-mena-direct-ai.json")) as f:
        sc = json.load(f)
    case = tmp_path / "mena.json"
    case.write_text(json.dumps(sc["case"]))
    for lang, mark in (("fr", "DÉLAI DÉPASSÉ"), ("nl", "TERMIJN VERSTREKEN")):
        dom = Dom(report(tmp_path, lang, case, "2027-03-10").read_text())
        overdue = [e[1]["data-step"] for e in dom.all("tr") if e[1].get("class") == "overdue"]
        assert overdue == ["consult-prosecutor"], lang
        assert mark in dom.all("tr", **{"data-step": "consult-prosecutor"})[0][2]
        assert mark not in dom.all("tr", **{"data-step": "request-renewal"})[0][2]
    # While still a minor, the guardian represents the person and is listed among the roles.
    dom = Dom(report(tmp_path, "fr", case, "2026-03-01").read_text())
    assert "mineur ; atteint la majorité le 10 mars 2027" in dom.all("tr", id="age")[0][2]
    assert "non accompagné" in dom.all("tr", id="age")[0][2]
    assert "guardian" in [e[1]["data-role"] for e in dom.all("tr") if "data-role" in e[1]]


def test_contestable_dates_with_both_readings(tmp_path):
    # Scenario 03: the reflection period ends on a weekend and rolls over to Monday.
    with open(os.path.join(ROOT, "tests", "cases", "03-reflection-rollover-weekend.json")) as f:
        sc = json.load(f)
    case = tmp_path / "c03.json"
    case.write_text(json.dumps(sc["case"]))
    check = [c for c in sc["expect"] if c.get("sensitivities")][-1]
    dom = Dom(report(tmp_path, "nl", case, check["on"]).read_text())
    rows = [(e[1]["data-field"], e[1]["data-convention"]) for e in dom.all("tr") if "data-field" in e[1]]
    assert rows == [(s[0], s[1]) for s in check["sensitivities"]]
    assert all("verplaatst" in e[2] for e in dom.all("tr") if "data-field" in e[1])


def test_readings_that_change_the_case(tmp_path):
    """Issue 11: the sheet lists what `sejour61 contest` finds, from the same document. The MENA
    example on 1 June 2027 (hand-worked in test_sejour61.test_contest_equals_the_cli): the first
    document read as a 3-month reflection diverges on 6 January 2026, an ai without extension on
    7 April 2026, both closing the case under that reading."""
    case = os.path.join(ROOT, "examples", "mena-never-cooperates.json")
    dom = Dom(report(tmp_path, "fr", case, "2027-06-01").read_text())
    rows = [(e[1]["data-parameter"], e[2]) for e in dom.all("tr") if "data-parameter" in e[1]]
    assert [r[0] for r in rows] == ["mena.first_document", "provisional.max_extensions"]
    assert "6 janvier 2026" in rows[0][1] and "7 avril 2026" in rows[1][1]
    assert all("procédure clôturée" in r[1] for r in rows)
    plain = report(tmp_path, "nl", None, "2026-06-01").read_text()  # the Brussels example: none
    assert "Geen enkele datum van dit dossier hangt af van een betwistbare lezing van de wet" in plain


def test_languages(tmp_path):
    assert "Tijdlijn" in report(tmp_path, "nl").read_text()
    assert "Timeline" in report(tmp_path, "en").read_text()
