/*
** sejour61.h — the C interface of sejour61.
**
** sejour61 computes the residence procedure of art. 61/2–61/5 of the Belgian
** law of 15 December 1980 (foreign victims of trafficking in human beings):
** the phase a case is in, the document the person holds, until when, and
** what is due next, each with the rule and the legal basis that produced it.
**
** The interface exchanges JSON documents, the same ones the command-line
** tool prints with --json:
**
**   input   a case file, format "sejour61.case/1"
**   output  "sejour61.status/1", "sejour61.timeline/1", "sejour61.explain/1",
**           or on failure an error document "sejour61.error/1":
**             {"format": "sejour61.error/1", "code": "input",
**              "message": "events[3].date: \"2026-02-30\" is not a calendar date",
**              "path": "events[3].date"}
**           `code` is "input", "rules", "nomem" or "internal"; `path` is the
**           JSON path of the faulty field, or null.
**
** A typical program:
**
**   s61_rules *rules = NULL;
**   char *err = NULL, *out = NULL;
**   if (s61_rules_open(NULL, &rules, &err) != S61_OK) { fputs(err, stderr); s61_free(err); return 1; }
**   int rc = s61_status(rules, case_json, "2026-03-01", NULL, &out);
**   puts(out);                      // the status document, or the error document
**   s61_free(out);
**   s61_rules_close(rules);
**
** Ownership: every string the library returns is allocated by the library
** and must be released with s61_free() (never with free() if an allocator
** was configured, see s61_config_allocator). Input strings are only read
** during the call and are never retained.
**
** Errors: every function returning int returns one of the S61_ codes below.
** No C++ exception ever crosses this interface. A NULL where a pointer is
** required returns S61_EINPUT and never crashes.
**
** Threads: an s61_rules handle is immutable once opened and may be used by
** any number of threads at once. Each call is independent; calls do not
** share mutable state. s61_config_allocator is the exception (see there).
**
** This header is plain C99 and may be included from C++.
*/
#ifndef SEJOUR61_H
#define SEJOUR61_H

#include <stddef.h>

#include "sejour61/version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(SEJOUR61_STATIC_DEFINE)
#define S61_API __attribute__((visibility("default")))
#else
#define S61_API
#endif

/* Result codes. */
#define S61_OK        0   /* success */
#define S61_EINPUT    1   /* invalid case, date or options: see the error document */
#define S61_ERULES    2   /* rule files missing or invalid */
#define S61_ENOMEM    3   /* out of memory */
#define S61_EINTERNAL 4   /* a defect of the library: please report it with the input */

/*
** An opened set of rule files: the regimes (rules/be-2007.json,
** rules/be-2017.json), the reforms (rules/reforms/), the EU/EEA table and the
** rule index. Immutable, shareable between threads.
*/
typedef struct s61_rules s61_rules;

/*
** The library's version, e.g. "0.1.0": the same as SEJOUR61_VERSION of the
** header it was built with. The string is static: do not free it.
*/
S61_API const char *s61_version(void);

/*
** Opens the rule files of `rules_dir` (a directory holding be-2007.json,
** be-2017.json, eu-eea.json, rule-index.json and reforms/).
**
** rules_dir  the directory, or NULL for the default, looked for in this order:
**            1. the environment variable SEJOUR61_RULES, when set;
**            2. next to the library (or to the program a static library is
**               linked into): <dir>/share/sejour61/rules, then
**               <dir>/../share/sejour61/rules and up to three levels up (so
**               <prefix>/lib/libsejour61.so finds <prefix>/share/sejour61/rules
**               even after the prefix is moved);
**            3. <prefix>/share/sejour61/rules of the prefix configured at build
**               time.
**            No build-tree path is compiled into the library. s61_rules_dir
**            tells which directory was chosen. To pin the rules, pass the
**            directory here.
** out        receives the handle on success, NULL on failure. Required.
** error_json on failure, receives an error document (code "rules" or
**            "nomem") to release with s61_free; NULL on success. May be NULL
**            when the caller does not want it.
**
** Returns S61_OK, S61_EINPUT (out is NULL), S61_ERULES (a file is missing or
** invalid: the message names the file and the key), S61_ENOMEM.
** Thread-safe. The handle is released with s61_rules_close.
*/
S61_API int s61_rules_open(const char *rules_dir, s61_rules **out, char **error_json);

