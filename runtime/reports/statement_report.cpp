// statement_report.cpp: which statement a date asks for, and the account's
// progress towards the cap up to it, cut into exact straight pieces.
#include "runtime/reports/statement_report.h"

namespace carecap {

namespace {

// Why no scheduled statement was issued in the history, for the error message.
std::string why_none_scheduled(const Account& account) {
    const Date last_day = account.stretches.back().last;
    if (account.statements.empty())
        return "no statement falls due on the schedule before the history ends on " + last_day.to_string();
    std::string why = "no statement due on the schedule was issued:";
    for (const Statement& st : account.statements)
        why += " " + st.date.to_string() + ", " + st.not_issued_because + ";";
    why.back() = '.';
    return why;
}

void add_piece(std::vector<ProgressPiece>& out, const Account& account, std::size_t m, Date from, Date to,
               Decimal start) {
    if (from > to) return;
    out.push_back({from, to, start, account.total_at_end_of(m, to)});
}

// The running total from the opening to the end of `day`. Within a stretch the total
// rises by the same amount each day until the day the ceiling is reached, on which
// it rises by what room was left, and stays flat after it: at most three pieces.
std::vector<ProgressPiece> progress_to(const Account& account, std::size_t m, Date opened, Date day) {
    std::vector<ProgressPiece> out;
    for (const Stretch& s : account.stretches) {
        if (s.last < opened || s.first > day) continue;
        const Date from = std::max(s.first, opened), to = std::min(s.last, day);
        const MeterStretch& ms = s.meters[m];
        const Decimal start = from == s.first ? ms.total_start : account.total_at_end_of(m, from.plus_days(-1));
        const std::optional<Date> r = ms.reached_on;
        if (r && *r >= from && *r <= to) {
            add_piece(out, account, m, from, r->plus_days(-1), start);
            Decimal before = *r > from ? account.total_at_end_of(m, r->plus_days(-1)) : start;
            add_piece(out, account, m, *r, *r, before);
            add_piece(out, account, m, r->plus_days(1), to, account.total_at_end_of(m, *r));
        } else {
            add_piece(out, account, m, from, to, start);
        }
    }
    return out;
}

// The cap in force on each day from the opening to `day`, runs of one level joined.
std::vector<CapPiece> cap_to(const Account& account, std::size_t m, Date opened, Date day) {
    std::vector<CapPiece> out;
    for (const Stretch& s : account.stretches) {
        if (s.last < opened || s.first > day || !s.meters[m].has_ceiling || !s.rules_in_force) continue;
        const Date from = std::max(s.first, opened), to = std::min(s.last, day);
        if (!out.empty() && out.back().level == s.meters[m].ceiling && out.back().to.plus_days(1) == from)
            out.back().to = to;
        else
            out.push_back({from, to, s.meters[m].ceiling});
    }
    return out;
}

} // namespace

std::optional<StatementReport> statement_report(const Account& account, std::optional<Date> on, std::string& error) {
    const RuleSet& rules = *account.rules;
    std::optional<Date> opened = care_account_opened(account);
    if (!rules.statements) {
        error = "the rules declare no care account statements";
        return std::nullopt;
    }
    if (!opened) {
        error = "the care account never opened: nothing counted towards the cap in this history";
        return std::nullopt;
    }
    StatementReport r;
    const Statement* scheduled = nullptr;
    for (const Statement& st : account.statements)
        if (st.issued && (!on || st.date == *on)) scheduled = &st;
    if (scheduled) {
        r.statement = *scheduled;
    } else if (!on) {
        error = why_none_scheduled(account);
        return std::nullopt;
    } else {
        r.statement = statement_on_request(account, *on);
        r.on_request = true;
        if (!r.statement.issued) {
            error = "no care account statement can be given on " + on->to_string() + ": " +
                    r.statement.not_issued_because;
            return std::nullopt;
        }
    }
    const Date day = r.statement.date;
    const std::size_t m = rules.statements->meter_decl->index;
    r.terms = statement_terms_on(account, day);
    r.opened = *opened;
    for (const Statement& st : account.statements)
        if (st.issued && st.date < day) r.previous = st.date;
    const MeterTotal& meter = account.meters[m];
    if (meter.reached_on && *meter.reached_on <= day) r.cap_reached_on = meter.reached_on;
    r.progress = progress_to(account, m, *opened, day);
    r.cap = cap_to(account, m, *opened, day);
    r.person = account.history->person_id;
    r.person_name = account.history->person_name;
    r.person_reference = account.history->person_reference;
    r.contact = account.history->authority_contact;
    r.meter = meter.meter->name;
    // The rules the statement was worked out under: those of the authority on its date (with rules
    // chosen by authority, not always the rules asked for).
    const RuleSet& on_day = account.rules_on(day);
    r.citation = on_day.statements->cite.text;
    r.rules_name = on_day.header().name;
    r.rules_version = on_day.header().version;
    r.rules_hash = on_day.content_hash;
    return r;
}

} // namespace carecap
