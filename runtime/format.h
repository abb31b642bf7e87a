// format.h: how figures are shown to people. Exact values are rounded only
// here, at the output boundary, to the penny, halves away from zero (half_up).
#pragma once

#include "stdlib/types.h"
#include "stdlib/decimal.h"
#include "stdlib/value.h"

#include <string>

namespace carecap {

struct RuleSet;

inline constexpr Rounding display_rounding = Rounding::half_up;

std::string money(const Decimal& amount);          // "£1,234.50"
std::string plain_money(const Decimal& amount);    // "1234.50" (for JSON)
std::string percent(const Decimal& share);         // 0.5 -> "50.00%"
// A value as a person reads it: "£500.00 per week", "2023-10-01", "residential", "84 days".
std::string show(const Value& v, const Type& t, const RuleSet* rules);

} // namespace carecap
