// result_line_test.cpp: `carecap batch`'s lines (evaluate_to_line). The JSON line is written without a JSON
// tree and must be byte for byte the JSON result printed on one line; the compact line is checked against
// figures worked by hand.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/resolve.h"
#include "runtime/authorities/authority_rules.h"
#include "runtime/history/generate.h"
#include "runtime/reports/result.h"

#include <filesystem>

using namespace carecap;
namespace fs = std::filesystem;

namespace {

const fs::path source = CARECAP_SOURCE_DIR;

std::shared_ptr<const RuleSet> rules_at(const std::string& file) {
    LoadedRules loaded = load_rules((source / file).string());
    INFO(loaded.diagnostics);
    REQUIRE(loaded.rules);
    return loaded.rules;
}

// The JSON line and the tree printed on one line, for the same history: equal, errors and all.
void check_same(const RuleChoice& rules, const std::string& history, const std::vector<std::string>* figures) {
    JsonResult tree = figures ? evaluate_json(rules, history, *figures, "h") : evaluate_json(rules, history, "h");
    LineResult line = evaluate_to_line(rules, history, LineFormat::json, figures, "h");
    CHECK(line.ok == tree.ok);
    CHECK(line.errors == tree.errors);
    if (tree.ok) CHECK(line.line == json_text(tree.json, true));
}

} // namespace

TEST_CASE("the JSON line is the JSON result's text, under every kind of rule file") {
    // Meters only, the reform (statements, outputs, adjustments), the current rules, a trailblazer, and a
    // meter that accrues by whole weeks.
    for (const char* file : {"rules/minimal/cap.rules", "rules/england/reform.rules", "rules/england/current.rules",
                             "rules/england/trailblazers-april-2023.rules", "tests/bench/workload.rules"}) {
        INFO(file);
        auto rules = rules_at(file);
        for (std::uint64_t i = 0; i < 40; ++i) check_same(*rules, generate_history(3, i), nullptr);
    }
    auto reform = rules_at("rules/england/reform.rules");
    const std::vector<std::string> figures{"person_pays"};
    for (std::uint64_t i = 0; i < 10; ++i) check_same(*reform, generate_history(5, i), &figures);
}

TEST_CASE("the JSON line escapes text as the JSON result does") {
    auto rules = rules_at("rules/minimal/cap.rules");
    // A quote, a backslash, a tab, a control character, a pound sign and a character outside the BMP.
    const std::string history = R"({"carecap_history": 1, "person": {"id": "a\"b\\c\td\u0001e £ \ud83d\ude00"},
        "authority": "Anytown", "care_periods": [{"id": "c\n1", "start": "2023-10-02", "end": "2023-10-15",
        "setting": "residential", "budget": "independent", "weekly_cost": "700.00"}]})";
    check_same(*rules, history, nullptr);
}

TEST_CASE("the JSON line under rules chosen by authority") {
    AuthorityRulesLoad load = load_rules_with_registry((source / "rules/england/reform.rules").string(),
                                                       (source / "rules/authorities.json").string());
    REQUIRE(load.rules);
    std::string why;
    auto text = read_text_file((source / "examples/england/trailblazer-move.json").string(), 1 << 20, why);
    REQUIRE(text);
    check_same(*load.rules, *text, nullptr);
}

TEST_CASE("the compact line: the meters' totals and the chosen outputs' totals, worked by hand") {
    auto rules = rules_at("tests/bench/workload.rules");
    // At home from 2023-10-02 for 3 whole weeks at £300: £900 metered (3 x £300). Capital £20,000 gives
    // tariff income of £23 (23 steps of £250 above £14,250), so the person pays £150 + £23 = £173 a week:
    // 3 x £173 = £519.
    const std::string history = R"({"carecap_history": 1, "person": {"id": "tab\there"}, "authority": "A",
        "care_periods": [{"id": "c", "start": "2023-10-02", "end": "2023-10-22", "setting": "home",
          "budget": "independent", "weekly_cost": "300.00"}],
        "financial_assessments": [{"date": "2023-10-02", "capital": "20000.00",
          "income": [{"kind": "state_pension", "weekly": "150.00"}]}]})";
    // workload.rules declares one output, person_pays: another name is an error, not a column of dashes.
    const std::vector<std::string> wrong{"person_pays", "metered_rate"};
    LineResult r = evaluate_to_line(*rules, history, LineFormat::compact, &wrong, "h");
    CHECK(!r.ok);
    CHECK(!r.errors.empty());
    const std::vector<std::string> pays{"person_pays"};
    r = evaluate_to_line(*rules, history, LineFormat::compact, &pays, "h");
    REQUIRE(r.ok);
    CHECK(r.line == "tab\\there\t900.00\t-\t519.00\n");
    CHECK(r.first_meter_total == "900");
    CHECK(!r.first_meter_reached);
    // Without figures, the meters alone.
    r = evaluate_to_line(*rules, history, LineFormat::compact, nullptr, "h");
    REQUIRE(r.ok);
    CHECK(r.line == "tab\\there\t900.00\t-\n");
}
