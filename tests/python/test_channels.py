"""Issue 13: every channel fails clearly (CLI arguments, standard output,
files, symlinks, limits, personal data in errors, the Python boundary)."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import sejour61

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("SEJOUR61_CLI", os.path.join(ROOT, "build", "sejour61"))
RULES = os.path.join(ROOT, "rules")
EX = os.path.join(ROOT, "examples", "bxl-2026-0042.json")


def run(args, **kw):
    env = dict(os.environ, LANG="C")
    env.update(kw.pop("env", {}))
    return subprocess.run([CLI, *args], capture_output=True, env=env, **kw)


def example():
    with open(EX) as f:
        return json.load(f)


# ---- 2. non-UTF-8 bytes in arguments: an error document, never an abort
@pytest.mark.parametrize("args,code", [
    ([b"status", EX.encode(), b"--on", b"\xff", b"--json"], 2),
    ([b"status", b"/tmp/\xff\xfe.json", b"--json"], 1),
    ([b"status", EX.encode(), b"--reform", b"\xff", b"--json"], 2),
    ([b"status", EX.encode(), b"--rules-dir", b"/\xff", b"--json"], 3),
    ([b"report", EX.encode(), b"-o", b"/proc/\xff.html", b"--json"], 5),
])
def test_non_utf8_arguments_give_an_error_document(args, code):
    r = subprocess.run([CLI.encode(), *args], capture_output=True)
    assert r.returncode == code, r
    doc = json.loads(r.stdout.decode("utf-8"))
    assert doc["format"] == "sejour61.error/1"


def test_non_utf8_rules_variable():
    env = dict(os.environ, SEJOUR61_RULES="/x")
    env_b = {k.encode(): v.encode() for k, v in env.items()}
    env_b[b"SEJOUR61_RULES"] = b"/\xff"
    r = subprocess.run([CLI, "status", EX, "--json"], capture_output=True, env=env_b)
    assert r.returncode == 3 and json.loads(r.stdout)["code"] == "rules"


# ---- 3. standard output
def test_disk_full_on_standard_output():
    with open("/dev/full", "w") as full:
        r = subprocess.run([CLI, "status", EX, "--on", "2026-03-01", "--rules-dir", RULES], stdout=full,
                           stderr=subprocess.PIPE)
    assert r.returncode == 5 and b"cannot write the output" in r.stderr


def test_closed_standard_output():
    r = subprocess.run(["/bin/sh", "-c", '"$0" status "$1" --on 2026-03-01 >&-', CLI, EX], stderr=subprocess.PIPE)
    assert r.returncode == 5 and b"cannot write the output" in r.stderr


def test_broken_pipe_with_sigpipe_ignored():
    p = subprocess.Popen([CLI, "rules", "--rules-dir", RULES], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
    p.stdout.close()  # the reader is gone before the first write
    err = p.stderr.read()
    assert p.wait() == 5 and b"cannot write the output" in err


# ---- 4. symlinks and temporary files
def test_record_through_a_symlink_updates_the_real_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_text(open(EX).read())
    link = tmp_path / "link.json"
    link.symlink_to(real)
    r = run(["record", str(link), "-", "--rules-dir", RULES],
            input=json.dumps({"date": "2026-02-15", "type": "identity_established"}).encode())
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "2026-02-15" in real.read_text()
    assert not (tmp_path / "link.json.lock").exists() and (tmp_path / "real.json.lock").exists()


def test_the_lock_file_is_never_followed(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(open(EX).read())
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    (tmp_path / "case.json.lock").symlink_to(victim)
    r = run(["record", str(case), "-", "--rules-dir", RULES],
            input=json.dumps({"date": "2026-02-15", "type": "identity_established"}).encode())
    assert r.returncode == 5 and b"lock" in r.stderr
    assert victim.read_text() == "untouched"


def test_record_removes_temporaries_of_a_killed_writer(tmp_path):
    case = tmp_path / "case.json"
    case.write_text(open(EX).read())
    stale = tmp_path / ".case.json.tmp.AbC123"
    stale.write_text("a full copy of the case, left by kill -9")
    r = run(["record", str(case), "-", "--rules-dir", RULES],
            input=json.dumps({"date": "2026-02-15", "type": "identity_established"}).encode())
    assert r.returncode == 0, r.stderr
    assert not stale.exists()


def test_report_refuses_a_symlink_and_creates_0600(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    link = tmp_path / "report.html"
    link.symlink_to(target)
    r = run(["report", EX, "--on", "2026-03-01", "--rules-dir", RULES, "-o", str(link)])
    assert r.returncode == 5 and b"symbolic link" in r.stderr
    assert target.read_text() == "keep me"
    out = tmp_path / "new.html"
    r = run(["report", EX, "--on", "2026-03-01", "--rules-dir", RULES, "-o", str(out)])
    assert r.returncode == 0 and oct(os.stat(out).st_mode & 0o777) == "0o600"


# ---- 5. control characters in echoed strings
def test_control_characters_cannot_forge_lines(tmp_path):
    c = example()
    c["id"] = "T-1\nCase FORGED on 2099-01-01\x1b[2J"
    p = tmp_path / "c.json"
    p.write_text(json.dumps(c))
    for cmd in (["status"], ["timeline"], ["next"], ["explain"], ["validate"]):
        r = run([*cmd, str(p), "--rules-dir", RULES] + (["--on", "2026-03-01"] if cmd != ["validate"] else []))
        assert r.returncode == 0, r.stderr
        assert b"\x1b" not in r.stdout and not any(l.startswith(b"Case FORGED") for l in r.stdout.splitlines())
        assert b"T-1\\nCase FORGED" in r.stdout


def test_control_characters_in_error_paths(tmp_path):
    c = example()
    c["events"][0]["evil\nsejour61: all good\x1b[0m"] = 1
    p = tmp_path / "c.json"
    p.write_text(json.dumps(c))
    r = run(["status", str(p), "--rules-dir", RULES])
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and b"\x1b" not in r.stderr


# ---- 6. personal data never echoed
def test_parse_errors_never_echo_the_input(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"id": "x", "name": "Jane Doe\'; expected passport AB123456, born 1990\n')
    r = run(["validate", str(p)])
    assert r.returncode == 1
    assert b"Jane" not in r.stderr and b"AB123456" not in r.stderr and b"malformed JSON" in r.stderr


def test_date_fields_echo_only_dates(tmp_path):
    c = example()
    c["events"][1]["date"] = "0471123456"  # a phone number
    p = tmp_path / "c.json"
    p.write_text(json.dumps(c))
    r = run(["validate", str(p)])
    assert r.returncode == 1 and b"0471123456" not in r.stderr and b"events[1].date" in r.stderr
    c["events"][1]["date"] = "2026-02-30"  # a well-formed date is repeated, as the contract shows
    p.write_text(json.dumps(c))
    assert b'"2026-02-30" is not a calendar date' in run(["validate", str(p)]).stderr


def test_python_never_echoes_arguments():
    rules = sejour61.Rules(RULES)
    with pytest.raises(sejour61.InputError) as e:
        rules.status(example(), on="call me on 0471123456")
    assert "0471123456" not in str(e.value) and str(e.value).startswith("on:")
    with pytest.raises(TypeError) as e:
        rules.status(example(), on=20260301)
    assert "BXL-2026-0042" not in str(e.value) and "1999-04-02" not in str(e.value)
    import datetime
    assert rules.status(example(), on=datetime.date(2026, 3, 1))["document"]["until"] == "2026-05-01"


# ---- 7. limits while reading
def test_an_endless_device_is_refused_at_once():
    t = time.perf_counter()
    r = run(["validate", "/dev/zero"])
    assert r.returncode == 1 and b"not a regular file" in r.stderr
    assert time.perf_counter() - t < 5


def test_standard_input_over_the_limit_is_refused_while_reading():
    big = b" " * (17 << 20)
    r = run(["validate", "-"], input=big)
    assert r.returncode == 1 and b"larger than 16 MiB" in r.stderr


def test_a_nul_byte_is_refused(tmp_path):
    p = tmp_path / "c.json"
    p.write_bytes(open(EX, "rb").read() + b"\x00 trailing")
    r = run(["validate", str(p)])
    assert r.returncode == 1 and b"NUL byte" in r.stderr


# ---- 8. the Python boundary
def test_an_uninitialised_rules_object_raises():
    bare = sejour61.Rules.__new__(sejour61.Rules)
    with pytest.raises(TypeError, match="never initialised"):
        bare.status(example(), on="2026-03-01")


def test_simulate_refuses_a_dict_and_lone_surrogates():
    rules = sejour61.Rules(RULES)
    with pytest.raises(TypeError, match="cases: must be a list .* not dict"):
        rules.simulate({"a": example()}, ["in-force"], on="2026-03-01")
    with pytest.raises(sejour61.InputError, match="lone surrogate"):
        rules.status('{"id": "\udc80"}', on="2026-03-01")


def test_ctrl_c_stops_simulate_promptly(tmp_path):
    script = tmp_path / "sim.py"
    script.write_text(textwrap.dedent(f"""
        import json, signal, sys, time
        sys.path.insert(0, {os.path.dirname(sejour61.__file__)!r})
        import sejour61
        seen = []
        def on_sigint(sig, frame):  # runs when the module lets Python see the signal
            seen.append(time.perf_counter())
            raise KeyboardInterrupt
        signal.signal(signal.SIGINT, on_sigint)
        rules = sejour61.Rules({RULES!r})
        case = json.load(open({EX!r}))
        cases = [json.dumps(case)] * 400000  # text: the time is spent in the C++ batch
        print("start", flush=True)
        t = time.perf_counter()
        try:
            rules.simulate(cases, ["in-force", "be-2007", "in-force+mena-unconditional"], on="2030-01-01", threads=1)
            print("finished", flush=True)
        except KeyboardInterrupt:
            # from the moment Python saw the signal to the batch stopped and the exception here
            print("interrupted %.3f" % (time.perf_counter() - seen[0]), flush=True)
    """))
    p = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "start"
    time.sleep(0.5)
    t = time.perf_counter()
    p.send_signal(signal.SIGINT)
    out = p.stdout.readline().strip()
    p.wait(timeout=30)
    assert out.startswith("interrupted"), out
    assert float(out.split()[1]) < 1.0, out     # the batch stops within a second of Ctrl-C
    assert time.perf_counter() - t < 10         # and nothing hangs, even on a loaded machine


# ---- 9. errors are their own kind
def test_option_errors_give_an_error_document_with_json():
    r = run(["status", EX, "--lang", "de", "--json"])
    assert r.returncode == 2 and json.loads(r.stdout)["code"] == "usage"


def test_an_empty_rules_dir_is_a_usage_error():
    r = run(["status", EX, "--rules-dir", ""])
    assert r.returncode == 2 and b"--rules-dir" in r.stderr


def test_a_write_failure_is_io_not_input():
    r = run(["report", EX, "--on", "2026-03-01", "--rules-dir", RULES, "-o", "/proc/report.html", "--json"])
    assert r.returncode == 5 and json.loads(r.stdout)["code"] == "io"


@pytest.mark.parametrize("lang,expect", [("frisian", "Case BXL"), ("fr_BE.UTF-8", "Dossier"), ("nl_BE", "Dossier"),
                                         ("C", "Case BXL")])
def test_lang_is_read_as_a_locale_name(lang, expect):
    r = run(["status", EX, "--on", "2026-03-01", "--rules-dir", RULES], env={"LANG": lang, "LC_ALL": ""})
    assert r.returncode == 0 and r.stdout.decode().startswith(expect), r.stdout[:80]


def test_python_under_memory_pressure_raises_memoryerror(tmp_path):
    # A 15 MB case under address-space limits: MemoryError (or a clean
    # InputError), never an abort. The limits start above what the
    # interpreter and the module need to start (about 40 MiB); the one-pass
    # parser needs about 100 MiB for this case.
    script = tmp_path / "lowmem.py"
    script.write_text(textwrap.dedent(f"""
        import resource, sys
        sys.path.insert(0, {os.path.dirname(sejour61.__file__)!r})
        import sejour61
        rules = sejour61.Rules({RULES!r})
        case = ('{{"format": "sejour61.case/1", "id": "LOWMEM", "person": {{"birth_date": "1990-06-15", '
                '"nationality": "NG"}}, "offence": {{"type": "trafficking"}}, "events": ['
                '{{"date": "2026-01-05", "type": "indications", "by": "police"}}, '
                '{{"date": "2026-01-06", "type": "centre_contact", "centre": "' + "x" * (15 << 20) + '"}}]}}')
        limit = int(sys.argv[1]) << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            rules.status(case, on="2026-03-01")
            print("ok")
        except MemoryError:
            print("memoryerror")
        except sejour61.InputError as e:
            print("inputerror")
    """))
    seen = set()
    for mib in range(40, 260, 20):
        r = subprocess.run([sys.executable, str(script), str(mib)], capture_output=True, text=True)
        assert r.returncode == 0, (mib, r.returncode, r.stderr[-500:])
        seen.add(r.stdout.strip())
    assert "memoryerror" in seen, seen


def test_a_new_language_is_one_file(tmp_path):
    import shutil
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    de = json.load(open(rules / "i18n" / "en.json"))
    de["lang"] = "de"
    de["messages"]["label.case_on"] = "Akte {case} am {on} (Regelung {regime}{reforms})"
    de["messages"]["date.months"] = "Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember"
    de["messages"]["date.pattern"] = "{day}. {month} {year}"
    (rules / "i18n" / "de.json").write_text(json.dumps(de, ensure_ascii=False))
    r = run(["status", EX, "--on", "2026-03-01", "--rules-dir", str(rules), "--lang", "de"])
    assert r.returncode == 3 and b"i18n/de.json: not listed in manifest.json" in r.stderr  # unreviewed: refused
    assert run(["rules", "--seal", "--rules-dir", str(rules)]).returncode == 0
    r = run(["status", EX, "--on", "2026-03-01", "--rules-dir", str(rules), "--lang", "de"])
    assert r.returncode == 0 and r.stdout.startswith("Akte BXL-2026-0042 am 1. März 2026".encode()), r
    r = run(["status", EX, "--on", "2026-03-01", "--rules-dir", str(rules)], env={"LANG": "de_DE.UTF-8", "LC_ALL": ""})
    assert r.stdout.startswith(b"Akte BXL")
    r = run(["status", EX, "--on", "2026-03-01", "--rules-dir", str(rules), "--lang", "xx", "--json"])
    assert r.returncode == 2 and "de, en, fr, nl" in json.loads(r.stdout)["message"]
    assert sejour61.Rules(str(rules)).status(example(), on="2026-03-01", lang="de")["format"] == "sejour61.status/1"
