// regression_test.cpp: one case per bug found while documenting the language;
// each failed before its fix. Figures are worked out by hand beside them.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"
#include "runtime/analyses/examples.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace carecap;
using testing::first_error;
using testing::header;

TEST_CASE("a parameter's value cannot be taken from another name") {
    std::string body = "definition d : money = £5\nparameter p : money\n  from 2023-10-01 = d\n";
    CHECK(first_error(header + body) == "a parameter's value must be written out, not taken from `d`");
}

TEST_CASE("a percentage is written with %; a percentage times a number stays a percentage") {
    CHECK(first_error(header + "parameter share : percent\n  from 2023-10-01 = 20\n") ==
          "the value of `share` must be a percentage, but this is a whole number");
    CHECK(first_error(header + "definition double_share : percent = 20% * 2\n") == "");
}

TEST_CASE("names that would hide others are refused") {
    CHECK(first_error(header + "input care_start : date\ndefinition today : date = care_start\n") ==
          "`today` is the day being worked out and cannot be declared");
    CHECK(first_error(header + "definition min : money = £1\n") == "`min` is a built-in function and cannot be declared");
    CHECK(first_error(header + "enum care_setting = residential | home\ndefinition home : money = £1\n") ==
          "`home` is a member of care_setting and also declared as another name");
}

TEST_CASE("two exceptions with one name in one file are an error, not a silent replacement") {
    std::string body = "input pays_accommodation_separately : bool\ndefinition x : money = £1\n"
                       "exception x \"rent\" when pays_accommodation_separately : £0\n"
                       "exception x \"rent\" when not pays_accommodation_separately : £2\n";
    CHECK(first_error(header + body) == "two exceptions to `x` in this file are both called \"rent\"");
}

TEST_CASE("a ceiling that reads the care is not worked out between care periods") {
    LoadResult loaded = testing::load_text(header + R"(
enum care_setting = residential | home
input setting : care_setting
definition ceiling_for_setting : money =
  when setting = home : £1,000
  otherwise : £2,000
meter m
  rate = £70 per week
  ceiling = ceiling_for_setting
)");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    // Two weeks at home with a week's gap between: 14 days at £10 a day = £140.
    History h = testing::history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "care_periods": [
        {"id": "1", "start": "2023-10-01", "end": "2023-10-07", "setting": "home", "budget": "personal", "weekly_cost": "1.00"},
        {"id": "2", "start": "2023-10-15", "end": "2023-10-21", "setting": "home", "budget": "personal", "weekly_cost": "1.00"}]})");
    Evaluation e = evaluate_history(*loaded.rules, h);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    CHECK(e.account->meters[0].total == Decimal(140));
}

TEST_CASE("a meter that reached its ceiling resumes when the ceiling rises") {
    LoadResult loaded = testing::load_text(header + R"(
parameter cap : money
  from 2023-10-01 = £100
  from 2023-10-15 = £200
meter m
  rate = £70 per week
  ceiling = cap
)");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    // £70 a week is £10 a day. £100 is reached on day 10 (2023-10-10). From 2023-10-15 the
    // ceiling is £200: £100 more at £10 a day takes 10 days, reached on 2023-10-24.
    History h = testing::history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2023-10-28", "setting": "home", "budget": "personal", "weekly_cost": "1.00"}]})");
    Evaluation e = evaluate_history(*loaded.rules, h);
    REQUIRE(e.account);
    const Account& a = *e.account;
    CHECK(a.meters[0].reached_on->to_string() == "2023-10-10");
    CHECK(a.total_at_end_of(0, *Date::parse("2023-10-14")) == Decimal(100));
    CHECK(a.total_at_end_of(0, *Date::parse("2023-10-19")) == Decimal(150)); // 100 + 5 days x 10
    CHECK(a.meters[0].total == Decimal(200));
    CHECK(a.stretches.back().meters[0].reached_on->to_string() == "2023-10-24");
}

TEST_CASE("an example's expected value is worked out on the example's date") {
    LoadResult loaded = testing::load_text(header + R"(
parameter cap : money
  from 2023-10-01 = £100
  from 2024-01-01 = £200
definition c : money = cap
example "the cap on a later date"
  history { "carecap_history": 1, "person": { "id": "t" }, "authority": "A", "care_periods": [] }
  expect c on 2024-05-01 = cap
  expect c on 2024-05-01 = £200
)");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    auto outcomes = run_examples(*loaded.rules);
    REQUIRE(outcomes.size() == 1);
    for (auto& f : outcomes[0].failures) FAIL_CHECK(f);
    CHECK(outcomes[0].passed);
}

