// ast.h: the syntax tree of a rule file. Every node carries the span of text it
// came from; the checker fills in the types and what each name refers to.
#pragma once

#include "lang/source.h"
#include "stdlib/types.h"
#include "stdlib/value.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

struct DefinitionDecl;
struct ParameterDecl;
struct InputDecl;
struct MeterDecl;
struct Builtin;

enum class ExprKind { literal, name, call, negate, logical_not, binary, at_date };

enum class BinaryOp { add, subtract, multiply, divide, eq, ne, lt, le, gt, ge, logical_and, logical_or };

// What a name in an expression stands for, decided by the checker.
enum class RefKind { none, parameter, definition, input, formal, enum_member, today, meter_reached };

struct Expr {
    ExprKind kind = ExprKind::literal;
    Span span;
    BinaryOp op = BinaryOp::add;        // for binary
    std::string name;                   // for name and call
    std::vector<std::unique_ptr<Expr>> children; // operands, or call arguments
    Value literal;                      // for literal
    Type literal_type;                  // for literal: its type as written

    // Filled in by the checker.
    Type type;
    RefKind ref = RefKind::none;
    const ParameterDecl* parameter = nullptr;
    const DefinitionDecl* definition = nullptr;
    const InputDecl* input = nullptr;
    const Builtin* builtin = nullptr;
    const MeterDecl* meter = nullptr;   // for reached(meter)
    std::uint32_t index = 0;            // formal position, enum member index
    Decimal scale = 1;                  // unit conversion applied after a multiply/divide (1/7 for per week * days)
    std::uint32_t height = 1;           // the depth of this expression's tree (the parser limits it)
};
using ExprPtr = std::unique_ptr<Expr>;

struct TypeRef {
    Span span;
    std::string name;  // "money" or an identifier
    Per per = Per::none;
    Type resolved;     // filled in by the checker
};

struct Citation {
    Span span;
    std::string text;  // empty when none was given
};

struct EnumMember {
    Span span;
    std::string name;
};

struct EnumDecl {
    Span span, name_span;
    std::string name;
    std::vector<EnumMember> members;
    Citation cite;
};

// A fact read from the care history (the evaluator knows which ones exist).
struct InputDecl {
    Span span, name_span;
    std::string name;
    TypeRef type;
    TypeRef key;       // `by ENUM`: a sum over the history's items of each kind, read as name(member)
    std::string label; // `label "..."`: the name a person reads; empty: none given
    Citation cite;
    std::uint32_t slot = 0;
    std::uint8_t source = 32;  // InputSource bits (lang/rule_set.h), from the runtime's description; 32: unknown
};

struct ParameterValue {
    Span span;
    Date from;
    Span from_span;
    ExprPtr value;
    Citation cite;
    Value constant;    // the value, computed by the checker (parameter values are constants)
};

struct ParameterDecl {
    Span span, name_span;
    std::string name;
    TypeRef type;
    std::string label; // `label "..."`: the name a person reads; empty: none given
    std::vector<ParameterValue> values; // sorted by `from` by the checker
};

struct Formal {
    Span span;
    std::string name;
    TypeRef type;
};

struct Case {
    Span span;
    ExprPtr condition; // null for `otherwise`
    ExprPtr value;
};

struct ExceptionDecl;

struct DefinitionDecl {
    Span span, name_span;
    std::string name;
    std::vector<Formal> formals;
    TypeRef type;
    std::vector<Case> cases;   // a plain body is one case without condition
    std::string label;         // `label "..."`: the name a person reads; empty: none given
    Citation cite;
    // Filled in by the resolver: the exceptions that override this definition.
    std::vector<const ExceptionDecl*> exceptions;
    std::uint32_t slot = 0;    // index in the evaluator's per-segment cache
};

struct ExceptionDecl {
    Span span, name_span;
    std::string target;        // the definition it overrides
    std::string label;         // the named circumstance, if given
    ExprPtr condition;
    ExprPtr value;
    Citation cite;
};

struct MeterDecl {
    Span span, name_span;
    std::string name;
    ExprPtr rate;              // money per day/week: what accrues
    ExprPtr ceiling;           // money: where accrual stops; null for a meter that only records
    bool keeps_percentage = false; // a change of ceiling rescales progress (50% stays 50%)
    bool whole_weeks = false;      // `accrues by whole weeks`: a week's rate on the last day of each whole week of care
    ExprPtr interest;          // percent a year charged on the total (a loan); null: none
    ExprPtr accepts_adjustments;   // when a history adjustment may change the total; null: always
    std::string refusal;           // `otherwise "..."`: why an adjustment it does not accept is refused
    std::string label;             // `label "..."`: the name a person reads; empty: none given
    Citation cite;
    std::uint32_t index = 0;   // position in RuleSet::meter_order
    // A meter built from an `amend meter`: where its rate and ceiling were written (the amendment's
    // clause, or the meter it amends) and the citation each carries, for explain. Null for a meter
    // declared whole, whose clauses are at `span` and cite `cite`.
    const Span* rate_span = nullptr;
    const Span* ceiling_span = nullptr;
    const Citation* rate_cite = nullptr;
    const Citation* ceiling_cite = nullptr;
};

