// compare_json.h: the JSON of `carecap compare --format json` (docs/compare.md), made in one place for the
// command (cli/compare.cpp) and for the service's POST /v1/compare (cli/serve_handler.cpp), so that both
// write the same document for the same history.
#pragma once

#include "runtime/analyses/compare.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace carecap {
struct RuleSet;
}

namespace carecap::cli {

// One side of a cause: its text and place, or null where that side does not declare it.
nlohmann::json cause_side_json(const CauseSide& side);

// One history's differences, each with its causes.
nlohmann::json comparison_json(const Comparison& comparison);

// The whole document: the two rule sets (named by `path_a` and `path_b`, as the user gave them), the
// declarations that differ, and `histories`, one entry per history, each already made by the caller.
nlohmann::json compare_document(const std::string& path_a, const RuleSet& a, const std::string& path_b,
                                const RuleSet& b, nlohmann::json histories, bool differ);

} // namespace carecap::cli
