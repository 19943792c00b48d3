/* A minimal test harness for the C tests: CHECK counts, the summary line
** "N passed, N failed" is printed at the end and sets the exit status. */
#ifndef S61_CHECK_H
#define S61_CHECK_H
#include <stdio.h>
#include <string.h>

static int s61_passed = 0, s61_failed = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            ++s61_passed;                                                        \
        } else {                                                                 \
            ++s61_failed;                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/* Whether `text` contains `needle` (both may be NULL). */
static inline int contains(const char *text, const char *needle) {
    return text && needle && strstr(text, needle) != NULL;
}

static inline int summary(void) {
    printf("%d passed, %d failed\n", s61_passed, s61_failed);
    return s61_failed ? 1 : 0;
}

/* Reads a whole file into a malloc'ed string (NULL on failure). */
static inline char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    long n;
    char *s;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = (char *)malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}
#endif
