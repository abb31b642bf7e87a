// report_json.cpp: the care account as versioned JSON. Amounts are strings to
// the penny (half_up); where the exact value is not a whole number of pence the
// exact fraction is given beside it, so nothing is lost.
#include "stdlib/format.h"
#include "runtime/reports/figures.h"
#include "runtime/reports/json_fields.h"
#include "runtime/reports/result.h"
#include "runtime/reports/statement_fields.h"

#include <algorithm>

namespace carecap {

nlohmann::json rule_sets_to_json(const Account& account) {
    if (!account.chosen_by_authority) return nullptr;
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t k = 0; k < account.rule_sets.size(); ++k) {
        const RuleSet& rules = *account.rule_sets[k];
        nlohmann::json authorities = nlohmann::json::array();
        nlohmann::json covered = nlohmann::json::array(); // runs of consecutive stretches, from and to
        for (const Stretch& s : account.stretches) {
            if (s.rule_set != k) continue;
            if (!covered.empty() && Date::parse(covered.back()["to"].get<std::string>())->plus_days(1) == s.first)
                covered.back()["to"] = s.last.to_string();
            else covered.push_back({{"from", s.first.to_string()}, {"to", s.last.to_string()}});
            if (std::find(authorities.begin(), authorities.end(), s.authority) == authorities.end())
                authorities.push_back(s.authority);
        }
        // The header as the result gives it, with the top file in place of the source and every file.
        nlohmann::json entry = rules_to_json(rules);
        entry.erase("source");
        entry.erase("files");
        entry["file"] = rules.top().source->name;
        entry["authorities"] = authorities;
        entry["covers"] = covered;
        out.push_back(entry);
    }
    return out;
}

