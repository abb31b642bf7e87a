// date.cpp: conversions between carecap::Date day numbers and calendar dates.
#include "stdlib/date.h"

#include <cstddef>
#include <limits>

namespace carecap {

namespace {

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

// Integer division rounding towards -infinity, so that days before 1970 and
// years before 0 land in the right 400-year cycle.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(std::int64_t y, int m) {
    constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : lengths[m - 1];
}

// The Gregorian calendar repeats exactly every 400 years (146097 days). Counting
// each year from 1 March puts the leap day last, so a month's offset within the
// year no longer depends on whether the year is a leap year.
constexpr std::int64_t kDaysPerCycle = 146097;
constexpr std::int64_t kMarch1Year0ToEpoch = 719468; // 0000-03-01 .. 1970-01-01

constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    const std::int64_t march_year = m <= 2 ? y - 1 : y;
    const std::int64_t cycle = floor_div(march_year, 400);
    const std::int64_t year_in_cycle = march_year - cycle * 400;                  // 0..399
    const std::int64_t month_from_march = m > 2 ? m - 3 : m + 9;                 // 0..11
    // 153 days cover each 5-month run Mar-Jul and Aug-Dec (31,30,31,30,31).
    const std::int64_t day_in_year = (153 * month_from_march + 2) / 5 + d - 1;  // 0..365
    const std::int64_t day_in_cycle =
        year_in_cycle * 365 + year_in_cycle / 4 - year_in_cycle / 100 + day_in_year;
    return cycle * kDaysPerCycle + day_in_cycle - kMarch1Year0ToEpoch;
}

constexpr Civil civil_from_days(std::int64_t days) {
    const std::int64_t shifted = days + kMarch1Year0ToEpoch;
    const std::int64_t cycle = floor_div(shifted, kDaysPerCycle);
    const std::int64_t day_in_cycle = shifted - cycle * kDaysPerCycle;            // 0..146096
    // Remove the leap days seen so far (one per 4 years, none per 100, one per 400)
    // so that a plain division by 365 gives the year in the cycle.
    const std::int64_t year_in_cycle =
        (day_in_cycle - day_in_cycle / 1460 + day_in_cycle / 36524 - day_in_cycle / 146096) / 365;
    const std::int64_t day_in_year =
        day_in_cycle - (year_in_cycle * 365 + year_in_cycle / 4 - year_in_cycle / 100);
    const std::int64_t month_from_march = (5 * day_in_year + 2) / 153;
    const int day = static_cast<int>(day_in_year - (153 * month_from_march + 2) / 5 + 1);
    const int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    const std::int64_t year = year_in_cycle + cycle * 400 + (month <= 2 ? 1 : 0);
    return Civil{year, month, day};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);

void append_padded(std::string& out, std::int64_t value, std::size_t width) {
    const std::string digits = std::to_string(value);
    if (digits.size() < width) out.append(width - digits.size(), '0');
    out += digits;
}

} // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
    const std::int64_t n = days_from_civil(year, month, day);
    if (n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max()) {
        return std::nullopt;
    }
    return from_days(static_cast<std::int32_t>(n));
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto field = [&](std::size_t begin, std::size_t len, int& out) {
        out = 0;
        for (std::size_t i = begin; i < begin + len; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    int y = 0;
    int m = 0;
    int d = 0;
    if (!field(0, 4, y) || !field(5, 2, m) || !field(8, 2, d)) return std::nullopt;
    if (y < 1800 || y > 2399) return std::nullopt;
    return from_ymd(y, m, d);
}

int Date::year() const { return static_cast<int>(civil_from_days(days_).year); }
int Date::month() const { return civil_from_days(days_).month; }
int Date::day() const { return civil_from_days(days_).day; }

std::string Date::to_string() const {
    const Civil c = civil_from_days(days_);
    std::string out;
    out.reserve(11);
    if (c.year < 0) out.push_back('-');
    append_padded(out, c.year < 0 ? -c.year : c.year, 4);
    out.push_back('-');
    append_padded(out, c.month, 2);
    out.push_back('-');
    append_padded(out, c.day, 2);
    return out;
}

} // namespace carecap
