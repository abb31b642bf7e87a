// report_stream.cpp: the JSON result of report_json.cpp written straight into text, without building a
// JSON tree first: `carecap batch` writes one per history, and the tree cost more than the evaluation.
// The bytes are those of json_text(account_to_json(account), true): every object's members in the order
// of their keys (a JSON tree keeps them sorted), no spaces, strings escaped the same way.
#include "runtime/reports/figures.h"
#include "runtime/reports/result.h"
#include "runtime/reports/statement_fields.h"
#include "stdlib/format.h"

#include <algorithm>
#include <cstdio>

namespace carecap {

namespace {

// Whether the text is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c >= 0xC2 && c <= 0xDF) length = 2, code = c & 0x1Fu;
        else if (c >= 0xE0 && c <= 0xEF) length = 3, code = c & 0x0Fu;
        else if (c >= 0xF0 && c <= 0xF4) length = 4, code = c & 0x07u;
        else return false;
        if (i + length > s.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0u) != 0x80u) return false;
            code = (code << 6) | (d & 0x3Fu);
        }
        if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) return false;
        if (length == 4 && (code < 0x10000 || code > 0x10FFFF)) return false;
        i += length;
    }
    return true;
}

// A JSON string as json_text writes it. Text that is not UTF-8 (a message may quote the input) goes to the
// JSON library itself, which replaces what it cannot write; such text is rare.
std::string json_quoted(std::string_view s) {
    if (!valid_utf8(s))
        return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char ch : s) {
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20) {
                char code[8];
                std::snprintf(code, sizeof code, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(ch)));
                out += code;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

// An object's members, each already written, put out in the order of their keys. A key given twice keeps
// its last value, as in a JSON tree.
class Members {
public:
    void raw(std::string key, std::string value) { items_.emplace_back(std::move(key), std::move(value)); }
    void text(std::string key, std::string_view value) { raw(std::move(key), json_quoted(value)); }
    void number(std::string key, std::int64_t value) { raw(std::move(key), std::to_string(value)); }
    void flag(std::string key, bool value) { raw(std::move(key), value ? "true" : "false"); }
    void null(std::string key) { raw(std::move(key), "null"); }
    void date_or_null(std::string key, const std::optional<Date>& day) {
        if (day) text(std::move(key), day->to_string());
        else null(std::move(key));
    }
    // As put_money: the amount to the penny, and its exact value beside it when that is not whole pence.
    void money(const std::string& key, const Decimal& amount) {
        text(key, plain_money(amount));
        if (!(amount * Decimal(100)).is_integer()) text(key + "_exact", amount.to_exact());
    }

    std::string str() {
        std::stable_sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string out = "{";
        for (std::size_t i = 0; i < items_.size(); ++i) {
            if (i + 1 < items_.size() && items_[i + 1].first == items_[i].first) continue; // the later one wins
            if (out.size() > 1) out += ',';
            out += json_quoted(items_[i].first);
            out += ':';
            out += items_[i].second;
        }
        out += '}';
        return out;
    }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

// "[a,b,c]" from values already written.
std::string array_of(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += values[i];
    }
    out += ']';
    return out;
}

void put_rule_header(Members& j, const RuleSet& rules, bool with_files) {
    const Header& h = rules.header();
    j.text("name", h.name);
    j.text("version", h.version);
    j.text("in_force", h.in_force.to_string());
    j.text("hash", rules.content_hash);
    if (!with_files) return;
    j.text("source", h.source);
    std::vector<std::string> files;
    for (const auto& f : rules.files) files.push_back(json_quoted(f->source->name));
    j.raw("files", array_of(files));
}

std::string rule_sets_text(const Account& account) {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < account.rule_sets.size(); ++k) {
        const RuleSet& rules = *account.rule_sets[k];
        std::vector<std::string> authorities;
        std::vector<std::pair<Date, Date>> covered; // runs of consecutive stretches
        for (const Stretch& s : account.stretches) {
            if (s.rule_set != k) continue;
            if (!covered.empty() && covered.back().second.plus_days(1) == s.first) covered.back().second = s.last;
            else covered.emplace_back(s.first, s.last);
            if (std::find(authorities.begin(), authorities.end(), s.authority) == authorities.end())
                authorities.push_back(s.authority);
        }
        Members entry;
        put_rule_header(entry, rules, false);
        entry.text("file", rules.top().source->name);
        std::vector<std::string> names, runs;
        for (const std::string& a : authorities) names.push_back(json_quoted(a));
        for (const auto& [from, to] : covered) {
            Members run;
            run.text("from", from.to_string());
            run.text("to", to.to_string());
            runs.push_back(run.str());
        }
        entry.raw("authorities", array_of(names));
        entry.raw("covers", array_of(runs));
        out.push_back(entry.str());
    }
    return array_of(out);
}

std::string event_text(const MeterEvent& e, bool with_source) {
    Members ev;
    ev.text("date", e.date.to_string());
    ev.text("kind", to_string(e.kind));
    ev.text("text", e.text);
    if (with_source) ev.text("source", e.source);
    ev.money("total_before", e.before);
    ev.money("total_after", e.after);
    return ev.str();
}

