// formula_reparse_test.cpp: every formula explain can print, for every rule file of the
// repository, parses again as the expression it came from. A formula printed with a
// bracket missing (`max(a, b` for `max(a, b)`) or with a comment swallowed into it would not.
#include <doctest/doctest.h>

#include "source_tree.h"

#include "lang/parse.h"
#include "runtime/explanation/explain_steps.h"

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace carecap;

namespace {

std::vector<fs::path> rule_files_of_the_repository() {
    std::vector<fs::path> out;
    for (const char* top : {"rules", "examples", "tests", "docs"})
        for (const auto& entry : fs::recursive_directory_iterator(top))
            if (entry.is_regular_file() && entry.path().extension() == ".rules") out.push_back(entry.path());
    return out;
}

// Every expression of the file, its sub-expressions included: explain prints each of them
// (a definition's body, and each operand as it substitutes values level by level).
void collect(const Expr* e, std::vector<const Expr*>& out) {
    if (!e) return;
    out.push_back(e);
    for (const ExprPtr& child : e->children) collect(child.get(), out);
}

std::vector<const Expr*> expressions_of(const RuleFile& f) {
    std::vector<const Expr*> out;
    for (const ParameterDecl& p : f.parameters)
        for (const ParameterValue& v : p.values) collect(v.value.get(), out);
    for (const DefinitionDecl& d : f.definitions)
        for (const Case& c : d.cases) {
            collect(c.condition.get(), out);
            collect(c.value.get(), out);
        }
    for (const ExceptionDecl& x : f.exceptions) {
        collect(x.condition.get(), out);
        collect(x.value.get(), out);
    }
    for (const MeterDecl& m : f.meters)
        for (const Expr* e : {m.rate.get(), m.ceiling.get(), m.interest.get(), m.accepts_adjustments.get()})
            collect(e, out);
    for (const MeterAmendment& m : f.meter_amendments)
        for (const Expr* e : {m.rate.get(), m.ceiling.get(), m.accepts_adjustments.get()}) collect(e, out);
    for (const ProjectionDecl& p : f.projections)
        for (const Expr* e : {p.charge.get(), p.budget.get(), p.pays.get(), p.capital_used.get()}) collect(e, out);
    for (const StatementsDecl& s : f.statements)
        for (const Expr* e : {s.total_cost.get(), s.living_costs.get()}) collect(e, out);
    return out;
}

ParseResult parse_text(const std::string& name, const std::string& text) {
    auto source = std::make_shared<SourceFile>();
    source->name = name;
    source->text = text;
    return parse_rule_file(source);
}

// The printed formula as the body of a definition of its own: the parse must take all of it,
// giving an expression whose own text is the formula again.
void check_reparses(const fs::path& file, const Expr& e) {
    std::string printed = formula_text(e);
    ParseResult again = parse_text("reparsed.rules", "rules t version \"1\"\n  in force from 2023-10-01\n"
                                                     "definition reparsed : decimal =\n" + printed + "\n");
    INFO(file.string() << ":" << e.span.line << ": " << printed);
    REQUIRE(again.file);
    CHECK(again.diagnostics.empty());
    REQUIRE(again.file->definitions.size() == 1);
    REQUIRE(again.file->definitions[0].cases.size() == 1);
    CHECK(formula_text(*again.file->definitions[0].cases[0].value) == printed);
}

} // namespace

TEST_CASE("every formula explain prints from every rule file of the repository parses again") {
    carecap::testing::InSourceTree here;
    std::size_t files = 0, formulas = 0;
    for (const fs::path& file : rule_files_of_the_repository()) {
        ParseResult parsed = parse_text(file.string(), carecap::testing::read(file));
        if (!parsed.file || !parsed.diagnostics.empty()) continue; // files with syntax errors on purpose
        ++files;
        for (const Expr* e : expressions_of(*parsed.file)) {
            check_reparses(file, *e);
            ++formulas;
        }
    }
    MESSAGE(formulas << " formulas from " << files << " rule files");
    CHECK(files > 40);
    CHECK(formulas > 1000);
}

TEST_CASE("a formula that ends in brackets keeps them") {
    ParseResult r = parse_text("t.rules", "rules t version \"1\"\n  in force from 2023-10-01\n"
                                          "definition a : decimal = max(1, 2) + (3 * (1 + 4))  # a comment (\n"
                                          "definition b : decimal = max(1,\n  (2))\n");
    REQUIRE(r.diagnostics.empty());
    CHECK(formula_text(*r.file->definitions[0].cases[0].value) == "max(1, 2) + (3 * (1 + 4))");
    CHECK(formula_text(*r.file->definitions[1].cases[0].value) == "max(1, (2))");
}
