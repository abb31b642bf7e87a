// projection_options.h: the options `project` and `sweep` share to describe the person whose capital a
// projection spends down (runtime/evaluation/projection.h), and the one way an amount of money is read from
// the command line.
#pragma once

#include "runtime/evaluation/projection.h"
#include "stdlib/date.h"
#include "stdlib/decimal.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace carecap::cli {

// The person's age: a date of birth, or an age on the first day in care. The means test at home reads the
// date of birth (the minimum income guarantee depends on age), so a projection of care at home needs one.
struct BirthOptions {
    std::string date_of_birth;  // --date-of-birth YYYY-MM-DD
    int age = -1;               // --age N; -1 when not given
};

// Adds --date-of-birth and --age (each excluding the other) to a command.
void add_birth_options(CLI::App& command, BirthOptions& options);

// The date of birth the options give for care starting on `start`: --date-of-birth as given, or the day `age`
// years before `start` (the person turns that age on it; 29 February becomes 28 February). Nothing when neither
// is given. A date that is not YYYY-MM-DD, or one after `start`, is printed as an error and `bad` is set.
std::optional<Date> date_of_birth_for(const BirthOptions& options, Date start, bool& bad);

// The starting figures as given, still text: each amount is read by money_option when the command runs.
struct ProjectionOptions {
    std::string capital, income, fees;                                    // pounds; empty when not given
    std::string income_kind = "state_pension", setting = "residential";
    std::string start;                                                     // YYYY-MM-DD; empty: the command's default
    std::string projection;                                                // which projection; empty: the only one
    std::int64_t weeks = 260;
    CLI::Option* weeks_option = nullptr;                                   // to tell a --weeks given from the default
    BirthOptions birth;
};

// What differs between the commands' help for the shared options.
struct ProjectionHelp {
    bool amounts_required;  // project needs all three amounts; sweep varies one of them
    const char* weeks;
    const char* start;
};

// Adds --capital, --income, --income-kind, --fees, --setting, --weeks and --start, in that order.
void add_projection_options(CLI::App& command, ProjectionOptions& options, const ProjectionHelp& help);
// Adds --projection.
void add_projection_choice(CLI::App& command, ProjectionOptions& options);

// An amount of money given as option --NAME: a decimal number of pounds, never negative (a capital, an income
// or a fee below nothing is a mistake, not a debt). Otherwise prints why and returns nothing.
std::optional<Decimal> money_option(const std::string& text, const std::string& name);

// The first day in care: --start when given (printing an error and returning false when it is not a date),
// else `start` unchanged.
bool apply_start_option(const ProjectionOptions& options, Date& start);

// The weekly income of the given kind, the setting and the weeks: the starting figures that are not amounts.
void fill_projection_start(const ProjectionOptions& options, const Decimal& weekly_income, ProjectionStart& start);

// After a projection's errors (all of them, as printed): a hint when the rules read the person's age and
// no option gave it.
void hint_when_age_missing(const std::string& errors, bool birth_given);

} // namespace carecap::cli
