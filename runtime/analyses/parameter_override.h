// parameter_override.h: one rule parameter given a single value for the whole rule set, as a sweep over a
// rule parameter needs (`carecap sweep --vary-parameter cap_level ...`, docs/sweep.md).
#pragma once

#include "lang/rule_set.h"
#include "stdlib/decimal.h"

#include <memory>
#include <string>

namespace carecap {

// What a parameter's value must be for it to be varied: a number, a percentage or an amount of money (a
// rate of money per week, say). Empty when `name` can vary; otherwise why not, with "did you mean" for a
// name the rules do not declare.
std::string parameter_cannot_vary(const RuleSet& rules, const std::string& name);

// Whether the parameter is an amount of money (so its values are read as money, pounds and pence).
bool parameter_is_money(const RuleSet& rules, const std::string& name);

// `rules` with every dated value of parameter `name` replaced by `value`, from the first value's date: the
// parameter then has one value throughout, whatever the rule files gave it. A percentage is given as the
// number it shows (5 for 5%). `rules` must be freshly loaded and not yet shared with anyone (the parameter is
// rewritten in place, so every name that refers to it sees the new value); parameter_cannot_vary must have
// found nothing wrong.
std::shared_ptr<const RuleSet> with_parameter(std::shared_ptr<const RuleSet> rules, const std::string& name,
                                              const Decimal& value);

} // namespace carecap
