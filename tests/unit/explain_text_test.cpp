// explain_text_test.cpp: `carecap explain` as text, line by line. Every figure
// below is worked out by hand from the rules and the history, the arithmetic in
// a comment beside it; none is copied from the program's output.
#include "rules_helper.h"
#include "source_tree.h"

#include "runtime/explanation/explain_model.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace carecap;
using namespace carecap::testing;
namespace fs = std::filesystem;

namespace {

const fs::path source = CARECAP_SOURCE_DIR;

bool has_line(const std::string& text, const std::string& line) {
    std::istringstream lines(text);
    for (std::string l; std::getline(lines, l);)
        if (l == line) return true;
    return false;
}

// The text from the header of the stretch starting `first` to the next blank line.
std::string stretch(const std::string& text, const std::string& first) {
    auto at = text.find("\n" + first + " to ");
    if (at == std::string::npos) return "";
    auto end = text.find("\n\n", at + 1);
    return text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at);
}

std::string explain_minimal(const ExplainFilter& filter = {}) {
    LoadResult loaded = load_rules_for_histories((source / "rules/minimal/cap.rules").string());
    REQUIRE(loaded.rules);
    std::string text;
    JsonResult r = explain_text(*loaded.rules, read(source / "examples/minimal/three-periods.json"), text, "three-periods",
                                filter);
    for (auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.ok);
    return text;
}

// A small rule set that exercises what the minimal one does not: an exception, a
// definition with an argument, min(), `and`, `today`, a parameter that changes.
const std::string small_rules = header + R"(
enum care_setting = residential | home
enum budget_kind = personal | independent
input setting : care_setting
input budget : budget_kind
input weekly_cost : money per week

parameter cap_level : money
  from 2023-10-01 = £1,000
parameter share : percent
  from 2023-10-01 = 50%
  from 2023-10-15 = 25%
    cite "a share that falls on the 15th"

definition part(x : money per week) : money per week = x * share
  cite "part of a weekly amount"

definition weekly_rate : money per week =
  when budget = independent and setting = home : min(part(weekly_cost), £90 per week)
  otherwise : weekly_cost
  cite "what counts"

exception weekly_rate "first week free" when today < 2023-10-08 : £0 per week
  cite "an illustrative first free week"

meter care_account
  rate = weekly_rate
  ceiling = cap_level
  cite "the account"
)";

const std::string small_history = R"({ "carecap_history": 1, "person": { "id": "t" }, "authority": "Anytown",
  "care_periods": [ { "id": "p", "start": "2023-10-01", "end": "2023-10-28",
    "setting": "home", "budget": "independent", "weekly_cost": "300.00" } ] })";

std::string explain_small(const ExplainFilter& filter = {}) {
    LoadResult loaded = load_text(small_rules);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    std::string text;
    JsonResult r = explain_text(*loaded.rules, small_history, text, "small", filter);
    for (auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.ok);
    return text;
}

} // namespace

