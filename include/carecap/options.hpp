// options.hpp: the plain structs the embedding interface shares with the engine: the bounds a host
// sets (Limits), what to explain (ExplainFilter), and what binding rules to a registry gives back. Only
// standard headers here, so that the public interface stands alone and the engine, which includes this
// file too, keeps one definition of each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace carecap {

// The bounds on what one rule file or one care history may cost (docs/limits.md; lang/limits.h has
// their names for `--limit NAME=VALUE`). Each has a safe default a host may change.
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

// What to explain: everything, or one figure, or one stretch, or both.
struct ExplainFilter {
    std::string figure;  // a meter, definition, parameter or input; empty: every figure
    std::string on;      // YYYY-MM-DD: only the stretch holding that day; empty: every stretch
};

class AuthorityRules;

// National rules bound to an authorities registry (docs/authorities.md), or why they could not be.
struct AuthorityRulesLoad {
    std::shared_ptr<const AuthorityRules> rules; // null when there are errors
    std::vector<std::string> errors;             // rendered: the registry's JSON path, or a rule file's diagnostics
};

} // namespace carecap
