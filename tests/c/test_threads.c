/* One s61_rules handle used by 8 threads at once (run under ThreadSanitizer
** in CI): every call must give the same document as a single thread does. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "sejour61/sejour61.h"

#define THREADS 8
#define CALLS 200

static s61_rules *rules;
static char *example;
static char *expected_status, *expected_timeline;
static int mismatches[THREADS];

static void *worker(void *arg) {
    int id = *(int *)arg, i;
    for (i = 0; i < CALLS; ++i) {
        char *out = NULL;
        int rc = (i % 2) ? s61_timeline(rules, example, "2026-06-01", NULL, &out)
                         : s61_status(rules, example, "2026-06-01", i % 4 == 0 ? "{\"rules\": \"be-2017\"}" : NULL, &out);
        const char *want = (i % 2) ? expected_timeline : expected_status;
        if (rc != S61_OK || !out || strcmp(out, want) != 0) ++mismatches[id];
        s61_free(out);
    }
    return NULL;
}

int main(int argc, char **argv) {
    pthread_t t[THREADS];
    int ids[THREADS], i, total = 0;
    if (argc != 3) return 2;
    example = read_file(argv[2]);
    CHECK(example != NULL);
    CHECK(s61_rules_open(argv[1], &rules, NULL) == S61_OK);
    if (!example || !rules) return summary();
    CHECK(s61_status(rules, example, "2026-06-01", NULL, &expected_status) == S61_OK);
    CHECK(s61_timeline(rules, example, "2026-06-01", NULL, &expected_timeline) == S61_OK);
    for (i = 0; i < THREADS; ++i) {
        ids[i] = i;
        CHECK(pthread_create(&t[i], NULL, worker, &ids[i]) == 0);
    }
    for (i = 0; i < THREADS; ++i) {
        pthread_join(t[i], NULL);
        total += mismatches[i];
    }
    CHECK(total == 0);
    s61_free(expected_status);
    s61_free(expected_timeline);
    s61_rules_close(rules);
    free(example);
    return summary();
}
