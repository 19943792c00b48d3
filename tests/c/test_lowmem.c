/*
** The C API under memory pressure (issue 13 item 8): with an address-space
** limit (RLIMIT_AS) from 40 to 96 MiB and a 15 MB case, every call returns a
** code (S61_OK, S61_ENOMEM, S61_EINPUT) and never aborts. Each limit runs in a
** child process. Not meaningful under AddressSanitizer (it reserves terabytes).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sejour61/sejour61.h>

static int child(const char *rules_dir, long mib) {
    struct rlimit rl;
    s61_rules *r = NULL;
    char *out = NULL, *big;
    const char *head = "{\"format\": \"sejour61.case/1\", \"id\": \"LOWMEM\", \"person\": {\"birth_date\": \"1990-06-15\", "
                       "\"nationality\": \"NG\"}, \"offence\": {\"type\": \"trafficking\"}, \"events\": ["
                       "{\"date\": \"2026-01-05\", \"type\": \"indications\", \"by\": \"police\"}, "
                       "{\"date\": \"2026-01-06\", \"type\": \"centre_contact\", \"centre\": \"";
    const char *tail = "\"}]}";
    size_t n = 15u << 20, h = strlen(head), t = strlen(tail);
    int rc;
    rl.rlim_cur = rl.rlim_max = (rlim_t)mib << 20;
    if (setrlimit(RLIMIT_AS, &rl) != 0) return 40;
    rc = s61_rules_open(rules_dir, &r, NULL);
    if (rc == S61_ENOMEM) return 10;
    if (rc != S61_OK) return 20 + rc;
    big = malloc(n + 1);
    if (!big) { s61_rules_close(r); return 11; }
    memcpy(big, head, h);
    memset(big + h, 'x', n - h - t);
    memcpy(big + n - t, tail, t + 1);
    rc = s61_status(r, big, "2026-03-01", NULL, &out);
    s61_free(out);
    free(big);
    s61_rules_close(r);
    return rc == S61_OK ? 0 : rc == S61_ENOMEM ? 10 : rc == S61_EINPUT ? 12 : 30 + rc;
}

int main(int argc, char **argv) {
    long mib;
    int failed = 0, passed = 0, nomem = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: test_lowmem RULES_DIR\n");
        return 2;
    }
    for (mib = 40; mib <= 96; mib += 8) {
        int status = 0;
        pid_t pid = fork();
        if (pid == 0) _exit(child(argv[1], mib));
        if (pid < 0 || waitpid(pid, &status, 0) != pid) { perror("fork"); return 2; }
        if (WIFSIGNALED(status)) {
            printf("%ld MiB: killed by signal %d\n", mib, WTERMSIG(status));
            ++failed;
        } else if (WEXITSTATUS(status) >= 20) {
            printf("%ld MiB: unexpected code %d\n", mib, WEXITSTATUS(status));
            ++failed;
        } else {
            int c = WEXITSTATUS(status);
            printf("%ld MiB: %s\n", mib, c == 0 ? "ok" : c == 12 ? "input error" : c == 11 ? "the test's own malloc failed"
                                                                                      : "S61_ENOMEM, reported");
            nomem += c == 10;
            ++passed;
        }
    }
    if (nomem == 0) {
        printf("no limit produced S61_ENOMEM from the library: the test applied no pressure\n");
        ++failed;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
