"""sejour61 report: a self-contained HTML page, rendered by a real headless Chromium."""
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


def report(tmp_path, lang):
    out = tmp_path / ("case-%s.html" % lang)
    subprocess.run([CLI, "report", os.path.join(ROOT, "examples", "bxl-2026-0042.json"), "--on", "2026-06-01",
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


def test_self_contained(tmp_path):
    html = report(tmp_path, "en").read_text()
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no external resource
    assert html.startswith("<!DOCTYPE html>")


def test_renders_in_chromium_with_the_timeline(tmp_path):
    page = report(tmp_path, "fr")
    dom = chromium("--dump-dom", "--virtual-time-budget=2000", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    d = dom.stdout
    assert 'data-rendered="ok"' in d  # the SVG was laid out with a non-empty box
    assert '<html lang="fr">' in d
    assert "séjour temporaire" in d and "valable du 2026-05-02 au 2026-11-01" in d
    assert re.findall(r'class="period" data-state="(\w+)"', d) == ["detected", "reflection", "provisional", "temporary"]
    assert 'class="today" data-date="2026-06-01"' in d
    assert re.findall(r'class="deadline" data-date="([\d-]+)"', d) == ["2026-10-01", "2026-11-01", "2026-11-01"]
    assert re.findall(r'data-step="([\w-]+)"', d) == ["consult-prosecutor", "request-renewal"]
    assert 'data-rule="R-61/4-A"' in d and "art. 61/4 §1" in d
    shot = tmp_path / "shot.png"
    r = chromium("--window-size=1000,1400", "--screenshot=" + str(shot), page.as_uri())
    assert r.returncode == 0 and shot.exists(), r.stderr[-2000:]
    w, h, rows, bpp = png_pixels(shot)
    assert (w, h) == (1000, 1400)
    # The temporary-stay band (#2e7d4f) and the provisional band (#4f86c6) are drawn.
    def count(rgb):
        return sum(1 for row in rows for x in range(0, w * bpp, bpp) if tuple(row[x:x + 3]) == rgb)
    assert count((0x2e, 0x7d, 0x4f)) > 2000
    assert count((0x4f, 0x86, 0xc6)) > 1000


def test_languages(tmp_path):
    assert "Tijdlijn" in report(tmp_path, "nl").read_text()
    assert "Timeline" in report(tmp_path, "en").read_text()
