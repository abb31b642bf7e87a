// caseload_compare.h: a caseload under two rule sets, person by person and in sum: who reaches the cap
// under each, what is metered, what people pay and what authorities spend (the outputs with the roles
// paid_by_person and spent_by_authority), by setting, budget and authority, and how each person's money
// changes. docs/compare.md, "A whole caseload".
#pragma once

#include "runtime/evaluation/account.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One person's money under one rule set.
struct SideOutcome {
    std::optional<Date> reached_on;    // the primary meter reached its ceiling
    Decimal metered;                   // the primary meter's total (0 without a meter)
    std::optional<Decimal> paid, spent; // none when the rules give no output that role
};

struct PersonComparison {
    std::string id;
    std::string setting, budget, authority; // of the first care period, and the authority at the start
    SideOutcome a, b;
    // Whether anything the person or the authority pays, or the meter, differs: a difference in the
    // cap's level or a statement alone is no change.
    bool changed() const;
    // The difference a person's change is measured by: what they pay, B - A, where both rule sets say;
    // else what is metered.
    Decimal difference() const;
};

SideOutcome side_outcome(const Account& account);
PersonComparison compare_person(const History& history, const Account& a, const Account& b);

// The sums over a caseload, and over each group of it.
struct OutcomeTally {
    std::size_t people = 0, a_only = 0, b_only = 0, both = 0, neither = 0, unchanged = 0;
    Decimal metered_a, metered_b, paid_a, paid_b, spent_a, spent_b;
    void add(const PersonComparison& p);
};

struct CaseloadComparison {
    std::string meter;                  // the primary meter's name, as A names it ("" without one)
    bool paid_known = false, spent_known = false; // both rule sets give the role
    OutcomeTally all;
    std::vector<std::pair<std::string, OutcomeTally>> by_setting, by_budget, by_authority;
    std::vector<Decimal> differences;   // every person's difference(), sorted
    std::vector<std::string> a_only_ids, b_only_ids; // who reaches the cap under one side only, in order
    std::size_t not_compared = 0;
    void add(const PersonComparison& p);
};

// The summary as people read it.
std::string caseload_summary_text(const CaseloadComparison& c);
// One row per person, with a header; money to the penny and, where not whole pence, exactly beside it.
std::string person_csv_header();
std::string person_csv_row(const PersonComparison& p);
// A bar chart of how many people's difference falls in each band.
std::string difference_chart_svg(const CaseloadComparison& c);

} // namespace carecap
