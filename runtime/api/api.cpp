// api.cpp: the embedding interface of include/carecap/carecap.hpp.
#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/api/rule_choice.h"
#include "runtime/authorities/authority_rules.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/explanation/explain_model.h"
#include "runtime/history/history.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

namespace carecap {

LoadedRules load_rules(const std::string& path, std::vector<std::string> rule_roots, const Limits& limits,
                       std::vector<std::string> rules_path) {
    LoadResult loaded = load_rules_for_histories(path, std::move(rule_roots), limits, std::move(rules_path));
    return {std::move(loaded.rules), render(loaded.diagnostics)};
}

AuthorityRulesLoad load_rules_with_registry(const std::string& path, const std::string& registry_path,
                                            std::vector<std::string> rule_roots, const Limits& limits,
                                            std::vector<std::string> rules_path) {
    AuthorityRulesLoad out;
    LoadResult national = load_rules_for_histories(path, rule_roots, limits, rules_path);
    if (!national.rules) {
        out.errors.push_back(render(national.diagnostics));
        return out;
    }
    RegistryLoad registry = load_registry_file(registry_path, limits.history_bytes);
    if (!registry.registry) {
        out.errors = render_registry_errors(registry, registry_path);
        return out;
    }
    LoadOptions options;
    options.inputs = history_inputs();
    options.rule_roots = std::move(rule_roots);
    options.limits = limits;
    options.rules_path = std::move(rules_path);
    return AuthorityRules::bind(std::make_shared<const Registry>(std::move(*registry.registry)),
                                std::move(national.rules), options);
}

std::optional<Evaluation> load_and_evaluate(const RuleChoice& rules, std::string_view text, std::string_view name,
                                            JsonResult& result, std::optional<History>& history,
                                            const EvalOptions& options) {
    HistoryLoad loaded = load_history(text, name, rules.national->limits);
    for (auto& e : loaded.errors)
        result.errors.push_back(std::string(name) + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!loaded.history) return std::nullopt;
    history = std::move(loaded.history);
    Evaluation evaluation = evaluate_history(rules_for(rules, *history), *history, options);
    for (auto& e : evaluation.errors) result.errors.push_back(e.render(name));
    if (!evaluation.account) return std::nullopt;
    return evaluation;
}

namespace {

// Evaluates and explains, then hands the explanation to `render`: the text and JSON forms differ
// only in that last step.
template <typename Render>
JsonResult explained(const RuleChoice& rules, std::string_view history_json, std::string_view source_name,
                     const ExplainFilter& filter, Render render) {
    JsonResult result;
    std::optional<History> history;
    auto evaluation = load_and_evaluate(rules, history_json, source_name, result, history);
    if (!evaluation) return result;
    ExplainResult explained = explain_figures(*evaluation->account, filter);
    result.errors = std::move(explained.errors);
    if (!explained.explanation) return result;
    render(*explained.explanation, result);
    result.ok = true;
    return result;
}

} // namespace

JsonResult evaluate_json(const RuleChoice& rules, std::string_view history_json, std::string_view source_name) {
    JsonResult result;
    std::optional<History> history;
    auto evaluation = load_and_evaluate(rules, history_json, source_name, result, history);
    if (!evaluation) return result;
    result.json = account_to_json(*evaluation->account);
    result.ok = true;
    return result;
}

JsonResult evaluate_json(const RuleChoice& rules, std::string_view history_json, const std::vector<std::string>& figures,
                         std::string_view source_name) {
    JsonResult result;
    std::optional<History> history;
    EvalOptions options;
    options.figures = figures;
    auto evaluation = load_and_evaluate(rules, history_json, source_name, result, history, options);
    if (!evaluation) return result;
    // A name that no rule set in play declares is a mistake of the caller's: said, never skipped silently.
    result.errors = unknown_figures(evaluation->account->rule_sets, figures);
    if (!result.errors.empty()) return result;
    result.json = account_to_json(*evaluation->account);
    result.ok = true;
    return result;
}

LineResult evaluate_to_line(const RuleChoice& rules, std::string_view history_json, LineFormat format,
                            const std::vector<std::string>* figures, std::string_view source_name) {
    static const std::vector<std::string> no_figures;
    JsonResult result;
    std::optional<History> history;
    EvalOptions options;
    if (figures) options.figures = *figures;
    else if (format == LineFormat::compact) options.figures = no_figures; // a compact line reports none
    auto evaluation = load_and_evaluate(rules, history_json, source_name, result, history, options);
    LineResult out;
    if (evaluation && figures) result.errors = unknown_figures(evaluation->account->rule_sets, *figures);
    out.errors = std::move(result.errors);
    if (!evaluation || !out.errors.empty()) return out;
    const Account& account = *evaluation->account;
    out.line = format == LineFormat::json ? account_to_json_line(account)
                                          : account_to_compact_line(account, figures ? *figures : no_figures);
    if (!account.meters.empty()) {
        out.first_meter_reached = account.meters.front().reached_on.has_value();
        out.first_meter_total = account.meters.front().total.to_exact();
    }
    out.ok = true;
    return out;
}

JsonResult explain_text(const RuleChoice& rules, std::string_view history_json, std::string& text,
                        std::string_view source_name, const ExplainFilter& filter) {
    return explained(rules, history_json, source_name, filter, [&](const Explanation& explanation, JsonResult&) {
        text = explain_to_text(explanation);
    });
}

JsonResult explain_json(const RuleChoice& rules, std::string_view history_json, const ExplainFilter& filter,
                        std::string_view source_name) {
    return explained(rules, history_json, source_name, filter, [](const Explanation& explanation, JsonResult& result) {
        result.json = explain_to_json(explanation);
    });
}

} // namespace carecap
