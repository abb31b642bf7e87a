// evaluation.cpp: load, evaluate, serialise: the path `carecap eval --compact` takes.
#include "tests/invariants/evaluation.h"

#include "runtime/evaluation/engine.h"
#include "runtime/reports/result.h"

namespace carecap::invariants {

Evaluated evaluate(const RuleSet& rules, std::string_view json, bool serialise) {
    Evaluated out;
    HistoryLoad loaded = load_history(json, "history");
    for (auto& e : loaded.errors) out.errors.push_back((e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!loaded.history) return out;
    out.history = std::make_unique<History>(std::move(*loaded.history));
    Evaluation evaluation = evaluate_history(rules, *out.history);
    for (auto& e : evaluation.errors) out.errors.push_back(e.render("history"));
    if (!evaluation.account) return out;
    out.account = std::make_unique<Account>(std::move(*evaluation.account));
    if (serialise) out.result = account_to_json(*out.account).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out;
}

} // namespace carecap::invariants
