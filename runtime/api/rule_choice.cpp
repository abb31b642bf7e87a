// rule_choice.cpp: a RuleChoice turned into the rules in force for one history.
#include "runtime/api/rule_choice.h"

#include "runtime/authorities/authority_rules.h"

namespace carecap {

RuleChoice::RuleChoice(const AuthorityRules& rules) : national(&rules.national()), by_authority(&rules) {}

RulesInForce rules_for(const RuleChoice& choice, const History& history) {
    return choice.by_authority ? choice.by_authority->for_history(history) : RulesInForce(*choice.national);
}

} // namespace carecap
