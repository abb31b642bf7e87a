// value.h: a value the evaluator computes. Which alternative is held follows from
// the static type the checker gave the expression, so values carry no unit.
#pragma once

#include "stdlib/date.h"
#include "stdlib/decimal.h"

#include <cstdint>
#include <variant>

namespace carecap {

struct EnumValue {
    std::uint32_t index = 0; // position of the member in its enumeration
    bool operator==(const EnumValue&) const = default;
};

// money, rates, numbers and durations (in days) are Decimal; dates are Date.
using Value = std::variant<Decimal, Date, bool, EnumValue>;

// The number a Value holds, where the checker has already made sure it holds one.
inline const Decimal& decimal_of(const Value& v) { return std::get<Decimal>(v); }

} // namespace carecap
