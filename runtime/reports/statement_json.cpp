// statement_json.cpp: the "statement" object of docs/statement.md. Amounts are
// strings to the penny (half_up), with the exact value beside them where it is
// not a whole number of pence, as in the result format (docs/result.md).
#include "stdlib/format.h"
#include "runtime/reports/statement_report.h"

namespace carecap {

namespace {

void put_money(nlohmann::json& j, const std::string& key, const Decimal& amount) {
    j[key] = plain_money(amount);
    if (!(amount * Decimal(100)).is_integer()) j[key + "_exact"] = amount.to_exact();
}

nlohmann::json date_or_null(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->to_string()) : nlohmann::json(nullptr);
}

const char* event_kind(MeterEvent::Kind k) {
    switch (k) {
    case MeterEvent::Kind::adjusted: return "adjusted";
    case MeterEvent::Kind::ceiling_changed: return "ceiling_changed";
    case MeterEvent::Kind::adjustment_refused: return "adjustment_refused";
    default: return "event";
    }
}

// Which field of the statement holds each item.
constexpr const char* item_fields[7] = {"cap_level",     "total_cost_weekly",      "rate_of_progress_weekly",
                                        "daily_living_costs_weekly", "accrued", "adjustments_since_last",
                                        "expected_to_reach_cap"};

} // namespace

nlohmann::json statement_to_json(const StatementReport& r) {
    const Statement& st = r.statement;
    nlohmann::json j = {{"date", st.date.to_string()},
                        {"issued", true},
                        {"on_request", r.on_request},
                        {"authority", st.authority},
                        {"budget", st.budget},
                        {"account_opened", r.opened.to_string()},
                        {"previous_statement", date_or_null(r.previous)},
                        {"every_months", r.terms.every_months},
                        {"expected_within_months", r.terms.expected_within_months}};
    put_money(j, "cap_level", st.cap_level);
    put_money(j, "total_cost_weekly", st.total_cost);
    put_money(j, "rate_of_progress_weekly", st.rate);
    put_money(j, "daily_living_costs_weekly", st.living_costs);
    put_money(j, "accrued", st.accrued);
    nlohmann::json adjustments = nlohmann::json::array();
    for (const MeterEvent& e : st.adjustments) {
        nlohmann::json a = {{"date", e.date.to_string()}, {"kind", event_kind(e.kind)}, {"text", e.text}};
        put_money(a, "total_before", e.before);
        put_money(a, "total_after", e.after);
        adjustments.push_back(a);
    }
    j["adjustments_since_last"] = adjustments;
    // Item 7 is given only within the window (004, 3.7); a reached cap is its own field.
    j["expected_to_reach_cap"] =
        st.expected_shown && !r.cap_reached_on ? date_or_null(st.expected_on) : nlohmann::json(nullptr);
    j["expected_by"] = r.cap_reached_on ? std::string() : st.expected_by;
    j["cap_reached_on"] = date_or_null(r.cap_reached_on);
    j["caveat"] = st.caveat;
    j["guidance"] = r.citation;
    nlohmann::json items = nlohmann::json::array();
    for (const StatementItem& item : statement_items(r))
        items.push_back({{"number", item.number},
                         {"id", item.id},
                         {"title", item.title},
                         {"field", item_fields[item.number - 1]},
                         {"shown", item.value}});
    j["items"] = items;
    j["notes"] = statement_notes(r);
    nlohmann::json progress = nlohmann::json::array();
    for (const ProgressPiece& p : r.progress) {
        nlohmann::json piece = {{"from", p.from.to_string()}, {"to", p.to.to_string()}};
        put_money(piece, "start", p.start);
        put_money(piece, "end", p.end);
        progress.push_back(piece);
    }
    j["progress"] = progress;
    nlohmann::json cap = nlohmann::json::array();
    for (const CapPiece& c : r.cap) {
        nlohmann::json piece = {{"from", c.from.to_string()}, {"to", c.to.to_string()}};
        put_money(piece, "level", c.level);
        cap.push_back(piece);
    }
    j["cap"] = cap;
    return j;
}

} // namespace carecap
