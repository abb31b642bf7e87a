// account_view_html.cpp: the care account view as one self-contained page, built on the statement
// page: its style sheet, its table of the seven items, its notes and its chart. Every text that comes
// from the history or the rules passes through html_escape.
#include "runtime/reports/account_view.h"

#include "runtime/reports/statement_html.h"
#include "stdlib/format.h"

#include <sstream>

namespace carecap {

namespace {

// Beside the statement page's style: the entries' table, and on a phone each entry a block of its own
// whose figures are named by the column they came from (data-label), so that nothing scrolls sideways.
constexpr const char* ledger_style = R"css(
#account-entries td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
#account-entries th.amount { text-align: right; width: 7.5rem; }
main { max-width: 64rem; }
#account-entries th[scope="row"] { width: 9rem; font-weight: 600; }
#account-entries tr.event th, #account-entries tr.event td { background: #f3f6fb; }
#account-entries .why { margin: 0.25rem 0 0; color: #3b3b3b; font-size: 0.92rem; }
#account-entries ul { margin: 0.25rem 0 0; padding-left: 1.1rem; color: #3b3b3b; font-size: 0.92rem; }
.summary { font-size: 1.1rem; }
@media screen and (max-width: 40rem) {
  #account-entries thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  #account-entries, #account-entries tbody, #account-entries tr, #account-entries th, #account-entries td { display: block; width: auto; }
  #account-entries caption { display: block; }
  #account-entries tr { border-bottom: 1px solid #767676; padding: 0.4rem 0; }
  #account-entries th, #account-entries td { border-bottom: none; padding: 0.15rem 0; }
  #account-entries th[scope="row"] { width: auto; }
  #account-entries td.amount { text-align: left; white-space: normal; }
  #account-entries td.amount::before { content: attr(data-label) ": "; font-weight: 400; }
}
@media print {
  #account-entries tr.event th, #account-entries tr.event td { background: none; }
  #account-entries { font-size: 9pt; }
}
)css";

std::string time_element(Date d) {
    return "<time datetime=\"" + d.to_string() + "\">" + html_escape(long_date(d)) + "</time>";
}

std::string days_words(std::int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// A change as a bank statement shows it: "+£1,200.00", "-£450.00", "£0.00".
std::string signed_money(const Decimal& amount) {
    if (amount.sign() > 0) return "+" + money(amount);
    return money(amount);
}

void facts(std::ostringstream& out, const AccountLedger& l) {
    out << "<dl class=\"facts\">\n";
    auto fact = [&out](const char* id, const char* term, const std::string& html) {
        out << "<dt>" << term << "</dt><dd id=\"" << id << "\">" << html << "</dd>\n";
    };
    fact("person", "Person", html_escape(l.person_name.empty() ? l.person : l.person_name));
    if (!l.person_reference.empty()) fact("reference", "Your reference", html_escape(l.person_reference));
    fact("authority", "Local authority", html_escape(l.authority));
    if (l.opened) fact("account-opened", "Care account opened", time_element(*l.opened));
    fact("account-covers", "This account covers", time_element(l.first) + " to " + time_element(l.last));
    out << "</dl>\n";
}

void summary(std::ostringstream& out, const AccountLedger& l) {
    out << "<p class=\"summary\" id=\"account-summary\"><strong>" << html_escape(money(l.total)) << "</strong>";
    if (l.cap) out << " of the cap of " << html_escape(money(*l.cap));
    out << " has counted towards the cap by the end of " << time_element(l.last) << ".";
    if (l.reached_on) out << " You reached the cap on " << time_element(*l.reached_on) << ".";
    if (l.has_council)
        out << " The council has spent " << html_escape(money(l.council_total)) << " on your care.";
    out << "</p>\n";
}

void entry_row(std::ostringstream& out, const AccountLedgerEntry& e, bool council, std::size_t n) {
    out << "<tr id=\"entry-" << n << "\"" << (e.is_event ? " class=\"event\"" : "") << "><th scope=\"row\">"
        << time_element(e.first);
    if (e.last != e.first) out << " to " << time_element(e.last);
    if (!e.is_event) out << "<br><span class=\"why\">" << days_words(e.last - e.first + 1) << "</span>";
    out << "</th><td>" << html_escape(e.what);
    if (!e.why.empty()) out << "<p class=\"why\">" << html_escape(e.why) << "</p>";
    if (!e.because.empty()) {
        out << "<ul aria-label=\"Worked out from\">";
        for (const auto& [label, value] : e.because) out << "<li>" << html_escape(label) << ": " << html_escape(value) << "</li>";
        out << "</ul>";
    }
    out << "</td><td class=\"amount\" data-label=\"Counted towards the cap\">"
        << html_escape(e.is_event ? signed_money(e.counted) : money(e.counted)) << "</td>"
        << "<td class=\"amount\" data-label=\"Running total\">" << html_escape(money(e.total)) << "</td>";
    if (council)
        out << "<td class=\"amount\" data-label=\"Council's spending\">" << html_escape(money(e.council)) << "</td>"
            << "<td class=\"amount\" data-label=\"Council's total\">" << html_escape(money(e.council_total)) << "</td>";
    out << "</tr>\n";
}

void entries_table(std::ostringstream& out, const AccountLedger& l) {
    out << "<table id=\"account-entries\">\n<caption>Your " << html_escape(l.meter_label) << ", entry by entry, from "
        << time_element(l.first) << " to " << time_element(l.last) << "</caption>\n"
        << "<thead><tr><th scope=\"col\">Dates</th><th scope=\"col\">What happened, and what counted</th>"
        << "<th scope=\"col\" class=\"amount\">Counted towards the cap</th><th scope=\"col\" class=\"amount\">Running total</th>";
    if (l.has_council)
        out << "<th scope=\"col\" class=\"amount\">Council's spending</th><th scope=\"col\" class=\"amount\">Council's total</th>";
    out << "</tr></thead>\n<tbody>\n";
    std::size_t n = 0;
    for (const AccountLedgerEntry& e : l.entries) entry_row(out, e, l.has_council, ++n);
    out << "</tbody>\n</table>\n";
}

void statement_part(std::ostringstream& out, const AccountLedger& l) {
    out << "<section aria-labelledby=\"items-heading\">\n<h2 id=\"items-heading\">Your latest statement</h2>\n";
    if (!l.statement) {
        out << "<p id=\"no-statement\">No statement can be given: " << html_escape(l.no_statement_because) << ".</p>\n</section>\n";
        return;
    }
    const StatementReport& r = *l.statement;
    out << "<p id=\"statement-kind\">" << (r.on_request ? "Worked out for " : "Sent on the schedule on ")
        << time_element(r.statement.date) << ".</p>\n"
        << statement_items_table(r) << "</section>\n"
        << statement_notes_html(r) << statement_chart_html(r);
}

} // namespace

std::string account_ledger_html(const AccountLedger& l) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<meta name=\"carecap-rules\" content=\"" << html_escape(l.rules_name + " " + l.rules_version) << "\">\n"
        << "<meta name=\"carecap-rules-hash\" content=\"" << html_escape(l.rules_hash) << "\">\n"
        << "<title>Care account to " << html_escape(long_date(l.last)) << "</title>\n"
        << "<style>" << statement_page_style() << ledger_style << "</style>\n</head>\n<body>\n<main>\n"
        << "<h1>Your care account</h1>\n";
    facts(out, l);
    summary(out, l);
    out << "<section aria-labelledby=\"entries-heading\">\n<h2 id=\"entries-heading\">Entry by entry</h2>\n"
        << "<p>Each line is a run of days on which the same amount counted towards the cap each week, or something "
           "that changed your account on one day. The running total is what has counted by the end of the line.</p>\n";
    entries_table(out, l);
    out << "</section>\n";
    statement_part(out, l);
    out << "<footer>\n<p>Amounts are shown to the nearest penny; the running totals are kept exactly and rounded "
           "only here, so a line's amount and the change in the running total can differ by a penny.</p>\n"
        << "</footer>\n</main>\n</body>\n</html>\n";
    return out.str();
}

} // namespace carecap
