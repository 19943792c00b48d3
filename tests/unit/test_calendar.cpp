// Dates: every worked example of procedure.md §9, month ends, Easter, holidays.
#include "sejour61/calendar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <gtest/gtest.h>

#include <type_traits>

using namespace sejour61;

namespace {
Date D(const char* s) {
    auto d = parse_date(s);
    if (!d) throw std::invalid_argument(s);
    return *d;
}
std::string S(const Date& d) { return format_date(d); }
}  // namespace

// Days and Months are distinct types: neither converts from int nor into the other.
static_assert(!std::is_convertible_v<int, Days>);
static_assert(!std::is_convertible_v<int, Months>);
static_assert(!std::is_convertible_v<Days, Months>);
static_assert(!std::is_convertible_v<Months, Days>);

TEST(DateDays, FortyFiveDaysFromTheAct) {
    // R-DATE-DAYS: day 1 is D+1, the last day is D+N.
    EXPECT_EQ(S(last_day(D("2026-01-06"), Days(45))), "2026-02-20");
    EXPECT_EQ(S(last_day(D("2017-05-20"), Days(45))), "2017-07-04");
    EXPECT_EQ(S(last_day(D("2024-01-31"), Days(30))), "2024-03-01");  // leap February
    EXPECT_EQ(S(last_day(D("2023-01-31"), Days(30))), "2023-03-02");
    EXPECT_EQ(S(last_day(D("2025-12-20"), Days(45))), "2026-02-03");  // across the year
}

TEST(DateDays, IssueDayCountingShiftsByOne) {
    EXPECT_EQ(S(last_day(D("2026-01-06"), Days(45), FirstDay::issue_day)), "2026-02-19");
    EXPECT_EQ(S(last_day(D("2024-02-29"), Months(6), MonthConvention::quantieme, FirstDay::issue_day)),
              "2024-08-28");
    EXPECT_EQ(S(last_day(D("2024-03-01"), Months(3), MonthConvention::quantieme, FirstDay::issue_day)),
              "2024-05-31");  // 1 March to the eve of 1 June
}

TEST(DateMonths, EveryWorkedExampleOfTheSpec) {
    EXPECT_EQ(S(last_day(D("2026-01-15"), Months(3))), "2026-04-15");
    EXPECT_EQ(S(last_day(D("2024-01-31"), Months(1))), "2024-02-29");
    EXPECT_EQ(S(last_day(D("2024-02-29"), Months(6))), "2024-08-31");
    EXPECT_EQ(S(last_day(D("2024-04-30"), Months(6))), "2024-10-31");
    EXPECT_EQ(S(last_day(D("2023-11-29"), Months(3))), "2024-02-29");
    EXPECT_EQ(S(last_day(D("2023-08-30"), Months(6))), "2024-02-29");
    EXPECT_EQ(S(last_day(D("2025-01-30"), Months(1))), "2025-02-28");
    EXPECT_EQ(S(last_day(D("2024-08-31"), Months(6))), "2025-02-28");
}

TEST(DateMonths, SameDayClampedAlternative) {
    EXPECT_EQ(S(last_day(D("2024-02-29"), Months(6), MonthConvention::same_day_clamped)), "2024-08-29");
    EXPECT_EQ(S(last_day(D("2024-04-30"), Months(6), MonthConvention::same_day_clamped)), "2024-10-30");
    EXPECT_EQ(S(last_day(D("2024-08-31"), Months(6), MonthConvention::same_day_clamped)), "2025-02-28");
    EXPECT_EQ(S(last_day(D("2026-01-15"), Months(3), MonthConvention::same_day_clamped)), "2026-04-15");
}

TEST(DateMonths, DeQuantiemeAVeilleDeQuantieme) {
    // The defining reading: from D+1 to the eve of the day bearing D+1's number
    // N months later; when that number does not exist, the end of that month.
    for (int y : {2023, 2024}) {
        for (Date d(static_cast<unsigned short>(y), 1, 1); d <= Date(static_cast<unsigned short>(y), 12, 31);
             d += boost::gregorian::days(1)) {
            for (int n : {1, 3, 6}) {
                Date next = d + boost::gregorian::days(1);
                Date target = same_day_clamped(Date(next.year(), next.month(), 1), n);  // first of target month
                Date expected = next.day() > target.end_of_month().day()
                                    ? target.end_of_month()
                                    : Date(target.year(), target.month(), next.day()) - boost::gregorian::days(1);
                ASSERT_EQ(S(last_day(d, Months(n))), S(expected)) << S(d) << " + " << n;
            }
        }
    }
}

