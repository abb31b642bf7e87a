// api_statement.cpp: statement_json, statement_text and statement_html of
// include/carecap/carecap.hpp, the care account statement on a date.
#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/api/rule_choice.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"
#include "runtime/reports/json_fields.h"
#include "runtime/reports/result.h"
#include "runtime/reports/statement_html.h"
#include "runtime/reports/statement_report.h"
#include "stdlib/date.h"

namespace carecap {

namespace {

enum class Form { json, text, html };

JsonResult statement_in(Form form, const RuleChoice& choice, std::string_view history_json, std::string_view on_date,
                        std::string_view source_name, std::string* rendered) {
    JsonResult result;
    std::optional<Date> on;
    if (!on_date.empty()) {
        on = Date::parse(on_date);
        if (!on) {
            result.errors.push_back("on: expected a date YYYY-MM-DD, not \"" + std::string(on_date) + "\"");
            return result;
        }
    }
    const std::string name(source_name);
    std::optional<History> history;
    std::optional<Evaluation> evaluation = load_and_evaluate(choice, history_json, source_name, result, history);
    if (!evaluation) return result;
    std::string why;
    std::optional<StatementReport> report;
    try {
        report = statement_report(*evaluation->account, on, why);
    } catch (const EvalError& e) {
        result.errors.push_back(e.render(source_name));
        return result;
    }
    if (!report) {
        result.errors.push_back(name + ": " + why);
        return result;
    }
    result.json = {{"carecap_statement", statement_format_version},
                   {"rules", rules_to_json(*choice.national)},
                   {"person", history->person_id},
                   {"statement", statement_to_json(*report)}};
    if (evaluation->account->chosen_by_authority) result.json["rule_sets"] = rule_sets_to_json(*evaluation->account);
    if (form == Form::text) *rendered = statement_to_text(*report);
    if (form == Form::html) *rendered = statement_to_html(*report);
    result.ok = true;
    return result;
}

} // namespace

JsonResult statement_json(const RuleChoice& rules, std::string_view history_json, std::string_view on_date,
                          std::string_view source_name) {
    return statement_in(Form::json, rules, history_json, on_date, source_name, nullptr);
}

JsonResult statement_text(const RuleChoice& rules, std::string_view history_json, std::string& text,
                          std::string_view on_date, std::string_view source_name) {
    return statement_in(Form::text, rules, history_json, on_date, source_name, &text);
}

JsonResult statement_html(const RuleChoice& rules, std::string_view history_json, std::string& html,
                          std::string_view on_date, std::string_view source_name) {
    return statement_in(Form::html, rules, history_json, on_date, source_name, &html);
}

} // namespace carecap