/*
** Releases a handle from s61_rules_open. NULL is allowed and does nothing.
** No other thread may be using the handle. Like free(), closing the same
** handle twice is undefined behaviour (a crash at best): set your pointer to
** NULL after closing it.
*/
S61_API void s61_rules_close(s61_rules *rules);

/*
** The directory the handle's rule files were read from (absolute when it was
** found by default). Owned by the handle: valid until s61_rules_close, do not
** free. NULL when `rules` is NULL. Thread-safe.
*/
S61_API const char *s61_rules_dir(const s61_rules *rules);

/*
** The state of a case on a date: document "sejour61.status/1" (phase,
** document and its validity, deadlines, contestable dates, warnings).
**
** rules        an open handle. Required.
** case_json    the case file, UTF-8 JSON text, format "sejour61.case/1". Required.
** on_date      the query date "YYYY-MM-DD", or NULL for today in
**              Europe/Brussels. Only the events dated on or before it count.
** options_json NULL, or a JSON object with any of
**                "rules":   "be-2017"    pin one regime for all dates
**                                        (default: the regime in force on each date)
**                "reforms": ["id", ...]  reform overlays, in order
**                "lang":    "fr"|"nl"|"en"
**              Unknown keys are an input error.
** out_json     receives the document on S61_OK, or the error document on
**              S61_EINPUT / S61_ERULES / S61_EINTERNAL; release it with
**              s61_free. On S61_ENOMEM it may be NULL. Required.
**
** Returns S61_OK, S61_EINPUT (invalid case, date or options, a date before
** the case starts or before any regime, unknown regime or reform id, or a
** required argument is NULL), S61_ENOMEM, S61_EINTERNAL.
** Thread-safe: many threads may call it at once with the same handle.
*/
S61_API int s61_status(const s61_rules *rules, const char *case_json, const char *on_date,
                       const char *options_json, char **out_json);

/*
** Every period of the case that starts on or before the date: document
** "sejour61.timeline/1". Arguments, results and thread safety as s61_status.
*/
S61_API int s61_timeline(const s61_rules *rules, const char *case_json, const char *on_date,
                         const char *options_json, char **out_json);

/*
** Every decision applied to the case up to the date, in order, each with its
** rule id, legal basis, the parameters read and the facts: document
** "sejour61.explain/1". Arguments, results and thread safety as s61_status.
*/
S61_API int s61_explain(const s61_rules *rules, const char *case_json, const char *on_date,
                        const char *options_json, char **out_json);

/*
** What must or may happen next: document "sejour61.next/1" (who acts, by
** when, on what basis, and what the engine does on that date if nobody acts:
** "consequence" and "overdue" on each step). Arguments, results and thread
** safety as s61_status ("lang" chooses the language of the texts).
*/
S61_API int s61_next(const s61_rules *rules, const char *case_json, const char *on_date,
                     const char *options_json, char **out_json);

/*
** The same facts under several rule sets: document "sejour61.compare/1".
** options_json is required here: {"rule_sets": ["in-force",
** "in-force+mena-unconditional", "be-2007"]} (at least two; a rule-set spec is
** a regime id or "in-force", followed by "+REFORM" parts, a reform optionally
** as "ID@YYYY-MM-DD"). Results and thread safety as s61_status.
*/
S61_API int s61_compare(const s61_rules *rules, const char *case_json, const char *on_date,
                        const char *options_json, char **out_json);

/*
** Every contestable reading that changes the case (procedure.md §8): each
** alternative of a secondary or interpretation parameter, replayed one at a
** time; "sejour61.contest/1" with the readings that change a state, a
** document, a closure reason or a document period up to on_date (an empty
** "readings": no date depends on one). options_json as s61_status ("rules",
** "reforms", "lang"). Results and thread safety as s61_status.
*/
S61_API int s61_contest(const s61_rules *rules, const char *case_json, const char *on_date,
                        const char *options_json, char **out_json);

