/* The C API exercised from plain C (compiled as C99, not C++): success, every
** error code that a caller can provoke, NULL handling, and freeing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sejour61/sejour61.h"

static const char *rules_dir;
static char *example;

static int fail_next = 0;
static void *failing_alloc(size_t n) { return fail_next ? NULL : malloc(n); }
static int frees = 0;
static void counting_free(void *p) { ++frees; free(p); }

static void test_version(void) {
    CHECK(strcmp(s61_version(), SEJOUR61_VERSION) == 0);
    CHECK(SEJOUR61_VERSION_NUMBER == SEJOUR61_VERSION_MAJOR * 10000 + SEJOUR61_VERSION_MINOR * 100 + SEJOUR61_VERSION_PATCH);
}

static void test_success(s61_rules *r) {
    char *out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.status/1\""));
    CHECK(contains(out, "\"state\": \"provisional\""));
    CHECK(contains(out, "\"until\": \"2026-05-01\""));
    CHECK(contains(out, "\"date\": \"2026-04-01\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_timeline(r, example, "2026-06-01", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.timeline/1\""));
    CHECK(contains(out, "\"from\": \"2026-05-02\""));
    CHECK(contains(out, "\"until\": \"2026-11-01\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_explain(r, example, "2026-06-01", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"rule\": \"R-61/4-A\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", "{\"rules\": \"be-2007\", \"lang\": \"fr\", \"reforms\": []}", &out) == S61_OK);
    CHECK(contains(out, "\"regime\": \"be-2007\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, NULL, NULL, &out) == S61_OK); /* today */
    CHECK(contains(out, "sejour61.status/1"));
    s61_free(out);

    out = NULL;
    CHECK(s61_validate(example, &out) == S61_OK);
    CHECK(contains(out, "\"valid\": true"));
    s61_free(out);
}

static void test_input_errors(s61_rules *r) {
    char *out = NULL;
    const char *bad_date =
        "{\"format\": \"sejour61.case/1\", \"id\": \"X\", \"person\": {\"birth_date\": \"1990-01-01\", "
        "\"nationality\": \"NG\"}, \"offence\": {\"type\": \"trafficking\"}, \"events\": ["
        "{\"date\": \"2026-01-05\", \"type\": \"indications\", \"by\": \"police\"},"
        "{\"date\": \"2026-02-30\", \"type\": \"identity_established\"}]}";
    CHECK(s61_status(r, bad_date, "2026-03-01", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "\"format\": \"sejour61.error/1\""));
    CHECK(contains(out, "\"code\": \"input\""));
    CHECK(contains(out, "\"path\": \"events[1].date\""));
    CHECK(contains(out, "is not a calendar date"));
    s61_free(out);
    /* Issue 13: malformed options get their own message and path, not the case's. */
    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", "{\"rules\": ", &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"options\""));
    CHECK(contains(out, "options: malformed JSON"));
    s61_free(out);
    /* Non-UTF-8 dates: an input error with a document, never S61_ENOMEM. */
    out = NULL;
    CHECK(s61_status(r, example, "\xff\xfe", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"on_date\""));
    s61_free(out);
    /* A phone number where a date goes is not repeated. */
    out = NULL;
    CHECK(s61_status(r, example, "0471123456", NULL, &out) == S61_EINPUT);
    CHECK(!contains(out, "0471123456"));
    s61_free(out);
    /* Every document says what produced it. */
    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"rules\": \"sha256:"));
    CHECK(contains(out, "\"engine\": \"" SEJOUR61_VERSION "\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, "{not json", "2026-03-01", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "malformed JSON"));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, "2026-02-30", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"on_date\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, "2026-01-04", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "the case has not started on 2026-01-04"));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", "{\"rules\": \"be-1999\"}", &out) == S61_EINPUT);
    CHECK(contains(out, "unknown regime"));
    s61_free(out);

    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", "{\"colour\": 1}", &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"options.colour\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_timeline(r, example, "2026-03-01", "[1, 2]", &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"options\""));
    s61_free(out);

    out = NULL;
    CHECK(s61_validate("{\"format\": \"sejour61.case/1\"}", &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"id\""));
    s61_free(out);
}

static void test_nulls(s61_rules *r) {
    char *out = NULL;
    s61_rules *none = NULL;
    CHECK(s61_status(NULL, example, "2026-03-01", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"rules\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_timeline(r, NULL, "2026-03-01", NULL, &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"case_json\""));
    s61_free(out);
    CHECK(s61_explain(r, example, "2026-03-01", NULL, NULL) == S61_EINPUT);
    CHECK(s61_validate(NULL, NULL) == S61_EINPUT);
    CHECK(s61_rules_open(rules_dir, NULL, NULL) == S61_EINPUT);
    s61_rules_close(NULL);
    s61_free(NULL);
    (void)none;
}

