#include "sejour61/stamp.hpp"
#include "sejour61/calendar.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pwd.h>
#include <unistd.h>

namespace sejour61 {

namespace {

bool digits(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}
int number(std::string_view s, size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}
std::optional<Instant> fail(std::string* why, const char* problem) {
    if (why) *why = problem;
    return std::nullopt;
}

}  // namespace

std::optional<Instant> parse_timestamp(std::string_view s, std::string* why) {
    const char* shape = "is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SS with Z or an offset such as +01:00)";
    if (s.size() < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || !digits(s, 11, 2) || !digits(s, 14, 2) ||
        !digits(s, 17, 2))
        return fail(why, shape);
    auto day = parse_date(s.substr(0, 10));
    if (!day) return fail(why, "does not start with a calendar date (YYYY-MM-DD)");
    int h = number(s, 11, 2), m = number(s, 14, 2), sec = number(s, 17, 2);
    if (h > 23 || m > 59 || sec > 59) return fail(why, "has an hour, minute or second out of range");
    size_t i = 19;
    long nanos = 0;
    if (s[i] == '.') {
        size_t n = 0;
        while (digits(s, i + 1 + n, 1)) ++n;
        if (n < 1 || n > 9) return fail(why, "has a fraction of a second of more than 9 digits, or none after the dot");
        nanos = number(s, i + 1, n);
        for (size_t k = n; k < 9; ++k) nanos *= 10;
        i += 1 + n;
    }
    int offset = 0;  // minutes east of UTC
    if (i + 1 == s.size() && s[i] == 'Z') {
    } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' && digits(s, i + 1, 2) &&
               digits(s, i + 4, 2) && number(s, i + 1, 2) <= 23 && number(s, i + 4, 2) <= 59) {
        offset = (s[i] == '-' ? -1 : 1) * (number(s, i + 1, 2) * 60 + number(s, i + 4, 2));
    } else {
        return fail(why, shape);
    }
    long long days = (*day - Date(1970, 1, 1)).days();
    return Instant{days * 86400 + h * 3600 + m * 60 + sec - offset * 60LL, nanos};
}

std::string now_timestamp() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t t = system_clock::to_time_t(now);
    const long ms = static_cast<long>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[64];  // the widest ints the format can take, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms < 0 ? 0 : ms);
    return buf;
}

std::string login_name() {
    char buf[256];
    if (::getlogin_r(buf, sizeof buf) == 0 && buf[0]) return buf;
    struct passwd pw {};
    struct passwd* found = nullptr;
    char pwbuf[4096];
    if (::getpwuid_r(::geteuid(), &pw, pwbuf, sizeof pwbuf, &found) == 0 && found && found->pw_name &&
        found->pw_name[0])
        return found->pw_name;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "uid " + std::to_string(::geteuid());
}

}  // namespace sejour61
