// parse_test.cpp: phase 1 builds the syntax tree the language promises.
#include <doctest/doctest.h>

#include "lang/parse.h"

using namespace carecap;

namespace {

ParseResult parse(const std::string& text) {
    auto source = std::make_shared<SourceFile>();
    source->name = "t.rules";
    source->text = text;
    return parse_rule_file(source);
}

const std::string header = "rules t.x version \"2\"\n  amends t.base in \"base.rules\"\n  in force from 2023-10-01\n"
                           "  source \"guidance\"\n";

} // namespace

TEST_CASE("the header names the rule set, its version, what it amends and when it is in force") {
    ParseResult r = parse(header);
    REQUIRE(r.file);
    CHECK(r.diagnostics.empty());
    CHECK(r.file->header.name == "t.x");
    CHECK(r.file->header.version == "2");
    CHECK(r.file->header.amends_name == "t.base");
    CHECK(r.file->header.amends_path == "base.rules");
    CHECK(r.file->header.in_force.to_string() == "2023-10-01");
    CHECK(r.file->header.source == "guidance");
}

TEST_CASE("literals: money with thousands, rates, durations in days, percentages") {
    ParseResult r = parse(header + "parameter p : money\n  from 2023-10-01 = £86,000.50\n"
                                   "definition a : money per week = £200 per week\n"
                                   "definition b : duration = 12 weeks\n"
                                   "definition c : percent = 20%\n");
    REQUIRE(r.diagnostics.empty());
    CHECK(std::get<Decimal>(r.file->parameters[0].values[0].value->literal) == Decimal::ratio(172001, 2)); // 86,000.50
    const Expr& a = *r.file->definitions[0].cases[0].value;
    CHECK(a.literal_type == Type::rate_per(Per::week));
    CHECK(std::get<Decimal>(a.literal) == Decimal(200));
    // 12 weeks are 12 x 7 = 84 days.
    CHECK(std::get<Decimal>(r.file->definitions[1].cases[0].value->literal) == Decimal(84));
    // 20% is 20 / 100 = 1/5.
    CHECK(std::get<Decimal>(r.file->definitions[2].cases[0].value->literal) == Decimal::ratio(1, 5));
}

TEST_CASE("precedence: * binds tighter than +, and - is left associative") {
    ParseResult r = parse(header + "definition a : money = £1 + £2 * 3 - £4\n");
    REQUIRE(r.diagnostics.empty());
    const Expr& e = *r.file->definitions[0].cases[0].value; // ((1 + (2 * 3)) - 4)
    REQUIRE(e.kind == ExprKind::binary);
    CHECK(e.op == BinaryOp::subtract);
    const Expr& left = *e.children[0];
    CHECK(left.op == BinaryOp::add);
    CHECK(left.children[1]->op == BinaryOp::multiply);
}

TEST_CASE("cases keep their order and end with otherwise") {
    ParseResult r = parse(header + "definition a : money =\n  when x : £1\n  when y : £2\n  otherwise : £3\n");
    REQUIRE(r.diagnostics.empty());
    const auto& cases = r.file->definitions[0].cases;
    REQUIRE(cases.size() == 3);
    CHECK(cases[0].condition->name == "x");
    CHECK(cases[2].condition == nullptr);
}

TEST_CASE("every node has a span pointing at its text") {
    ParseResult r = parse(header + "definition a : money =\n  cap_level - £1\n");
    REQUIRE(r.diagnostics.empty());
    const Expr& e = *r.file->definitions[0].cases[0].value;
    CHECK(e.span.line == 6);
    CHECK(e.span.column == 3);
    CHECK(e.span.text() == "cap_level - £1");
    CHECK(e.children[0]->span.text() == "cap_level");
}

TEST_CASE("syntax errors: each message has its own place, and parsing goes on") {
    ParseResult r = parse(header + "definition a : money = £\ndefinition b = £1\nenum e = \n");
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].message.find("expected an amount after `£`") == 0);
    CHECK(r.diagnostics[0].span.line == 5);
    CHECK(r.diagnostics[1].message == "expected `:`");
    CHECK(r.diagnostics[1].span.line == 6);
    CHECK(r.diagnostics[2].message == "expected the name of a member of the enumeration");
}

TEST_CASE("a file without a header is one clear error") {
    ParseResult r = parse("parameter p : money\n  from 2023-10-01 = £1\n");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("a rule file starts with `rules NAME version") == 0);
    CHECK(r.file == nullptr);
}
