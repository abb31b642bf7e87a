// format.h: how amounts are shown to people. Exact values are rounded only
// here, at the output boundary, to the penny, halves away from zero (half_up).
#pragma once

#include "stdlib/decimal.h"

#include <string>

namespace carecap {

inline constexpr Rounding display_rounding = Rounding::half_up;

std::string money(const Decimal& amount);          // "£1,234.50"
std::string whole_money(const Decimal& amount);    // "£1,234" for whole pounds, else as money: for a chart's axis
std::string plain_money(const Decimal& amount);    // "1234.50" (for JSON)
std::string percent(const Decimal& share);         // 0.5 -> "50.00%"

} // namespace carecap
