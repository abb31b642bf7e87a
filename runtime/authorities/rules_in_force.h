// rules_in_force.h: which rule set applies on each day of one history. A person's authority
// may change (a move), and an authority may have rules of its own (a trailblazer's earlier
// start, a council's policy): each stretch of the timeline is evaluated under the rule set
// of the authority meeting the person's needs that day. One rule set for every authority is
// the common case; runtime/authorities/authority_rules.h builds the general one from a registry.
#pragma once

#include "lang/rule_set.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carecap {

struct RulesInForce {
    // sets[0]: the rules asked for (the national rules), for any authority not listed below.
    std::vector<const RuleSet*> sets;
    // An authority as the history writes it (a GSS code or a name) -> its position in `sets`.
    std::vector<std::pair<std::string, std::uint32_t>> by_authority;
    // Set when the rules were chosen through a registry: the result then names every rule set.
    bool chosen_by_authority = false;
    // An authority as the history writes it -> its name in the registry (statements show the name).
    std::vector<std::pair<std::string, std::string>> names;

    RulesInForce() = default;
    // The same rules for every authority: how carecap evaluates without a registry.
    explicit RulesInForce(const RuleSet& rules) : sets{&rules} {}

    // The position in `sets` of the rule set for `authority`.
    std::uint32_t index_for(std::string_view authority) const {
        for (auto& [name, index] : by_authority)
            if (name == authority) return index;
        return 0;
    }
};

} // namespace carecap
