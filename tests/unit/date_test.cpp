// date_test.cpp: carecap::Date parsing, calendar arithmetic and round trips.
#include "stdlib/date.h"

#include <doctest/doctest.h>

#include <string>

using carecap::Date;

namespace {

Date d(std::string_view text) {
    const auto parsed = Date::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), "could not parse ", std::string(text));
    return *parsed;
}

} // namespace

TEST_CASE("date: epoch and known day numbers") {
    CHECK(d("1970-01-01").days() == 0);
    CHECK(d("1969-12-31").days() == -1);
    CHECK(d("1970-02-01").days() == 31); // all of January
    // 1970..1999 is 30 years with 7 leap days (1972, 76, 80, 84, 88, 92, 96):
    // 30*365 + 7 = 10957; then Jan 31 + Feb 29 (2000 is leap) = 60 more = 11017.
    CHECK(d("2000-03-01").days() == 11017);
    // 1970..2022 is 53 years with 13 leap days (1972..2020 step 4): 53*365 + 13 = 19358.
    CHECK(d("2023-01-01").days() == 19358);
    // 19358 + 273 (see the day-difference test) = 19631.
    CHECK(d("2023-10-01").days() == 19631);
    // 1800..1969 is 170 years; leap years 1804..1968 step 4 = 42, less 1900 = 41:
    // 170*365 + 41 = 62091 days before the epoch.
    CHECK(d("1800-01-01").days() == -62091);
    // 1970..2399 is 430 years; leap years 1972..2396 step 4 = 107, less 2100, 2200, 2300 = 104:
    // 430*365 + 104 = 157054 is 2400-01-01, so the day before is 157053.
    CHECK(d("2399-12-31").days() == 157053);
}

TEST_CASE("date: leap years") {
    // 1900 is divisible by 100 but not 400: not leap.
    CHECK_FALSE(Date::parse("1900-02-29").has_value());
    CHECK(d("1900-03-01") - d("1900-02-28") == 1);
    // 2000 is divisible by 400: leap.
    CHECK(d("2000-02-29").month() == 2);
    CHECK(d("2000-03-01") - d("2000-02-28") == 2);
    // 2023 is not divisible by 4; 2024 is.
    CHECK_FALSE(Date::parse("2023-02-29").has_value());
    CHECK(Date::parse("2024-02-29").has_value());
    // 2100 is divisible by 100 but not 400.
    CHECK_FALSE(Date::parse("2100-02-29").has_value());
    CHECK(d("2024-01-01") - d("2023-01-01") == 365);
    CHECK(d("2025-01-01") - d("2024-01-01") == 366);
    // 400 Gregorian years: 400*365 + 100 - 4 + 1 = 146097 days.
    CHECK(*Date::from_ymd(2400, 1, 1) - *Date::from_ymd(2000, 1, 1) == 146097);
}

TEST_CASE("date: day differences across months and years") {
    // Jan..Sep of a common year: 31+28+31+30+31+30+31+31+30 = 273.
    CHECK(d("2023-10-01") - d("2023-01-01") == 273);
    // Same span in a leap year gains Feb 29: 274.
    CHECK(d("2024-10-01") - d("2024-01-01") == 274);
    // 2023-10-01 to 2024-10-01 contains 2024-02-29: 366.
    CHECK(d("2024-10-01") - d("2023-10-01") == 366);
    // Rest of Dec 2023 (31-25 = 6) + 31 (Jan) + 29 (Feb 2024) + 1 = 67.
    CHECK(d("2024-03-01") - d("2023-12-25") == 67);
    // Differences are signed.
    CHECK(d("2023-01-01") - d("2023-10-01") == -273);
}

TEST_CASE("date: from_ymd and accessors") {
    const auto x = Date::from_ymd(2023, 10, 1);
    REQUIRE(x.has_value());
    CHECK(x->days() == 19631);
    CHECK(x->year() == 2023);
    CHECK(x->month() == 10);
    CHECK(x->day() == 1);
    CHECK_FALSE(Date::from_ymd(2023, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(2023, 4, 31).has_value()); // April has 30 days
    CHECK_FALSE(Date::from_ymd(2023, 0, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2023, 13, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2023, 1, 0).has_value());
    CHECK(Date::from_ymd(2023, 12, 31)->days() == 19358 + 364); // last day of a 365-day year
}

TEST_CASE("date: plus_days and ordering") {
    CHECK(d("2023-12-31").plus_days(1) == d("2024-01-01"));
    CHECK(d("2024-02-28").plus_days(1) == d("2024-02-29"));
    CHECK(d("2023-02-28").plus_days(1) == d("2023-03-01"));
    CHECK(d("2023-10-01").plus_days(-273) == d("2023-01-01"));
    CHECK(d("2023-01-01") < d("2023-01-02"));
    CHECK(d("2022-12-31") < d("2023-01-01"));
    CHECK(d("2023-06-15") == d("2023-06-15"));
}

TEST_CASE("date: parse accepts") {
    CHECK(d("1800-01-01").to_string() == "1800-01-01");
    CHECK(d("2399-12-31").to_string() == "2399-12-31");
    CHECK(d("2024-02-29").to_string() == "2024-02-29");
    CHECK(d("2023-12-31").to_string() == "2023-12-31");
}

TEST_CASE("date: parse rejects") {
    for (const char* bad : {
             "",            // empty
             "2023-02-29",  // 2023 is not leap
             "2023-02-30",  // February never has 30 days
             "2023-04-31",  // April has 30 days
             "2023-13-01",  // no 13th month
             "2023-00-10",  // no month 0
             "2023-01-00",  // no day 0
             "2023-01-32",  // January has 31 days
             "1799-12-31",  // before 1800
             "2400-01-01",  // after 2399
             "2023-1-01",   // month not two digits
             "2023-01-1",   // day not two digits
             "23-01-01",    // year not four digits
             "2023/01/01",  // wrong separator
             "20230101",    // no separators
             "2023-01-011", // too long
             " 2023-01-01", // leading space
             "2023-01-01 ", // trailing space
             "+023-01-01",  // sign in the year
             "2023-0a-01",  // letter
             "2023-01-01T00:00",
         }) {
        CAPTURE(bad);
        CHECK_FALSE(Date::parse(bad).has_value());
    }
}

TEST_CASE("date: round trip from_days / to_string / parse over 1800..2399") {
    const std::int32_t first = d("1800-01-01").days(); // -62091
    const std::int32_t last = d("2399-12-31").days();  // 157053
    std::string previous;
    int year_days = 0;
    int year = 1800;
    for (std::int32_t n = first; n <= last; ++n) {
        const Date x = Date::from_days(n);
        const std::string text = x.to_string();
        const auto back = Date::parse(text);
        REQUIRE(back.has_value());
        REQUIRE(back->days() == n);
        // Zero-padded ISO dates sort as text in the same order as in time.
        REQUIRE(previous < text);
        previous = text;
        if (x.year() != year) {
            // Each completed year had 366 days if leap, else 365.
            const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            REQUIRE(year_days == (leap ? 366 : 365));
            year = x.year();
            year_days = 0;
            REQUIRE(x.month() == 1);
            REQUIRE(x.day() == 1);
        }
        ++year_days;
    }
    CHECK(year == 2399);
    CHECK(year_days == 365); // 2399 is not leap
}
