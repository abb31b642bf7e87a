// statement_items.cpp: the seven items of a care account statement (004, 3.7,
// "Contents of care accounts and statements") in words a person can follow, the
// notes beneath them, and the plain text form.
#include "stdlib/format.h"
#include "runtime/reports/statement_fields.h"
#include "runtime/reports/statement_report.h"

#include <array>
#include <sstream>

namespace carecap {

namespace {

std::string budget_name(const std::string& word) {
    if (word == "independent") return "independent personal budget";
    if (word == "personal") return "personal budget";
    return word + " budget";
}

std::string months(std::int64_t n) { return std::to_string(n) + (n == 1 ? " month" : " months"); }

// The day before the window of adjustments: the last statement, or the opening.
std::string since_words(const StatementReport& r) {
    return r.previous ? "your last statement, on " + long_date(*r.previous)
                      : "your care account opened on " + long_date(r.opened);
}

std::string expected_value(const StatementReport& r) {
    const Statement& st = r.statement;
    if (r.cap_reached_on) return "Reached on " + long_date(*r.cap_reached_on);
    if (st.expected_shown) return long_date(*st.expected_on);
    if (!st.expected_on && st.rate.is_zero()) return "No date: nothing is counting towards the cap at present";
    return "Not within " + months(r.terms.expected_within_months) + " of this statement";
}

} // namespace

std::string long_date(Date d) {
    static const std::array<const char*, 12> names = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(d.day()) + " " + names[static_cast<std::size_t>(d.month() - 1)] + " " +
           std::to_string(d.year());
}

namespace {

// What item `number` means, in the words of the person's kind of budget.
std::string item_explanation(const StatementReport& r, int number) {
    const Statement& st = r.statement;
    const bool independent = st.budget == "independent", personal = st.budget == "personal";
    switch (number) {
    case 1:
        return "The most that can count towards the cap on care costs. Once your accrued costs reach it, the local "
               "authority pays for the care that meets your eligible needs; daily living costs stay yours to pay.";
    case 2:
        return independent ? "What it would cost the local authority to meet your eligible needs, as set out in your "
                             "independent personal budget."
               : personal  ? "The whole cost of your care package as set out in your personal budget: your contribution "
                             "and the local authority's together."
                           : "The whole cost of meeting your eligible needs.";
    case 3:
        return independent ? "The weekly cost in your independent personal budget, less daily living costs: what counts "
                             "towards the cap each week."
               : personal  ? "What you are charged each week for your care under your personal budget, less daily "
                             "living costs: what counts towards the cap each week."
                           : "What counts towards the cap each week.";
    case 4:
        return "The notional cost of everyday living, such as food and energy, in a care home. It is the same for "
               "everyone and never counts towards the cap.";
    case 5:
        return std::string(independent ? "The running total of the cost in your independent personal budget, less "
                                         "daily living costs"
                           : personal  ? "The running total of what you were charged for your care, less daily "
                                         "living costs and any top-up"
                                       : "The running total of what counts towards the cap") +
               ", with any adjustments, from " + long_date(r.opened) + " to the end of " + long_date(st.date) + ".";
    case 6:
        return "Changes made to your accrued costs since " + since_words(r) +
               ", for example when the level of the cap changed.";
    default:
        return "An indication of when your accrued costs are expected to reach the cap, given when that falls within " +
               months(r.terms.expected_within_months) + " of the statement.";
    }
}

// Item 6's lines, one for each adjustment.
std::vector<std::string> adjustment_lines(const Statement& st) {
    std::vector<std::string> lines;
    for (const MeterEvent& e : st.adjustments)
        // A change of the cap already says how the total moved; other adjustments say it here.
        lines.push_back(long_date(e.date) + ": " + e.text +
                        (e.kind == MeterEvent::Kind::ceiling_changed
                             ? std::string()
                             : " (accrued costs " + money(e.before) + " before, " + money(e.after) + " after)"));
    return lines;
}

// The item's figure or date, with its unit.
std::string item_value(const StatementReport& r, const StatementField& f) {
    const Statement& st = r.statement;
    if (f.amount) {
        std::string share = f.amount == &Statement::accrued && st.cap_level.sign() > 0
                                ? ", " + percent(st.accrued / st.cap_level) + " of the cap"
                                : "";
        return money(st.*f.amount) + (f.weekly ? " a week" : "") + share;
    }
    if (f.number == 6) {
        const std::size_t n = st.adjustments.size();
        return n == 0 ? "None" : std::to_string(n) + (n == 1 ? " adjustment" : " adjustments");
    }
    return expected_value(r);
}

} // namespace

std::vector<StatementItem> statement_items(const StatementReport& r) {
    std::vector<StatementItem> items;
    for (const StatementField& f : statement_fields)
        items.push_back({f.number, f.id, f.title, item_value(r, f),
                         f.number == 6 ? adjustment_lines(r.statement) : std::vector<std::string>{},
                         item_explanation(r, f.number)});
    return items;
}

std::vector<std::string> statement_notes(const StatementReport& r) {
    const Statement& st = r.statement;
    std::vector<std::string> notes;
    if (!st.caveat.empty()) notes.push_back(st.caveat);
    if (r.cap_reached_on)
        notes.push_back("You reached the cap on " + long_date(*r.cap_reached_on) +
                        ". Your care account goes on recording the cost of your care.");
    else if (st.expected_shown)
        notes.push_back("The expected date is an indication only, found by " + st.expected_by +
                        ". It will move if your care, or what counts towards the cap, changes.");
    if (r.on_request)
        notes.push_back("This statement was worked out on request for " + long_date(st.date) +
                        ". Statements are otherwise sent every " + months(r.terms.every_months) + ".");
    return notes;
}

std::string statement_to_text(const StatementReport& r) {
    const Statement& st = r.statement;
    std::ostringstream out;
    out << "Care account statement on " << long_date(st.date) << " (" << st.date.to_string() << ")\n"
        << "Person: " << r.person << "\n"
        << "Local authority: " << st.authority << "\n"
        << "Budget: " << budget_name(st.budget) << "\n"
        << "Statement: " << (r.on_request ? "on request" : "on the schedule") << "; statements every "
        << months(r.terms.every_months) << "; the account opened on " << long_date(r.opened) << "\n"
        << "Rules: " << r.rules_name << " version " << r.rules_version
        << (r.citation.empty() ? "" : " (" + r.citation + ")") << "\n\n";
    for (const StatementItem& item : statement_items(r)) {
        out << item.number << ". " << item.title << ": " << item.value << "\n";
        for (const std::string& line : item.details) out << "   - " << line << "\n";
        out << "   " << item.explanation << "\n";
    }
    std::vector<std::string> notes = statement_notes(r);
    if (!notes.empty()) {
        out << "\nPlease note:\n";
        for (const std::string& note : notes) out << "- " << note << "\n";
    }
    return out.str();
}

} // namespace carecap
