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
std::vector<ExampleOutcome> run_examples(const RuleSet& rules);

} // namespace carecap
