// statement_html.cpp: the statement page. Every text that comes from the history or
// the rules (names, words, caveats, event texts) passes through html_escape.
#include "runtime/reports/statement_html.h"

#include "runtime/reports/statement_chart.h"

#include <sstream>

namespace carecap {

namespace {

// Printed on A4 with margins; the table and the chart are never split across pages.
// Colours: text #1a1a1a and #3b3b3b on white, lines #1d4f91 and #a4262c, all above 4.5:1.
constexpr const char* page_style_text = R"css(
@page { size: A4; margin: 18mm 16mm; }
html { color: #1a1a1a; background: #ffffff; }
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
main { max-width: 50rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.5rem; border-bottom: 1px solid #767676; }
thead th { border-bottom: 2px solid #1a1a1a; }
tbody th { font-weight: 600; }
td.value { font-variant-numeric: tabular-nums; font-weight: 600; }
td.explain { color: #3b3b3b; font-size: 0.92rem; }
td.explain ul { margin: 0.3rem 0 0; padding-left: 1.1rem; color: #1a1a1a; }
tr { break-inside: avoid; page-break-inside: avoid; }
.notes { border-left: 4px solid #1d4f91; padding: 0.25rem 1rem; background: #f3f6fb; }
.notes li { margin: 0.3rem 0; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { color: #3b3b3b; font-size: 0.92rem; margin-top: 0.4rem; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; font-size: 12px; fill: #1a1a1a; }
svg .grid line { stroke: #d4d4d4; stroke-width: 1; }
svg .grid line.tick { stroke: #1a1a1a; }
svg .axis-line { stroke: #1a1a1a; stroke-width: 1; }
svg .accrued { fill: none; stroke: #1d4f91; stroke-width: 3; stroke-linejoin: round; }
svg .cap { fill: none; stroke: #a4262c; stroke-width: 2; }
svg .cap-label { fill: #a4262c; font-weight: 600; }
svg .expected { stroke: #1d4f91; stroke-width: 2; stroke-dasharray: 6 5; }
svg .marker line { stroke: #4a4a4a; stroke-width: 1; stroke-dasharray: 2 3; }
footer { margin-top: 2rem; color: #3b3b3b; font-size: 0.85rem; }
h2 { break-after: avoid; page-break-after: avoid; }
th[scope="row"] { width: 30%; }
td.value { width: 24%; }
address { font-style: normal; }
.letterhead { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin-bottom: 1.25rem; }
/* A phone: each item becomes a block of its own (title, amount, meaning) instead of three thin columns. */
@media screen and (max-width: 40rem) {
  main { padding: 1rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.35rem; }
  #statement-items thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  #statement-items, #statement-items tbody, #statement-items tr, #statement-items th, #statement-items td { display: block; width: auto; }
  #statement-items caption { display: block; }
  #statement-items tr { border-bottom: 1px solid #767676; padding: 0.4rem 0; }
  #statement-items th, #statement-items td { border-bottom: none; padding: 0.15rem 0; }
  /* The chart is drawn at half its size: larger letters, and every other date. */
  svg text { font-size: 18px; }
  svg .tick-alt { display: none; }
}
@media print {
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12.5pt; margin-top: 1.1rem; }
  th, td { padding: 0.3rem 0.4rem; }
  .notes { background: none; }
  svg { width: 100%; }
}
)css";

std::string time_element(Date d) {
    return "<time datetime=\"" + d.to_string() + "\">" + html_escape(long_date(d)) + "</time>";
}

std::string budget_words(const std::string& word) {
    if (word == "independent") return "Independent personal budget";
    if (word == "personal") return "Personal budget";
    return word + " budget";
}

void facts(std::ostringstream& out, const StatementReport& r) {
    const Statement& st = r.statement;
    auto fact = [&out](const std::string& id, const std::string& term, const std::string& html) {
        out << "<dt>" << term << "</dt><dd id=\"" << id << "\">" << html << "</dd>\n";
    };
    out << "<dl class=\"facts\">\n";
    fact("statement-date", "Statement date", time_element(st.date));
    fact("person", "Person", html_escape(r.person_name.empty() ? r.person : r.person_name));
    if (!r.person_reference.empty()) fact("reference", "Your reference", html_escape(r.person_reference));
    fact("authority", "Local authority", html_escape(r.contact.name.empty() ? st.authority : r.contact.name));
    fact("budget", "Budget", html_escape(budget_words(st.budget)));
    fact("statement-kind", "Statement",
         std::string(r.on_request ? "On request" : "On the schedule") + ", statements every " +
             std::to_string(r.terms.every_months) + " months");
    fact("account-opened", "Care account opened", time_element(r.opened));
    if (r.previous) fact("previous-statement", "Previous statement", time_element(*r.previous));
    out << "</dl>\n";
}

// Who the letter is from, with how to reach them, when the history gives it.
void letterhead(std::ostringstream& out, const StatementReport& r) {
    const AuthorityContact& c = r.contact;
    if (c.name.empty() && c.address.empty() && c.telephone.empty() && c.email.empty()) return;
    out << "<div class=\"letterhead\">\n<address id=\"authority-contact\">";
    if (!c.name.empty()) out << "<strong>" << html_escape(c.name) << "</strong><br>";
    if (!c.address.empty()) out << html_escape(c.address) << "<br>";
    if (!c.telephone.empty()) out << "Telephone " << html_escape(c.telephone) << "<br>";
    if (!c.email.empty()) out << html_escape(c.email);
    out << "</address>\n</div>\n";
}

// How to ask about the statement: the authority's own words when the history gives them.
void queries(std::ostringstream& out, const StatementReport& r) {
    const AuthorityContact& c = r.contact;
    std::string who = c.name.empty() ? r.statement.authority : c.name;
    std::string how = !c.queries.empty() ? c.queries
                      : "If you think something in this statement is wrong, or you have a question about it, contact " +
                            who + (c.telephone.empty() ? "" : " on " + c.telephone) +
                            (c.email.empty() ? "" : " or at " + c.email) +
                            (r.person_reference.empty() ? "" : ", quoting your reference " + r.person_reference) + ".";
    out << "<section aria-labelledby=\"query-heading\">\n<h2 id=\"query-heading\">Questions about this statement</h2>\n"
        << "<p id=\"how-to-query\">" << html_escape(how) << "</p>\n</section>\n";
}

} // namespace

std::string statement_items_table(const StatementReport& r) {
    std::ostringstream out;
    out << "<table id=\"statement-items\">\n<caption>The seven items of your care account statement on "
        << time_element(r.statement.date) << "</caption>\n"
        << "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Amount or date</th>"
           "<th scope=\"col\">What it means</th></tr></thead>\n<tbody>\n";
    for (const StatementItem& item : statement_items(r)) {
        out << "<tr id=\"item-" << item.id << "\" data-item=\"" << item.number << "\"><th scope=\"row\">" << item.number
            << ". " << html_escape(item.title) << "</th><td class=\"value\">" << html_escape(item.value)
            << "</td><td class=\"explain\">" << html_escape(item.explanation);
        if (!item.details.empty()) {
            out << "<ul>";
            for (const std::string& line : item.details) out << "<li>" << html_escape(line) << "</li>";
            out << "</ul>";
        }
        out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    return out.str();
}

std::string statement_notes_html(const StatementReport& r) {
    std::vector<std::string> notes = statement_notes(r);
    if (notes.empty()) return "";
    std::ostringstream out;
    out << "<section class=\"notes\" aria-labelledby=\"notes-heading\">\n<h2 id=\"notes-heading\">Please note</h2>\n<ul>\n";
    for (std::size_t i = 0; i < notes.size(); ++i)
        out << "<li" << (i == 0 && !r.statement.caveat.empty() ? " id=\"statement-caveat\"" : "") << ">"
            << html_escape(notes[i]) << "</li>\n";
    out << "</ul>\n</section>\n";
    return out.str();
}

std::string statement_chart_html(const StatementReport& r) {
    const ProgressChart chart = layout_progress_chart(r);
    std::ostringstream out;
    out << "<section aria-labelledby=\"chart-heading\">\n<h2 id=\"chart-heading\">Your progress towards the cap</h2>\n"
        << "<figure>\n" << progress_chart_svg(chart) << "<figcaption>" << html_escape(chart.description)
        << " The thick blue line is your accrued costs, the red line the cap"
        << (chart.expected_to ? ", and the dashed line runs on to the expected date" : "") << ".</figcaption>\n"
        << "</figure>\n</section>\n";
    return out.str();
}

const char* statement_page_style() { return page_style_text; }

std::string statement_to_html(const StatementReport& r) {
    const Statement& st = r.statement;
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        // For machines, not the person: the rules the figures come from and their fingerprint.
        << "<meta name=\"carecap-rules\" content=\"" << html_escape(r.rules_name + " " + r.rules_version) << "\">\n"
        << "<meta name=\"carecap-rules-hash\" content=\"" << html_escape(r.rules_hash) << "\">\n"
        << "<meta name=\"carecap-citation\" content=\"" << html_escape(r.citation) << "\">\n"
        << "<title>Care account statement, " << html_escape(long_date(st.date)) << "</title>\n"
        << "<style>" << page_style_text << "</style>\n</head>\n<body>\n<main>\n"
        ;
    letterhead(out, r);
    out << "<h1>Care account statement</h1>\n";
    facts(out, r);
    out << "<section aria-labelledby=\"items-heading\">\n<h2 id=\"items-heading\">Your statement</h2>\n";
    out << statement_items_table(r) << "</section>\n";
    out << statement_notes_html(r) << statement_chart_html(r);
    queries(out, r);
    out << "<footer>\n<p>Amounts are shown to the nearest penny.</p>\n</footer>\n</main>\n</body>\n</html>\n";
    return out.str();
}

} // namespace carecap
