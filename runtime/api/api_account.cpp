// api_account.cpp: account_html (account_page.h), the care account view
// (docs/care-account-view.md).
#include "runtime/api/account_page.h"

#include "lang/rule_set.h"
#include "runtime/api/rule_choice.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/eval_error.h"
#include "runtime/history/history.h"
#include "runtime/reports/account_view.h"

namespace carecap {

JsonResult account_html(const RuleChoice& choice, std::string_view history_json, std::string& html,
                        std::string_view source_name) {
    JsonResult result;
    const std::string name(source_name);
    HistoryLoad loaded = load_history(history_json, source_name, choice.national->limits);
    for (auto& e : loaded.errors) result.errors.push_back(name + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!loaded.history) return result;
    Evaluation evaluation = evaluate_history(rules_for(choice, *loaded.history), *loaded.history);
    for (auto& e : evaluation.errors) result.errors.push_back(e.render(source_name));
    if (!evaluation.account) return result;
    std::string why;
    std::optional<AccountLedger> ledger;
    try {
        ledger = account_ledger(*evaluation.account, why);
    } catch (const EvalError& e) {
        result.errors.push_back(e.render(source_name));
        return result;
    }
    if (!ledger) {
        result.errors.push_back(name + ": " + why);
        return result;
    }
    html = account_ledger_html(*ledger);
    result.ok = true;
    return result;
}

} // namespace carecap
