// selfservice.cpp: the online financial assessment of `carecap serve --self-service AUTHORITY`
// (docs/self-service.md): which page each request gets, and the estimate itself, worked out by the
// explain machinery under the rules the registry names for the authority. Nothing is kept or logged:
// every answer comes back with each request and is checked again.
#include "cli/selfservice.h"
#include "cli/selfservice_pages.h"

#include "carecap/carecap.hpp"

#include <array>

namespace carecap::selfservice {
namespace {

std::string authority_name; // set once, before serving starts

serve::Response html(int status, std::string body) { return html_response(status, std::move(body)); }

// The first step whose answers are wrong, with its errors; nothing when every answer is right.
std::optional<Step> first_wrong_step(const Answers& answers, Errors& errors) {
    for (int i = 0; i < step_count - 1; ++i) {
        check_step(static_cast<Step>(i), answers, errors);
        if (!errors.empty()) return static_cast<Step>(i);
    }
    return std::nullopt;
}

// The figures of the means test, in the order a person follows them, with what each is called in words.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> plain_labels = {{
    {"countable_capital", "Your capital that counts"},
    {"property_counted", "Your home counts as capital"},
    {"lower_capital_limit", "Capital below this is not counted as income"},
    {"upper_capital_limit", "With capital above this you pay the full cost"},
    {"tariff_income", "Income assumed from your capital: £1 a week for each £250 (or part) above the lower limit"},
    {"weekly_income", "Your income"},
    {"disregarded_income", "Income not counted"},
    {"assessable_income", "Income counted, with the income assumed from your capital"},
    {"personal_expenses_allowance", "Personal expenses allowance: what you keep in a care home"},
    {"minimum_income_guarantee", "Minimum income guarantee: what you keep at home"},
    {"allowed_disability_related_expenditure", "Disability-related costs allowed"},
    {"housing_costs", "Housing costs allowed"},
    {"protected_income", "What you keep each week"},
    {"chargeable_cost", "The cost of your care"},
    {"assessed_charge", "Your weekly contribution"},
}};

// Every figure of the explanation's tree by name, as it is shown (the first time it appears).
void collect(const nlohmann::json& node, std::map<std::string, std::string>& shown) {
    if (node.is_object()) {
        if (node.contains("name") && node["name"].is_string() && node.contains("value") && node["value"].is_string())
            shown.emplace(node["name"].get<std::string>(), node["value"].get<std::string>());
        if (node.contains("children")) collect(node["children"], shown);
    } else if (node.is_array()) {
        for (const auto& child : node) collect(child, shown);
    }
}

std::string plain_value(std::string value) {
    if (value == "true") return "Yes";
    if (value == "false") return "No";
    constexpr std::string_view per_week = " per week";
    if (value.ends_with(per_week)) value.resize(value.size() - per_week.size()), value += " a week";
    return value;
}

Outcome estimate(const serve::RuleSets& rule_sets, const Answers& answers) {
    Outcome outcome;
    outcome.history_json = history_of(answers, authority_name).dump(2);
    const serve::NamedRules& named = rule_sets.front();
    RuleChoice choice = named.by_authority ? RuleChoice(*named.by_authority) : RuleChoice(*named.rules);
    ExplainFilter filter{"assessed_charge", ""};
    JsonResult result = explain_json(choice, outcome.history_json, filter, "your answers");
    if (!result.ok) {
        outcome.errors = result.errors;
        return outcome;
    }
    std::map<std::string, std::string> shown;
    for (const auto& stretch : result.json["stretches"]) collect(stretch["figures"], shown);
    if (!shown.contains("assessed_charge")) {
        outcome.errors = {"these rules do not work out a weekly charge"};
        return outcome;
    }
    for (const auto& [name, label] : plain_labels)
        if (shown.contains(std::string(name))) outcome.working.push_back({std::string(label), plain_value(shown[std::string(name)])});
    outcome.contribution = plain_value(shown["assessed_charge"]);
    if (outcome.contribution.ends_with(" a week")) outcome.contribution.resize(outcome.contribution.size() - 7);
    const auto& rules = result.json["rule_sets"].empty() ? result.json["rules"] : result.json["rule_sets"][0];
    outcome.rules = "the rules \"" + rules.value("name", "") + "\", version " + rules.value("version", "");
    outcome.ok = true;
    return outcome;
}

