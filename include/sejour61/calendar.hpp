// sejour61/calendar.hpp — the one module that owns every date computation.
//
// Residence documents and time limits in the procedure of art. 61/2–61/5 of
// the law of 15 December 1980 are counted with the Judicial Code (art. 52–54).
// This header teaches the rules; every rule id refers to procedure.md §9.
//
//  * R-DATE-DAYS   A period of N days started by an act on date D: day 1 is
//                  D+1 and the period includes its last day, D+N.
//                  45 days from 6 January 2026 → last day 20 February 2026.
//
//  * R-DATE-MONTHS A period of N months started by an act on date D runs
//                  "de quantième à veille de quantième": from D+1 to the eve
//                  of the day bearing the same number as D+1, N months later.
//                  Equivalently: the same day-number as D in the target month,
//                  clamped to that month's end, except that when D is the last
//                  day of its month the period ends on the last day of the
//                  target month.
//
//      Adding a month is not adding a fixed count of days, and it is not what
//      boost::gregorian::months does either: Boost snaps to the month end
//      whenever the start is a month end (28 Feb 2023 + 1 month = 31 Mar 2023
//      in Boost; so does the Judicial Code, by the end-of-month rule), but the
//      two disagree elsewhere, and Boost has no notion of the alternative
//      "same-day clamped" reading. Worked examples (all tested):
//         15 Jan      + 3 months → 15 Apr
//         31 Jan 2024 + 1 month  → 29 Feb 2024   (clamped)
//         29 Feb 2024 + 6 months → 31 Aug 2024   (end of month, not 29 Aug)
//         30 Apr 2024 + 6 months → 31 Oct 2024   (end of month)
//         29 Nov 2023 + 3 months → 29 Feb 2024
//         30 Aug 2023 + 6 months → 29 Feb 2024   (clamped)
//         30 Jan 2025 + 1 month  → 28 Feb 2025   (clamped)
//         31 Aug 2024 + 6 months → 28 Feb 2025
//
//  * R-DATE-ROLL   A time limit for the person to act whose last day is a
//                  Saturday, Sunday or legal public holiday ends on the next
//                  working day (art. 53). Document validity in months never
//                  rolls over.
//
//  * Holidays      The 10 Belgian legal public holidays (law of 4 January
//                  1974): 1 Jan, Easter Monday, 1 May, Ascension, Whit Monday,
//                  21 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec. Easter follows the
//                  Gregorian computus. No replacement day for a holiday that
//                  falls on a Sunday.
//
// Periods in days and in months are distinct types: a Days cannot be passed
// where Months is expected, and neither converts from a bare int implicitly.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sejour61 {

using Date = boost::gregorian::date;

/// A count of calendar days (R-DATE-DAYS).
struct Days {
    explicit constexpr Days(int n) : count(n) {}
    int count;
};

/// A count of calendar months (R-DATE-MONTHS).
struct Months {
    explicit constexpr Months(int n) : count(n) {}
    int count;
};

/// How a period of months ends (procedure.md §9).
enum class MonthConvention {
    /// The Judicial Code rule, the default: same day-number clamped to the
    /// target month's end, and a period started on a month's last day ends on
    /// the target month's last day.
    quantieme,
    /// The alternative reading the ambiguity alarm compares with: same
    /// day-number clamped, without the end-of-month rule.
    same_day_clamped,
};

/// Which day is day 1 of a period (a rule-set parameter, procedure.md §9).
enum class FirstDay {
    next_day,   ///< Judicial Code art. 52: the day after the act (default)
    issue_day,  ///< the act's own day counts as day 1: every end one day earlier
};

/// Thrown for text that is not an ISO 8601 calendar date in range.
class DateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Earliest and latest dates the engine accepts (interfaces.md §1).
Date min_date();
Date max_date();

/// Parses "YYYY-MM-DD" strictly (exactly 10 characters, a real calendar day,
/// from 1900-01-01 to 2199-12-31). Returns nullopt and fills `why` otherwise.
/// Whether `s` has the shape of an ISO date (DDDD-DD-DD), valid or not: the
/// only kind of input value an error message may repeat.
bool date_shaped(std::string_view s);
std::optional<Date> parse_date(std::string_view text, std::string* why = nullptr);

/// Formats as "YYYY-MM-DD".
std::string format_date(const Date& d);

/// Last day of d's month.
Date end_of_month(const Date& d);
bool is_last_day_of_month(const Date& d);

/// R-DATE-DAYS: the last day of a period of n days started by an act on `act`.
Date last_day(const Date& act, Days n, FirstDay first = FirstDay::next_day);

/// R-DATE-MONTHS: the last day of a period of n months started by an act on `act`.
Date last_day(const Date& act, Months n,
              MonthConvention convention = MonthConvention::quantieme,
              FirstDay first = FirstDay::next_day);

/// The same day-number `n` months later (n may be negative), clamped to the
/// end of the target month, with no end-of-month rule.
Date same_day_clamped(const Date& d, int months);

/// Gregorian Easter Sunday of `year` (anonymous Gregorian computus).
Date easter_sunday(int year);

/// Which legal public holiday d is, or nullptr (law of 4 January 1974).
const char* holiday_name(const Date& d);
bool is_public_holiday(const Date& d);
bool is_weekend(const Date& d);
bool is_working_day(const Date& d);

/// R-DATE-ROLL: d itself when it is a working day, else the next working day.
Date roll_forward(const Date& d);
/// d itself when it is a working day, else the previous working day.
Date roll_backward(const Date& d);

/// Today's date in Europe/Brussels (CET/CEST by the EU rule: summer time from
/// the last Sunday of March to the last Sunday of October, 01:00 UTC).
/// Thread-safe; does not touch the TZ environment.
Date today_brussels();
/// The Brussels calendar date of a UTC instant (seconds since the epoch).
Date brussels_date(long long utc_seconds);
/// The offset of Brussels time from UTC at that instant, in seconds (3600 or 7200).
long long brussels_offset(long long utc_seconds);

/// Whole-day difference b - a.
long days_between(const Date& a, const Date& b);

/// The 18th (or `age`th) birthday; a person born on 29 February reaches it
/// on 1 March in a common year unless `feb29_to_feb28` is set
/// (parameter majority.feb29, R-MINOR-AGE).
Date birthday(const Date& birth, int age, bool feb29_to_feb28 = false);

}  // namespace sejour61
