// date.h: calendar dates as a day number, exact and cheap to compare and subtract.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carecap {

// A proleptic Gregorian calendar date, held as days since 1970-01-01.
class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_days(std::int32_t days) { Date d; d.days_ = days; return d; }
    // Builds a date from its parts; nothing if the date does not exist (2023-02-30).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Strict ISO form "YYYY-MM-DD" for years 1800 to 2399; nothing on any other text
    // or on a date that does not exist.
    static std::optional<Date> parse(std::string_view text);

    constexpr std::int32_t days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    std::string to_string() const; // "2023-10-01"

    constexpr Date plus_days(std::int64_t n) const { return from_days(static_cast<std::int32_t>(days_ + n)); }
    friend constexpr std::int64_t operator-(Date a, Date b) { return std::int64_t{a.days_} - b.days_; }
    friend constexpr bool operator==(Date, Date) = default;
    friend constexpr std::strong_ordering operator<=>(Date, Date) = default;

private:
    std::int32_t days_ = 0;
};

} // namespace carecap