// `amend meter NAME` in an amending file: the clauses written replace those of the meter NAME of the
// rule set amended; the others are inherited (lang/amend_meter.cpp builds the meter in force).
struct MeterAmendment {
    Span span, name_span;
    std::string name;
    ExprPtr rate, ceiling, accepts_adjustments; // null: inherited
    std::string refusal;                        // with accepts_adjustments: its `otherwise "..."`
    Span rate_span, ceiling_span, adjustments_span; // each clause written, for messages
    std::vector<Span> repeated;                 // a clause written twice: an error
    Citation cite;
};

// How capital is spent down week by week from a starting position.
struct ProjectionDecl {
    Span span, name_span;
    std::string name;
    ExprPtr charge;        // money per week: what the person is charged (the means test)
    ExprPtr budget;        // the kind of budget that week (a member of the `budget` input's enumeration)
    ExprPtr pays;          // money per week: what the person pays that week
    ExprPtr capital_used;  // money per week: how much of it comes from capital
    Citation cite;
};

// Care account statements for a meter (004, 3.7).
struct Caveat {
    Span span;
    std::string budget;    // a member of the `budget` input's enumeration
    std::string text;
};
struct StatementsDecl {
    Span span, name_span;
    std::string meter;
    ExprPtr every_months;            // integer: months between statements
    ExprPtr expected_within_months;  // integer: the expected cap date is shown when this near
    ExprPtr total_cost;              // money per week: the total cost of meeting needs
    ExprPtr living_costs;            // money per week: daily living costs
    std::vector<Caveat> caveats;
    Citation cite;
    const MeterDecl* meter_decl = nullptr; // filled in by the checker
};

// One name of `outputs NAME [as ROLE], ...`: a definition without arguments whose value the result
// reports on each stretch in care; a role (paid_by_person, spent_by_authority) says which figure a
// comparison over a caseload totals as what the person paid or what the authority spent.
struct OutputName {
    Span span, role_span;
    std::string name, role;                       // role empty: none
    const DefinitionDecl* definition = nullptr;   // filled in by the checker
};

enum class ExpectKind { value, accrued_on, accrued_between, reached_on, not_reached, statement, projection };

// What `expect statement on DATE ...` checks of the statement on the schedule that day.
enum class StatementAspect { issued, not_issued, expected_on, expected_not_shown, item };
// What `expect projection ... ` checks of the projection's result.
enum class ProjectionAspect { reached_on, not_reached, figure };

struct Expectation {
    Span span;
    ExpectKind kind = ExpectKind::value;
    ExprPtr subject;           // a name or a call (value); a name (meters, and a projection's meter)
    std::optional<Date> on;    // value (optional), accrued_on, reached_on, statement (its date), projection (its start)
    Date from, to;             // accrued_between
    ExprPtr expected;          // value, accrued_*, a statement's item, a projection's figure
    // statement and projection only
    StatementAspect statement_aspect = StatementAspect::issued;
    ProjectionAspect projection_aspect = ProjectionAspect::figure;
    std::string item;          // a statement's item or a projection's figure, by name
    Span item_span;
    std::optional<std::string> issued_by;  // `issued by "..."`: the authority the statement names
    std::optional<Date> expected_date;     // `expected on DATE` (statement), `reached on DATE` (projection)
    std::string projection;    // the projection's name; empty: the only one
    Span projection_span;
    std::int64_t weeks = 0;
    std::optional<std::int64_t> age;       // `aged N`: the date of birth N years before the start
};

struct ExampleDecl {
    Span span;
    std::string title;
    std::string history_path;  // as written, relative to the rule file; empty if inline
    std::string inline_history;
    Span history_span;
    std::vector<Expectation> expectations;
};

struct Header {
    Span span;
    std::string name, version;
    Span name_span;
    std::string amends_name, amends_path;  // amends_name empty: amends nothing
    bool amends_path_given = false;          // `in "file"` was written (perhaps empty, an error)
    Span amends_span;
    Date in_force;
    Span in_force_span;
    std::string source;                      // the first `source "..."`
    std::vector<std::string> sources;        // every `source "..."`, in order: the titles citations refer to
};

// One parsed rule file.
struct RuleFile {
    std::shared_ptr<const SourceFile> source;
    Header header;
    std::vector<EnumDecl> enums;
    std::vector<InputDecl> inputs;
    std::vector<ParameterDecl> parameters;
    std::vector<DefinitionDecl> definitions;
    std::vector<ExceptionDecl> exceptions;
    std::vector<MeterDecl> meters;
    std::vector<MeterAmendment> meter_amendments;
    std::vector<ProjectionDecl> projections;
    std::vector<StatementsDecl> statements;
    std::vector<OutputName> outputs;
    std::vector<ExampleDecl> examples;
};

} // namespace carecap
