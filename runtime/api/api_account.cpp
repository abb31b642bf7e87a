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
    std::optional<History> history;
    std::optional<Evaluation> evaluation = load_and_evaluate(choice, history_json, source_name, result, history);
    if (!evaluation) return result;
    std::string why;
    std::optional<AccountLedger> ledger;
    try {
        ledger = account_ledger(*evaluation->account, why);
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
