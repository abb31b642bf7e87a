// explain_json.cpp: the derivation as a versioned JSON tree a host can render:
// stretches, then figures, each with its value (shown and exact), the rule's
// file:line and citation, the expression with its operands substituted, and
// the figures it rests on as children. docs/explain.md documents every field.
#include "runtime/explanation/explain_model.h"
#include "runtime/explanation/explain_steps.h"
#include "lang/show.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/json_fields.h"
#include "runtime/reports/result.h"

namespace carecap {

namespace {

using nlohmann::json;

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }


json step_json(const Step& s, const RuleSet& rules) {
    json out = {{"expression", formula_text(*s.expr)},
                {"value", show(s.value, s.expr->type, &rules)},
                {"exact", exact_text(s.value, s.expr->type, rules)}};
    json operands = json::array();
    for (const Step& o : s.operands) operands.push_back(step_json(o, rules));
    out["operands"] = std::move(operands);
    return out;
}

std::string kind_name(Figure::Kind k) {
    switch (k) {
    case Figure::Kind::meter_rate: return "meter_rate";
    case Figure::Kind::meter_ceiling: return "meter_ceiling";
    case Figure::Kind::definition: return "definition";
    case Figure::Kind::parameter: return "parameter";
    case Figure::Kind::input: return "input";
    }
    return "?";
}

json case_json(const Figure& f) {
    if (f.used_exception)
        return {{"kind", "exception"}, {"label", or_null(f.used_exception->label)}};
    if (!f.used_case) return nullptr;
    if (f.used_case->condition) return {{"kind", "when"}};
    return {{"kind", f.used_case->span.text().starts_with("otherwise") ? "otherwise" : "body"}};
}

json figure_json(const ExplainedStretch& s, std::size_t i, const RuleSet& rules, std::vector<std::size_t>& path) {
    const Figure& f = s.figures[i];
    json out = {{"name", f.name}, {"kind", kind_name(f.kind)}};
    if (!f.not_worked_out.empty()) {
        out["not_worked_out"] = f.not_worked_out;
        return out;
    }
    out["value"] = show(f.value, f.type, &rules);
    out["exact"] = exact_text(f.value, f.type, rules);
    out["unit"] = to_string(f.type);
    const Span* rule = f.rule_span();
    out["rule"] = rule ? json(rule->file_line()) : json(nullptr);
    const Citation* cite = f.citation();
    out["cite"] = cite ? json(cite->text) : json(nullptr);
    if (f.kind == Figure::Kind::parameter) out["in_force_from"] = f.parameter_value->from.to_string();
    if (f.kind == Figure::Kind::input) out["source"] = "history";
    out["unchanged"] = f.unchanged;
    if (f.definition) {
        out["case"] = case_json(f);
        json conditions = json::array();
        for (const Step& c : f.conditions)
            conditions.push_back({{"condition", formula_text(*c.expr)},
                                  {"holds", std::get<bool>(c.value)},
                                  {"facts", condition_facts(c, rules)},
                                  {"steps", step_json(c, rules)}});
        out["conditions"] = std::move(conditions);
    }
    if (f.worked) {
        std::vector<std::string> lines = substituted_lines(*f.worked, rules);
        out["expression"] = lines.front();
        out["substituted"] = std::vector<std::string>(lines.begin() + 1, lines.end());
        out["steps"] = step_json(*f.worked, rules);
    }
    json children = json::array();
    path.push_back(i);
    for (std::size_t used : f.uses)
        if (std::find(path.begin(), path.end(), used) == path.end()) children.push_back(figure_json(s, used, rules, path));
    path.pop_back();
    out["children"] = std::move(children);
    return out;
}

json meter_json(const MeterStretch& m, const MeterDecl& decl) {
    json out = {{"name", decl.name}, {"metering", m.metering}};
    auto amount = [&](const char* key, const Decimal& d) {
        out[key] = plain_money(d);
        out[std::string(key) + "_exact"] = d.to_exact();
    };
    if (m.metering) {
        amount("rate", m.rate);
        out["per"] = to_string(m.per);
    }
    amount("total_start", m.total_start);
    amount("accrued", m.accrued);
    amount("total_end", m.total_start + m.accrued);
    if (m.has_ceiling) amount("ceiling", m.ceiling);
    else out["ceiling"] = nullptr;
    out["reached_on"] = m.reached_on ? json(m.reached_on->to_string()) : json(nullptr);
    if (m.charges_interest && !m.interest_rate.is_zero()) {
        // What the stretch earned, added to the total on the 1st of the next month (docs/language.md).
        out["interest_rate"] = m.interest_rate.to_exact();
        amount("interest_earned", m.interest);
    }
    return out;
}

} // namespace

json explain_to_json(const Explanation& ex) {
    const Account& account = *ex.account;
    // The result's "rules" object, as docs/explain.md words it: the hash is the content_hash,
    // a missing source is null, and the files are not listed.
    json header = rules_to_json(*account.rules);
    header["content_hash"] = header["hash"];
    header["source"] = or_null(account.rules->header().source);
    header.erase("hash");
    header.erase("files");
    json out = {{"carecap_explain", explain_format_version},
                {"rules", std::move(header)},
                {"person", or_null(account.history->person_id)},
                {"filter", {{"figure", or_null(ex.filter.figure)}, {"on", or_null(ex.filter.on)}}}};
    json stretches = json::array();
    for (const ExplainedStretch& es : ex.stretches) {
        const Stretch& s = *es.stretch;
        const RuleSet& rules = account.rules_of(s);
        json st = {{"first", s.first.to_string()},
                   {"last", s.last.to_string()},
                   {"days", s.days()},
                   {"care_period", s.care ? json(s.care->id) : json(nullptr)},
                   {"setting", s.care ? json(s.care->setting.word) : json(nullptr)},
                   {"budget", s.care ? json(s.care->budget.word) : json(nullptr)},
                   {"rules_in_force", s.rules_in_force},
                   {"as_before", es.as_before}};
        json meters = json::array();
        for (std::size_t m = 0; m < s.meters.size() && s.rules_in_force; ++m)
            if (ex.filter.figure.empty() || (ex.only_meter && ex.only_meter->name == rules.meter_order[m]->name))
                meters.push_back(meter_json(s.meters[m], *rules.meter_order[m]));
        st["meters"] = std::move(meters);
        if (account.chosen_by_authority) {
            st["authority"] = s.authority;
            st["rules"] = rules.header().name;
        }
        json figures = json::array();
        std::vector<std::size_t> path;
        for (std::size_t root : es.roots) figures.push_back(figure_json(es, root, rules, path));
        st["figures"] = std::move(figures);
        stretches.push_back(std::move(st));
    }
    out["stretches"] = std::move(stretches);
    if (account.chosen_by_authority) out["rule_sets"] = rule_sets_to_json(account);
    return out;
}

} // namespace carecap
