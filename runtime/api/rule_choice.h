// rule_choice.h: what a host's RuleChoice (carecap.hpp) means to the engine: for one history, the
// rules in force for each authority it names (the same national rules throughout, or the rules
// the registry gives each authority).
#pragma once

#include "carecap/carecap.hpp"
#include "runtime/authorities/rules_in_force.h"
#include "runtime/history/history.h"

namespace carecap {

RulesInForce rules_for(const RuleChoice& choice, const History& history);

} // namespace carecap
