// limits.h: the bounds a host sets on what one rule file or one care history may cost.
//
// Rule files come from analysts and sometimes from strangers; histories come from other systems with
// their own bugs. Each bound below has a safe default, can be changed by the host (LoadOptions::limits,
// carecap::load_rules, `carecap --limit NAME=VALUE`), and when it is hit the error names it, so that the
// person who sees it knows which setting to raise. docs/limits.md lists them.
#pragma once

#include "carecap/options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One limit by its name, for `--limit NAME=VALUE` and for messages.
struct LimitInfo {
    const char* name;         // "history_items"
    const char* description;  // "array items in a care history, in all"
};
const std::vector<LimitInfo>& limit_names();

// Sets the limit called `name` from decimal digits; on a bad name or value returns why.
std::optional<std::string> set_limit(Limits& limits, const std::string& name, const std::string& value);

// The current value of the limit called `name` (which must exist), as text.
std::string limit_value(const Limits& limits, const std::string& name);

} // namespace carecap