serve::Response on_step(const serve::RuleSets& rule_sets, Step step, const std::string& go, Answers& answers) {
    Errors errors;
    if (go == "back")
        return step == Step::care ? html(200, start_page(authority_name, ""))
                                  : html(200, step_page(static_cast<Step>(static_cast<int>(step) - 1), answers, {}));
    if (go.starts_with("edit-")) {
        auto edit = step_named(go.substr(5));
        if (edit && *edit != Step::check) return html(200, step_page(*edit, answers, {}));
    }
    if (go == "next" && step != Step::check) {
        check_step(step, answers, errors);
        if (!errors.empty()) return html(200, step_page(step, answers, errors));
        Step next = static_cast<Step>(static_cast<int>(step) + 1);
        if (next != Step::check) return html(200, step_page(next, answers, {}));
    }
    if (go != "next" && go != "result") return html(400, broken_form_page("The form was not sent correctly. Please start again."));
    if (auto wrong = first_wrong_step(answers, errors)) return html(200, step_page(*wrong, answers, errors));
    if (go == "next") return html(200, check_page(answers));
    return html(200, result_page(authority_name, answers, estimate(rule_sets, answers)));
}

serve::Response on_start(const std::string& go, const Answers& fields) {
    if (go == "next") return html(200, step_page(Step::care, {}, {}));
    if (go != "reopen") return html(400, broken_form_page("The form was not sent correctly. Please start again."));
    auto pasted = fields.find("answers_json");
    Answers answers;
    std::string why;
    if (pasted == fields.end() || pasted->second.empty())
        return html(200, start_page(authority_name, "Paste the answers you downloaded"));
    if (!answers_of(pasted->second, answers, why)) return html(200, start_page(authority_name, why));
    Errors errors;
    if (auto wrong = first_wrong_step(answers, errors)) return html(200, step_page(*wrong, answers, errors));
    return html(200, check_page(answers));
}

serve::Response on_post(const serve::RuleSets& rule_sets, const serve::Request& request, bool download) {
    Answers fields;
    std::string why;
    if (!parse_form(request.body, fields, why)) return html(400, broken_form_page(why));
    std::string go = fields.contains("go") ? fields["go"] : "", step = fields.contains("step") ? fields["step"] : "";
    if (!download && step == "start") return on_start(go, fields);
    Answers answers;
    for (const Question& q : questions())
        for (const std::string& name : field_names(q))
            if (fields.contains(name)) answers[name] = fields[name];
    if (download) {
        Errors errors;
        if (first_wrong_step(answers, errors))
            return html(400, broken_form_page("Some answers are missing or wrong: go back and check them."));
        serve::Response r{200, "application/json", history_of(answers, authority_name).dump(2) + "\n", {}};
        r.headers = {{"Content-Disposition", "attachment; filename=\"care-assessment-answers.json\""},
                     {"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
        return r;
    }
    auto current = step_named(step);
    if (!current) return html(400, broken_form_page("The form was not sent correctly. Please start again."));
    return on_step(rule_sets, *current, go, answers);
}

std::optional<serve::Response> route(const serve::RuleSets& rule_sets, const serve::Request& request) {
    if (auto account = account_route(rule_sets, request)) return account; // the care account view
    std::string_view path = request.path;
    if (!path.starts_with("/self-service")) return std::nullopt;
    bool form = path == "/self-service" || path == "/self-service/";
    bool download = path == "/self-service/answers.json";
    if (!form && !download) return html(404, broken_form_page("There is no such page."));
    if (form && (request.method == "GET" || request.method == "HEAD")) return html(200, start_page(authority_name, ""));
    if (request.method != "POST") {
        serve::Response r = html(405, broken_form_page("This page takes a form."));
        r.headers.emplace_back("Allow", form ? "GET, HEAD, POST" : "POST");
        return r;
    }
    if (rule_sets.empty()) return html(503, broken_form_page("No rules are loaded."));
    return on_post(rule_sets, request, download);
}

// A form the server would not read to the end: a person sees a page saying why, not the API's JSON. Which
// answer was too long cannot be said (the body is refused unread), so the page says what the limits are.
std::optional<serve::Response> refusal(std::string_view path, int status) {
    if (!path.starts_with("/self-service")) return std::nullopt;
    std::string why = "The form was not sent correctly. Please start again.";
    if (status == 413 && path == "/self-service/account")
        why = "The care history was too long to send: it is larger than this service accepts. Ask your council "
              "for the history of a shorter time.";
    else if (status == 413)
        why = "Your answers were too long to send. Each answer is at most " + std::to_string(longest_field) +
              " characters, and answers you paste at most what you downloaded. Go back, shorten the long "
              "answer, and send it again.";
    else if (status == 408)
        why = "Your answers took too long to arrive. Please go back and send them again.";
    return html(status, broken_form_page(why));
}

} // namespace

serve::Response html_response(int status, std::string body) {
    serve::Response r{status, "text/html; charset=utf-8", std::move(body), {}};
    // Answers are personal: never cached, never sent on to another site; the pages run no script.
    r.headers = {{"Cache-Control", "no-store"},
                 {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"}};
    return r;
}

void enable(std::string authority) {
    authority_name = std::move(authority);
    serve::add_page_routes(route, refusal);
}

} // namespace carecap::selfservice
