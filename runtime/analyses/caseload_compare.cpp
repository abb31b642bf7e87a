// caseload_compare.cpp: a caseload under two rule sets, in sum (runtime/analyses/caseload_compare.h).
#include "runtime/analyses/caseload_compare.h"

#include "runtime/reports/figures.h"
#include "runtime/reports/svg.h"
#include "stdlib/format.h"

#include <algorithm>
#include <array>
#include <sstream>

namespace carecap {

namespace {

// A signed amount as people read a difference: "+£1,200.00", "-£35.50", "£0.00".
std::string signed_money(const Decimal& d) {
    if (d.is_zero()) return money(d);
    return (d < Decimal(0) ? "-" : "+") + money(d < Decimal(0) ? -d : d);
}

// The tally of `key` in `groups`, added at the end the first time the key is met.
OutcomeTally& group(std::vector<std::pair<std::string, OutcomeTally>>& groups, const std::string& key) {
    for (auto& [k, t] : groups)
        if (k == key) return t;
    groups.emplace_back(key, OutcomeTally{});
    return groups.back().second;
}

struct Band {
    const char* label;
    long lower, upper; // pounds, B - A in (lower, upper]; the middle band is exactly £0
};
constexpr std::array<Band, 7> bands{{{"less by over £20,000", -1'000'000'000, -20'000},
                                     {"£5,000 to £20,000 less", -20'000, -5'000},
                                     {"up to £5,000 less", -5'000, 0},
                                     {"no difference", 0, 0},
                                     {"up to £5,000 more", 0, 5'000},
                                     {"£5,000 to £20,000 more", 5'000, 20'000},
                                     {"more by over £20,000", 20'000, 1'000'000'000}}};

std::size_t band_of(const Decimal& d) {
    if (d.is_zero()) return 3;
    for (std::size_t i = 0; i < bands.size(); ++i)
        if (i != 3 && d > Decimal(bands[i].lower) && d <= Decimal(bands[i].upper)) return i;
    return d < Decimal(0) ? 0 : bands.size() - 1;
}

std::vector<std::size_t> band_counts(const std::vector<Decimal>& differences) {
    std::vector<std::size_t> counts(bands.size(), 0);
    for (const Decimal& d : differences) ++counts[band_of(d)];
    return counts;
}

void totals_line(std::ostream& out, const char* what, const Decimal& a, const Decimal& b, bool known) {
    out << "  " << what;
    if (!known) {
        out << ": not given by both rule sets (no output with that role)\n";
        return;
    }
    out << ": A " << money(a) << ", B " << money(b) << ", B - A " << signed_money(b - a) << "\n";
}

void group_lines(std::ostream& out, const char* title, const std::vector<std::pair<std::string, OutcomeTally>>& groups,
                 const CaseloadComparison& c) {
    out << "\nBy " << title << "\n";
    for (const auto& [key, t] : groups) {
        out << "  " << (key.empty() ? "(none)" : key) << ": " << t.people << (t.people == 1 ? " person" : " people")
            << "; reach the cap under A only " << t.a_only << ", B only " << t.b_only << ", both " << t.both
            << ", neither " << t.neither << "; unchanged " << t.unchanged << "\n";
        out << "      metered " << signed_money(t.metered_b - t.metered_a);
        if (c.paid_known) out << ", paid by people " << signed_money(t.paid_b - t.paid_a);
        if (c.spent_known) out << ", spent by authorities " << signed_money(t.spent_b - t.spent_a);
        out << " (B - A)\n";
    }
}

// The nearest-rank quantile of sorted values: the smallest with at least `percent`% of them at or below it.
const Decimal& quantile(const std::vector<Decimal>& sorted, std::size_t percent) {
    std::size_t rank = (sorted.size() * percent + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

// " (S-1, S-7, ...)": the first 20 people named, then how many more the CSV lists.
std::string named(const std::vector<std::string>& ids) {
    if (ids.empty()) return "";
    std::string out = " (";
    for (std::size_t i = 0; i < ids.size() && i < 20; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > 20) out += " and " + std::to_string(ids.size() - 20) + " more: see --csv";
    return out + ")";
}

void money_cells(std::ostream& out, const std::optional<Decimal>& d) {
    if (!d) {
        out << ",,";
        return;
    }
    std::string exact = d->to_exact();
    std::string penny = plain_money(*d);
    out << "," << penny << "," << (Decimal::parse(penny) == *d ? std::string() : exact);
}

} // namespace

bool PersonComparison::changed() const {
    return a.metered != b.metered || a.paid != b.paid || a.spent != b.spent;
}

Decimal PersonComparison::difference() const {
    if (a.paid && b.paid) return *b.paid - *a.paid;
    return b.metered - a.metered;
}

SideOutcome side_outcome(const Account& account) {
    SideOutcome s;
    if (!account.meters.empty()) {
        s.metered = account.meters[0].total;
        s.reached_on = account.meters[0].reached_on;
    }
    std::vector<FigureTotal> totals = figure_totals(account);
    s.paid = total_with_role(totals, "paid_by_person");
    s.spent = total_with_role(totals, "spent_by_authority");
    // Rules that give the role but no stretch in care still say what was paid: nothing.
    for (const RuleSet* r : account.rule_sets)
        for (const OutputName* o : r->outputs) {
            if (o->role == "paid_by_person" && !s.paid) s.paid = Decimal(0);
            if (o->role == "spent_by_authority" && !s.spent) s.spent = Decimal(0);
        }
    return s;
}

PersonComparison compare_person(const History& history, const Account& a, const Account& b) {
    PersonComparison p;
    p.id = history.person_id;
    if (!history.care_periods.empty()) {
        p.setting = history.care_periods.front().setting.word;
        p.budget = history.care_periods.front().budget.word;
    }
    p.authority = history.authority;
    p.a = side_outcome(a);
    p.b = side_outcome(b);
    return p;
}

void OutcomeTally::add(const PersonComparison& p) {
    ++people;
    bool ra = p.a.reached_on.has_value(), rb = p.b.reached_on.has_value();
    if (ra && rb) ++both;
    else if (ra) ++a_only;
    else if (rb) ++b_only;
    else ++neither;
    if (!p.changed()) ++unchanged;
    metered_a += p.a.metered;
    metered_b += p.b.metered;
    paid_a += p.a.paid.value_or(Decimal(0));
    paid_b += p.b.paid.value_or(Decimal(0));
    spent_a += p.a.spent.value_or(Decimal(0));
    spent_b += p.b.spent.value_or(Decimal(0));
}

void CaseloadComparison::add(const PersonComparison& p) {
    if (all.people == 0) {
        paid_known = p.a.paid && p.b.paid;
        spent_known = p.a.spent && p.b.spent;
    }
    all.add(p);
    if (p.a.reached_on && !p.b.reached_on) a_only_ids.push_back(p.id);
    if (p.b.reached_on && !p.a.reached_on) b_only_ids.push_back(p.id);
    group(by_setting, p.setting).add(p);
    group(by_budget, p.budget).add(p);
    group(by_authority, p.authority).add(p);
    differences.insert(std::upper_bound(differences.begin(), differences.end(), p.difference()), p.difference());
}

std::string caseload_summary_text(const CaseloadComparison& c) {
    std::ostringstream out;
    const OutcomeTally& t = c.all;
    out << "People: " << t.people << " compared";
    if (c.not_compared) out << ", " << c.not_compared << " not compared (errors above)";
    out << "\n\nWho reaches the cap" << (c.meter.empty() ? "" : " (" + c.meter + ")") << "\n"
        << "  under A only: " << t.a_only << named(c.a_only_ids) << "\n  under B only: " << t.b_only
        << named(c.b_only_ids) << "\n  under both: " << t.both << "\n  under neither: " << t.neither << "\n";
    out << "\nChanged: " << t.people - t.unchanged << "; unchanged: " << t.unchanged
        << " (what is metered, paid and spent is the same under both)\n";
    out << "\nTotals (exact sums, shown to the penny)\n";
    totals_line(out, "metered", t.metered_a, t.metered_b, true);
    totals_line(out, "paid by people", t.paid_a, t.paid_b, c.paid_known);
    totals_line(out, "spent by authorities", t.spent_a, t.spent_b, c.spent_known);
    group_lines(out, "setting (of the first care period)", c.by_setting, c);
    group_lines(out, "budget (of the first care period)", c.by_budget, c);
    group_lines(out, "authority (at the start)", c.by_authority, c);
    out << "\nEach person's difference, B - A, in what " << (c.paid_known ? "they pay" : "is metered") << "\n";
    std::vector<std::size_t> counts = band_counts(c.differences);
    for (std::size_t i = 0; i < bands.size(); ++i) out << "  " << bands[i].label << ": " << counts[i] << "\n";
    if (!c.differences.empty())
        out << "  lowest " << signed_money(c.differences.front()) << ", 10% " << signed_money(quantile(c.differences, 10))
            << ", median " << signed_money(quantile(c.differences, 50)) << ", 90% "
            << signed_money(quantile(c.differences, 90)) << ", highest " << signed_money(c.differences.back()) << "\n";
    return out.str();
}

std::string person_csv_header() {
    return "person,setting,budget,authority,reached_a,reached_b,metered_a,metered_a_exact,metered_b,metered_b_exact,"
           "paid_a,paid_a_exact,paid_b,paid_b_exact,spent_a,spent_a_exact,spent_b,spent_b_exact,changed\n";
}

std::string person_csv_row(const PersonComparison& p) {
    // Ids and words are written as the history gives them; a comma or quote in one is quoted.
    auto cell = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    std::ostringstream out;
    out << cell(p.id) << "," << cell(p.setting) << "," << cell(p.budget) << "," << cell(p.authority) << ","
        << (p.a.reached_on ? p.a.reached_on->to_string() : "") << "," << (p.b.reached_on ? p.b.reached_on->to_string() : "");
    money_cells(out, p.a.metered);
    money_cells(out, p.b.metered);
    money_cells(out, p.a.paid);
    money_cells(out, p.b.paid);
    money_cells(out, p.a.spent);
    money_cells(out, p.b.spent);
    out << "," << (p.changed() ? "changed" : "unchanged") << "\n";
    return out.str();
}

std::string difference_chart_svg(const CaseloadComparison& c) {
    std::vector<std::size_t> counts = band_counts(c.differences);
    std::size_t most = std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
    const int width = 720, bar_area = 260, top = 40, left = 200;
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << top + 7 * 36 + 20
        << "\" font-family=\"sans-serif\" font-size=\"13\">\n"
        << "<title>Each person's difference, B - A, in what " << (c.paid_known ? "they pay" : "is metered") << "</title>\n"
        << "<text x=\"10\" y=\"22\" font-size=\"15\">People by their difference, B - A, in what "
        << (c.paid_known ? "they pay" : "is metered") << " (" << c.all.people << " people)</text>\n";
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const std::size_t y = top + i * 36;
        const std::size_t w = counts[i] * static_cast<std::size_t>(bar_area + 200) / most;
        out << "<text x=\"" << left - 8 << "\" y=\"" << y + 18 << "\" text-anchor=\"end\">" << html_escape(bands[i].label)
            << "</text>\n<rect x=\"" << left << "\" y=\"" << y + 4 << "\" width=\"" << w << "\" height=\"22\" fill=\""
            << (i < 3 ? "#2b7a3d" : i == 3 ? "#888888" : "#b0413e") << "\"/>\n<text x=\"" << left + w + 6 << "\" y=\""
            << y + 20 << "\">" << counts[i] << "</text>\n";
    }
    out << "</svg>\n";
    return out.str();
}

} // namespace carecap