TEST_CASE("explain: the minimal cap's three periods, each figure worked with its operands' values") {
    std::string text = explain_minimal();
    std::string first = stretch(text, "2023-10-01");
    // Residential at £700 a week less £200 daily living costs: £500 a week.
    CHECK(has_line(first, "      max(weekly_cost - dlc_deduction, £0 per week)"));
    CHECK(has_line(first, "    = max(£700.00 per week - £200.00 per week, £0.00 per week)"));
    CHECK(has_line(first, "    = max(£500.00 per week, £0.00 per week)"));
    CHECK(has_line(first, "    = £500.00 per week"));
    // The case of dlc_deduction that applied, and the fact that chose it.
    CHECK(has_line(first, "      because setting = residential (setting is residential)"));
    // 364 days is 52 weeks: 52 x £500 = £26,000.
    CHECK(has_line(first, "  care_account accrues £500.00 per week x 364 days / 7 = £26,000.00; running total £26,000.00 of £86,000.00"));
    // The rule and the guidance behind the figure, on its line.
    // (The rules were loaded by their full path, so that is how they are named.)
    CHECK(has_line(first, "  counts towards the cap a week (metered_rate) = £500.00 per week  (" + (source / "rules/minimal/cap.rules").string() +
                              ":30)  [004, chapter 2: a self-funder meters what it would cost the authority, less DLCs]"));

    std::string second = stretch(text, "2024-09-29");
    // At home nothing is deducted: £400 - £0 = £400 a week.
    CHECK(has_line(second, "    = max(£400.00 per week - £0.00 per week, £0.00 per week)"));
    CHECK(has_line(second, "      not setting = residential (setting is home)"));
    CHECK(has_line(second, "      otherwise:"));
    // 182 days is 26 weeks: 26 x £400 = £10,400; £26,000 + £10,400 = £36,400.
    CHECK(has_line(second, "  care_account accrues £400.00 per week x 182 days / 7 = £10,400.00; running total £26,000.00 + £10,400.00 = £36,400.00 of £86,000.00"));
    // The cap is the same as on the first stretch: said once, not worked again.
    CHECK(has_line(second, "  as before: care account: the ceiling £86,000.00"));
    CHECK(second.find("(cap_level) = £86,000.00  (parameter") == std::string::npos);

    std::string third = stretch(text, "2025-03-30");
    // £910 - £200 = £710 a week. Room under the cap: £86,000 - £36,400 = £49,600. At £710/7 a day
    // the cap is reached on day ceil(49,600 x 7 / 710) = ceil(489.01) = 490, and day 1 is
    // 2025-03-30, so day 490 is 2025-03-30 + 489 days = 2026-08-01.
    CHECK(has_line(third, "    = max(£910.00 per week - £200.00 per week, £0.00 per week)"));
    CHECK(has_line(third, "  care_account: from £36,400.00 at £710.00 per week, the ceiling of £86,000.00 is reached on "
                          "2026-08-01, day 490 of this stretch: £49,600.00 accrues here, and nothing after"));
}

TEST_CASE("explain: exceptions, calls with arguments, min() and `today`, worked by hand") {
    std::string text = explain_small();
    std::string first = stretch(text, "2023-10-01");
    // On 2023-10-01, today < 2023-10-08: the first week is free.
    CHECK(has_line(first, "      by the exception \"first week free\", because today < 2023-10-08 (today is 2023-10-01)"));
    CHECK(has_line(first, "      £0 per week = £0.00 per week"));

    std::string second = stretch(text, "2023-10-08");
    CHECK(has_line(second, "      not the exception \"first week free\" (test.rules:25): it needs today < 2023-10-08 (today is 2023-10-08)"));
    CHECK(has_line(second, "      because budget = independent and setting = home (budget is independent, setting is home)"));
    // part(£300) = £300 x 50% = £150; min(£150, £90) = £90 a week.
    CHECK(has_line(second, "    = min(part(£300.00 per week), £90.00 per week)"));
    CHECK(has_line(second, "    = min(£150.00 per week, £90.00 per week)"));
    CHECK(has_line(second, "      x * share = £300.00 per week * 50.00% = £150.00 per week"));
    // One day at £90 a week: £90 / 7 = £12.857..., shown £12.86.
    CHECK(has_line(second, "  care_account accrues £90.00 per week x 1 day / 7 = £12.86; running total £12.86 of £1,000.00"));

    std::string third = stretch(text, "2023-10-09");
    // Six more days at £90 a week: £540 / 7 = £77.142..., shown £77.14; the total is 7 days
    // at £90 a week, exactly £90.00. Nothing else changed: today is still after the free week.
    CHECK(has_line(third, "  care_account accrues £90.00 per week x 6 days / 7 = £77.14; running total £12.86 + £77.14 = £90.00 of £1,000.00"));
    CHECK(has_line(third, "  every figure as before: care_account rate £90.00 per week, care_account ceiling £1,000.00"));

    std::string fourth = stretch(text, "2023-10-15");
    // The share falls to 25%: part(£300) = £75; min(£75, £90) = £75; 14 days is 2 weeks: £150.
    CHECK(has_line(fourth, "      x * share = £300.00 per week * 25.00% = £75.00 per week"));
    CHECK(has_line(fourth, "  share = 25.00%  (parameter, value from 2023-10-15, test.rules:14)  [a share that falls on the 15th]"));
    CHECK(has_line(fourth, "  care_account accrues £75.00 per week x 14 days / 7 = £150.00; running total £90.00 + £150.00 = £240.00 of £1,000.00"));
    // Only what changed is worked again; the ceiling is as before.
    CHECK(fourth.find("care_account ceiling £1,000.00") != std::string::npos);
    CHECK(fourth.find("cap_level = £1,000.00") == std::string::npos);
}

