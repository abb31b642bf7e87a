// decimal.cpp: exact rational arithmetic, rounding and text forms for carecap::Decimal.
#include "stdlib/decimal.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>

namespace carecap {

namespace {

using Integer = boost::multiprecision::cpp_int;
using Rational = Decimal::Rational;

// Boost 1.74 keeps the parts inside a boost::rational that hands out references;
// the free numerator()/denominator() functions copy both big integers on every call.
// Newer Boost reorganised the adaptor, so fall back to the copying form there.
template <class R>
decltype(auto) numer(const R& r) {
    if constexpr (requires { r.backend().data().numerator(); }) {
        return r.backend().data().numerator();
    } else {
        return boost::multiprecision::numerator(r);
    }
}

template <class R>
decltype(auto) denom(const R& r) {
    if constexpr (requires { r.backend().data().denominator(); }) {
        return r.backend().data().denominator();
    } else {
        return boost::multiprecision::denominator(r);
    }
}

constexpr std::array<std::uint64_t, 20> kPow10 = [] {
    std::array<std::uint64_t, 20> p{};
    p[0] = 1;
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
    return p;
}();

// num/den (den > 0) brought to a whole number in direction r. Every rounding in
// this file goes through here, so the tie rules live in one place.
Integer round_quotient(const Integer& num, const Integer& den, Rounding r) {
    Integer q;
    Integer rem;
    boost::multiprecision::divide_qr(num, den, q, rem);
    if (rem.is_zero()) return q;
    // divide_qr truncates towards zero; shift to the floor so that every
    // direction below reasons from the same side with 0 < rem < den.
    if (num.sign() < 0) {
        --q;
        rem += den;
    }
    switch (r) {
    case Rounding::down:
        return q;
    case Rounding::up:
        ++q;
        return q;
    case Rounding::half_up:
    case Rounding::half_even: {
        rem <<= 1;
        const int c = rem.compare(den);
        bool take_upper = c > 0;
        if (c == 0) {
            // From the floor, "away from zero" is upward only for positives.
            take_upper = (r == Rounding::half_up) ? num.sign() > 0
                                                  : boost::multiprecision::bit_test(q, 0);
        }
        if (take_upper) ++q;
        return q;
    }
    }
    throw std::logic_error("carecap: unknown Rounding");
}

Integer pow10(unsigned n) {
    if (n < kPow10.size()) return Integer(kPow10[n]);
    return boost::multiprecision::pow(Integer(10), n);
}

// Writes the integer `scaled` as if divided by 10^places.
std::string fixed_text(const Integer& scaled, unsigned places) {
    const bool negative = scaled.sign() < 0;
    std::string digits = negative ? Integer(-scaled).str() : scaled.str();
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    std::string out;
    out.reserve(digits.size() + 2);
    if (negative) out.push_back('-');
    const std::size_t whole = digits.size() - places;
    out.append(digits, 0, whole);
    if (places > 0) {
        out.push_back('.');
        out.append(digits, whole, std::string::npos);
    }
    return out;
}

constexpr std::size_t kMaxParseDigits = 40;

// The bits of |n|, read from its limbs whatever its sign (Boost's msb() refuses negatives), in
// constant time: the top limb's significant bits and every limb below it.
std::size_t magnitude_bits(const Integer& n) {
    const auto& b = n.backend();
    const std::size_t limbs = b.size();
    auto top = b.limbs()[limbs - 1];
    std::size_t top_bits = 0;
    for (; top != 0; top >>= 1) ++top_bits;
    return (limbs - 1) * (sizeof(top) * 8) + top_bits;
}

} // namespace

std::string_view to_string(Rounding r) {
    switch (r) {
    case Rounding::up: return "up";
    case Rounding::down: return "down";
    case Rounding::half_up: return "half_up";
    case Rounding::half_even: return "half_even";
    }
    return "unknown";
}

Decimal::Decimal(std::int64_t whole) : value_(whole) {}

Decimal::Decimal(Rational r) : value_(std::move(r)) {}

Decimal Decimal::ratio(std::int64_t numerator, std::int64_t denominator) {
    if (denominator == 0) throw std::domain_error("carecap: ratio with a zero denominator");
    Integer n(numerator);
    Integer d(denominator);
    // Boost 1.74's boost::rational rejects any negative cpp_int denominator
    // ("non-zero singular denominator": it compares against numeric_limits max(),
    // which is 0 for an unbounded type), so the sign must be moved up first.
    if (d.sign() < 0) {
        n = -n;
        d = -d;
    }
    return Decimal(Rational(n, d));
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) i = 1;

