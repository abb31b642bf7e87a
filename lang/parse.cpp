// parse.cpp: phase 1, rule-file text to syntax tree, with recovery so that one
// run reports the syntax errors of every declaration, not only the first.
#include "lang/parse.h"

#include "lang/grammar.h"
#include "lang/grammar_errors.h"
#include "lang/parse_expectations.h"
#include "lang/parse_outputs.h"
#include "lang/parse_tree_select.h"
#include "lang/syntax_error_place.h"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/limit_depth.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace carecap {

namespace g = grammar;
namespace p = tao::pegtl;
using Node = p::parse_tree::node;

namespace {

constexpr std::size_t max_syntax_errors = 50;

class Builder {
public:
    Builder(std::shared_ptr<const SourceFile> source, std::size_t nesting_depth)
        : source_(std::move(source)), max_expression_height(static_cast<std::uint32_t>(nesting_depth)) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < source_->text.size(); ++i)
            if (source_->text[i] == '\n') line_starts_.push_back(i + 1);
    }

    Span span_at(std::size_t byte, std::size_t end_byte) const {
        Span s;
        s.file = source_;
        const std::string& text = source_->text;
        byte = std::min(byte, text.size());
        s.begin = static_cast<std::uint32_t>(byte);
        end_byte = end_with_closing_brackets(text, byte, end_byte); // the tree keeps no node for a `)`
        s.end = static_cast<std::uint32_t>(std::min(std::max(end_byte, byte), text.size()));
        auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
        auto line = static_cast<std::uint32_t>(after - line_starts_.begin());
        std::size_t line_start = *std::prev(after);
        std::uint32_t column = 1;
        for (std::size_t i = line_start; i < byte; ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
        s.line = line;
        s.column = column;
        return s;
    }
    // Byte offsets are read from the node itself: n.begin() would build a position
    // naming the input's source, which is gone once the piece has been parsed.
    // PEGTL's fold_one forgets the end of a node it keeps (one with several
    // children), so the end is then taken from its last child.
    static std::size_t end_byte(const Node& n) {
        if (n.m_end.data != nullptr) return n.m_end.byte;
        return n.children.empty() ? n.m_begin.byte : end_byte(*n.children.back());
    }
    Span span(const Node& n) const { return span_at(n.m_begin.byte, end_byte(n)); }

    // --- literals ---
    static std::string unquote(std::string_view quoted) { return unquoted(quoted); }

    Date date(const Node& n) {
        auto d = Date::parse(n.string_view());
        if (!d) {
            error(span(n), "there is no such date as " + n.string(), "dates are written YYYY-MM-DD and must exist");
            return Date{};
        }
        return *d;
    }

    // The digits as an exact number; more than Decimal::parse takes is an error, not a crash.
    Decimal number(std::string_view digits, const Node& n) {
        auto value = Decimal::parse(digits);
        if (!value) {
            error(span(n), "this number has too many digits: at most 40 are allowed", "");
            return Decimal(0);
        }
        return *value;
    }

    static Per per_of(std::string_view unit) {
        if (unit == "day") return Per::day;
        if (unit == "week") return Per::week;
        return Per::year;
    }

    ExprPtr literal(const Node& n) {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::literal;
        e->span = span(n);
        if (n.is_type<g::date_literal>()) {
            e->literal = date(n);
            e->literal_type = Type::of(Kind::date);
        } else if (n.is_type<g::bool_literal>()) {
            e->literal = n.string_view() == "true";
            e->literal_type = Type::of(Kind::boolean);
        } else if (n.is_type<g::money_literal>()) {
            std::string digits;
            for (char c : n.children.at(0)->string_view())
                if (c != ',') digits += c;
            // Money is pounds and pence, as the guidance writes it; a finer figure is worked out, not typed.
            if (auto point = digits.find('.'); point != std::string::npos && digits.size() - point - 1 > 2)
                error(e->span, "an amount of money has at most 2 decimal places (pence), not " +
                                   std::to_string(digits.size() - point - 1),
                      "to use a fraction of a penny, write how it is worked out, for example £1 / 3");
            e->literal = number(digits, n);
            e->literal_type = n.children.size() > 1 ? Type::rate_per(per_of(n.children[1]->string_view()))
                                                    : Type::of(Kind::money);
        } else { // number_literal: plain, percent, or a duration in days or weeks
            Decimal value = number(n.children.at(0)->string_view(), n);
            e->literal_type = Type::of(value.is_integer() ? Kind::integer : Kind::decimal);
            if (n.children.size() > 1) {
                const Node& suffix = *n.children[1];
                if (suffix.is_type<g::percent_sign>()) {
                    value = value / Decimal(100);
                    e->literal_type = Type::of(Kind::percent);
                } else {
                    if (suffix.string_view().starts_with("week")) value = value * Decimal(7);
                    e->literal_type = Type::of(Kind::duration);
                }
            }
            e->literal = value;
        }
        return e;
    }

    // --- expressions ---
    ExprPtr expr(const Node& n) {
        ExprPtr e = expr_node(n);
        for (auto& c : e->children) e->height = std::max(e->height, c->height + 1);
        if (e->height > max_expression_height && !too_tall_reported_) {
            too_tall_reported_ = true;
            error(e->span, "this expression is nested too deeply: more than " +
                               std::to_string(max_expression_height) +
                               " operations inside one another (the limit nesting_depth)",
                  "split it into several definitions");
        }
        if (e->height > max_expression_height) e->children.clear(); // keep later phases shallow
        return e;
    }

    ExprPtr expr_node(const Node& n) {
        if (n.is_type<g::date_literal>() || n.is_type<g::bool_literal>() || n.is_type<g::money_literal>() ||
            n.is_type<g::number_literal>())
            return literal(n);
        auto e = std::make_unique<Expr>();
        e->span = span(n);
        if (n.is_type<g::name_ref>()) {
            e->kind = ExprKind::name;
            e->name = n.string();
        } else if (n.is_type<g::call>()) {
            e->kind = ExprKind::call;
            e->name = n.children.at(0)->string();
            for (const auto& arg : n.children.at(1)->children) e->children.push_back(expr(*arg));
        } else if (n.is_type<g::unary>()) { // [-, operand]
            e->kind = ExprKind::negate;
            e->children.push_back(expr(*n.children.at(1)));
        } else if (n.is_type<g::negation>()) { // [not, operand]
            e->kind = ExprKind::logical_not;
            e->children.push_back(expr(*n.children.at(1)));
        } else if (n.is_type<g::postfix>()) { // [primary, at_date]
            e->kind = ExprKind::at_date;
            e->children.push_back(expr(*n.children.at(0)));
            e->children.push_back(expr(*n.children.at(1)->children.at(0)));
            e->span = span_at(e->children[0]->span.begin, e->children[1]->span.end);
        } else if (n.is_type<g::product>() || n.is_type<g::sum>() || n.is_type<g::comparison>()) {
            // [a, op, b, op, c]: fold to the left, so a - b - c is (a - b) - c.
            ExprPtr left = expr(*n.children.at(0));
            for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
                auto b = std::make_unique<Expr>();
                b->kind = ExprKind::binary;
                b->op = binary_op(n.children[i]->string_view());
                b->children.push_back(std::move(left));
                b->children.push_back(expr(*n.children[i + 1]));
                b->span = span_at(n.m_begin.byte, end_byte(*n.children[i + 1]));
                b->height = std::max(b->children[0]->height, b->children[1]->height) + 1;
                if (b->height > max_expression_height) return too_long(n);
                left = std::move(b);
            }
            return left;
        } else if (n.is_type<g::conjunction>() || n.is_type<g::disjunction>()) {
            BinaryOp op = n.is_type<g::conjunction>() ? BinaryOp::logical_and : BinaryOp::logical_or;
            ExprPtr left = expr(*n.children.at(0));
            for (std::size_t i = 1; i < n.children.size(); ++i) {
                auto b = std::make_unique<Expr>();
                b->kind = ExprKind::binary;
                b->op = op;
                b->children.push_back(std::move(left));
                b->children.push_back(expr(*n.children[i]));
                b->span = span_at(n.m_begin.byte, end_byte(*n.children[i]));
                b->height = std::max(b->children[0]->height, b->children[1]->height) + 1;
                if (b->height > max_expression_height) return too_long(n);
                left = std::move(b);
            }
            return left;
        } else {
            error(span(n), "internal: unexpected syntax node " + std::string(n.type), "");
        }
        return e;
    }

    // A stand-in for an expression too long to keep: an error is reported once.
    ExprPtr too_long(const Node& n) {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::literal;
        e->span = span(n);
        e->literal_type = Type::of(Kind::unknown);
        e->height = max_expression_height + 1;
        return e;
    }

    static BinaryOp binary_op(std::string_view op) {
        if (op == "+") return BinaryOp::add;
        if (op == "-") return BinaryOp::subtract;
        if (op == "*") return BinaryOp::multiply;
        if (op == "/") return BinaryOp::divide;
        if (op == "=") return BinaryOp::eq;
        if (op == "!=") return BinaryOp::ne;
        if (op == "<") return BinaryOp::lt;
        if (op == "<=") return BinaryOp::le;
        if (op == ">") return BinaryOp::gt;
        return BinaryOp::ge;
    }

    // --- declarations ---
    TypeRef type_ref(const Node& n) { // a type_ref node
        TypeRef t;
        t.span = span(n);
        const Node& inner = *n.children.at(0);
        if (inner.is_type<g::money_type>()) {
            t.name = "money";
            if (!inner.children.empty()) t.per = per_of(inner.children[0]->string_view());
        } else {
            t.name = inner.string();
        }
        return t;
    }

    // A declaration's `cite "..."` or `label "..."`: null when it has none.
    template <typename Clause> static const Node* clause(const Node& parent) {
        for (const auto& c : parent.children) if (c->is_type<Clause>()) return c.get();
        return nullptr;
    }
    Citation citation(const Node& n) { auto* c = clause<g::citation>(n); return c ? Citation{span(*c), unquote(c->children.at(0)->string_view())} : Citation{}; }
    template <typename Clause> std::string quoted(const Node& n) { auto* c = clause<Clause>(n); return c ? unquote(c->children.at(0)->string_view()) : ""; }

    void header(const Node& n, Header& h) {
        h.span = span(n);
        for (const auto& c : n.children) {
            if (c->is_type<g::rule_set_name>()) {
                h.name = c->string();
                h.name_span = span(*c);
            } else if (c->is_type<g::string_literal>()) {
                h.version = unquote(c->string_view());
            } else if (c->is_type<g::amends_clause>()) {
                h.amends_name = c->children.at(0)->string();
                h.amends_path_given = c->children.size() > 1;
                if (h.amends_path_given) h.amends_path = unquote(c->children[1]->string_view());
                h.amends_span = span(*c);
            } else if (c->is_type<g::in_force_clause>()) {
                h.in_force = date(*c->children.at(0));
                h.in_force_span = span(*c->children.at(0));
            } else if (c->is_type<g::source_clause>()) {
                h.sources.push_back(unquote(c->children.at(0)->string_view())), h.source = h.sources.front();
            }
        }
    }

    // declaration -> enum_decl | input_decl | parameter_decl | definition_decl | exception_decl | meter_decl
    //              | meter_amendment | projection_decl | statements_decl | outputs_decl | example_decl
    void declaration(const Node& n, RuleFile& file) {
        if (n.is_type<g::enum_decl>()) file.enums.push_back(enumeration(n));
        else if (n.is_type<g::input_decl>()) file.inputs.push_back(input(n));
        else if (n.is_type<g::parameter_decl>()) file.parameters.push_back(parameter(n));
        else if (n.is_type<g::definition_decl>()) file.definitions.push_back(definition(n));
        else if (n.is_type<g::exception_decl>()) file.exceptions.push_back(exception(n));
        else if (n.is_type<g::meter_decl>()) file.meters.push_back(meter(n));
        else if (n.is_type<g::meter_amendment>()) file.meter_amendments.push_back(meter_amendment(n));
        else if (n.is_type<g::projection_decl>()) file.projections.push_back(projection(n));
        else if (n.is_type<g::statements_decl>()) file.statements.push_back(statements(n));
        else if (n.is_type<g::outputs_decl>()) parse_outputs::read(*this, n, file.outputs);
        else if (n.is_type<g::example_decl>()) file.examples.push_back(example(n));
    }

    // enum_decl -> enum NAME '=' member { '|' member } [cite STRING]
    EnumDecl enumeration(const Node& n) {
        EnumDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        for (const auto& c : n.children)
            if (c->is_type<g::enum_member>()) d.members.push_back({span(*c), c->string()});
        d.cite = citation(n);
        return d;
    }

    // input_decl -> input NAME ':' type [by NAME] [cite STRING]
    InputDecl input(const Node& n) {
        InputDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        d.type = type_ref(*n.children.at(1));
        for (const auto& c : n.children)
            if (c->is_type<g::input_key>()) {
                d.key.span = span(*c->children.at(0));
                d.key.name = c->children.at(0)->string();
            }
        d.label = quoted<g::label_clause>(n);
        d.cite = citation(n);
        return d;
    }

    // parameter_decl -> parameter NAME ':' type value { value }
    //   value -> from DATE '=' expression [cite STRING]
    ParameterDecl parameter(const Node& n) {
        ParameterDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        d.type = type_ref(*n.children.at(1));
        d.label = quoted<g::label_clause>(n);
        for (std::size_t i = d.label.empty() ? 2 : 3; i < n.children.size(); ++i) {
            const Node& v = *n.children[i];
            ParameterValue pv;
            pv.span = span(v);
            pv.from = date(*v.children.at(0));
            pv.from_span = span(*v.children[0]);
            pv.value = expr(*v.children.at(1));
            pv.cite = citation(v);
            d.values.push_back(std::move(pv));
        }
        return d;
    }

    // definition_decl -> definition NAME ['(' [NAME ':' type { ',' NAME ':' type }] ')'] ':' type '=' body
    //                    [cite STRING]
    //   body -> expression | when expression ':' expression { when expression ':' expression }
    //           otherwise ':' expression
    DefinitionDecl definition(const Node& n) {
        DefinitionDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        for (const auto& c : n.children) {
            if (c->is_type<g::formals>()) {
                for (const auto& f : c->children)
                    d.formals.push_back({span(*f), f->children.at(0)->string(), type_ref(*f->children.at(1))});
            } else if (c->is_type<g::type_ref>()) {
                d.type = type_ref(*c);
            } else if (c->is_type<g::when_case>()) {
                d.cases.push_back({span(*c), expr(*c->children.at(0)), expr(*c->children.at(1))});
            } else if (c->is_type<g::otherwise_case>()) {
                d.cases.push_back({span(*c), nullptr, expr(*c->children.at(0))});
            } else if (!c->is_type<g::ident>() && !c->is_type<g::citation>() && !c->is_type<g::label_clause>()) {
                d.cases.push_back({span(*c), nullptr, expr(*c)}); // a plain body
            }
        }
        d.label = quoted<g::label_clause>(n);
        d.cite = citation(n);
        return d;
    }

    // exception_decl -> exception NAME [STRING] when expression ':' expression [cite STRING]
    ExceptionDecl exception(const Node& n) {
        ExceptionDecl d;
        d.span = span(n);
        d.target = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        std::size_t i = 1;
        if (n.children.at(i)->is_type<g::exception_label>()) d.label = unquote(n.children[i++]->string_view());
        d.condition = expr(*n.children.at(i));
        d.value = expr(*n.children.at(i + 1));
        d.cite = citation(n);
        return d;
    }

    // meter_decl -> meter NAME rate '=' expression [ceiling '=' expression] [keeps percentage] [accrues by whole weeks]
    //               [interest '=' expression] [accepts adjustments when expression] [cite STRING]
    MeterDecl meter(const Node& n) {
        MeterDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string(), d.name_span = span(*n.children[0]);
        d.label = quoted<g::label_clause>(n);
        d.rate = expr(*n.children.at(d.label.empty() ? 1 : 2));
        for (const auto& c : n.children) {
            if (c->is_type<g::meter_ceiling>()) d.ceiling = expr(*c->children.at(0));
            if (c->is_type<g::keeps_percentage>()) d.keeps_percentage = true;
            if (c->is_type<g::whole_weeks_clause>()) d.whole_weeks = true;
            if (c->is_type<g::meter_interest>()) d.interest = expr(*c->children.at(0));
            if (c->is_type<g::accepts_adjustments>()) d.accepts_adjustments = expr(*c->children.at(0)), d.refusal = quoted<g::adjustment_refusal>(*c);
        }
        d.cite = citation(n);
        return d;
    }

    // projection_decl -> projection NAME charge '=' expression budget '=' expression pays '=' expression
    //                    capital_used '=' expression [cite STRING]
    ProjectionDecl projection(const Node& n) {
        ProjectionDecl d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        d.charge = expr(*n.children.at(1));
        d.budget = expr(*n.children.at(2));
        d.pays = expr(*n.children.at(3));
        d.capital_used = expr(*n.children.at(4));
        d.cite = citation(n);
        return d;
    }

    // statements_decl -> statements NAME every_months '=' expression expected_within_months '=' expression
    //                    total_cost '=' expression living_costs '=' expression { caveat NAME '=' STRING }
    //                    [cite STRING]
    StatementsDecl statements(const Node& n) {
        StatementsDecl d;
        d.span = span(n);
        d.meter = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        d.every_months = expr(*n.children.at(1));
        d.expected_within_months = expr(*n.children.at(2));
        d.total_cost = expr(*n.children.at(3));
        d.living_costs = expr(*n.children.at(4));
        for (const auto& c : n.children)
            if (c->is_type<g::caveat_clause>())
                d.caveats.push_back({span(*c), c->children.at(0)->string(), unquote(c->children.at(1)->string_view())});
        d.cite = citation(n);
        return d;
    }

    // meter_amendment -> amend meter NAME clause { clause } [cite STRING]
    //   clause -> rate '=' expression | ceiling '=' expression | accepts adjustments when expression
    MeterAmendment meter_amendment(const Node& n) {
        MeterAmendment d;
        d.span = span(n);
        d.name = n.children.at(0)->string();
        d.name_span = span(*n.children[0]);
        auto clause = [&](const Node& c, ExprPtr& into, Span& where) {
            if (into) d.repeated.push_back(span(c));
            into = expr(*c.children.at(0));
            where = span(c);
        };
        for (const auto& c : n.children) {
            if (c->is_type<g::meter_rate>()) clause(*c, d.rate, d.rate_span);
            if (c->is_type<g::meter_ceiling>()) clause(*c, d.ceiling, d.ceiling_span);
            if (c->is_type<g::accepts_adjustments>()) clause(*c, d.accepts_adjustments, d.adjustments_span), d.refusal = quoted<g::adjustment_refusal>(*c);
        }
        d.cite = citation(n);
        return d;
    }

    // example_decl -> example STRING history (STRING | JSON_OBJECT) { expectation }
    ExampleDecl example(const Node& n) {
        ExampleDecl d;
        d.span = span(n);
        d.title = unquote(n.children.at(0)->string_view());
        const Node& source = *n.children.at(1)->children.at(0);
        d.history_span = span(source);
        if (source.is_type<g::history_file>()) d.history_path = unquote(source.string_view());
        else d.inline_history = source.string();
        for (std::size_t i = 2; i < n.children.size(); ++i) d.expectations.push_back(expectation(*n.children[i]));
        return d;
    }

    // lang/parse_expectations.h reads the forms of `expect`.
    Expectation expectation(const Node& n) { return build_expectation(*this, n); }

    void error(Span s, std::string message, std::string hint) {
        diagnostics.push_back(Diagnostic{Severity::error, std::move(s), std::move(message), std::move(hint), {}});
    }

    Diagnostics diagnostics;

