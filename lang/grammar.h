// grammar.h: the PEGTL grammar of rule files. Private to lang/: nothing from
// PEGTL leaves this folder. One struct per rule; error points have their own
// rule (named expected_...) and their own message in grammar_errors.h.
#pragma once

#include <tao/pegtl.hpp>

namespace carecap::grammar {

namespace p = tao::pegtl;

// ---- layout: spaces, line breaks and '#' comments separate everything ----
struct comment : p::seq<p::one<'#'>, p::until<p::eolf>> {};
struct sp : p::sor<p::space, comment> {};
struct _ : p::star<sp> {};

// ---- words ----
struct kw_rules : TAO_PEGTL_KEYWORD("rules") {};
struct kw_version : TAO_PEGTL_KEYWORD("version") {};
struct kw_amends : TAO_PEGTL_KEYWORD("amends") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_force : TAO_PEGTL_KEYWORD("force") {};
struct kw_from : TAO_PEGTL_KEYWORD("from") {};
struct kw_source : TAO_PEGTL_KEYWORD("source") {};
struct kw_enum : TAO_PEGTL_KEYWORD("enum") {};
struct kw_input : TAO_PEGTL_KEYWORD("input") {};
struct kw_parameter : TAO_PEGTL_KEYWORD("parameter") {};
struct kw_definition : TAO_PEGTL_KEYWORD("definition") {};
struct kw_exception : TAO_PEGTL_KEYWORD("exception") {};
struct kw_meter : TAO_PEGTL_KEYWORD("meter") {};
struct kw_example : TAO_PEGTL_KEYWORD("example") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_otherwise : TAO_PEGTL_KEYWORD("otherwise") {};
struct kw_cite : TAO_PEGTL_KEYWORD("cite") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_per : TAO_PEGTL_KEYWORD("per") {};
struct kw_at : TAO_PEGTL_KEYWORD("at") {};
struct kw_expect : TAO_PEGTL_KEYWORD("expect") {};
struct kw_history : TAO_PEGTL_KEYWORD("history") {};
// Contextual words: meaningful in one place only, free as names elsewhere.
struct kw_rate : TAO_PEGTL_KEYWORD("rate") {};
struct kw_ceiling : TAO_PEGTL_KEYWORD("ceiling") {};
struct kw_keeps : TAO_PEGTL_KEYWORD("keeps") {};
struct kw_interest : TAO_PEGTL_KEYWORD("interest") {};
struct kw_percentage : TAO_PEGTL_KEYWORD("percentage") {};
struct kw_accrues : TAO_PEGTL_KEYWORD("accrues") {};
struct kw_whole : TAO_PEGTL_KEYWORD("whole") {};
struct kw_on : TAO_PEGTL_KEYWORD("on") {};
struct kw_to : TAO_PEGTL_KEYWORD("to") {};
struct kw_accrued : TAO_PEGTL_KEYWORD("accrued") {};
struct kw_reached : TAO_PEGTL_KEYWORD("reached") {};
struct kw_money : TAO_PEGTL_KEYWORD("money") {};
struct kw_accepts : TAO_PEGTL_KEYWORD("accepts") {};
struct kw_by : TAO_PEGTL_KEYWORD("by") {};
struct kw_projection : TAO_PEGTL_KEYWORD("projection") {};
struct kw_charge : TAO_PEGTL_KEYWORD("charge") {};
struct kw_budget : TAO_PEGTL_KEYWORD("budget") {};
struct kw_pays : TAO_PEGTL_KEYWORD("pays") {};
struct kw_capital_used : TAO_PEGTL_KEYWORD("capital_used") {};
struct kw_statements : TAO_PEGTL_KEYWORD("statements") {};
struct kw_every_months : TAO_PEGTL_KEYWORD("every_months") {};
struct kw_expected_within_months : TAO_PEGTL_KEYWORD("expected_within_months") {};
struct kw_total_cost : TAO_PEGTL_KEYWORD("total_cost") {};
struct kw_living_costs : TAO_PEGTL_KEYWORD("living_costs") {};
struct kw_caveat : TAO_PEGTL_KEYWORD("caveat") {};
struct kw_adjustments : TAO_PEGTL_KEYWORD("adjustments") {};
struct kw_amend : TAO_PEGTL_KEYWORD("amend") {}; // only before `meter`: free as a name
struct kw_label : TAO_PEGTL_KEYWORD("label") {}; // only after a declaration's type: free as a name
// Words of the statement and projection expectations (only after `expect statement on DATE` or
// `expect projection`: free as names elsewhere).
struct kw_statement : TAO_PEGTL_KEYWORD("statement") {};
struct kw_issued : TAO_PEGTL_KEYWORD("issued") {};
struct kw_expected : TAO_PEGTL_KEYWORD("expected") {};
struct kw_shown : TAO_PEGTL_KEYWORD("shown") {};
struct kw_for : TAO_PEGTL_KEYWORD("for") {};
struct kw_weeks : TAO_PEGTL_KEYWORD("weeks") {};
struct kw_aged : TAO_PEGTL_KEYWORD("aged") {};
struct kw_outputs : TAO_PEGTL_KEYWORD("outputs") {}; // only at the start of a declaration: free as a name
struct kw_as : TAO_PEGTL_KEYWORD("as") {};           // only after an output's name: free as a name

// A keyword that must come next: the error names it.
template <typename Keyword>
struct expected_word : p::seq<Keyword> {};

// Words that can never be names, because they start declarations or join expressions.
struct reserved : p::sor<kw_rules, kw_enum, kw_input, kw_parameter, kw_definition, kw_exception, kw_meter,
                         kw_example, kw_projection, kw_statements, kw_when, kw_otherwise, kw_cite, kw_and, kw_or, kw_not, kw_true, kw_false,
                         kw_per, kw_at, kw_expect, kw_from> {};

struct ident : p::seq<p::not_at<reserved>, p::identifier> {};
struct qualified_name : p::list<ident, p::one<'.'>> {};

// ---- literals ----
struct string_char : p::sor<p::seq<p::one<'\\'>, p::one<'"', '\\'>>, p::seq<p::not_at<p::eol>, p::not_one<'"'>>> {};
struct expected_closing_quote : p::one<'"'> {};
struct string_literal : p::if_must<p::one<'"'>, p::star<string_char>, expected_closing_quote> {};

struct date_literal : p::seq<p::rep<4, p::digit>, p::one<'-'>, p::rep<2, p::digit>, p::one<'-'>, p::rep<2, p::digit>,
                             p::not_at<p::identifier_other>> {};

struct fraction : p::seq<p::one<'.'>, p::plus<p::digit>> {};
struct plain_number : p::seq<p::plus<p::digit>, p::opt<fraction>> {};
// Money may group thousands with commas: £86,000 and £1,234.50.
struct grouped_number : p::seq<p::plus<p::digit>, p::star<p::one<','>, p::rep<3, p::digit>, p::not_at<p::digit>>,
                               p::opt<fraction>> {};
struct pound : p::string<'\xC2', '\xA3'> {}; // '£' in UTF-8
struct period_unit : p::sor<TAO_PEGTL_KEYWORD("week"), TAO_PEGTL_KEYWORD("day"), TAO_PEGTL_KEYWORD("year")> {};
struct expected_period : p::seq<period_unit> {};
struct rate_suffix : p::seq<_, kw_per, _, expected_period> {};
struct expected_amount : p::seq<grouped_number> {};
struct money_literal : p::seq<pound, expected_amount, p::opt<rate_suffix>> {};
struct duration_unit : p::sor<TAO_PEGTL_KEYWORD("weeks"), TAO_PEGTL_KEYWORD("week"), TAO_PEGTL_KEYWORD("days"),
                              TAO_PEGTL_KEYWORD("day")> {};
struct percent_sign : p::one<'%'> {};
struct number_literal : p::seq<plain_number, p::not_at<p::identifier_other>,
                               p::opt<p::sor<percent_sign, p::seq<_, duration_unit>>>> {};
struct bool_literal : p::sor<kw_true, kw_false> {};

// ---- expressions, loosest binding first ----
struct expression;
struct expected_expression;
struct expected_close_paren : p::one<')'> {};
struct arguments : p::opt<expression, p::star<_, p::one<','>, _, expected_expression>> {};
struct call : p::seq<ident, _, p::one<'('>, _, arguments, _, expected_close_paren> {};
struct name_ref : qualified_name {};
struct parenthesised : p::if_must<p::one<'('>, _, expected_expression, _, expected_close_paren> {};
struct primary : p::sor<parenthesised, money_literal, date_literal, number_literal, bool_literal, call, name_ref> {};
struct expected_primary : p::seq<primary> {};
struct at_date : p::seq<_, kw_at, _, expected_primary> {};
struct postfix : p::seq<primary, p::opt<at_date>> {};
struct negate_op : p::one<'-'> {};
struct not_op : kw_not {};
struct unary;
struct expected_operand;
struct unary : p::sor<p::seq<negate_op, _, expected_operand>, postfix> {};
struct expected_operand : p::seq<unary> {};
struct mul_op : p::one<'*', '/'> {};
struct product : p::seq<unary, p::star<_, mul_op, _, expected_operand>> {};
struct expected_term : p::seq<product> {};
struct add_op : p::one<'+', '-'> {};
struct sum : p::seq<product, p::star<_, add_op, _, expected_term>> {};
struct compare_op : p::sor<p::string<'<', '='>, p::string<'>', '='>, p::string<'!', '='>, p::one<'<', '>', '='>> {};
struct expected_sum : p::seq<sum> {};
struct comparison : p::seq<sum, p::opt<_, compare_op, _, expected_sum>> {};
struct negation;
struct expected_condition;
struct negation : p::sor<p::seq<not_op, _, expected_condition>, comparison> {};
struct expected_condition : p::seq<negation> {};
struct conjunction : p::seq<negation, p::star<_, kw_and, _, expected_condition>> {};
struct expected_conjunction : p::seq<conjunction> {};
struct disjunction : p::seq<conjunction, p::star<_, kw_or, _, expected_conjunction>> {};
struct expression : p::seq<disjunction> {};
struct expected_expression : p::seq<expression> {};

// ---- types: money, money per week, decimal, date, an enumeration's name ... ----
struct money_type : p::seq<kw_money, p::opt<rate_suffix>> {};
struct type_ref : p::sor<money_type, ident> {};
struct expected_type : p::seq<type_ref> {};

// ---- pieces shared by declarations ----
struct expected_name : p::seq<ident> {};
struct expected_string : p::seq<string_literal> {};
struct expected_date : p::seq<date_literal> {};
struct expected_colon : p::one<':'> {};
struct expected_equals : p::one<'='> {};
struct citation : p::seq<kw_cite, _, expected_string> {};
struct opt_citation : p::opt<_, citation> {};
// `label "daily living costs"`: what explain and statements call the figure, for people.
struct label_clause : p::if_must<kw_label, _, expected_string> {};
struct opt_label : p::opt<_, label_clause> {};

// ---- the header ----
// A rule set's name is never read as an expression, so any word may be part of it.
struct rule_set_name : p::list<p::identifier, p::one<'.'>> {};
struct expected_rule_set_name : p::seq<rule_set_name> {};
// `amends NAME in "file"` names the file; `amends NAME` alone has the loader look the name up
// (beside the file, then along the rules path). `in` followed by anything but a string is `in force`.
struct amends_file : p::seq<kw_in, _, p::at<p::one<'"'>>, string_literal> {};
struct amends_file_without_in : p::seq<p::at<p::one<'"'>>, expected_word<kw_in>> {}; // always an error
struct amends_clause : p::if_must<kw_amends, _, expected_rule_set_name,
                                  p::opt<_, p::sor<amends_file, amends_file_without_in>>> {};
struct in_force_clause : p::seq<kw_in, _, expected_word<kw_force>, _, expected_word<kw_from>, _, expected_date> {};
struct expected_in_force : p::seq<in_force_clause> {};
struct source_clause : p::if_must<kw_source, _, expected_string> {};
struct header : p::seq<_, expected_word<kw_rules>, _, expected_rule_set_name, _, expected_word<kw_version>, _, expected_string,
                       p::opt<_, amends_clause>, _, expected_in_force, p::star<_, source_clause>> {};

// ---- declarations ----
struct enum_member : ident {};
struct expected_member : p::seq<enum_member> {};
struct enum_decl : p::if_must<kw_enum, _, expected_name, _, expected_equals, _, expected_member,
                              p::star<_, p::one<'|'>, _, expected_member>, opt_citation> {};

struct input_key : p::seq<kw_by, _, expected_name> {};
struct input_decl : p::if_must<kw_input, _, expected_name, _, expected_colon, _, expected_type, opt_label, p::opt<_, input_key>,
                               opt_citation> {};

struct parameter_value : p::if_must<kw_from, _, expected_date, _, expected_equals, _, expected_expression,
                                    opt_citation> {};
struct expected_parameter_value : p::seq<parameter_value> {};
struct parameter_decl : p::if_must<kw_parameter, _, expected_name, _, expected_colon, _, expected_type, opt_label, _,
                                   expected_parameter_value, p::star<_, parameter_value>> {};

struct formal : p::seq<ident, _, expected_colon, _, expected_type> {};
struct expected_formal : p::seq<formal> {};
struct formals : p::if_must<p::one<'('>, _, p::opt<expected_formal, p::star<_, p::one<','>, _, expected_formal>>, _,
                            expected_close_paren> {};
struct when_case : p::if_must<kw_when, _, expected_expression, _, expected_colon, _, expected_expression> {};
struct otherwise_case : p::if_must<kw_otherwise, _, expected_colon, _, expected_expression> {};
struct expected_otherwise : p::seq<otherwise_case> {};
struct cases : p::seq<when_case, p::star<_, when_case>, _, expected_otherwise> {};
struct body : p::sor<cases, expected_expression> {};
struct definition_decl : p::if_must<kw_definition, _, expected_name, _, p::opt<formals, _>, expected_colon, _,
                                    expected_type, opt_label, _, expected_equals, _, body, opt_citation> {};

struct exception_label : string_literal {};
struct exception_decl : p::if_must<kw_exception, _, expected_name, _, p::opt<exception_label, _>, expected_word<kw_when>,
                                   _, expected_expression, _, expected_colon, _, expected_expression,
                                   opt_citation> {};

struct keeps_percentage : p::seq<kw_keeps, _, expected_word<kw_percentage>> {};
// `accrues by whole weeks`: the week's rate is added on the last day of each whole week of care.
struct expected_by_whole_weeks : p::seq<kw_by, _, kw_whole, _, kw_weeks> {};
struct whole_weeks_clause : p::seq<kw_accrues, _, expected_by_whole_weeks> {};
struct meter_ceiling : p::seq<kw_ceiling, _, expected_equals, _, expected_expression> {};
// `otherwise "..."`: the reason a person reads when an adjustment is not accepted.
struct adjustment_refusal : p::if_must<kw_otherwise, _, expected_string> {};
struct accepts_adjustments : p::seq<kw_accepts, _, expected_word<kw_adjustments>, _, expected_word<kw_when>, _,
                                    expected_expression, p::opt<_, adjustment_refusal>> {};
// `interest = RATE`: a yearly percentage charged on the total, as on a loan (a deferred payment).
struct meter_interest : p::seq<kw_interest, _, expected_equals, _, expected_expression> {};
struct meter_decl : p::if_must<kw_meter, _, expected_name, opt_label, _, expected_word<kw_rate>, _, expected_equals, _,
                               expected_expression, p::opt<_, meter_ceiling>, p::opt<_, keeps_percentage>,
                               p::opt<_, whole_weeks_clause>,
                               p::opt<_, meter_interest>, p::opt<_, accepts_adjustments>, opt_citation> {};

// `amend meter NAME` restates some clauses of a meter of the amended rule set; the rest are inherited
// (docs/language.md, "Amending one clause of a meter").
struct meter_rate : p::seq<kw_rate, _, expected_equals, _, expected_expression> {};
struct meter_clause : p::sor<meter_rate, meter_ceiling, accepts_adjustments> {};
struct expected_meter_clause : p::seq<meter_clause> {};
struct amend_meter_start : p::seq<kw_amend, _, kw_meter> {};
struct meter_amendment : p::if_must<amend_meter_start, _, expected_name, _, expected_meter_clause,
                                    p::star<_, meter_clause>, opt_citation> {};

// A projection spends capital down week by week; each clause names what the
// rules work out each week (see docs/language.md).
template <typename Word>
struct projection_clause : p::seq<Word, _, expected_equals, _, expected_expression> {};
struct projection_decl : p::if_must<kw_projection, _, expected_name, _, expected_word<kw_charge>, _, expected_equals, _,
                                    expected_expression, _, expected_word<kw_budget>, _, expected_equals, _,
                                    expected_expression, _, expected_word<kw_pays>, _, expected_equals, _,
                                    expected_expression, _, expected_word<kw_capital_used>, _, expected_equals, _,
                                    expected_expression, opt_citation> {};

// Care account statements: how often, when the expected date of reaching the cap
// is shown, two of the items, and the caveat for each kind of budget.
struct caveat_clause : p::seq<kw_caveat, _, expected_name, _, expected_equals, _, expected_string> {};
struct statements_decl : p::if_must<kw_statements, _, expected_name, _, expected_word<kw_every_months>, _,
                                    expected_equals, _, expected_expression, _,
                                    expected_word<kw_expected_within_months>, _, expected_equals, _,
                                    expected_expression, _, expected_word<kw_total_cost>, _, expected_equals, _,
                                    expected_expression, _, expected_word<kw_living_costs>, _, expected_equals, _,
                                    expected_expression, p::star<_, caveat_clause>, opt_citation> {};

// `outputs NAME [as ROLE], ...`: the definitions a result reports on each stretch, two of them perhaps
// with the role a comparison totals (docs/language.md, "Outputs").
struct output_role : p::seq<kw_as, _, expected_name> {};
struct output_name : p::seq<ident, p::opt<_, output_role>> {};
struct expected_output_name : p::seq<output_name> {};
struct outputs_decl : p::if_must<kw_outputs, _, expected_output_name, p::star<_, p::one<','>, _, expected_output_name>> {};

// An inline history is JSON between balanced braces; runtime/history/history.cpp reads it.
struct json_string : p::seq<p::one<'"'>, p::star<string_char>, expected_closing_quote> {};
struct expected_closing_brace : p::one<'}'> {};
struct json_object : p::if_must<p::one<'{'>, p::star<p::sor<json_string, json_object, p::not_one<'{', '}', '"'>>>,
                                expected_closing_brace> {};
struct history_file : string_literal {};
struct history_source : p::sor<history_file, json_object> {};
struct expected_history_source : p::seq<history_source> {};
struct history_clause : p::seq<kw_history, _, expected_history_source> {};
struct expected_history_clause : p::seq<history_clause> {};

struct subject : p::seq<ident, p::opt<_, p::one<'('>, _, arguments, _, expected_close_paren>> {};
struct expected_subject : p::seq<subject> {};
struct accrued_on : p::seq<kw_on, _, expected_date> {};
struct accrued_between : p::seq<kw_from, _, expected_date, _, expected_word<kw_to>, _, expected_date> {};
struct expect_accrued : p::if_must<kw_accrued, _, p::sor<accrued_on, accrued_between>, _, expected_equals, _,
                                   expected_expression> {};
struct expect_reached : p::if_must<kw_reached, _, expected_word<kw_on>, _, expected_date> {};
struct expect_not_reached : p::seq<kw_not, _, expected_word<kw_reached>> {};
struct value_on : p::seq<kw_on, _, expected_date> {};
struct expect_value : p::seq<p::opt<value_on, _>, expected_equals, _, expected_expression> {};
struct expect_what : p::sor<expect_accrued, expect_reached, expect_not_reached, expect_value> {};
struct expect_about_subject : p::seq<expected_subject, _, expect_what> {};

// `expect statement on DATE ...`: the statement on the schedule that day (docs/language.md). Without
// `=` straight after the date, so that a definition named `statement` can still be expected.
struct statement_issued : p::seq<kw_issued, p::opt<_, kw_by, _, expected_string>> {};
struct statement_not_issued : p::seq<kw_not, _, expected_word<kw_issued>> {};
struct statement_expected_on : p::seq<kw_on, _, expected_date> {};
struct statement_expected_not_shown : p::seq<kw_not, _, expected_word<kw_shown>> {};
struct expected_statement_date_clause : p::sor<statement_expected_on, statement_expected_not_shown> {};
struct statement_expected : p::seq<kw_expected, _, expected_statement_date_clause> {};
struct statement_item : p::seq<ident, _, p::at<p::one<'='>>, expected_equals, _, expected_expression> {};
// The final failure makes the last real alternative rewind, so that an error points at the word
// that fits no form rather than past it.
struct statement_what : p::sor<statement_issued, statement_not_issued, statement_expected, statement_item, p::failure> {};
struct expected_statement_what : p::seq<statement_what> {};
struct statement_date : date_literal {};
struct expect_statement : p::seq<kw_statement, _, kw_on, _, statement_date, _, p::not_at<p::one<'='>>,
                                 expected_statement_what> {};

// `expect projection [NAME] from DATE for N weeks [aged N] ...`: the rules' projection from the
// example's position on that day.
struct whole_number : p::seq<p::plus<p::digit>, p::not_at<p::identifier_other>> {};
struct expected_whole_number : p::seq<whole_number> {};
struct projection_name : ident {};
struct projection_from : p::seq<kw_from, _, expected_date> {};
struct projection_weeks : p::seq<kw_for, _, expected_whole_number, _, expected_word<kw_weeks>> {};
struct projection_age : p::seq<kw_aged, _, expected_whole_number> {};
struct projection_meter_reached : p::seq<ident, _, kw_reached, _, expected_word<kw_on>, _, expected_date> {};
struct projection_meter_not_reached : p::seq<ident, _, kw_not, _, expected_word<kw_reached>> {};
struct projection_figure : p::seq<ident, _, p::at<p::one<'='>>, expected_equals, _, expected_expression> {};
struct projection_what : p::sor<projection_meter_reached, projection_meter_not_reached, projection_figure, p::failure> {};
struct expected_projection_what : p::seq<projection_what> {};
struct expected_projection_from : p::seq<projection_from> {};
struct expected_projection_weeks : p::seq<projection_weeks> {};
struct expect_projection : p::if_must<kw_projection, _, p::opt<projection_name, _>, expected_projection_from, _,
                                      expected_projection_weeks, _, p::opt<projection_age, _>,
                                      expected_projection_what> {};

struct expectation : p::if_must<kw_expect, _, p::sor<expect_statement, expect_projection, expect_about_subject>> {};
struct example_decl : p::if_must<kw_example, _, expected_string, _, expected_history_clause,
                                 p::star<_, expectation>> {};

struct declaration : p::sor<enum_decl, input_decl, parameter_decl, definition_decl, exception_decl, meter_decl,
                            meter_amendment, projection_decl, statements_decl, outputs_decl, example_decl> {};
// What may start a declaration: the parser resynchronises here after an error.
struct declaration_start : p::sor<kw_enum, kw_input, kw_parameter, kw_definition, kw_exception, kw_meter,
                                  amend_meter_start, kw_projection, kw_statements, kw_outputs, kw_example> {};

} // namespace carecap::grammar