    const std::size_t whole_begin = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    const std::size_t whole_digits = i - whole_begin;
    if (whole_digits == 0) return std::nullopt;

    std::size_t frac_digits = 0;
    if (i < text.size() && text[i] == '.') {
        const std::size_t frac_begin = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        frac_digits = i - frac_begin;
        if (frac_digits == 0) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    if (whole_digits + frac_digits > kMaxParseDigits) return std::nullopt;

    // Gather digits in machine-word chunks: one big multiply per 19 digits
    // instead of one per digit.
    Integer n;
    std::uint64_t chunk = 0;
    std::size_t chunk_len = 0;
    for (std::size_t k = whole_begin; k < text.size(); ++k) {
        const char c = text[k];
        if (c == '.') continue;
        chunk = chunk * 10 + static_cast<std::uint64_t>(c - '0');
        if (++chunk_len == 19) {
            n *= kPow10[chunk_len];
            n += chunk;
            chunk = 0;
            chunk_len = 0;
        }
    }
    if (chunk_len > 0) {
        n *= kPow10[chunk_len];
        n += chunk;
    }
    if (negative) n = -n;
    if (frac_digits == 0) return Decimal(Rational(std::move(n)));
    return Decimal(Rational(n, pow10(static_cast<unsigned>(frac_digits))));
}

// Whole numbers (days, whole pounds, counts) are common operands: their sum, difference and
// product are whole, already in lowest terms, so the rational type's normalisation (a greatest
// common divisor, with divisions) is skipped for them. Same values, less work.
Decimal operator+(const Decimal& a, const Decimal& b) {
    if (a.is_integer() && b.is_integer()) return Decimal(Decimal::Rational(Integer(numer(a.value_) + numer(b.value_))));
    return Decimal(Decimal::Rational(a.value_ + b.value_));
}
Decimal operator-(const Decimal& a, const Decimal& b) {
    if (a.is_integer() && b.is_integer()) return Decimal(Decimal::Rational(Integer(numer(a.value_) - numer(b.value_))));
    return Decimal(Decimal::Rational(a.value_ - b.value_));
}
Decimal operator*(const Decimal& a, const Decimal& b) {
    if (a.is_integer() && b.is_integer()) return Decimal(Decimal::Rational(Integer(numer(a.value_) * numer(b.value_))));
    return Decimal(Decimal::Rational(a.value_ * b.value_));
}

std::size_t Decimal::bits() const {
    return std::max(magnitude_bits(numer(value_)), magnitude_bits(denom(value_)));
}

Decimal operator/(const Decimal& a, const Decimal& b) {
    if (b.is_zero()) throw std::domain_error("carecap: division by zero");
    return Decimal(Decimal::Rational(a.value_ / b.value_));
}

Decimal Decimal::operator-() const { return Decimal(Rational(-value_)); }

Decimal& Decimal::operator+=(const Decimal& b) {
    value_ += b.value_;
    return *this;
}

Decimal& Decimal::operator-=(const Decimal& b) {
    value_ -= b.value_;
    return *this;
}

// Both sides are in lowest terms with a positive denominator, so equal values have equal parts.
bool operator==(const Decimal& a, const Decimal& b) {
    return numer(a.value_) == numer(b.value_) && denom(a.value_) == denom(b.value_);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    // Denominators are positive, so a/b < c/d exactly when a*d < c*b: two multiplications,
    // where the rational type's own comparison divides (it expands continued fractions).
    // With equal denominators (whole numbers, pence) the numerators alone decide.
    const auto& ad = denom(a.value_);
    const auto& bd = denom(b.value_);
    const int c = ad == bd ? numer(a.value_).compare(numer(b.value_))
                           : Integer(numer(a.value_) * bd).compare(Integer(numer(b.value_) * ad));
    if (c < 0) return std::strong_ordering::less;
    if (c > 0) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

bool Decimal::is_zero() const { return value_.is_zero(); }
bool Decimal::is_negative() const { return value_.sign() < 0; }
bool Decimal::is_integer() const { return denom(value_) == 1; }
bool Decimal::is_one() const { return denom(value_) == 1 && numer(value_) == 1; }
int Decimal::sign() const { return value_.sign(); }

Decimal Decimal::floor() const {
    if (is_integer()) return *this;
    return Decimal(Rational(round_quotient(numer(value_), denom(value_), Rounding::down)));
}

Decimal Decimal::ceil() const {
    if (is_integer()) return *this;
    return Decimal(Rational(round_quotient(numer(value_), denom(value_), Rounding::up)));
}

Decimal Decimal::round_to(const Decimal& step, Rounding r) const {
    if (step.sign() <= 0) throw std::domain_error("carecap: rounding step must be positive");
    const Rational steps = value_ / step.value_;
    Integer n = round_quotient(numer(steps), denom(steps), r);
    return Decimal(Rational(Rational(std::move(n)) * step.value_));
}

std::optional<std::int64_t> Decimal::to_int64() const {
    if (!is_integer()) return std::nullopt;
    const auto& n = numer(value_);
    if (n < std::numeric_limits<std::int64_t>::min() || n > std::numeric_limits<std::int64_t>::max()) {
        return std::nullopt;
    }
    return n.convert_to<std::int64_t>();
}

std::string Decimal::to_fixed(int places, Rounding r) const {
    if (places < 0 || places > 18) throw std::domain_error("carecap: to_fixed places must be 0..18");
    const auto p = static_cast<unsigned>(places);
    return fixed_text(round_quotient(numer(value_) * kPow10[p], denom(value_), r), p);
}

std::string Decimal::to_exact() const {
    const auto& num = numer(value_);
    const auto& den = denom(value_);
    if (den == 1) return num.str();

    // A fraction in lowest terms terminates exactly when its denominator is 2^a * 5^b;
    // then 10^max(a,b) is the shortest power of ten that clears it.
    const unsigned twos = boost::multiprecision::lsb(den);
    Integer rest = den >> twos;
    unsigned fives = 0;
    const Integer five(5);
    Integer q;
    Integer rem;
    while (rest > 1) {
        boost::multiprecision::divide_qr(rest, five, q, rem);
        if (!rem.is_zero()) break;
        rest.swap(q);
        ++fives;
    }
    if (rest != 1) return num.str() + "/" + den.str();

    const unsigned places = twos > fives ? twos : fives;
    Integer scaled = num;
    if (places > twos) scaled <<= (places - twos);
    if (places > fives) scaled *= boost::multiprecision::pow(five, places - fives);
    return fixed_text(scaled, places);
}

std::string Decimal::to_money(Rounding r) const {
    const Integer pennies = round_quotient(numer(value_) * 100, denom(value_), r);
    const bool negative = pennies.sign() < 0;
    std::string digits = negative ? Integer(-pennies).str() : pennies.str();
    if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');

    const std::size_t whole = digits.size() - 2;
    std::string out;
    out.reserve(whole + whole / 3 + 7);
    if (negative) out.push_back('-');
    out.append("\xC2\xA3"); // UTF-8 for the pound sign, spelt out so the source encoding cannot change it
    for (std::size_t k = 0; k < whole; ++k) {
        if (k > 0 && (whole - k) % 3 == 0) out.push_back(',');
        out.push_back(digits[k]);
    }
    out.push_back('.');
    out.append(digits, whole, 2);
    return out;
}

} // namespace carecap
