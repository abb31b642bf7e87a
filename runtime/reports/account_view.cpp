// account_view.cpp: the rows of the care account view. Stretches of the timeline that say the same thing
// (the same care, authority and rates, worked out from the same figures) are joined into one entry, as a
// bank statement shows one line for a standing order; the events of the account sit between them.
#include "runtime/reports/account_view.h"

#include "lang/show.h"
#include "runtime/evaluation/statements.h"
#include "runtime/explanation/explain_figures.h"
#include "runtime/explanation/explain_model.h"
#include "stdlib/format.h"

#include <map>

namespace carecap {

namespace {

// The meter whose spending the rules name the council's (the rules' convention: docs/care-account-view.md).
constexpr std::string_view council_meter_name = "authority_spend";

std::string words(std::string word) {
    for (char& c : word)
        if (c == '_') c = ' ';
    return word;
}

std::string setting_words(const std::string& word) {
    if (word == "residential") return "Care home";
    if (word == "home") return "Care at home";
    return "Care (" + words(word) + ")";
}

std::string budget_words(const std::string& word) {
    if (word == "independent") return "independent personal budget";
    if (word == "personal") return "personal budget";
    return words(word) + " budget";
}

// A figure's value as a person reads it: "£200.00 a week", "1 October 2023", "yes".
std::string plain_value(const Figure& f, const RuleSet& rules) {
    if (f.type.kind == Kind::date && std::holds_alternative<Date>(f.value)) return long_date(std::get<Date>(f.value));
    if (f.type.kind == Kind::boolean && std::holds_alternative<bool>(f.value)) return std::get<bool>(f.value) ? "yes" : "no";
    std::string shown = show(f.value, f.type, &rules);
    constexpr std::string_view per_week = " per week";
    if (shown.ends_with(per_week)) shown.replace(shown.size() - per_week.size(), per_week.size(), " a week");
    return f.type.kind == Kind::enumeration ? words(shown) : shown;
}

// The label the rule file gives a figure; "" when it gives none (a rule's own name is never shown).
std::string given_label(const Figure& f) {
    switch (f.kind) {
    case Figure::Kind::definition: return f.definition ? f.definition->label : "";
    case Figure::Kind::parameter: return f.parameter ? f.parameter->label : "";
    case Figure::Kind::input: return f.input ? f.input->label : "";
    default: return "";
    }
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

struct Why {
    std::string lead;
    std::vector<std::pair<std::string, std::string>> because;
    bool operator==(const Why&) const = default;
};

// What the rate of the meter rests on: from the rate, down through the definitions that only pass a value
// on (the same value, one of them), to the first that works it out; then what that one read, by label.
Why why_of(const ExplainedStretch& es, const MeterDecl& meter, const RuleSet& rules) {
    const std::vector<Figure>& figures = es.figures;
    std::size_t at = figures.size();
    for (std::size_t i = 0; i < figures.size(); ++i)
        if (figures[i].kind == Figure::Kind::meter_rate && figures[i].meter == &meter) at = i;
    if (at == figures.size()) return {};
    for (int depth = 0; depth < 8; ++depth) {
        std::size_t same = figures.size(), count = 0;
        for (std::size_t u : figures[at].uses)
            if (figures[u].kind == Figure::Kind::definition && same_value(figures[u].value, figures[at].value)) same = u, ++count;
        if (count != 1) break;
        at = same;
    }
    const Figure& rate = figures[at];
    Why why;
    std::string label = given_label(rate);
    why.lead = capitalised(label.empty() ? "counts towards the cap a week" : label) + ": " + plain_value(rate, rules) + ".";
    for (std::size_t u : rate.uses) {
        std::string used = given_label(figures[u]);
        if (!used.empty()) why.because.emplace_back(capitalised(used), plain_value(figures[u], rules));
    }
    return why;
}

// Why each stretch counted what it did, by the stretch's first day.
std::map<Date, Why> reasons(const Account& account, const MeterDecl& meter) {
    ExplainResult explained = explain_figures(account, ExplainFilter{meter.name, ""});
    std::map<Date, Why> out;
    if (!explained.explanation) return out;
    Why last;
    for (const ExplainedStretch& es : explained.explanation->stretches) {
        Why why = why_of(es, meter, account.rules_of(*es.stretch));
        if (why.lead.empty()) why = last; // every figure as on the stretch before
        out[es.stretch->first] = why;
        last = why;
    }
    return out;
}

struct Meters {
    std::size_t cap = 0;
    std::optional<std::size_t> council;
};

std::string care_words(const Account& account, const Stretch& s) {
    if (!s.care) return "No care recorded";
    return setting_words(s.care->setting.word) + ", " + budget_words(s.care->budget.word) +
           (s.authority.empty() ? "" : ", " + account.authority_name(s.authority));
}

Why stretch_why(const Stretch& s, const Meters& m, const std::map<Date, Why>& explained) {
    const MeterStretch& ms = s.meters[m.cap];
    if (!s.care) return {"No care on these days: nothing counts towards the cap.", {}};
    if (!s.rules_in_force) return {"The cap was not in force on these days: nothing counts towards it.", {}};
    if (!ms.metering)
        return {ms.has_ceiling && ms.total_start >= ms.ceiling
                    ? "The cap has been reached: nothing more counts towards it, and the account goes on recording."
                    : "Nothing counts towards the cap on these days.",
                {}};
    auto found = explained.find(s.first);
    Why why = found == explained.end() ? Why{} : found->second;
    if (why.lead.empty()) why.lead = "Counts towards the cap a week: " + money(ms.rate) + ".";
    return why;
}

AccountLedgerEntry event_entry(const MeterEvent& e, const Meters& m, const Account& account) {
    AccountLedgerEntry row;
    row.is_event = true;
    row.first = row.last = e.date;
    // The day the cap is reached counts only what was left under it: said here, so that the days before
    // it and the day itself stay one entry.
    row.what = e.kind == MeterEvent::Kind::reached
                   ? "You reached the cap of " + money(e.after) + ": this day counted only what was left under it, "
                     "and from the next day nothing more counts towards it."
                   : capitalised(e.text) + ".";
    // Reaching the cap changes nothing of itself: what that day counted is in the days' own entry.
    row.counted = e.kind == MeterEvent::Kind::reached ? Decimal(0) : e.after - e.before;
    row.total = e.after;
    if (m.council) {
        row.has_council = true;
        row.council_total = account.total_at_end_of(*m.council, e.date.plus_days(-1));
    }
    return row;
}

// The events shown as rows: those that change or explain the running total (not "started accruing").
bool shown(const MeterEvent& e) { return e.kind != MeterEvent::Kind::started; }

// Whether the event happens at the start of its day (before that day counts) or at its end.
bool at_start_of_day(const MeterEvent& e) { return e.kind != MeterEvent::Kind::reached; }

void add_stretch(std::vector<AccountLedgerEntry>& rows, bool joinable, const Account& account, const Stretch& s,
                 const Meters& m, const Why& why) {
    const MeterStretch& ms = s.meters[m.cap];
    std::string what = care_words(account, s);
    if (joinable && !rows.empty() && !rows.back().is_event && rows.back().what == what && rows.back().why == why.lead &&
        rows.back().because == why.because && rows.back().last.plus_days(1) == s.first) {
        AccountLedgerEntry& row = rows.back();
        row.last = s.last;
        row.counted += ms.accrued;
        row.total = account.total_at_end_of(m.cap, s.last);
        if (m.council) row.council += s.meters[*m.council].accrued;
        if (m.council) row.council_total = account.total_at_end_of(*m.council, s.last);
        return;
    }
    AccountLedgerEntry row;
    row.first = s.first;
    row.last = s.last;
    row.what = what;
    row.why = why.lead;
    row.because = why.because;
    row.counted = ms.accrued;
    row.total = account.total_at_end_of(m.cap, s.last);
    if (m.council) {
        row.has_council = true;
        row.council = s.meters[*m.council].accrued;
        row.council_total = account.total_at_end_of(*m.council, s.last);
    }
    rows.push_back(std::move(row));
}

std::vector<AccountLedgerEntry> entries_of(const Account& account, const Meters& m) {
    const MeterDecl& meter = *account.meters[m.cap].meter;
    const std::map<Date, Why> explained = reasons(account, meter);
    // Moves are recorded on the primary meter; the rest on the cap's own.
    std::vector<const MeterEvent*> events;
    for (const MeterEvent& e : account.meters[m.cap].events)
        if (shown(e)) events.push_back(&e);
    if (m.cap != 0)
        for (const MeterEvent& e : account.meters[0].events)
            if (e.kind == MeterEvent::Kind::moved) events.push_back(&e);
    std::stable_sort(events.begin(), events.end(), [](auto* a, auto* b) { return a->date < b->date; });
    std::vector<AccountLedgerEntry> rows;
    std::size_t next = 0;
    for (const Stretch& s : account.stretches) {
        bool joinable = true;
        while (next < events.size() && (events[next]->date < s.first ||
                                        (events[next]->date == s.first && at_start_of_day(*events[next])))) {
            rows.push_back(event_entry(*events[next++], m, account));
            joinable = false;
        }
        add_stretch(rows, joinable, account, s, m, stretch_why(s, m, explained));
        while (next < events.size() && events[next]->date <= s.last && !at_start_of_day(*events[next]))
            rows.push_back(event_entry(*events[next++], m, account));
    }
    while (next < events.size()) rows.push_back(event_entry(*events[next++], m, account));
    return rows;
}

// The statement to show: the last issued on the schedule, else one worked out for the last day of care.
void attach_statement(AccountLedger& ledger, const Account& account) {
    std::string why;
    ledger.statement = statement_report(account, std::nullopt, why);
    if (ledger.statement) return;
    for (auto s = account.stretches.rbegin(); s != account.stretches.rend(); ++s)
        if (s->care) {
            std::string on_request_why;
            ledger.statement = statement_report(account, s->last, on_request_why);
            if (!ledger.statement) why = on_request_why;
            break;
        }
    if (!ledger.statement) ledger.no_statement_because = why;
}

} // namespace

std::optional<AccountLedger> account_ledger(const Account& account, std::string& error) {
    const RuleSet& rules = *account.rules;
    Meters m;
    bool found = false;
    if (rules.statements && rules.statements->meter_decl) m.cap = rules.statements->meter_decl->index, found = true;
    for (std::size_t i = 0; i < account.meters.size() && !found; ++i)
        if (account.meters[i].meter->ceiling) m.cap = i, found = true;
    if (!found || account.stretches.empty()) {
        error = account.stretches.empty() ? "the history has no days of care" : "these rules keep no care account: no meter has a cap";
        return std::nullopt;
    }
    for (std::size_t i = 0; i < account.meters.size(); ++i)
        if (account.meters[i].meter->name == council_meter_name) m.council = i;
    AccountLedger ledger;
    const History& history = *account.history;
    ledger.person = history.person_id;
    ledger.person_name = history.person_name;
    ledger.person_reference = history.person_reference;
    const MeterTotal& cap = account.meters[m.cap];
    ledger.meter_label = cap.meter->label.empty() ? "care account" : cap.meter->label;
    ledger.opened = care_account_opened(account);
    ledger.first = account.stretches.front().first;
    ledger.last = account.stretches.back().last;
    ledger.authority = account.authority_name(account.stretches.back().authority);
    ledger.total = cap.total;
    ledger.cap = cap.ceiling;
    ledger.reached_on = cap.reached_on;
    ledger.has_council = m.council.has_value();
    if (m.council) ledger.council_total = account.meters[*m.council].total;
    ledger.entries = entries_of(account, m);
    attach_statement(ledger, account);
    const RuleSet& last_rules = account.rules_on(ledger.last);
    ledger.rules_name = last_rules.header().name;
    ledger.rules_version = last_rules.header().version;
    ledger.rules_hash = last_rules.content_hash;
    return ledger;
}

} // namespace carecap
