// examples.h: running the examples written inside a rule file.
#pragma once

#include "lang/rule_set.h"

#include <string>
#include <vector>

namespace carecap {

struct ExampleOutcome {
    const ExampleDecl* example = nullptr;
    bool passed = false;
    std::vector<std::string> failures; // one rendered message per unmet expectation or error
};

// Runs every example of the rule set's own file (not those of files it amends).
// Money is compared to the penny (halves away from zero); everything else exactly.
// An example's history file must sit beside its rule file or below it, or below one of `history_roots`
// (`carecap test` passes the working directory and --rules-dir).
std::vector<ExampleOutcome> run_examples(const RuleSet& rules, const std::vector<std::string>& history_roots = {});

} // namespace carecap