private:
    bool too_tall_reported_ = false;
    std::shared_ptr<const SourceFile> source_;
    const std::uint32_t max_expression_height; // Limits::nesting_depth
    std::vector<std::size_t> line_starts_; // byte where each line begins
};

// Deeply nested text (thousands of brackets) must give an error, not exhaust the
// stack: PEGTL counts how deep its rules recurse and stops past this limit, which
// leaves room for about a hundred brackets inside one another.
constexpr std::size_t max_rule_depth = 1500;
template <typename> struct depth_limit : p::limit_depth<max_rule_depth> {};

template <typename Rule>
std::unique_ptr<Node> parse_at(const SourceFile& source, std::size_t byte, std::size_t& end_byte) {
    const char* begin = source.text.data();
    // Starting the input at its absolute byte keeps every position absolute.
    // The source is a view of the file's own name, which outlives the tree (nodes keep it).
    p::memory_input<p::tracking_mode::eager, p::eol::lf_crlf, std::string_view> in(
        begin + byte, begin + source.text.size(), std::string_view(source.name), byte, 1, 1);
    auto root = p::parse_tree::parse<Rule, g::selector, depth_limit, g::control>(in);
    end_byte = static_cast<std::size_t>(in.current() - begin);
    return root;
}

// Where parsing resumes after a syntax error: the first line, from the one
// holding `from` on, whose first word is a declaration keyword at or after `from`.
std::size_t resume_point(const std::string& text, std::size_t from) {
    std::size_t line = text.rfind('\n', from == 0 ? 0 : from - 1);
    line = line == std::string::npos ? 0 : line + 1;
    while (line < text.size()) {
        std::size_t word = text.find_first_not_of(" \t\r", line);
        if (word == std::string::npos) return text.size();
        if (word >= from && text[word] != '\n') {
            p::memory_input<> in(text.data() + word, text.data() + text.size(), "");
            if (p::parse<g::declaration_start>(in)) return word;
        }
        std::size_t next = text.find('\n', line);
        if (next == std::string::npos) return text.size();
        line = next + 1;
    }
    return text.size();
}