TEST_CASE("explain --figure: one figure and what it rests on; --on: one stretch") {
    std::string text = explain_minimal({"dlc_deduction", ""});
    CHECK(text.find("metered_rate") == std::string::npos);
    CHECK(text.find("care_account accrues") == std::string::npos);
    CHECK(has_line(stretch(text, "2023-10-01"), "      because setting = residential (setting is residential)"));

    text = explain_minimal({"", "2024-10-01"});
    CHECK(stretch(text, "2023-10-01").empty());
    CHECK(stretch(text, "2025-03-30").empty());
    // A stretch explained alone is worked in full: nothing there is "as before".
    CHECK(has_line(stretch(text, "2024-09-29"), "  the cap on care costs (cap_level) = £86,000.00  (parameter, value from 2023-10-01, " +
                                                    (source / "rules/minimal/cap.rules").string() + ":18)  [004, chapter 2: the cap will be set at £86,000 in October 2023]"));
    CHECK(text.find("Care account statements") == std::string::npos);

    // Nothing reads daily_living_costs at home; asked for, it is worked out on its own: £200 a week.
    text = explain_minimal({"daily_living_costs", "2024-10-01"});
    CHECK(stretch(text, "2024-09-29").find("  daily living costs (daily_living_costs) = £200.00 per week  (parameter, value from 2021-04-01") !=
          std::string::npos);

    text = explain_minimal({"care_account", "2026-01-01"});
    CHECK(text.find("is reached on 2026-08-01") != std::string::npos);
}

TEST_CASE("explain: a figure or a day that is not there is a clear error") {
    LoadResult loaded = load_rules_for_histories((source / "rules/minimal/cap.rules").string());
    REQUIRE(loaded.rules);
    std::string history = read(source / "examples/minimal/three-periods.json");
    auto errors = [&](const ExplainFilter& filter) {
        std::string text;
        JsonResult r = explain_text(*loaded.rules, history, text, "h", filter);
        CHECK_FALSE(r.ok);
        CHECK(text.empty());
        REQUIRE(r.errors.size() == 1);
        JsonResult j = explain_json(*loaded.rules, history, filter, "h");
        CHECK_FALSE(j.ok);
        CHECK(j.errors == r.errors);
        return r.errors.front();
    };
    CHECK(errors({"metred_rate", ""}) ==
          "--figure metred_rate: no meter, definition, parameter or input of demo.minimal_cap is called that; "
          "did you mean `metered_rate`?");
    CHECK(errors({"something_else", ""}) ==
          "--figure something_else: no meter, definition, parameter or input of demo.minimal_cap is called that");
    // The history runs from the first day of care, 2023-10-01, to its as_of date, 2027-03-27.
    CHECK(errors({"", "2030-01-01"}) == "--on 2030-01-01: outside the history, which runs from 2023-10-01 to 2027-03-27");
    CHECK(errors({"", "2023-09-30"}) == "--on 2023-09-30: outside the history, which runs from 2023-10-01 to 2027-03-27");
    CHECK(errors({"", "2023-02-30"}) == "--on 2023-02-30: not a date of the form YYYY-MM-DD");
    // Both at once: both are reported.
    std::string text;
    JsonResult r = explain_text(*loaded.rules, history, text, "h", {"metred_rate", "1 May"});
    CHECK(r.errors.size() == 2);
}

TEST_CASE("explain: recording the steps leaves plain evaluation alone") {
    // A sink that does not ask for steps gets none, and eval_steps() still gives the value.
    struct Quiet : TraceSink {
        void definition(const DefinitionDecl&, std::span<const Value>, const Value&, const Case*,
                        const ExceptionDecl*) override {}
        void parameter(const ParameterDecl&, const ParameterValue&, Date) override {}
        void input(const InputDecl&, const Value&) override {}
    } quiet;
    LoadResult loaded = load_text(small_rules);
    REQUIRE(loaded.rules);
    History h = history(small_history);
    HistoryState state = history_state_on(h, *Date::parse("2023-10-20"));
    Evaluator evaluator({*loaded.rules, h, state, *Date::parse("2023-10-20")}, &quiet);
    Step step = evaluator.eval_steps(*loaded.rules->meters.at("care_account")->rate);
    // 2023-10-20: share is 25%, part(£300) = £75, min(£75, £90) = £75.
    CHECK(std::get<Decimal>(step.value) == Decimal(75));
    CHECK(step.operands.empty());
}
