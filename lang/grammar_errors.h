// grammar_errors.h: the message for each error point of the grammar, and the
// PEGTL control that raises it. Private to lang/.
#pragma once

#include "lang/grammar.h"

namespace carecap::grammar {

template <typename Rule> inline constexpr const char* error_message = nullptr;

#define CARECAP_ERROR(rule, text) template <> inline constexpr const char* error_message<rule> = text
CARECAP_ERROR(expected_closing_quote, "this text has no closing `\"` before the end of the line");
CARECAP_ERROR(expected_close_paren, "expected `)`: a bracket opened earlier is still open");
CARECAP_ERROR(expected_expression, "expected a value or an expression here");
CARECAP_ERROR(expected_operand, "expected a value after `*`, `/` or `-`");
CARECAP_ERROR(expected_term, "expected a value after `+` or `-`");
CARECAP_ERROR(expected_sum, "expected a value to compare with");
CARECAP_ERROR(expected_condition, "expected a condition after `not` or `and`");
CARECAP_ERROR(expected_conjunction, "expected a condition after `or`");
CARECAP_ERROR(expected_primary, "expected a date after `at`, like 2021-04-01");
CARECAP_ERROR(expected_period, "expected `week`, `day` or `year` after `per`");
CARECAP_ERROR(expected_amount, "expected an amount after `£`, like £86,000 or £200.00");
CARECAP_ERROR(expected_type, "expected a type: money, money per week, money per day, money per year, decimal, "
                             "percent, integer, date, duration, bool, or the name of an enumeration");
CARECAP_ERROR(expected_name, "expected a name (letters, digits and `_`, starting with a letter)");
CARECAP_ERROR(expected_string, "expected text in double quotes");
CARECAP_ERROR(expected_date, "expected a date written YYYY-MM-DD");
CARECAP_ERROR(expected_colon, "expected `:`");
CARECAP_ERROR(expected_equals, "expected `=`");
CARECAP_ERROR(expected_rule_set_name, "expected the rule set's name, like england.reform");
CARECAP_ERROR(expected_in_force, "expected `in force from YYYY-MM-DD`");
CARECAP_ERROR(expected_member, "expected the name of a member of the enumeration");
CARECAP_ERROR(expected_parameter_value, "a parameter needs at least one value: `from YYYY-MM-DD = value`");
CARECAP_ERROR(expected_formal, "expected a parameter of the definition: `name : type`");
CARECAP_ERROR(expected_otherwise, "cases need a final `otherwise : value` for when no `when` applies");
CARECAP_ERROR(expected_closing_brace, "this `{` is never closed");
CARECAP_ERROR(expected_history_source, "expected a history file in quotes or an inline JSON object `{ ... }`");
CARECAP_ERROR(expected_history_clause,
              "an example starts with its history: `history \"file.json\"` or `history { ... }`");
CARECAP_ERROR(expected_meter_clause,
              "expected a clause of the meter to restate: `rate = ...`, `ceiling = ...` or `accepts adjustments when ...`");
CARECAP_ERROR(expected_subject, "expected what to check: a definition, a meter, or a call");
CARECAP_ERROR(expected_statement_what,
              "expected what to check of the statement: `issued`, `issued by \"AUTHORITY\"`, `not issued`, "
              "`expected on YYYY-MM-DD`, `expected not shown`, or an item, like `accrued = £1,000.00`");
CARECAP_ERROR(expected_statement_date_clause, "expected `on YYYY-MM-DD` or `not shown` after `expected`");
CARECAP_ERROR(expected_whole_number, "expected a whole number, like 52");
CARECAP_ERROR(expected_projection_from, "expected `from YYYY-MM-DD`: the day the projection starts");
CARECAP_ERROR(expected_projection_weeks, "expected `for N weeks`: how long the projection runs");
CARECAP_ERROR(expected_projection_what,
              "expected what to check of the projection: `METER reached on YYYY-MM-DD`, `METER not reached`, "
              "or a figure, like `capital_end = £20,000.00`");
CARECAP_ERROR(expected_word<kw_issued>, "expected `not issued`");
CARECAP_ERROR(expected_word<kw_shown>, "expected `not shown`");
CARECAP_ERROR(expected_word<kw_weeks>, "expected `weeks` after the number of weeks");
CARECAP_ERROR(expected_word<kw_rules>, "a rule file starts with `rules NAME version \"...\"`");
CARECAP_ERROR(expected_word<kw_version>, "expected `version \"...\"` after the rule set's name");
CARECAP_ERROR(expected_word<kw_in>, "expected `in \"file\"` naming the file of the amended rule set");
CARECAP_ERROR(expected_word<kw_force>, "expected `in force from YYYY-MM-DD`");
CARECAP_ERROR(expected_word<kw_from>, "expected `in force from YYYY-MM-DD`");
CARECAP_ERROR(expected_word<kw_when>, "expected `when` and the circumstance in which the exception applies");
CARECAP_ERROR(expected_word<kw_rate>, "expected `rate = ...`: what the meter accrues");
CARECAP_ERROR(expected_word<kw_percentage>, "expected `keeps percentage`");
CARECAP_ERROR(expected_by_whole_weeks, "expected `accrues by whole weeks`");
CARECAP_ERROR(expected_word<kw_charge>, "expected `charge = ...`: what the person is charged a week");
CARECAP_ERROR(expected_word<kw_budget>, "expected `budget = ...`: the kind of budget that week");
CARECAP_ERROR(expected_word<kw_pays>, "expected `pays = ...`: what the person pays a week");
CARECAP_ERROR(expected_word<kw_capital_used>, "expected `capital_used = ...`: how much of it comes from capital");
CARECAP_ERROR(expected_word<kw_every_months>, "expected `every_months = ...`: how many months between statements");
CARECAP_ERROR(expected_word<kw_expected_within_months>,
              "expected `expected_within_months = ...`: how near the cap must be for its date to be shown");
CARECAP_ERROR(expected_word<kw_total_cost>, "expected `total_cost = ...`: the total weekly cost of meeting needs");
CARECAP_ERROR(expected_word<kw_living_costs>, "expected `living_costs = ...`: the daily living costs a week");
CARECAP_ERROR(expected_word<kw_adjustments>, "expected `accepts adjustments when ...`");
CARECAP_ERROR(expected_word<kw_to>, "expected `to YYYY-MM-DD` closing the range");
CARECAP_ERROR(expected_word<kw_on>, "expected `on YYYY-MM-DD`");
CARECAP_ERROR(expected_word<kw_reached>, "expected `not reached`");
#undef CARECAP_ERROR

struct errors {
    template <typename Rule> static constexpr const char* message = error_message<Rule>;
};

// Raises a parse error carrying the message of the first error point that fails.
template <typename Rule>
using control = tao::pegtl::must_if<errors, tao::pegtl::normal, false>::control<Rule>;

} // namespace carecap::grammar
