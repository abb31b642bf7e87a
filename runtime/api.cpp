// api.cpp: the embedding interface of include/carecap/carecap.hpp.
#include "carecap/carecap.hpp"

#include "runtime/inputs.h"
#include "runtime/report.h"

namespace carecap {

LoadResult load_rules(const std::string& path, std::vector<std::string> rule_roots, const Limits& limits) {
    LoadOptions options;
    options.inputs = history_inputs();
    options.rule_roots = std::move(rule_roots);
    options.limits = limits;
    return load_rule_set(path, options);
}

namespace {

// Loads and evaluates; fills `result.errors` on any failure.
std::optional<Evaluation> run(const RuleSet& rules, std::string_view text, std::string_view name, bool trace,
                              JsonResult& result, std::optional<History>& history) {
    HistoryLoad loaded = load_history(text, name, rules.limits);
    for (auto& e : loaded.errors)
        result.errors.push_back(std::string(name) + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!loaded.history) return std::nullopt;
    history = std::move(loaded.history);
    EvalOptions options;
    options.trace = trace;
    Evaluation evaluation = evaluate_history(rules, *history, options);
    for (auto& e : evaluation.errors) result.errors.push_back(e.render(name));
    if (!evaluation.account) return std::nullopt;
    return evaluation;
}

} // namespace

JsonResult evaluate_json(const RuleSet& rules, std::string_view history_json, std::string_view source_name) {
    JsonResult result;
    std::optional<History> history;
    auto evaluation = run(rules, history_json, source_name, false, result, history);
    if (!evaluation) return result;
    result.json = account_to_json(*evaluation->account);
    result.ok = true;
    return result;
}

JsonResult explain_text(const RuleSet& rules, std::string_view history_json, std::string& text,
                        std::string_view source_name) {
    JsonResult result;
    std::optional<History> history;
    auto evaluation = run(rules, history_json, source_name, true, result, history);
    if (!evaluation) return result;
    text = explain_account(*evaluation->account);
    result.ok = true;
    return result;
}

} // namespace carecap
