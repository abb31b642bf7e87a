// decimal.h: the one exact number type of carecap (money, rates, decimals, durations).
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace carecap {

// How a value is brought onto a step (a penny, a pound, a whole number).
// Every rounding in carecap names one of these; nothing rounds implicitly.
enum class Rounding {
    up,        // towards +infinity (ceiling): "any part of £250 counts as £1"
    down,      // towards -infinity (floor)
    half_up,   // to the nearest step, ties away from zero
    half_even, // to the nearest step, ties to the even step (banker's rounding)
};

std::string_view to_string(Rounding r);

// An exact rational number. + - * / are exact (division is by a non-zero
// divisor: the caller checks, and a zero divisor throws std::domain_error).
// Values are always normalised, so equal numbers compare and hash equal.
class Decimal {
public:
    using Rational = boost::multiprecision::cpp_rational;

    Decimal() = default;
    Decimal(std::int64_t whole); // NOLINT: implicit from whole numbers is natural here
    explicit Decimal(Rational r);
    static Decimal ratio(std::int64_t numerator, std::int64_t denominator);

    // Parses an optional '-', digits, an optional '.' and digits: "86000", "200.00",
    // "-0.5". No exponent, no commas, no spaces, no '+'. Returns nothing on any other text.
    static std::optional<Decimal> parse(std::string_view text);

    friend Decimal operator+(const Decimal& a, const Decimal& b);
    friend Decimal operator-(const Decimal& a, const Decimal& b);
    friend Decimal operator*(const Decimal& a, const Decimal& b);
    friend Decimal operator/(const Decimal& a, const Decimal& b);
    Decimal operator-() const;
    Decimal& operator+=(const Decimal& b);
    Decimal& operator-=(const Decimal& b);

    friend bool operator==(const Decimal& a, const Decimal& b);
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

    bool is_zero() const;
    bool is_negative() const;
    bool is_integer() const;
    bool is_one() const; // without building a Decimal(1) to compare with
    int sign() const;
    // The size of the value in bits: the larger of its numerator's and its denominator's (0 for
    // zero). Evaluation bounds it (the limit value_bits), since each product can double it.
    std::size_t bits() const;

    Decimal floor() const;
    Decimal ceil() const;
    // The multiple of `step` (> 0) reached by rounding in direction `r`.
    Decimal round_to(const Decimal& step, Rounding r) const;

    // The value as a whole number if it is one and fits, else nothing.
    std::optional<std::int64_t> to_int64() const;

    // Fixed-point text with exactly `places` decimals, rounded in direction `r`:
    // to_fixed(2, half_up) of 1/3 is "0.33".
    std::string to_fixed(int places, Rounding r) const;
    // The exact value: a terminating decimal ("86000", "101.428571" is never
    // produced for 710/7) or, when it does not terminate, "710/7".
    std::string to_exact() const;
    // "£86,000.00" (negative: "-£12.50"), rounded to the penny in direction `r`.
    std::string to_money(Rounding r) const;

    const Rational& rational() const { return value_; }

private:
    Rational value_{0};
};

} // namespace carecap
