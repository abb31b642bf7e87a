// compare.h: one care history under two rule sets, figure by figure and date by
// date, and for each figure that differs, the rules behind the difference: the
// parameters whose values in force differ, the definitions whose text differs,
// the meters, inputs and dates of coming into force that one side lacks.
#pragma once

#include "runtime/evaluation/account.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One side of a cause: what the rule set says, and where. `declared` is false
// when the rule set has no such name at all.
struct CauseSide {
    bool declared = false;
    std::string text;  // a parameter's value in force, a definition's text, a date...
    std::string where; // "file:line", empty when not declared
    bool operator==(const CauseSide&) const = default;
};

// A rule on which a differing figure depends and which the two rule sets state differently.
struct Cause {
    enum class Kind { parameter, definition, meter, input, in_force, statements, earlier };
    Kind kind = Kind::parameter;
    std::string name;
    std::optional<Date> on;  // for a parameter: the day whose values in force were compared
    CauseSide a, b;
    std::string note;        // for `earlier`: why no rule text explains the figure by itself
    bool operator==(const Cause&) const = default;
};

std::string_view to_string(Cause::Kind k);

// A figure that differs between the two rule sets.
struct Difference {
    enum class Figure { meter_total, cap_reached, rate, statement };
    Figure figure = Figure::rate;
    std::string meter;            // the meter concerned (empty for none)
    std::string item;             // for statements: which item ("issued", "3. rate of progress"...)
    Date from, to;                // the dates it covers (one day for a date-like figure)
    std::string a, b;             // the figure under each rule set, as people read it
    std::vector<Cause> causes;
};

std::string_view to_string(Difference::Figure f);

// Something one rule set declares and the other does not, whatever the history.
struct DeclarationDifference {
    std::string what;  // "meter", "input", "statements", "projection"
    std::string name;
    CauseSide a, b;
};

struct Comparison {
    const Account* a = nullptr;
    const Account* b = nullptr;
    std::vector<DeclarationDifference> declarations;
    std::vector<Difference> differences;
    bool differ() const { return !differences.empty(); }
};

// Compares two evaluations of one history (each evaluated under its own rule set).
Comparison compare_accounts(const Account& a, const Account& b);

// Only the declarations (meters, inputs, statements, projections) of two rule sets.
std::vector<DeclarationDifference> compare_declarations(const RuleSet& a, const RuleSet& b);

} // namespace carecap
