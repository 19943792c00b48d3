// The text of `sejour61 --help`.
#pragma once

namespace {

const char* kHelp = R"(sejour61 — the Belgian residence procedure for victims of trafficking
(art. 61/2–61/5 of the law of 15 December 1980), as a rules engine.

Usage:
  sejour61 status   CASE [--on DATE]   the phase, document and validity, deadlines, warnings
  sejour61 timeline CASE [--on DATE]   every period of the case up to DATE
  sejour61 next     CASE [--on DATE]   what must or may happen next: who acts, by when, on what basis
  sejour61 explain  CASE [--on DATE]   each rule applied, with its legal basis and parameters
  sejour61 compare  CASE [--on DATE] --rules A --rules B [--reform R]...
                                       the same facts under several rule sets, side by side
  sejour61 validate CASE               checks a case file (exit 0 when valid)
  sejour61 init     CASE --id ID --birth-date DATE --nationality CC --offence trafficking|smuggling
                                       opens a new case file without writing JSON (sejour61 init --help)
  sejour61 record   CASE EVENT.json    adds one event (or - for standard input), refusing invalid ones;
                                       says when it changes nothing (--strict: refuse it then);
                                       rewrites CASE atomically, keeps CASE.bak
  sejour61 record   CASE --type TYPE --date DATE [flags]   the event by flags, types and values in
                                       English, French or Dutch (sejour61 record --help)
  sejour61 record   CASE --amend N (EVENT.json | flags)  |  CASE --undo
                                       replace event N / remove the last recorded event; every
                                       change is kept first in CASE.journal (--by NAME: who records)
  sejour61 history  CASE               the changes record made: what, when, who, before and after
  sejour61 events   [TYPE]             the event types, their fields and flags, in your language
  sejour61 report   CASE [--on DATE] -o FILE.html
                                       a printable, self-contained HTML report of the case
  sejour61 simulate CASES.jsonl [--on DATE] [--rules SPEC]... [--reform R]... [-o OUT] [--json]
                                       many cases (one per line) under several rule sets: one row per
                                       case and rule set, CSV (--json: JSON Lines); a bad line is a
                                       row with its error; progress on a terminal's standard error
  sejour61 rules                       lists regimes and reforms, with dates and parameters
  sejour61 graph [--format dot|mermaid] [--rules ID] [--reform R]
                                       the procedure's states and transitions, from the state machine

CASE is a case file (format sejour61.case/1) or - for standard input.

Options:
  --on DATE        the query date, YYYY-MM-DD (default: today in Europe/Brussels);
                   only the events dated on or before it are used (R-ASOF)
  --rules ID       pin one regime (be-2007, be-2017) for all dates;
                   default: the regime in force on each act's date (R-REGIME)
  --reform ID      apply a reform overlay (repeatable, in order); ID@YYYY-MM-DD
                   applies it as if adopted on that date
  compare, simulate: each --rules SPEC is a column; SPEC is a regime id or in-force,
           followed by +REFORM parts (in-force+mena-unconditional); each
           --reform R adds a column: the first rule set plus R. Without
           --rules the first column is in-force.
  --json           machine output (sejour61.status/1, sejour61.timeline/1, ...)
  --lang fr|nl|en  language of the text output (default: from $LANG, else English); any
                   language with a catalogue in the rule files' i18n/ is accepted;
                   with --json, of the messages in the document (default English)
  --rules-dir DIR  rule files (default: $SEJOUR61_RULES, else share/sejour61/rules next to
                   this program, else the configured prefix; `sejour61 rules` names it)
  --strict         record: refuse an event that changes nothing in the procedure on its date
                   (by default it is recorded, since it happened, with a notice naming the rule)
  --force          record: accepted for compatibility; keeping such an event is now the default
  --seal           rules: write the rule directory's manifest.json (the SHA-256 of every rule file)
                   after a reviewed change; a directory whose files differ from it is refused
  -o FILE          report, simulate: the file to write, whole or not at all (default: standard output)
  --format F       graph: dot (default) or mermaid
  -h, --help       this help
  --version        the version

Exit codes: 0 success; 1 invalid input (the message names the field), a date
before the case starts or before any regime; 2 usage error, unknown regime or
reform; 3 rule files missing, changed or invalid; 4 internal error; 5 a file or
the output cannot be written (disk full, read-only, closed standard output).
)";

}  // namespace
