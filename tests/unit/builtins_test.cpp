// builtins_test.cpp: the built-in functions, through rule files, against hand-worked figures.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"

using namespace carecap;

namespace {

// Evaluates definition `name` of `body` on 2023-10-01 with a care period in force.
Value value_of(const std::string& body, const std::string& name) {
    LoadResult loaded = testing::load_text(testing::header + body);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History h = testing::history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2023-10-31", "setting": "home", "budget": "personal", "weekly_cost": "100.00"}],
      "financial_assessments": [{"date": "2023-10-01", "capital": "15751.00"}]})");
    HistoryState state = history_state_on(h, *Date::parse("2023-10-01"));
    Evaluator evaluator({*loaded.rules, h, state, *Date::parse("2023-10-01")});
    return evaluator.definition(*loaded.rules->definitions.at(name));
}

const std::string tariff = R"(
input capital : money
parameter lower_capital_limit : money
  from 2010-04-01 = £14,250
definition tariff_income : money per week =
  when capital <= lower_capital_limit : £0 per week
  otherwise : £1 per week * round_up((capital - lower_capital_limit) / £250, 1)
)";

} // namespace

TEST_CASE("tariff income: £1 a week for every £250 or part of £250 (rounded up)") {
    // £15,751 - £14,250 = £1,501; 1,501 / 250 = 6.004, rounded up to 7: £7 a week.
    CHECK(std::get<Decimal>(value_of(tariff, "tariff_income")) == Decimal(7));
}

TEST_CASE("rounding names its step and direction") {
    // 1,501 to a step of £250: up 1,750; down 1,500; nearest 1,500 (1,501 is 1 past 1,500).
    std::string body = "definition up : money = round_up(£1,501, £250)\n"
                       "definition down : money = round_down(£1,501, £250)\n"
                       "definition nearest : money = round_nearest(£1,625, £250)\n"
                       "definition even : money = round_half_even(£1,625, £250)\n";
    CHECK(std::get<Decimal>(value_of(body, "up")) == Decimal(1750));
    CHECK(std::get<Decimal>(value_of(body, "down")) == Decimal(1500));
    // 1,625 is halfway between 1,500 (6 steps) and 1,750 (7 steps): half_up goes away from zero
    // to 1,750; half_even goes to the even step count, 6, that is 1,500.
    CHECK(std::get<Decimal>(value_of(body, "nearest")) == Decimal(1750));
    CHECK(std::get<Decimal>(value_of(body, "even")) == Decimal(1500));
}

TEST_CASE("periods: per_day, pro_rata, whole weeks, years between") {
    std::string body = "definition daily : money per day = per_day(£700 per week)\n"
                       "definition part : money = pro_rata(£700, 3 days, 7 days)\n"
                       "definition weeks_done : integer = whole_weeks(20 days)\n"
                       "definition age : integer = years_between(1948-05-17, 2023-10-01)\n"
                       "definition age_eve : integer = years_between(1948-10-02, 2023-10-01)\n";
    CHECK(std::get<Decimal>(value_of(body, "daily")) == Decimal(100));       // 700 / 7
    CHECK(std::get<Decimal>(value_of(body, "part")) == Decimal(300));        // 700 x 3 / 7
    CHECK(std::get<Decimal>(value_of(body, "weeks_done")) == Decimal(2));    // 20 days = 2 weeks and 6 days
    CHECK(std::get<Decimal>(value_of(body, "age")) == Decimal(75));          // 2023 - 1948, birthday passed
    CHECK(std::get<Decimal>(value_of(body, "age_eve")) == Decimal(74));      // the day before the 75th birthday
}

TEST_CASE("min and max keep the type of their arguments") {
    std::string body = "definition low : money per week = min(£500 per week, £420 per week, £610 per week)\n"
                       "definition late : date = max(2023-10-01, 2024-04-01)\n";
    CHECK(std::get<Decimal>(value_of(body, "low")) == Decimal(420));
    CHECK(std::get<Date>(value_of(body, "late")).to_string() == "2024-04-01");
}

TEST_CASE("a zero rounding step is an evaluation error at the call, not a crash") {
    std::string body = "parameter step : money\n  from 2023-10-01 = £0\ndefinition x : money = round_up(£10, step)\n";
    CHECK_THROWS_WITH_AS(value_of(body, "x"), "round_up: the rounding step must be more than zero, found 0", EvalError);
}

TEST_CASE("add_months keeps the day, or takes the month's last day") {
    std::string body = "definition a : date = add_months(2023-10-31, 4)\n"
                       "definition b : date = add_months(2023-10-31, 8)\n"
                       "definition c : date = add_years(2024-02-29, 1)\n";
    // 2023-10-31 + 4 months: February 2024 has 29 days: 2024-02-29. + 8 months: 2024-06-30.
    // 2024-02-29 + 1 year: 2025 has no 29 February: 2025-02-28.
    CHECK(std::get<Date>(value_of(body, "a")).to_string() == "2024-02-29");
    CHECK(std::get<Date>(value_of(body, "b")).to_string() == "2024-06-30");
    CHECK(std::get<Date>(value_of(body, "c")).to_string() == "2025-02-28");
}