struct header_then_space : p::seq<g::header, g::_> {};
struct declaration_then_space : p::seq<g::declaration, g::_> {};

} // namespace

ParseResult parse_rule_file(std::shared_ptr<const SourceFile> source, std::size_t nesting_depth) {
    ParseResult result;
    Builder build(source, std::min(nesting_depth, Limits::max_nesting_depth));
    auto file = std::make_unique<RuleFile>();
    file->source = source;
    const std::string& text = source->text;

    auto syntax_error = [&](const p::parse_error& e) {
        std::size_t byte = e.positions().empty() ? 0 : e.positions().front().byte;
        std::string message(e.message());
        if (message == "maximum parser rule nesting depth exceeded")
            message = "this nests too deeply: more than about a hundred brackets or operators inside one another";
        build.error(build.span_at(caret_position(text, byte), byte + 1), message, "");
        if (std::string_view(e.message()).starts_with("expected `)`")) {
            if (auto open = unclosed_bracket(text, byte))
                build.diagnostics.back().notes.push_back(
                    {Severity::note, build.span_at(*open, *open + 1), "the `(` opened here is never closed", "", {}});
        }
    };

    std::size_t at = 0;
    try {
        std::size_t end = 0;
        auto root = parse_at<header_then_space>(*source, 0, end);
        if (!root || root->children.empty()) {
            build.error(build.span_at(0, 1), "a rule file starts with `rules NAME version \"...\"`", "");
            result.diagnostics = std::move(build.diagnostics);
            return result;
        }
        build.header(*root->children.at(0), file->header);
        at = end;
    } catch (const p::parse_error& e) {
        syntax_error(e);
        result.diagnostics = std::move(build.diagnostics);
        return result; // without a header nothing else can be understood
    }

    while (at < text.size() && build.diagnostics.size() < max_syntax_errors) {
        try {
            std::size_t end = 0;
            auto root = parse_at<declaration_then_space>(*source, at, end);
            if (!root) {
                std::size_t word_end = at;
                while (word_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[word_end])) || text[word_end] == '_'))
                    ++word_end;
                std::string near = closest_name(text.substr(at, word_end - at),
                                                {"enum", "input", "parameter", "definition", "exception", "meter",
                                                 "projection", "statements", "example"});
                build.error(build.span_at(at, std::max(word_end, at + 1)),
                            "this does not continue the declaration before it, and no declaration starts here",
                            near.empty() ? "a declaration starts with enum, input, parameter, definition, exception, "
                                           "meter, projection, statements or example"
                                         : "did you mean `" + near + "`?");
                at = resume_point(text, at + 1);
                continue;
            }
            for (const auto& decl : root->children) build.declaration(*decl, *file);
            at = end;
        } catch (const p::parse_error& e) {
            syntax_error(e);
            std::size_t byte = e.positions().empty() ? at : e.positions().front().byte;
            at = resume_point(text, std::max(byte, at + 1)); // always move forward
        }
    }
    result.file = std::move(file);
    result.diagnostics = std::move(build.diagnostics);
    return result;
}

} // namespace carecap
