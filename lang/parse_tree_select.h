// parse_tree_select.h: which grammar rules become parse-tree nodes. Private to lang/.
#pragma once

#include "lang/grammar.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

namespace carecap::grammar {

namespace pt = tao::pegtl::parse_tree;

// Expression levels fold away when they hold a single operand, so `a` stays a
// name node and `a + b` becomes one `sum` node holding [a, +, b].
template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<ident, rule_set_name, string_literal, date_literal, money_literal, number_literal,
                          bool_literal, call, name_ref, negate_op, not_op, mul_op, add_op, compare_op, at_date,
                          grouped_number, plain_number, period_unit, duration_unit, percent_sign, money_type,
                          type_ref, citation, label_clause, adjustment_refusal, amends_clause, in_force_clause, source_clause, enum_decl, enum_member,
                          input_key, input_decl, parameter_value, parameter_decl, formal, formals, when_case, otherwise_case,
                          definition_decl, exception_label, exception_decl, keeps_percentage, whole_weeks_clause, meter_ceiling, meter_interest, accepts_adjustments, meter_decl, meter_rate, meter_amendment, projection_decl, caveat_clause, statements_decl,
                          output_name, output_role, outputs_decl,
                          json_object, history_file, history_clause, subject, accrued_on, accrued_between,
                          expect_accrued, expect_reached, expect_not_reached, value_on, expect_value, expectation,
                          example_decl, header, arguments, expect_about_subject, expect_statement, statement_date,
                          statement_issued, statement_not_issued, statement_expected_on,
                          statement_expected_not_shown, statement_item, expect_projection, projection_name,
                          projection_from, projection_weeks, projection_age, whole_number,
                          projection_meter_reached, projection_meter_not_reached, projection_figure>,
    // The error points are selected too, only so that PEGTL's parse-tree control
    // calls their failure hook (which raises the message); each holds exactly
    // one node when it succeeds, and folds away into it.
    pt::fold_one::on<postfix, unary, product, sum, comparison, negation, conjunction, disjunction, expected_period,
                     expected_amount, expected_primary, expected_operand, expected_term, expected_sum,
                     expected_condition, expected_conjunction, expected_expression, expected_type, expected_name,
                     expected_string, expected_date, expected_rule_set_name, expected_in_force, expected_member,
                     expected_parameter_value, expected_formal, expected_otherwise, expected_history_source,
                     expected_history_clause, expected_subject, expected_meter_clause, expected_statement_what,
                     expected_statement_date_clause, expected_whole_number, expected_projection_from,
                     expected_projection_weeks, expected_projection_what, statement_what, statement_expected,
                     projection_what, expected_output_name, expected_by_whole_weeks>>;

} // namespace carecap::grammar