TEST(DateMonths, MonthEndsOfEveryMonthInLeapAndCommonYears) {
    for (int y : {2023, 2024, 2100, 2000}) {
        for (int m = 1; m <= 12; ++m) {
            Date eom = Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1).end_of_month();
            for (int n : {1, 3, 6}) {
                Date r = last_day(eom, Months(n));
                EXPECT_TRUE(is_last_day_of_month(r)) << S(eom) << " + " << n << " = " << S(r);
                int idx = y * 12 + (m - 1) + n;
                EXPECT_EQ(static_cast<int>(r.month()), idx % 12 + 1);
                EXPECT_EQ(static_cast<int>(r.year()), idx / 12);
            }
        }
    }
    // Leap and common Februaries as targets.
    EXPECT_EQ(S(last_day(D("2023-11-30"), Months(3))), "2024-02-29");
    EXPECT_EQ(S(last_day(D("2024-11-30"), Months(3))), "2025-02-28");
    EXPECT_EQ(S(last_day(D("2099-11-30"), Months(3))), "2100-02-28");  // 2100 is not a leap year
    EXPECT_EQ(S(last_day(D("1999-11-30"), Months(3))), "2000-02-29");  // 2000 is
    EXPECT_EQ(S(last_day(D("2023-09-30"), Months(6))), "2024-03-31");  // 30 Sep is a month end
    EXPECT_EQ(S(last_day(D("2023-09-29"), Months(6))), "2024-03-29");
}

TEST(DateMonths, TheSpecNotBoostDecides) {
    namespace bg = boost::gregorian;
    // Where Boost's habit and the rule differ, the rule wins.
    // 1. The 18th birthday of a person born on a month's last day: Boost's
    //    year addition snaps to the month end.
    EXPECT_EQ(S(D("2006-02-28") + bg::years(18)), "2024-02-29");  // Boost
    EXPECT_EQ(S(birthday(D("2006-02-28"), 18)), "2024-02-28");     // the real birthday
    EXPECT_EQ(S(D("2008-02-29") + bg::years(18)), "2026-02-28");  // Boost
    EXPECT_EQ(S(birthday(D("2008-02-29"), 18)), "2026-03-01");     // R-MINOR-AGE (majority.feb29 = mar1)
    EXPECT_EQ(S(birthday(D("2008-02-29"), 18, true)), "2026-02-28");
    EXPECT_EQ(S(birthday(D("2004-02-29"), 20)), "2024-02-29");  // a leap year keeps 29 February
    // 2. The alternative convention the ambiguity alarm reports.
    EXPECT_EQ(S(D("2024-02-29") + bg::months(6)), "2024-08-31");
    EXPECT_EQ(S(same_day_clamped(D("2024-02-29"), 6)), "2024-08-29");
    // 3. Counting the issue day as day 1.
    EXPECT_EQ(S(D("2024-02-29") + bg::months(6) - bg::days(1)), "2024-08-30");
    EXPECT_EQ(S(last_day(D("2024-02-29"), Months(6), MonthConvention::quantieme, FirstDay::issue_day)), "2024-08-28");
    // 4. Chained months: 31 Jan + 1 month + 1 month, step by step, is not
    //    31 Jan + 2 months under the same-day reading.
    EXPECT_EQ(S(same_day_clamped(same_day_clamped(D("2023-01-31"), 1), 1)), "2023-03-28");
    EXPECT_EQ(S(same_day_clamped(D("2023-01-31"), 2)), "2023-03-31");
    EXPECT_EQ(S(last_day(last_day(D("2023-01-31"), Months(1)), Months(1))), "2023-03-31");  // end-of-month rule
}

