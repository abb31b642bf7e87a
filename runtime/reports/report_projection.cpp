// report_projection.cpp: a projection as JSON and as plain English.
#include "stdlib/format.h"
#include "runtime/reports/json_fields.h"
#include "runtime/reports/result.h"

#include <sstream>

namespace carecap {

nlohmann::json projection_to_json(const ProjectionResult& p) {
    nlohmann::json out;
    out["carecap_projection"] = result_format_version;
    // The projection names its rules briefly: no date in force, source or files.
    out["rules"] = rules_to_json(*p.rules);
    for (const char* detail : {"in_force", "source", "files"}) out["rules"].erase(detail);
    out["projection"] = p.projection->name;
    out["money"] = {{"shown_to", "0.01"}, {"rounding", std::string(to_string(display_rounding))}};
    nlohmann::json start = {{"date", p.start.start.to_string()}, {"weeks", p.start.weeks}, {"setting", p.start.setting}};
    put_money(start, "capital", p.start.capital);
    put_money(start, "weekly_fees", p.start.weekly_fees);
    nlohmann::json income = nlohmann::json::array();
    for (auto& i : p.start.income) income.push_back({{"kind", i.kind.word}, {"weekly", plain_money(i.weekly)}});
    start["income"] = income;
    out["start"] = start;
    nlohmann::json summary;
    put_money(summary, "total_paid", p.total_paid);
    put_money(summary, "capital_end", p.capital_end);
    put_money(summary, "capital_lost", p.capital_lost());
    summary["share_lost_percent"] = (p.share_lost() * Decimal(100)).to_fixed(2, display_rounding);
    nlohmann::json meters = nlohmann::json::array();
    for (auto& m : p.meters) {
        nlohmann::json mj = {{"name", m.meter->name}};
        put_money(mj, "total", m.total);
        mj["ceiling"] = m.ceiling ? nlohmann::json(plain_money(*m.ceiling)) : nlohmann::json(nullptr);
        mj["reached_on"] = m.reached_on ? nlohmann::json(m.reached_on->to_string()) : nlohmann::json(nullptr);
        meters.push_back(mj);
    }
    summary["meters"] = meters;
    out["summary"] = summary;
    nlohmann::json weeks = nlohmann::json::array();
    for (auto& w : p.weeks) {
        nlohmann::json wj = {{"week", w.week}, {"from", w.first.to_string()}, {"budget", w.budget}};
        put_money(wj, "capital_start", w.capital_start);
        put_money(wj, "charge", w.charge);
        put_money(wj, "pays", w.pays);
        put_money(wj, "capital_used", w.capital_used);
        nlohmann::json totals = nlohmann::json::object();
        for (std::size_t i = 0; i < w.meter_totals.size(); ++i) totals[p.meters[i].meter->name] = plain_money(w.meter_totals[i]);
        wj["meter_totals"] = totals;
        weeks.push_back(wj);
    }
    out["weeks"] = weeks;
    return out;
}

std::string projection_to_text(const ProjectionResult& p, bool every_week) {
    const Header& h = p.rules->header();
    std::ostringstream out;
    out << "Projection " << p.projection->name << " under " << h.name << " version \"" << h.version << "\" ("
        << p.rules->content_hash.substr(0, 19) << ")\n";
    out << "Starting " << p.start.start.to_string() << ": capital " << money(p.start.capital) << ", income ";
    Decimal income;
    for (auto& i : p.start.income) income += i.weekly;
    out << money(income) << " a week, fees " << money(p.start.weekly_fees) << " a week, " << p.start.setting << ", for "
        << p.start.weeks << " weeks\n";
    out << "Each week the charge (" << p.projection->charge->span.text() << ") is worked out from the capital left, "
        << "the person pays " << p.projection->pays->span.text() << " and capital falls by "
        << p.projection->capital_used->span.text() << " (" << p.projection->span.file->name << ":" << p.projection->span.line
        << ").\n";
    if (every_week) {
        out << "\n week  from        capital at start   charge       pays         from capital  budget\n";
        for (auto& w : p.weeks)
            out << " " << w.week << "  " << w.first.to_string() << "  " << money(w.capital_start) << "  " << money(w.charge)
                << "  " << money(w.pays) << "  " << money(w.capital_used) << "  " << w.budget << "\n";
    }
    out << "\n";
    for (auto& m : p.meters) {
        out << m.meter->name << ": " << money(m.total);
        if (m.ceiling) out << " of " << money(*m.ceiling);
        if (m.reached_on)
            out << "; ceiling reached on " << m.reached_on->to_string() << ", in week "
                << (*m.reached_on - p.start.start) / 7 + 1;
        out << "\n";
    }
    out << "Paid in all: " << money(p.total_paid) << "\n";
    out << "Capital: " << money(p.start.capital) << " at the start, " << money(p.capital_end) << " at the end: "
        << money(p.capital_lost()) << " lost, " << percent(p.share_lost()) << " of what the person started with\n";
    return out.str();
}

} // namespace carecap
