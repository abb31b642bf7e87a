// report_compact.cpp: one short line per person for `carecap batch --compact` (docs/batch.md): the
// person, each meter's total and the day it reached its ceiling, and the totals of the chosen outputs.
// Nothing is rounded away: an amount that is not a whole number of pence is written as its exact fraction.
#include "runtime/reports/figures.h"
#include "runtime/reports/result.h"
#include "stdlib/format.h"

#include <algorithm>

namespace carecap {

namespace {

// "86000.00" for a whole number of pence, else the exact value ("601200/7"), as `total_exact` gives it.
void put_amount(std::string& line, const Decimal& amount) {
    line += (amount * Decimal(100)).is_integer() ? plain_money(amount) : amount.to_exact();
}

// The person's id with a tab, line break or backslash written as \t, \n, \r or \\, so the line stays one
// line of tab-separated fields whatever the id holds.
void put_person(std::string& line, const std::string& id) {
    for (char c : id) {
        switch (c) {
        case '\t': line += "\\t"; break;
        case '\n': line += "\\n"; break;
        case '\r': line += "\\r"; break;
        case '\\': line += "\\\\"; break;
        default: line += c;
        }
    }
}

} // namespace

std::string account_to_compact_line(const Account& account, const std::vector<std::string>& figures) {
    std::string line;
    put_person(line, account.history->person_id);
    for (const MeterTotal& m : account.meters) {
        line += '\t';
        put_amount(line, m.total);
        line += '\t';
        line += m.reached_on ? m.reached_on->to_string() : "-";
    }
    const std::vector<FigureTotal> totals = figures.empty() ? std::vector<FigureTotal>{} : figure_totals(account);
    for (const std::string& name : figures) {
        line += '\t';
        auto it = std::find_if(totals.begin(), totals.end(), [&](const FigureTotal& t) { return t.name == name; });
        if (it == totals.end()) line += '-'; // not a money rate, or never worked out
        else put_amount(line, it->total);
    }
    line += '\n';
    return line;
}

} // namespace carecap
