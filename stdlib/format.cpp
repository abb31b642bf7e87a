// format.cpp: showing amounts, rounded only at this boundary and saying how.
#include "stdlib/format.h"

namespace carecap {

std::string money(const Decimal& amount) { return amount.to_money(display_rounding); }
std::string whole_money(const Decimal& amount) {
    std::string s = money(amount);
    return s.ends_with(".00") ? s.substr(0, s.size() - 3) : s;
}
std::string plain_money(const Decimal& amount) { return amount.to_fixed(2, display_rounding); }
std::string percent(const Decimal& share) { return (share * Decimal(100)).to_fixed(2, display_rounding) + "%"; }

} // namespace carecap
