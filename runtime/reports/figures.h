// figures.h: the outputs a rule file declares (`outputs`, docs/language.md) as a result reports them:
// each stretch's values, and over the whole account, what each money rate came to.
#pragma once

#include "runtime/evaluation/account.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One figure's value as JSON: money and rates as put_money gives them, percentages and numbers as
// strings, dates as ISO strings, enumerations by their member's name, booleans as booleans.
void put_figure(nlohmann::json& j, const std::string& key, const RuleSet& rules, const OutputName& output,
                const Value& value);

// The enumeration member an output's value names, found through the definition's type ("?" if none).
std::string figure_member_name(const RuleSet& rules, const OutputName& output, const EnumValue& value);

// What a money-rate output came to over the account: the rate on each stretch times its days (a week's
// rate over 7), exactly. Outputs of other types, and rates a year, have no total.
struct FigureTotal {
    std::string name, role;
    Decimal total;
};
std::vector<FigureTotal> figure_totals(const Account& account);

// The total of the output with `role` (paid_by_person, spent_by_authority), if the rules declare one.
std::optional<Decimal> total_with_role(const std::vector<FigureTotal>& totals, const std::string& role);

} // namespace carecap
