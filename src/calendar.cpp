#include "sejour61/calendar.hpp"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <cstdio>
#include <ctime>
#include <vector>

namespace sejour61 {

namespace bg = boost::gregorian;

Date min_date() { return Date(1900, 1, 1); }
Date max_date() { return Date(2199, 12, 31); }

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool date_shaped(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(s[static_cast<size_t>(i)])) return false;
    return true;
}

std::optional<Date> parse_date(std::string_view s, std::string* why) {
    auto fail = [&](const char* msg) -> std::optional<Date> {
        if (why) *why = msg;
        return std::nullopt;
    };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return fail("is not an ISO 8601 date (YYYY-MM-DD)");
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(s[static_cast<size_t>(i)])) return fail("is not an ISO 8601 date (YYYY-MM-DD)");
    auto num = [&](size_t at, size_t len) {
        int v = 0;
        for (size_t i = 0; i < len; ++i) v = v * 10 + (s[at + i] - '0');
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 1900 || y > 2199) return fail("is outside the supported range 1900-01-01..2199-12-31");
    if (m < 1 || m > 12) return fail("is not a calendar date");
    int last = bg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                        static_cast<unsigned short>(m));
    if (d < 1 || d > last) return fail("is not a calendar date");
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                static_cast<unsigned short>(d));
}

std::string format_date(const Date& d) {
    const auto ymd = d.year_month_day();  // one conversion, not three
    int y = ymd.year, m = ymd.month, day = ymd.day;
    char buf[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                    static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                    static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                    static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    return std::string(buf, 10);
}

Date end_of_month(const Date& d) { return d.end_of_month(); }
bool is_last_day_of_month(const Date& d) {
    const auto ymd = d.year_month_day();
    return ymd.day == bg::gregorian_calendar::end_of_month_day(ymd.year, ymd.month);
}

// @rule R-DATE-FROM (procedure.md R-DATE-FROM): a document covers the day of
// the act that issues it, and its end is counted from that day (dates.first_day
// says whether that day is day 1 or day 0 of the count).
static Date count_start(const Date& act, FirstDay first) {
    return first == FirstDay::issue_day ? act - bg::days(1) : act;
}

// @rule R-DATE-DAYS (Judicial Code art. 52): n days counted from the act.
Date last_day(const Date& act, Days n, FirstDay first) { return count_start(act, first) + bg::days(n.count); }

// The year and month `months` after those of `ymd`.
struct YearMonth {
    unsigned short year, month;
};
static YearMonth month_shift(const Date::ymd_type& ymd, int months) {
    int index = static_cast<int>(ymd.year) * 12 + (static_cast<int>(ymd.month) - 1) + months;
    return YearMonth{static_cast<unsigned short>(index / 12), static_cast<unsigned short>(index % 12 + 1)};
}

static unsigned short month_length(const YearMonth& ym) {
    return bg::gregorian_calendar::end_of_month_day(ym.year, ym.month);
}

Date same_day_clamped(const Date& d, int months) {
    const auto ymd = d.year_month_day();
    const YearMonth ym = month_shift(ymd, months);
    return Date(ym.year, ym.month, std::min<unsigned short>(ymd.day, month_length(ym)));
}

// @rule R-DATE-MONTHS (Judicial Code art. 54): n months counted from the act,
// by quantième (a month-end act ends on a month end) or same day clamped.
Date last_day(const Date& act, Months n, MonthConvention convention, FirstDay first) {
    Date start = count_start(act, first);
    if (convention == MonthConvention::quantieme && is_last_day_of_month(start)) {
        const YearMonth ym = month_shift(start.year_month_day(), n.count);
        return Date(ym.year, ym.month, month_length(ym));
    }
    return same_day_clamped(start, n.count);
}

Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
}

const char* holiday_name(const Date& d) {
    const auto ymd = d.year_month_day();
    int m = ymd.month, day = ymd.day;
    if (m == 1 && day == 1) return "New Year's Day";
    if (m == 5 && day == 1) return "Labour Day";
    if (m == 7 && day == 21) return "National Day";
    if (m == 8 && day == 15) return "Assumption";
    if (m == 11 && day == 1) return "All Saints' Day";
    if (m == 11 && day == 11) return "Armistice Day";
    if (m == 12 && day == 25) return "Christmas Day";
    if (m >= 3 && m <= 6) {
        Date easter = easter_sunday(ymd.year);
        long off = (d - easter).days();
        if (off == 1) return "Easter Monday";
        if (off == 39) return "Ascension Day";
        if (off == 50) return "Whit Monday";
    }
    return nullptr;
}

