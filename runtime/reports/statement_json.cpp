// statement_json.cpp: the "statement" object of docs/statement.md. Amounts are
// strings to the penny (half_up), with the exact value beside them where it is
// not a whole number of pence, as in the result format (docs/result.md).
#include "runtime/reports/json_fields.h"
#include "runtime/reports/statement_fields.h"
#include "runtime/reports/statement_report.h"

namespace carecap {

namespace {

nlohmann::json date_or_null(const std::optional<Date>& d) {
    return d ? nlohmann::json(d->to_string()) : nlohmann::json(nullptr);
}

// The statement names only the kinds of event that adjust the accrued costs; any other is an "event".
std::string event_kind(MeterEvent::Kind k) {
    switch (k) {
    case MeterEvent::Kind::adjusted:
    case MeterEvent::Kind::ceiling_changed:
    case MeterEvent::Kind::adjustment_refused: return std::string(to_string(k));
    default: return "event";
    }
}

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
    for (const StatementField& f : statement_fields)
        if (f.amount) put_money(j, f.json_field, st.*f.amount);
    nlohmann::json adjustments = nlohmann::json::array();
    for (const MeterEvent& e : st.adjustments) {
        nlohmann::json a = {{"date", e.date.to_string()}, {"kind", event_kind(e.kind)}, {"text", e.text}};
        put_money(a, "total_before", e.before);
        put_money(a, "total_after", e.after);
        adjustments.push_back(a);
    }
    j[statement_field(6).json_field] = adjustments;
    // Item 7 is given only within the window (004, 3.7); a reached cap is its own field.
    j[statement_field(7).json_field] =
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
                         {"field", statement_field(item.number).json_field},
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
