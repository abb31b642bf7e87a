// evaluation.h: one history evaluated under one rule set, kept together: the account points into the
// history, so both live in one place that never moves.
#pragma once

#include "runtime/evaluation/account.h"
#include "lang/rule_set.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::invariants {

struct Evaluated {
    std::unique_ptr<History> history;
    std::unique_ptr<Account> account;
    std::string result;              // the JSON result, as `carecap eval --compact` writes it, if asked for
    std::vector<std::string> errors; // loading or evaluating; empty when `account` is set
};

Evaluated evaluate(const RuleSet& rules, std::string_view json, bool serialise = true);

} // namespace carecap::invariants
