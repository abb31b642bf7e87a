// json_fields.h: the pieces every JSON form of carecap writes alike: an amount of
// money, and the rule set the figures were worked out under.
#pragma once

#include "lang/rule_set.h"
#include "stdlib/decimal.h"

#include <nlohmann/json.hpp>

#include <string>

namespace carecap {

// `key`: the amount to the penny (half_up) as a string; `key`_exact beside it, the
// exact fraction, when the amount is not a whole number of pence, so nothing is lost.
void put_money(nlohmann::json& j, const std::string& key, const Decimal& amount);

// The rule set's header as the result's "rules" object (docs/result.md): name,
// version, in_force, source, hash and the files of the rule set, amended ones included.
// The other forms keep the parts of it they document.
nlohmann::json rules_to_json(const RuleSet& rules);

} // namespace carecap