bool is_public_holiday(const Date& d) { return holiday_name(d) != nullptr; }

bool is_weekend(const Date& d) {
    auto w = d.day_of_week().as_number();
    return w == 0 || w == 6;
}

namespace {

// One bit per day, set for a working day, built a year at a time when a
// date of that year is first asked about (about 10 µs a year): the replay
// asks about working days in its loop (every deadline and roll-over), and a
// lookup replaces the conversion to year, month and day that the weekday and
// the holidays need. Covers min_date() to max_date().
class WorkingDays {
public:
    WorkingDays() {
        for (int i = 0; i <= kYears; ++i) start_[i] = Date(static_cast<unsigned short>(kFirst + i), 1, 1).day_number();
    }
    // -1 outside the table.
    int lookup(const Date& d) {
        if (d.is_special()) return -1;
        const auto n = d.day_number();
        if (n < start_[0] || n >= start_[kYears]) return -1;
        const int y = static_cast<int>(std::upper_bound(start_, start_ + kYears + 1, n) - start_) - 1;
        std::call_once(built_[y], [&] { build(y); });
        const auto k = n - start_[y];
        return static_cast<int>((bits_[y][k / 64] >> (k % 64)) & 1u);
    }

private:
    static constexpr int kFirst = 1900, kYears = 300;  // 1900–2199, as min_date() and max_date()
    Date::date_int_type start_[kYears + 1];
    std::once_flag built_[kYears];
    std::uint64_t bits_[kYears][6] = {};

    void build(int y) {
        Date d = Date(static_cast<unsigned short>(kFirst + y), 1, 1);
        for (unsigned k = 0; d.day_number() < start_[y + 1]; ++k, d += bg::days(1))
            if (!is_weekend(d) && !is_public_holiday(d)) bits_[y][k / 64] |= std::uint64_t{1} << (k % 64);
    }
};

}  // namespace

bool is_working_day(const Date& d) {
    static WorkingDays table;
    const int known = table.lookup(d);
    if (known >= 0) return known == 1;
    return !is_weekend(d) && !is_public_holiday(d);
}

// @rule R-DATE-ROLL (Judicial Code art. 53; law of 4 January 1974): a last
// day on a Saturday, Sunday or public holiday moves to the next working day.
Date roll_forward(const Date& d) {
    Date r = d;
    while (!is_working_day(r)) r += bg::days(1);
    return r;
}

Date roll_backward(const Date& d) {
    Date r = d;
    while (!is_working_day(r)) r -= bg::days(1);
    return r;
}

long long brussels_offset(long long utc_seconds) {
    const long long day = 86400;
    long long days = utc_seconds >= 0 ? utc_seconds / day : -((-utc_seconds + day - 1) / day);
    Date utc_date = Date(1970, 1, 1) + bg::days(static_cast<long>(days));
    auto last_sunday = [](int y, int m) {
        Date d = Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1).end_of_month();
        while (d.day_of_week().as_number() != 0) d -= bg::days(1);
        return d;
    };
    int y = utc_date.year();
    // Summer time: from last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
    auto instant = [&](const Date& d) { return (d - Date(1970, 1, 1)).days() * day + 3600; };
    long long start = instant(last_sunday(y, 3)), end = instant(last_sunday(y, 10));
    return (utc_seconds >= start && utc_seconds < end) ? 7200 : 3600;
}

Date brussels_date(long long utc_seconds) {
    const long long day = 86400;
    long long local = utc_seconds + brussels_offset(utc_seconds);
    long long ldays = local >= 0 ? local / day : -((-local + day - 1) / day);
    return Date(1970, 1, 1) + bg::days(static_cast<long>(ldays));
}

Date today_brussels() { return brussels_date(static_cast<long long>(std::time(nullptr))); }

long days_between(const Date& a, const Date& b) { return (b - a).days(); }

Date birthday(const Date& birth, int age, bool feb29_to_feb28) {
    int y = static_cast<int>(birth.year()) + age;
    auto uy = static_cast<unsigned short>(y);
    if (birth.month() == 2 && birth.day() == 29 && !bg::gregorian_calendar::is_leap_year(uy))
        return feb29_to_feb28 ? Date(uy, 2, 28) : Date(uy, 3, 1);
    return Date(uy, birth.month(), birth.day());
}

}  // namespace sejour61