/* Issue 9: every command from C (next, compare, check_event, report). */
static void test_every_command(s61_rules *r) {
    char *out = NULL;
    /* next: the example on 2026-03-01: the OE consults the prosecutor by 2026-04-01;
    ** as of that day only the cooperation is known (identity on 10 March and
    ** the opinion on 2 April come later), so nobody acting, the ai is extended
    ** on 2026-05-02 (R-61/3-EXTEND). */
    CHECK(s61_next(r, example, "2026-03-01", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.next/1\""));
    CHECK(contains(out, "\"id\": \"consult-prosecutor\""));
    CHECK(contains(out, "\"by\": \"2026-04-01\""));
    CHECK(contains(out, "\"overdue\": false"));
    CHECK(contains(out, "\"kind\": \"extension\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_next(r, example, "2026-03-01", "{\"lang\": \"fr\"}", &out) == S61_OK);
    CHECK(contains(out, "\"lang\": \"fr\""));
    s61_free(out);
    /* compare */
    out = NULL;
    CHECK(s61_compare(r, example, "2026-12-31", "{\"rule_sets\": [\"in-force\", \"be-2007\"]}", &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.compare/1\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_compare(r, example, "2026-12-31", "{\"rule_sets\": [\"in-force\"]}", &out) == S61_EINPUT);
    CHECK(contains(out, "\"path\": \"options.rule_sets\""));
    s61_free(out);
    /* contest (issue 11): no date of the example depends on a contestable reading;
    ** an unknown reform is an input error naming it. */
    out = NULL;
    CHECK(s61_contest(r, example, "2026-12-31", NULL, &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.contest/1\""));
    CHECK(contains(out, "\"readings\": []"));
    s61_free(out);
    out = NULL;
    CHECK(s61_contest(r, example, "2026-12-31", "{\"reforms\": [\"none-such\"]}", &out) == S61_EINPUT);
    CHECK(contains(out, "none-such"));
    s61_free(out);
    /* --set as a reform entry: an ai of 6 months from 1 Feb 2026 ends on 1 Aug 2026. */
    out = NULL;
    CHECK(s61_status(r, example, "2026-03-01", "{\"reforms\": [\"set:provisional.months=6\"]}", &out) == S61_OK);
    CHECK(contains(out, "\"until\": \"2026-08-01\""));
    s61_free(out);
    /* check_event: accepted, no effect, refused (invalid), refused (future), malformed */
    out = NULL;
    CHECK(s61_check_event(r, example, "{\"date\": \"2026-02-15\", \"type\": \"identity_established\"}", NULL,
                          &out) == S61_OK);
    CHECK(contains(out, "\"format\": \"sejour61.check/1\"") && contains(out, "\"verdict\": \"accepted\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_check_event(r, example, "{\"date\": \"2026-05-21\", \"type\": \"centre_contact\", \"centre\": \"x\"}",
                          NULL, &out) == S61_OK);
    CHECK(contains(out, "\"verdict\": \"no_effect\"") && contains(out, "\"rule\": \"R-61/2-REFLECT\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_check_event(r, example, "{\"date\": \"2026-05-21\", \"type\": \"centre_contact\", \"centre\": \"x\"}",
                          "{\"strict\": true}", &out) == S61_OK);
    CHECK(contains(out, "\"verdict\": \"refused\"") && contains(out, "\"rule\": \"R-61/2-REFLECT\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_check_event(r, example, "{\"date\": \"2026-02-30\", \"type\": \"identity_established\"}", NULL, &out) ==
          S61_OK);
    CHECK(contains(out, "\"verdict\": \"refused\"") && contains(out, "\"path\": \"event.date\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_check_event(r, example, "{\"date\": \"2199-01-01\", \"type\": \"identity_established\"}", NULL, &out) ==
          S61_OK);
    CHECK(contains(out, "\"verdict\": \"refused\"") && contains(out, "\"rule\": \"R-ASOF\""));
    s61_free(out);
    out = NULL;
    CHECK(s61_check_event(r, example, "{not json", NULL, &out) == S61_EINPUT);
    s61_free(out);
    /* report */
    out = NULL;
    CHECK(s61_report(r, example, "2026-03-01", "{\"lang\": \"nl\"}", &out) == S61_OK);
    CHECK(contains(out, "<html") && contains(out, "2026-05-01"));
    s61_free(out);
    /* version number and error texts */
    CHECK(s61_version_number() ==
          SEJOUR61_VERSION_MAJOR * 1000000 + SEJOUR61_VERSION_MINOR * 1000 + SEJOUR61_VERSION_PATCH);
    CHECK(strcmp(s61_errstr(S61_ENOMEM), "out of memory") == 0);
    CHECK(s61_errstr(12345) != NULL);
}

static void test_rules_errors(void) {
    s61_rules *r = (s61_rules *)&r; /* must be reset to NULL */
    char *err = NULL;
    CHECK(s61_rules_open("/nonexistent/sejour61-rules", &r, &err) == S61_ERULES);
    CHECK(r == NULL);
    CHECK(contains(err, "\"code\": \"rules\""));
    CHECK(contains(err, "rule directory not found"));
    s61_free(err);
    /* The error document is optional. */
    CHECK(s61_rules_open("/nonexistent/sejour61-rules", &r, NULL) == S61_ERULES);
    /* A directory name that is not UTF-8: S61_ERULES with its document (issue 13). */
    err = NULL;
    CHECK(s61_rules_open("/nonexistent/\xff\xfe", &r, &err) == S61_ERULES);
    CHECK(contains(err, "\"code\": \"rules\""));
    s61_free(err);
}

static void test_allocator(s61_rules *r) {
    char *out = NULL;
    CHECK(s61_config_allocator(failing_alloc, NULL) == S61_EINPUT);
    CHECK(s61_config_allocator(failing_alloc, counting_free) == S61_OK);
    fail_next = 1;
    CHECK(s61_status(r, example, "2026-03-01", NULL, &out) == S61_ENOMEM);
    CHECK(out == NULL);
    fail_next = 0;
    CHECK(s61_status(r, example, "2026-03-01", NULL, &out) == S61_OK);
    s61_free(out);
    CHECK(frees == 1);
    CHECK(s61_config_allocator(NULL, NULL) == S61_OK);
}

/* s61_simulate: JSON Lines in, rows out; the example on 2026-03-01 (worked out
** by hand in tests/python/test_simulate_cli.py): provisional, ai to 2026-05-01,
** 55 days with a document, 1 without. */
static void test_simulate(s61_rules *r) {
    char *out = NULL;
    const char *lines = "{\"format\": \"sejour61.case/1\", \"id\": \"NO-PERSON\"}\n";
    size_t n = strlen(example) + strlen(lines) + 2;
    char *jsonl = malloc(n);
    char *flat = malloc(strlen(example) + 1);
    size_t k = 0;
    for (const char *p = example; *p; ++p)
        if (*p != '\n') flat[k++] = *p; /* one case per line */
    flat[k] = '\0';
    snprintf(jsonl, n, "%s\n%s", flat, lines);
    CHECK(s61_simulate(r, jsonl, strlen(jsonl), "2026-03-01", "{\"rule_sets\": [\"in-force\", \"be-2007\"]}", &out) == S61_OK);
    CHECK(contains(out, "index,case,rule_set,state,"));
    CHECK(contains(out, "\n0,BXL-2026-0042,in-force,provisional,,ai,2026-05-01,55,1,,,0,\n"));
    CHECK(contains(out, "\n0,BXL-2026-0042,be-2007,provisional,,ai,2026-05-01,55,1,,,0,\n"));
    CHECK(contains(out, "\n1,,in-force,,,,,,,,,,\"{\"\"format\"\":\"\"sejour61.error/1\"\""));
    s61_free(out);
    CHECK(s61_simulate(r, jsonl, strlen(jsonl), "2026-03-01", "{\"format\": \"jsonl\", \"threads\": 1}", &out) == S61_OK);
    CHECK(contains(out, "{\"index\":0,\"case\":\"BXL-2026-0042\",\"rule_set\":\"in-force\",\"state\":\"provisional\""));
    CHECK(contains(out, "\"path\":\"person\"}}"));
    s61_free(out);
    CHECK(s61_simulate(r, jsonl, strlen(jsonl), "2026-03-01", "{\"rule_sets\": [\"be-1999\"]}", &out) == S61_EINPUT);
    CHECK(contains(out, "be-1999"));
    s61_free(out);
    CHECK(s61_simulate(r, jsonl, strlen(jsonl), "2026-03-01", "{\"format\": \"xml\"}", &out) == S61_EINPUT);
    CHECK(contains(out, "options.format"));
    s61_free(out);
    CHECK(s61_simulate(r, NULL, 0, "2026-03-01", NULL, &out) == S61_OK); /* no case: the header only */
    CHECK(strcmp(out, "index,case,rule_set,state,closure_reason,document,document_until,days_with_document,"
                      "days_without_document,a_card_from,indefinite_from,warnings,error\n") == 0);
    s61_free(out);
    free(flat);
    free(jsonl);
}

int main(int argc, char **argv) {
    s61_rules *r = NULL;
    char *err = NULL;
    if (argc != 3) {
        fprintf(stderr, "usage: test_capi RULES_DIR EXAMPLE_CASE\n");
        return 2;
    }
    rules_dir = argv[1];
    example = read_file(argv[2]);
    CHECK(example != NULL);
    test_version();
    CHECK(s61_rules_open(rules_dir, &r, &err) == S61_OK);
    CHECK(err == NULL);
    CHECK(r != NULL);
    /* The directory the handle was read from, owned by the handle. */
    CHECK(r && strcmp(s61_rules_dir(r), rules_dir) == 0);
    CHECK(s61_rules_dir(NULL) == NULL);
    if (r && example) {
        test_success(r);
        test_input_errors(r);
        test_every_command(r);
        test_simulate(r);
        test_nulls(r);
        test_allocator(r);
    }
    test_rules_errors();
    s61_rules_close(r);
    free(example);
    return summary();
}