std::string meter_text(const MeterTotal& m) {
    Members j;
    j.text("name", m.meter->name);
    if (m.ceiling) j.money("ceiling", *m.ceiling);
    else j.null("ceiling");
    j.money("total", m.total);
    j.date_or_null("reached_on", m.reached_on);
    if (m.meter->interest) {
        Members parts;
        parts.money("deferred", m.total - m.fees_added - m.interest_added);
        parts.money("fees", m.fees_added);
        parts.money("interest", m.interest_added);
        parts.money("interest_not_yet_added", m.interest_pending);
        j.raw("balance", parts.str());
    }
    std::vector<std::string> events;
    for (const MeterEvent& e : m.events) events.push_back(event_text(e, true));
    j.raw("events", array_of(events));
    return j.str();
}

std::string meter_stretch_text(const MeterStretch& m) {
    Members mj;
    mj.flag("metering", m.metering);
    if (m.metering) {
        mj.money("rate", m.rate);
        mj.text("per", to_string(m.per));
    }
    if (m.has_ceiling) mj.money("ceiling", m.ceiling);
    else mj.null("ceiling");
    mj.money("total_start", m.total_start);
    mj.money("accrued", m.accrued);
    mj.money("total_end", m.total_start + m.accrued);
    if (m.charges_interest) {
        mj.text("interest_rate", percent(m.interest_rate));
        mj.money("interest_earned", m.interest);
    }
    mj.date_or_null("reached_on", m.reached_on);
    return mj.str();
}

// One figure as put_figure writes it.
void put_figure_text(Members& j, const std::string& key, const RuleSet& rules, const OutputName& output,
                     const Value& value) {
    const Type& type = output.definition->type.resolved;
    if (const Decimal* d = std::get_if<Decimal>(&value)) {
        if (type.kind == Kind::money || type.kind == Kind::rate) j.money(key, *d);
        else if (type.kind == Kind::percent) j.text(key, percent(*d));
        else j.text(key, d->to_exact());
    } else if (const Date* day = std::get_if<Date>(&value)) {
        j.text(key, day->to_string());
    } else if (const bool* b = std::get_if<bool>(&value)) {
        j.flag(key, *b);
    } else {
        j.text(key, figure_member_name(rules, output, std::get<EnumValue>(value)));
    }
}

std::string stretch_text(const Account& account, const Stretch& s) {
    Members j;
    j.text("from", s.first.to_string());
    j.text("to", s.last.to_string());
    j.number("days", s.days());
    j.flag("rules_in_force", s.rules_in_force);
    j.text("authority", s.authority);
    if (s.care) j.text("care_period", s.care->id);
    else j.null("care_period");
    if (account.chosen_by_authority) j.text("rules", account.rules_of(s).header().name);
    Members meters;
    for (std::size_t i = 0; i < s.meters.size() && i < account.meters.size(); ++i)
        meters.raw(account.meters[i].meter->name, meter_stretch_text(s.meters[i]));
    j.raw("meters", meters.str());
    if (!s.figures.empty()) {
        Members figures;
        for (const auto& [output, value] : s.figures) put_figure_text(figures, output->name, account.rules_of(s), *output, value);
        j.raw("figures", figures.str());
    }
    return j.str();
}

std::string statement_text(const Statement& st) {
    Members j;
    j.text("date", st.date.to_string());
    j.flag("issued", st.issued);
    if (!st.issued) {
        j.text("not_issued_because", st.not_issued_because);
        return j.str();
    }
    j.text("authority", st.authority);
    j.text("budget", st.budget);
    for (const StatementField& f : statement_fields)
        if (f.amount) j.money(f.json_field, st.*f.amount);
    std::vector<std::string> adjustments;
    for (const MeterEvent& e : st.adjustments) adjustments.push_back(event_text(e, false));
    j.raw(statement_field(6).json_field, array_of(adjustments));
    if (st.expected_shown) j.text(statement_field(7).json_field, st.expected_on->to_string());
    else j.null(statement_field(7).json_field);
    j.text("expected_by", st.expected_by);
    j.text("caveat", st.caveat);
    return j.str();
}

} // namespace

std::string account_to_json_line(const Account& account) {
    Members out;
    out.number("carecap_result", result_format_version);
    Members rules;
    put_rule_header(rules, *account.rules, true);
    out.raw("rules", rules.str());
    if (account.chosen_by_authority) out.raw("rule_sets", rule_sets_text(account));
    Members money;
    money.text("shown_to", "0.01");
    money.text("rounding", to_string(display_rounding));
    money.text("note", "arithmetic is exact; *_exact gives the exact value where it is not a whole number of pence");
    out.raw("money", money.str());
    out.text("person", account.history->person_id);
    if (!account.stretches.empty()) {
        out.text("from", account.stretches.front().first.to_string());
        out.text("to", account.stretches.back().last.to_string());
    }
    std::vector<std::string> meters, stretches;
    for (const MeterTotal& m : account.meters) meters.push_back(meter_text(m));
    out.raw("meters", array_of(meters));
    for (const Stretch& s : account.stretches) stretches.push_back(stretch_text(account, s));
    out.raw("stretches", array_of(stretches));
    if (std::vector<FigureTotal> totals = figure_totals(account); !totals.empty()) {
        Members t;
        for (const FigureTotal& f : totals) t.money(f.name, f.total);
        out.raw("figure_totals", t.str());
    }
    if (account.rules->statements) {
        std::vector<std::string> statements;
        for (const Statement& st : account.statements) statements.push_back(statement_text(st));
        out.raw("statements", array_of(statements));
    }
    std::string line = out.str();
    line += '\n';
    return line;
}

} // namespace carecap
