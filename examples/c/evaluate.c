/*
** evaluate.c — how a case-management system embeds sejour61.
**
**   cc evaluate.c $(pkg-config --cflags --libs sejour61) -o evaluate
**   ./evaluate case.json 2026-03-01
**
** Opens the installed rules once, evaluates a case file, prints the end date
** of the document the person holds, and handles errors.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sejour61/sejour61.h>

/* Reads a whole file; NULL on failure. */
static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) == (size_t)n) {
            buf[n] = '\0';
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

/* The value of the first "key": "value" after `from` in a JSON document
** (enough for this example; a real program uses its JSON library). */
static void print_field(const char *doc, const char *from, const char *key) {
    const char *p = from ? strstr(doc, from) : doc;
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\": ", key);
    p = p ? strstr(p, pattern) : NULL;
    if (!p) { printf("%s: (none)\n", key); return; }
    p += strlen(pattern);
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        printf("%s: %.*s\n", key, (int)(end - p - 1), p + 1);
    } else {
        printf("%s: %.4s\n", key, p);  /* null */
    }
}

int main(int argc, char **argv) {
    s61_rules *rules = NULL;
    char *error = NULL, *status = NULL, *case_json;
    int rc;

    if (argc != 3) {
        fprintf(stderr, "usage: %s CASE.json YYYY-MM-DD\n", argv[0]);
        return 2;
    }
    /* Once per process; the handle can be shared by all threads. */
    if (s61_rules_open(NULL, &rules, &error) != S61_OK) {
        fprintf(stderr, "cannot load the rules: %s\n", error ? error : "out of memory");
        s61_free(error);
        return 1;
    }
    case_json = slurp(argv[1]);
    if (!case_json) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        s61_rules_close(rules);
        return 1;
    }
    rc = s61_status(rules, case_json, argv[2], NULL, &status);
    if (rc == S61_OK) {
        printf("sejour61 %s\n", s61_version());
        printf("rules: %s\n", s61_rules_dir(rules));
        print_field(status, NULL, "state");
        print_field(status, "\"document\"", "id");
        print_field(status, "\"document\"", "until");
    } else {
        /* An error document: code, message (naming the field) and path. */
        fprintf(stderr, "error %d: %s (%s)\n", rc, status ? status : "", s61_errstr(rc));
    }
    s61_free(status);
    if (rc == S61_OK) {
        char *doc = NULL;
        /* What is due next: the first step, and what happens if nobody acts. */
        if (s61_next(rules, case_json, argv[2], "{\"lang\": \"fr\"}", &doc) == S61_OK)
            print_field(doc, "\"steps\"", "id");
        s61_free(doc);
        doc = NULL;
        /* The same facts under the law of 2007 and under a reform. */
        if (s61_compare(rules, case_json, argv[2],
                        "{\"rule_sets\": [\"in-force\", \"in-force+mena-unconditional\"]}", &doc) == S61_OK)
            print_field(doc, NULL, "format");
        s61_free(doc);
        doc = NULL;
        /* Before recording an event: what `record` would do with it. */
        if (s61_check_event(rules, case_json, "{\"date\": \"2026-02-15\", \"type\": \"identity_established\"}",
                            NULL, &doc) == S61_OK)
            print_field(doc, NULL, "verdict");
        s61_free(doc);
    }
    free(case_json);
    s61_rules_close(rules);
    return rc == S61_OK ? 0 : 1;
}
