// checks.h: the invariants, each a property that must hold for every history under every rule file
// it is meaningful for (docs/testing.md, "Invariants").
#pragma once

#include "tests/invariants/evaluation.h"
#include "tests/invariants/profiles.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::invariants {

// One history evaluated under one rule file.
struct Case {
    const Profile& profile;
    const RuleSet& rules;
    std::string_view json;          // the history as generated
    const Evaluated& evaluated;     // evaluated without errors
    std::uint64_t reorder_seed;     // how to reorder the history for the order invariant
};

// What broke, in a sentence naming the stretch, the figures and the part of the history involved.
using Failure = std::optional<std::string>;

struct Invariant {
    const char* name;
    bool whole_result;              // evaluates the history again: checked on fewer histories (profiles.h)
    Failure (*check)(const Case&);
};

// In the order they are checked.
const std::vector<Invariant>& invariants();

// The properties of the account itself (checks.cpp).
Failure cap_never_exceeded(const Case& c);
Failure total_falls_only_by_adjustment_or_kept_percentage(const Case& c);
Failure rate_within_what_the_history_records(const Case& c);
Failure nothing_meters_once_the_cap_is_reached(const Case& c);
Failure nothing_meters_before_metering_starts(const Case& c);
Failure ceilings_as_declared(const Case& c);
// The properties of the result as a whole (whole_result.cpp).
Failure independent_of_document_order(const Case& c);
Failure same_result_twice(const Case& c);

} // namespace carecap::invariants
