// sejour61/stamp.hpp — who recorded a change to a case file, and when.
//
// `record` stamps every event it writes with "recorded": {"at", "by"}
// (sejour61.case/1, additive) and every line of the case's journal with the
// same. `at` is an ISO 8601 timestamp with its offset: written in UTC with
// milliseconds ("2026-11-03T09:41:07.128Z"); read with any offset
// ("2026-11-03T10:41:07+01:00"), whole seconds or a fraction of 1 to 9 digits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sejour61 {

/// An instant: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second.
struct Instant {
    long long seconds = 0;
    long nanos = 0;
    bool operator<(const Instant& o) const { return seconds != o.seconds ? seconds < o.seconds : nanos < o.nanos; }
    bool operator==(const Instant& o) const { return seconds == o.seconds && nanos == o.nanos; }
};

/// The instant of an ISO 8601 timestamp `YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+HH:MM|-HH:MM)`
/// (date 1900-01-01 to 2199-12-31, hours 00-23, minutes and seconds 00-59,
/// offset up to ±23:59), or nothing with `why` saying what is wrong.
std::optional<Instant> parse_timestamp(std::string_view text, std::string* why = nullptr);

/// Now, in UTC with milliseconds: "2026-11-03T09:41:07.128Z".
std::string now_timestamp();

/// Who is recording when no --by is given: the login name (getlogin), else
/// the name of the effective user, else $USER, else "uid N".
std::string login_name();

}  // namespace sejour61
