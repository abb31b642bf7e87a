// whole_result.cpp: the invariants of the JSON result as a whole: it depends on what the history
// says, not on the order it says it in, and on nothing else (no state left from an earlier run, no
// addresses, no clock).
#include "tests/invariants/checks.h"
#include "tests/invariants/reorder.h"

#include "runtime/evaluation/engine.h"
#include "runtime/reports/result.h"

#include <nlohmann/json.hpp>

namespace carecap::invariants {

namespace {

// The first place two results differ, with both values: "/meters/0/total: "86000.00" then "85000.00"".
std::string first_difference(const std::string& first, const std::string& second) {
    const nlohmann::json a = nlohmann::json::parse(first), b = nlohmann::json::parse(second);
    const nlohmann::json patch = nlohmann::json::diff(a, b);
    if (patch.empty()) return "the same JSON, written differently";
    const std::string path = patch[0]["path"].get<std::string>();
    const nlohmann::json::json_pointer at(path);
    return path + ": " + (a.contains(at) ? a[at].dump() : "(absent)") + " then " + (b.contains(at) ? b[at].dump() : "(absent)");
}

} // namespace

// (f) The arrays and members the history format leaves unordered, written in another order, give
// the same result byte for byte, once the history paths the result quotes are read as the original's.
Failure independent_of_document_order(const Case& c) {
    const Reordered reordered = reorder(c.json, c.reorder_seed);
    const Evaluated again = evaluate(c.rules, reordered.json);
    if (!again.account)
        return "the reordered history cannot be evaluated: " + (again.errors.empty() ? "" : again.errors.front()) +
               "\nthe history reordered: " + reordered.json;
    const std::string result = with_original_paths(again.result, reordered);
    if (result == c.evaluated.result) return {};
    return "the result changes when the history is written in another order; first difference at " +
           first_difference(c.evaluated.result, result) + "\nthe history reordered: " + reordered.json;
}

// (g) Evaluating the same history again gives the same bytes.
Failure same_result_twice(const Case& c) {
    const Evaluation again = evaluate_history(c.rules, *c.evaluated.history);
    if (!again.account) return "the second evaluation failed: " + (again.errors.empty() ? "" : again.errors.front().render("history"));
    const std::string result = account_to_json(*again.account).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (result == c.evaluated.result) return {};
    return "a second evaluation of the same history gives another result; first difference at " +
           first_difference(c.evaluated.result, result);
}

} // namespace carecap::invariants
