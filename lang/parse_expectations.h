// parse_expectations.h: the syntax tree of an example's `expect` lines to Expectation. Private to
// lang/ (parse.cpp alone includes it); a template over parse.cpp's builder, which gives spans,
// dates and expressions, so that the builder can stay inside parse.cpp.
#pragma once

#include "lang/ast.h"
#include "lang/grammar.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <string>

namespace carecap::parse_expectations {

namespace g = grammar;
using Node = tao::pegtl::parse_tree::node;

// A count written in digits; more than 9 digits is past every limit, so it stays at the largest
// and the checker or the run refuses it.
inline std::int64_t whole_number(const Node& n) {
    std::string digits = n.string();
    return digits.size() > 9 ? 999'999'999 : std::stoll(digits);
}

template <typename Builder>
ExprPtr name_expr(Builder& b, const Node& ident) {
    auto e = std::make_unique<Expr>();
    e->span = b.span(ident);
    e->name = ident.string();
    e->kind = ExprKind::name;
    return e;
}

// expect_statement: [statement_date, what]
template <typename Builder>
Expectation statement(Builder& b, Span whole, const Node& n) {
    Expectation x;
    x.span = std::move(whole);
    x.kind = ExpectKind::statement;
    x.on = b.date(*n.children.at(0));
    const Node& what = *n.children.at(1);
    if (what.is_type<g::statement_issued>()) {
        x.statement_aspect = StatementAspect::issued;
        if (!what.children.empty()) x.issued_by = Builder::unquote(what.children[0]->string_view());
    } else if (what.is_type<g::statement_not_issued>()) {
        x.statement_aspect = StatementAspect::not_issued;
    } else if (what.is_type<g::statement_expected_on>()) {
        x.statement_aspect = StatementAspect::expected_on;
        x.expected_date = b.date(*what.children.at(0));
    } else if (what.is_type<g::statement_expected_not_shown>()) {
        x.statement_aspect = StatementAspect::expected_not_shown;
    } else { // statement_item: [ident, expression]
        x.statement_aspect = StatementAspect::item;
        x.item = what.children.at(0)->string();
        x.item_span = b.span(*what.children[0]);
        x.expected = b.expr(*what.children.at(1));
    }
    return x;
}

// expect_projection: [projection_name?, projection_from, projection_weeks, projection_age?, what]
template <typename Builder>
Expectation projection(Builder& b, Span whole, const Node& n) {
    Expectation x;
    x.span = std::move(whole);
    x.kind = ExpectKind::projection;
    std::size_t i = 0;
    if (n.children.at(0)->is_type<g::projection_name>()) {
        x.projection = n.children[0]->string();
        x.projection_span = b.span(*n.children[i++]);
    }
    x.on = b.date(*n.children.at(i++)->children.at(0));
    x.weeks = whole_number(*n.children.at(i++)->children.at(0));
    if (n.children.at(i)->is_type<g::projection_age>()) x.age = whole_number(*n.children[i++]->children.at(0));
    const Node& what = *n.children.at(i);
    x.item = what.children.at(0)->string();
    x.item_span = b.span(*what.children[0]);
    if (what.is_type<g::projection_meter_reached>()) {
        x.projection_aspect = ProjectionAspect::reached_on;
        x.subject = name_expr(b, *what.children[0]);
        x.expected_date = b.date(*what.children.at(1));
    } else if (what.is_type<g::projection_meter_not_reached>()) {
        x.projection_aspect = ProjectionAspect::not_reached;
        x.subject = name_expr(b, *what.children[0]);
    } else { // projection_figure: [ident, expression]
        x.projection_aspect = ProjectionAspect::figure;
        x.expected = b.expr(*what.children.at(1));
    }
    return x;
}

// expect_about_subject: [subject, what]: a definition, parameter or input, or a meter.
template <typename Builder>
Expectation about_subject(Builder& b, Span whole, const Node& n) {
    Expectation x;
    x.span = std::move(whole);
    const Node& subj = *n.children.at(0);
    x.subject = name_expr(b, *subj.children.at(0));
    x.subject->span = b.span(subj);
    if (subj.children.size() > 1) {
        x.subject->kind = ExprKind::call;
        for (const auto& arg : subj.children[1]->children) x.subject->children.push_back(b.expr(*arg));
    }
    const Node& what = *n.children.at(1);
    if (what.is_type<g::expect_accrued>()) {
        const Node& when = *what.children.at(0);
        if (when.is_type<g::accrued_on>()) {
            x.kind = ExpectKind::accrued_on;
            x.on = b.date(*when.children.at(0));
        } else {
            x.kind = ExpectKind::accrued_between;
            x.from = b.date(*when.children.at(0));
            x.to = b.date(*when.children.at(1));
        }
        x.expected = b.expr(*what.children.at(1));
    } else if (what.is_type<g::expect_reached>()) {
        x.kind = ExpectKind::reached_on;
        x.on = b.date(*what.children.at(0));
    } else if (what.is_type<g::expect_not_reached>()) {
        x.kind = ExpectKind::not_reached;
    } else { // expect_value: [value_on?, expression]
        x.kind = ExpectKind::value;
        std::size_t i = 0;
        if (what.children.at(0)->is_type<g::value_on>()) x.on = b.date(*what.children[i++]->children.at(0));
        x.expected = b.expr(*what.children.at(i));
    }
    return x;
}

} // namespace carecap::parse_expectations

namespace carecap {

// expectation: [expect_statement | expect_projection | expect_about_subject]
template <typename Builder>
Expectation build_expectation(Builder& b, const tao::pegtl::parse_tree::node& n) {
    const auto& form = *n.children.at(0);
    if (form.is_type<grammar::expect_statement>()) return parse_expectations::statement(b, b.span(n), form);
    if (form.is_type<grammar::expect_projection>()) return parse_expectations::projection(b, b.span(n), form);
    return parse_expectations::about_subject(b, b.span(n), form);
}

} // namespace carecap