TEST(Easter, GregorianComputusAgainstPublishedTable) {
    // Western (Gregorian) Easter Sunday, from published Easter tables.
    const std::pair<int, const char*> table[] = {
        {1900, "1900-04-15"}, {1943, "1943-04-25"}, {1954, "1954-04-18"}, {1961, "1961-04-02"},
        {1990, "1990-04-15"}, {1991, "1991-03-31"}, {1992, "1992-04-19"}, {1993, "1993-04-11"},
        {1994, "1994-04-03"}, {1995, "1995-04-16"}, {1996, "1996-04-07"}, {1997, "1997-03-30"},
        {1998, "1998-04-12"}, {1999, "1999-04-04"}, {2000, "2000-04-23"}, {2001, "2001-04-15"},
        {2002, "2002-03-31"}, {2003, "2003-04-20"}, {2004, "2004-04-11"}, {2005, "2005-03-27"},
        {2006, "2006-04-16"}, {2007, "2007-04-08"}, {2008, "2008-03-23"}, {2009, "2009-04-12"},
        {2010, "2010-04-04"}, {2011, "2011-04-24"}, {2012, "2012-04-08"}, {2013, "2013-03-31"},
        {2014, "2014-04-20"}, {2015, "2015-04-05"}, {2016, "2016-03-27"}, {2017, "2017-04-16"},
        {2018, "2018-04-01"}, {2019, "2019-04-21"}, {2020, "2020-04-12"}, {2021, "2021-04-04"},
        {2022, "2022-04-17"}, {2023, "2023-04-09"}, {2024, "2024-03-31"}, {2025, "2025-04-20"},
        {2026, "2026-04-05"}, {2027, "2027-03-28"}, {2028, "2028-04-16"}, {2029, "2029-04-01"},
        {2030, "2030-04-21"}, {2031, "2031-04-13"}, {2032, "2032-03-28"}, {2033, "2033-04-17"},
        {2034, "2034-04-09"}, {2035, "2035-03-25"}, {2038, "2038-04-25"}, {2100, "2100-03-28"},
    };
    for (const auto& [year, date] : table) EXPECT_EQ(S(easter_sunday(year)), date) << year;
}

TEST(Holidays, TheTenLegalPublicHolidaysOf2026) {
    const char* holidays[] = {"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
                              "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"};
    int count = 0;
    for (Date d = D("2026-01-01"); d <= D("2026-12-31"); d += boost::gregorian::days(1))
        if (is_public_holiday(d)) ++count;
    EXPECT_EQ(count, 10);
    for (const char* h : holidays) EXPECT_TRUE(is_public_holiday(D(h))) << h;
    // Not legal holidays: Easter Sunday, Whit Sunday, community and regional days, 26 December.
    for (const char* h : {"2026-04-05", "2026-05-24", "2026-07-11", "2026-09-27", "2026-12-26", "2026-11-02"})
        EXPECT_FALSE(is_public_holiday(D(h))) << h;
    EXPECT_STREQ(holiday_name(D("2026-05-14")), "Ascension Day");
}

TEST(Holidays, FallingOnWeekendsHaveNoReplacementDay) {
    // 25 Dec 2022 is a Sunday: Monday 26 Dec 2022 is an ordinary working day.
    EXPECT_TRUE(is_weekend(D("2022-12-25")));
    EXPECT_TRUE(is_working_day(D("2022-12-26")));
    EXPECT_EQ(S(roll_forward(D("2022-12-25"))), "2022-12-26");
    // 1 May 2021 is a Saturday: the next working day is Monday 3 May.
    EXPECT_EQ(S(roll_forward(D("2021-05-01"))), "2021-05-03");
    // 21 Jul 2024 is a Sunday: Monday 22 Jul 2024 is a working day.
    EXPECT_EQ(S(roll_forward(D("2024-07-20"))), "2024-07-22");
}

TEST(WorkingDays, RollForwardOverHolidayClusters) {
    // Easter 2026: Saturday 4 Apr, Sunday 5 Apr, Easter Monday 6 Apr → Tuesday 7 Apr.
    EXPECT_EQ(S(roll_forward(D("2026-04-04"))), "2026-04-07");
    // Thursday 31 Dec 2026 is a working day; Friday 1 Jan 2027 is not, nor the weekend.
    EXPECT_EQ(S(roll_forward(D("2026-12-31"))), "2026-12-31");
    EXPECT_EQ(S(roll_forward(D("2027-01-01"))), "2027-01-04");
    // Backwards (prosecutor consultation): Whit Monday 25 May 2026 → Friday 22 May.
    EXPECT_EQ(S(roll_backward(D("2026-05-25"))), "2026-05-22");
}