TEST_CASE("an amended file beside a rule file named without a folder is found") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("carecap-amends-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "base.rules") << "rules t.base version \"1\"\n  in force from 2023-10-01\n";
    std::ofstream(dir / "change.rules") << "rules t.change version \"1\"\n  amends t.base in \"base.rules\"\n"
                                           "  in force from 2023-10-01\n";
    fs::path saved = fs::current_path();
    fs::current_path(dir);
    LoadResult loaded = load_rules_for_histories("change.rules");
    LoadResult missing = load_rules_for_histories("base-v2.rules");
    fs::current_path(saved);
    CHECK_MESSAGE(loaded.rules, render(loaded.diagnostics));
    REQUIRE(!missing.diagnostics.empty());
    CHECK(missing.diagnostics[0].message == "cannot read the rule file: no such file");
    fs::remove_all(dir);
}

TEST_CASE("`or` joins conditions") {
    // Found by trying the CLI: `or` reached the tree builder as an unexpected node.
    CHECK(first_error(header + "input pays_accommodation_separately : bool\n"
                               "definition d : bool = pays_accommodation_separately or not pays_accommodation_separately\n") == "");
}

TEST_CASE("a number too long to hold is an error, not a crash") {
    CHECK(first_error(header + "definition a : money = £11111111111111111111111111111111111111111\n") ==
          "this number has too many digits: at most 40 are allowed");
}

TEST_CASE("an expression too long for the later phases is an error, not a stack overflow") {
    std::string terms = "£1";
    for (int i = 0; i < 20000; ++i) terms += " + £1";
    CHECK(first_error(header + "definition a : money = " + terms + "\n") ==
          "this expression is nested too deeply: more than 256 operations inside one another (the limit nesting_depth)");
}

TEST_CASE("rule files are UTF-8; a byte-order mark is dropped") {
    CHECK(first_error("\xEF\xBB\xBF" + header) == "");
    CHECK(first_error(header + "definition a : money = \xA3" "1\n") == "this is not UTF-8 text");
    // The place is named as file:line:col (line 3 of header + definition; the byte 0xA3 is column 24),
    // though the line itself is not echoed.
    LoadResult latin1 = testing::load_text(header + "definition a : money = \xA3" "1\n");
    REQUIRE(!latin1.diagnostics.empty());
    CHECK(latin1.diagnostics[0].span.where() == "test.rules:3:24");
}

TEST_CASE("an example that expects nothing could never fail, so it is refused") {
    CHECK(first_error(header + "example \"nothing\"\n  history { \"carecap_history\": 1 }\n") ==
          "the example \"nothing\" expects nothing, so it could never fail");
}

TEST_CASE("dividing by a written zero is found before evaluation") {
    CHECK(first_error(header + "definition r : money = £1 / 0\n") == "division by zero");
}

TEST_CASE("an expected amount of money is written in pence") {
    std::string body = "definition c : money = £1\nexample \"e\"\n  history { \"carecap_history\": 1 }\n"
                       "  expect c = £85,998.571\n";
    CHECK(first_error(header + body) == "an amount of money has at most 2 decimal places (pence), not 3");
}

TEST_CASE("a definition's argument cannot hide an enumeration member") {
    CHECK(first_error(header + "enum care_setting = residential | home\n"
                               "definition is_home(home : care_setting) : bool = home = home\n") ==
          "the argument `home` has the name of a member of care_setting");
}

TEST_CASE("a file declares its statements once") {
    std::string meter = "input weekly_cost : money per week\nmeter m\n  rate = weekly_cost\n  ceiling = £100\n";
    std::string statements = "statements m\n  every_months = 6\n  expected_within_months = 12\n"
                             "  total_cost = weekly_cost\n  living_costs = £0 per week\n";
    CHECK(first_error(header + meter + statements + statements) == "a rule file declares its statements once");
}

TEST_CASE("adjustments reach only the first meter, and their inputs only its condition") {
    std::string meters = "input weekly_cost : money per week\ninput adjustment_amount : money\n"
                         "meter first\n  rate = weekly_cost\n  ceiling = £100\n";
    CHECK(first_error(header + meters + "meter second\n  rate = weekly_cost\n  ceiling = £100\n"
                                        "  accepts adjustments when adjustment_amount < £0\n") ==
          "only the first meter, the care account, receives the history's adjustments");
    CHECK(first_error(header + meters + "definition big : bool = adjustment_amount > £1,000\n") ==
          "`adjustment_amount` has a value only while an adjustment is considered");
}