namespace {

nlohmann::json events_to_json(const std::vector<MeterEvent>& events) {
    nlohmann::json out = nlohmann::json::array();
    for (auto& e : events) {
        nlohmann::json ev = {{"date", e.date.to_string()}, {"kind", std::string(to_string(e.kind))}, {"text", e.text},
                             {"source", e.source}};
        put_money(ev, "total_before", e.before);
        put_money(ev, "total_after", e.after);
        out.push_back(ev);
    }
    return out;
}

nlohmann::json meter_to_json(const MeterTotal& m) {
    nlohmann::json j;
    j["name"] = m.meter->name;
    if (m.ceiling) put_money(j, "ceiling", *m.ceiling);
    else j["ceiling"] = nullptr;
    put_money(j, "total", m.total);
    j["reached_on"] = m.reached_on ? nlohmann::json(m.reached_on->to_string()) : nlohmann::json(nullptr);
    if (m.meter->interest) {
        // A loan's balance in its parts: what was deferred, the fees and the interest added.
        nlohmann::json parts;
        put_money(parts, "deferred", m.total - m.fees_added - m.interest_added);
        put_money(parts, "fees", m.fees_added);
        put_money(parts, "interest", m.interest_added);
        put_money(parts, "interest_not_yet_added", m.interest_pending);
        j["balance"] = parts;
    }
    j["events"] = events_to_json(m.events);
    return j;
}

nlohmann::json meter_stretch_to_json(const MeterStretch& m) {
    nlohmann::json mj = {{"metering", m.metering}};
    if (m.metering) {
        put_money(mj, "rate", m.rate);
        mj["per"] = to_string(m.per);
    }
    if (m.has_ceiling) put_money(mj, "ceiling", m.ceiling);
    else mj["ceiling"] = nullptr;
    put_money(mj, "total_start", m.total_start);
    put_money(mj, "accrued", m.accrued);
    put_money(mj, "total_end", m.total_start + m.accrued);
    if (m.charges_interest) {
        mj["interest_rate"] = percent(m.interest_rate);
        put_money(mj, "interest_earned", m.interest);
    }
    mj["reached_on"] = m.reached_on ? nlohmann::json(m.reached_on->to_string()) : nlohmann::json(nullptr);
    return mj;
}

nlohmann::json stretch_to_json(const Account& account, const Stretch& s) {
    nlohmann::json j = {{"from", s.first.to_string()}, {"to", s.last.to_string()}, {"days", s.days()},
                        {"rules_in_force", s.rules_in_force}, {"authority", s.authority}};
    j["care_period"] = s.care ? nlohmann::json(s.care->id) : nlohmann::json(nullptr);
    if (account.chosen_by_authority) j["rules"] = account.rules_of(s).header().name;
    nlohmann::json ms = nlohmann::json::object();
    for (std::size_t i = 0; i < s.meters.size() && i < account.meters.size(); ++i)
        ms[account.meters[i].meter->name] = meter_stretch_to_json(s.meters[i]);
    j["meters"] = ms;
    if (!s.figures.empty()) {
        nlohmann::json figures = nlohmann::json::object();
        for (const auto& [output, value] : s.figures) put_figure(figures, output->name, account.rules_of(s), *output, value);
        j["figures"] = figures;
    }
    return j;
}

// What each money-rate output came to over the account (runtime/reports/figures.h); null without any.
nlohmann::json figure_totals_to_json(const Account& account) {
    std::vector<FigureTotal> totals = figure_totals(account);
    if (totals.empty()) return nullptr;
    nlohmann::json out = nlohmann::json::object();
    for (const FigureTotal& t : totals) put_money(out, t.name, t.total);
    return out;
}

nlohmann::json statement_to_json(const Statement& st) {
    nlohmann::json j = {{"date", st.date.to_string()}, {"issued", st.issued}};
    if (!st.issued) {
        j["not_issued_because"] = st.not_issued_because;
        return j;
    }
    j["authority"] = st.authority;
    j["budget"] = st.budget;
    for (const StatementField& f : statement_fields)
        if (f.amount) put_money(j, f.json_field, st.*f.amount);
    nlohmann::json adjustments = nlohmann::json::array();
    for (auto& e : st.adjustments) {
        nlohmann::json a = {{"date", e.date.to_string()}, {"kind", std::string(to_string(e.kind))}, {"text", e.text}};
        put_money(a, "total_before", e.before);
        put_money(a, "total_after", e.after);
        adjustments.push_back(a);
    }
    j[statement_field(6).json_field] = adjustments;
    j[statement_field(7).json_field] = st.expected_shown ? nlohmann::json(st.expected_on->to_string()) : nlohmann::json(nullptr);
    j["expected_by"] = st.expected_by;
    j["caveat"] = st.caveat;
    return j;
}

} // namespace

nlohmann::json account_to_json(const Account& account) {
    nlohmann::json out;
    out["carecap_result"] = result_format_version;
    out["rules"] = rules_to_json(*account.rules);
    if (account.chosen_by_authority) out["rule_sets"] = rule_sets_to_json(account);
    out["money"] = {{"shown_to", "0.01"}, {"rounding", std::string(to_string(display_rounding))},
                    {"note", "arithmetic is exact; *_exact gives the exact value where it is not a whole number of pence"}};
    out["person"] = account.history->person_id;
    if (!account.stretches.empty()) {
        out["from"] = account.stretches.front().first.to_string();
        out["to"] = account.stretches.back().last.to_string();
    }
    nlohmann::json meters = nlohmann::json::array();
    for (auto& m : account.meters) meters.push_back(meter_to_json(m));
    out["meters"] = meters;
    nlohmann::json stretches = nlohmann::json::array();
    for (auto& s : account.stretches) stretches.push_back(stretch_to_json(account, s));
    out["stretches"] = stretches;
    if (nlohmann::json totals = figure_totals_to_json(account); !totals.is_null()) out["figure_totals"] = totals;
    if (account.rules->statements) {
        nlohmann::json statements = nlohmann::json::array();
        for (const Statement& st : account.statements) statements.push_back(statement_to_json(st));
        out["statements"] = statements;
    }
    return out;
}

} // namespace carecap