/*
** What `sejour61 record` would do with one event, without writing anything:
** on S61_OK, *out_json is {"format": "sejour61.check/1", "verdict":
** "accepted" | "no_effect" | "refused", "rule": id or null, "message": text
** or null}, plus "path" when the event itself is invalid. "no_effect": a valid
** event that changes nothing on its date (recorded by `record`, with the
** rule); "refused": an invalid event, one dated after today, or with options
** {"strict": true} one that changes nothing. S61_EINPUT only for malformed
** input (the case or the event is not JSON, the case is invalid). An event
** that carries its own "recorded" stamp is refused (path "event.recorded"):
** `record` writes the stamp, with who records and when.
** options_json: NULL or {"rules", "reforms", "lang", "strict"}.
*/
S61_API int s61_check_event(const s61_rules *rules, const char *case_json, const char *event_json,
                            const char *options_json, char **out_json);

/*
** A printable, self-contained HTML report of the case on the date (the
** CLI's `report`): *out_html receives the HTML text. Arguments, results and
** thread safety as s61_status; on failure *out_html is an error document.
*/
S61_API int s61_report(const s61_rules *rules, const char *case_json, const char *on_date,
                       const char *options_json, char **out_html);

/*
** Many cases at once (the CLI's `simulate`): `cases_jsonl` holds `len` bytes
** of JSON Lines, one case per line. On S61_OK, *out receives one row per case
** and rule set, in CSV with a header line (options "format": "csv", the
** default) or in JSON Lines ("jsonl"), with the columns index, case,
** rule_set, state, closure_reason, document, document_until,
** days_with_document, days_without_document, a_card_from, indefinite_from,
** warnings, error. A line that is not a valid case is a row with its error
** document, never a failure of the call; empty lines are skipped (their
** index still counts). options_json: NULL or {"rule_sets": [...] (default
** ["in-force"]), "format": "csv" | "jsonl", "threads": 0 (all cores) or
** more}. S61_EINPUT for bad options, a bad date or an unknown rule set.
** Thread safety as s61_status; the call itself uses `threads` threads.
*/
S61_API int s61_simulate(const s61_rules *rules, const char *cases_jsonl, size_t len, const char *on_date,
                         const char *options_json, char **out);

/*
** The library's version as one number, major * 1000000 + minor * 1000 +
** patch (1002003 for 1.2.3), as sqlite3_libversion_number does; compare it
** with SEJOUR61_VERSION_MAJOR etc. of the header (the older macro
** SEJOUR61_VERSION_NUMBER keeps its own form, major * 10000 + minor * 100 + patch).
*/
S61_API int s61_version_number(void);

/*
** A static English description of an S61_* code ("out of memory"...); a
** text for unknown codes too. Never NULL; do not free.
*/
S61_API const char *s61_errstr(int code);

/*
** Checks a case file without evaluating it. On S61_OK, *out_json is
** {"format": "sejour61.validate/1", "case": id, "valid": true, "events": n,
** "out_of_order": bool}; on S61_EINPUT the error document names the field.
** Thread-safe.
*/
S61_API int s61_validate(const char *case_json, char **out_json);

/*
** Releases a string returned by the library. NULL is allowed.
*/
S61_API void s61_free(void *p);

/*
** Replaces the allocator used for every string the library returns (the
** output and error documents). `alloc` must return NULL on failure; the
** library then returns S61_ENOMEM. Pass NULL, NULL to restore malloc/free.
**
** Call it before any other function and never while another thread uses the
** library: strings allocated before the change must not be released after it.
** Returns S61_OK, or S61_EINPUT when only one of the two is NULL.
*/
S61_API int s61_config_allocator(void *(*alloc)(size_t size), void (*release)(void *p));

#ifdef __cplusplus
}
#endif

#endif /* SEJOUR61_H */
