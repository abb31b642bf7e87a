// limits.h: the bounds a host sets on what one rule file or one care history may cost.
//
// Rule files come from analysts and sometimes from strangers; histories come from other systems with
// their own bugs. Each bound below has a safe default, can be changed by the host (LoadOptions::limits,
// carecap::load_rules, `carecap --limit NAME=VALUE`), and when it is hit the error names it, so that the
// person who sees it knows which setting to raise. docs/limits.md lists them.
#pragma once

#include <cstdint>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

struct Limits {
    // Rule files.
    std::size_t rule_file_bytes = std::size_t{4} << 20;  // each file of an amended chain
    std::size_t amends_depth = 16;                        // files in an amended chain, beyond the first
    std::size_t nesting_depth = 256;                      // brackets, operators and calls inside one expression
    std::size_t declarations = 10'000;                    // parameters, definitions, meters... in one rule set
    // Levels of expression one inside another when a value is worked out, following each definition
    // used into its own expression (lang/check_depth.h): what the evaluator's recursion goes through.
    std::size_t evaluation_depth = 1'000;
    // Evaluation.
    std::uint64_t evaluation_steps = 1'000'000;           // expression steps evaluated for one stretch of a history
    std::size_t value_bits = 1024;                        // bits of the numerator or denominator of one exact value
    std::size_t history_stretches = 10'000;               // stretches one history's timeline may be cut into
    // Care histories.
    std::size_t history_bytes = std::size_t{64} << 20;    // the JSON text
    std::size_t history_items = 20'000;                   // array items in all: periods, events, income...
    std::size_t history_depth = 100;                      // nesting of JSON objects and arrays

    // The deepest nesting a host may allow: beyond this a recursive descent over an expression could
    // exhaust a thread's stack (the parser's own recursion is bounded separately).
    static constexpr std::size_t max_nesting_depth = 1000;
    // The same for a history: its JSON tree is built and freed recursively, one call per level.
    static constexpr std::size_t max_history_depth = 1000;
    // The same for evaluation_depth: the deepest the evaluator may recurse (docs/limits.md measures it).
    static constexpr std::size_t max_evaluation_depth = 4'000;
};

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