TEST(WorkingDays, TheTableAgreesAtItsEdgesAndBeyond) {
    // The working-day table covers 1900-01-01 to 2199-12-31 (calendar.cpp);
    // at its edges and outside it the answer is the same.
    EXPECT_FALSE(is_working_day(D("1900-01-01")));  // a Monday, New Year's Day
    EXPECT_TRUE(is_working_day(D("1900-01-02")));   // Tuesday
    EXPECT_FALSE(is_working_day(D("2199-12-25")));  // Wednesday, Christmas
    EXPECT_TRUE(is_working_day(D("2199-12-31")));   // Tuesday
    EXPECT_FALSE(is_working_day(Date(2200, 1, 1)));  // beyond the table: Wednesday, New Year's Day
    EXPECT_TRUE(is_working_day(Date(2200, 1, 2)));   // beyond the table: Thursday
    EXPECT_FALSE(is_working_day(Date(1899, 12, 31)));  // before the table: a Sunday
    // Every day of 2026 as the weekday and the holidays say: 365 days, 1 Jan a Thursday, so 104 weekend days;
    // of the 10 holidays, 15 Aug (Saturday) and 1 Nov (Sunday) fall on a weekend: 365 - 104 - 8 = 253.
    int working = 0;
    for (Date d = D("2026-01-01"); d <= D("2026-12-31"); d += boost::gregorian::days(1)) working += is_working_day(d);
    EXPECT_EQ(working, 253);
}

TEST(Parsing, StrictIsoDates) {
    EXPECT_TRUE(parse_date("2024-02-29"));
    std::string why;
    EXPECT_FALSE(parse_date("2026-02-30", &why));
    EXPECT_EQ(why, "is not a calendar date");
    EXPECT_FALSE(parse_date("2023-02-29"));
    EXPECT_FALSE(parse_date("2026-1-05"));
    EXPECT_FALSE(parse_date("2026-01-05T00:00"));
    EXPECT_FALSE(parse_date("0000-01-01"));
    EXPECT_FALSE(parse_date("9999-12-31", &why));
    EXPECT_EQ(why, "is outside the supported range 1900-01-01..2199-12-31");
    EXPECT_FALSE(parse_date("1899-12-31"));
    EXPECT_TRUE(parse_date("1900-01-01"));
    EXPECT_TRUE(parse_date("2199-12-31"));
    EXPECT_FALSE(parse_date("2026-13-01"));
    EXPECT_FALSE(parse_date("2026-00-10"));
    EXPECT_FALSE(parse_date(""));
    EXPECT_FALSE(parse_date("２０２６-01-01"));
}

TEST(Today, BrusselsDateAcrossMidnightAndSummerTime) {
    // 2026-03-29 is the last Sunday of March: summer time from 01:00 UTC.
    // 2026-01-15 23:30 UTC is 00:30 on the 16th in Brussels (UTC+1).
    EXPECT_EQ(format_date(brussels_date(1768519800LL)), "2026-01-16");
    // 2026-01-15 22:59 UTC is still the 15th (23:59 local).
    EXPECT_EQ(format_date(brussels_date(1768517940LL)), "2026-01-15");
    // 2026-07-01 22:30 UTC is 00:30 on 2 July (UTC+2).
    EXPECT_EQ(format_date(brussels_date(1782945000LL)), "2026-07-02");
    // 2026-10-25 (last Sunday of October) 22:30 UTC: winter time again, 23:30 on the 25th.
    EXPECT_EQ(format_date(brussels_date(1792967400LL)), "2026-10-25");
}

// ---- io.hpp helpers (issue 13)
#include "sejour61/io.hpp"

TEST(Io, Sha256KnownVectors) {
    // FIPS 180-4 examples.
    EXPECT_EQ(sejour61::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sejour61::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sejour61::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sejour61::sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Io, PrintableEscapesEveryControlCharacter) {
    EXPECT_EQ(sejour61::printable("T-1\nCase FAKE\x1b[2J"), "T-1\\nCase FAKE\\e[2J");
    EXPECT_EQ(sejour61::printable("a\tb\rc\x07\x7f"), "a\\tb\\rc\\x07\\x7f");
    EXPECT_EQ(sejour61::printable("\xc2\x9b" "31m"), "\\u009b31m");      // C1 CSI
    EXPECT_EQ(sejour61::printable("Liège — Sürya"), "Liège — Sürya");  // text stays text
    EXPECT_EQ(sejour61::utf8_safe("a\xff" "b\xed\xa0\x80"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}
