// meter_test.cpp: accrual, the ceiling day, rescaling and adjustments, against
// figures worked out by hand (the arithmetic is beside each one).
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"

using namespace carecap;
using carecap::testing::history;

namespace {

const std::string minimal_rules = testing::header + R"(
enum care_setting = residential | home
enum budget_kind = personal | independent
input setting : care_setting
input weekly_cost : money per week
parameter cap_level : money
  from 2023-10-01 = £86,000
  from 2025-04-01 = £90,000
parameter daily_living_costs : money per week
  from 2021-04-01 = £200 per week
definition metered_rate : money per week =
  when setting = residential : max(weekly_cost - daily_living_costs, £0 per week)
  otherwise : weekly_cost
meter care_account
  rate = metered_rate
  ceiling = cap_level
  keeps percentage
)";

Account evaluate(const RuleSet& rules, const History& h) {
    Evaluation e = evaluate_history(rules, h);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    return std::move(*e.account);
}

} // namespace

TEST_CASE("three care periods; the cap is reached in the middle of the third") {
    // Without the 2025 uprating: the rules of rules/minimal/cap.rules.
    std::string rules_text = minimal_rules;
    rules_text.erase(rules_text.find("  from 2025-04-01 = £90,000\n"), 28);
    LoadResult loaded = testing::load_text(rules_text);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History h = history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A", "care_periods": [
      {"id": "1", "start": "2023-10-01", "end": "2024-09-28", "setting": "residential", "budget": "independent", "weekly_cost": "700.00"},
      {"id": "2", "start": "2024-09-29", "end": "2025-03-29", "setting": "home", "budget": "independent", "weekly_cost": "400.00"},
      {"id": "3", "start": "2025-03-30", "end": "2027-03-27", "setting": "residential", "budget": "independent", "weekly_cost": "910.00"}]})");
    Account a = evaluate(*loaded.rules, h);
    REQUIRE(a.stretches.size() == 3);
    // Period 1: 2023-10-01..2024-09-28 is 364 days = 52 weeks; (£700 - £200) x 52 = £26,000.
    CHECK(a.stretches[0].meters[0].accrued == Decimal(26000));
    // Period 2: 182 days = 26 weeks at home, nothing deducted: £400 x 26 = £10,400. Total £36,400.
    CHECK(a.stretches[1].meters[0].accrued == Decimal(10400));
    // Period 3: £910 - £200 = £710 a week = £710/7 a day. Room left: £86,000 - £36,400 = £49,600.
    // Days needed: ceil(49,600 / (710/7)) = ceil(347,200 / 710) = ceil(489.01...) = 490,
    // so the cap is reached on day 490: 2025-03-30 + 489 days = 2026-08-01.
    CHECK(a.stretches[2].meters[0].accrued == Decimal(49600));
    REQUIRE(a.meters[0].reached_on);
    CHECK(a.meters[0].reached_on->to_string() == "2026-08-01");
    // After 489 days: £36,400 + 489 x 710/7 = £36,400 + £347,190/7 = 601,990/7 = £85,998.571...
    CHECK(a.total_at_end_of(0, *Date::parse("2026-07-31")) == Decimal::ratio(601990, 7));
    CHECK(a.total_at_end_of(0, *Date::parse("2026-08-01")) == Decimal(86000));
}

TEST_CASE("a new ceiling keeps progress as a percentage") {
    LoadResult loaded = testing::load_text(minimal_rules);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    // At home at £500 a week from 2023-10-01: by 2025-03-31 that is 548 days
    // (2023-10-01..2024-09-30 is 366 days, 2024-10-01..2025-03-31 is 182 days),
    // £500/7 x 548 = £274,000/7 = £39,142.857...
    // On 2025-04-01 the cap rises from £86,000 to £90,000: the share 274,000/7 / 86,000
    // is kept, so the total becomes 274,000/7 x 90,000/86,000 = 24,660,000,000 / 602,000
    // = 1,233,000/30.1 ... exactly (274,000 x 90,000) / (7 x 86,000) = 24,660,000,000/602,000.
    History h = history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A", "as_of": "2025-04-01",
      "care_periods": [{"id": "1", "start": "2023-10-01", "setting": "home", "budget": "independent", "weekly_cost": "500.00"}]})");
    Account a = evaluate(*loaded.rules, h);
    Decimal before = Decimal::ratio(274000, 7);
    CHECK(a.total_at_end_of(0, *Date::parse("2025-03-31")) == before);
    Decimal rescaled = Decimal::ratio(24660000000, 602000);
    // and one more day at £500/7 on 2025-04-01
    CHECK(a.meters[0].total == rescaled + Decimal::ratio(500, 7));
    CHECK(a.meters[0].ceiling == Decimal(90000));
}

TEST_CASE("adjustments change the total on their date and are recorded") {
    LoadResult loaded = testing::load_text(minimal_rules);
    REQUIRE(loaded.rules);
    // 14 days at home at £700 a week = £1,400; an adjustment of -£300 on day 8
    // (2023-10-08) takes it to £1,100 by the end of 2023-10-14.
    History h = history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2023-10-14", "setting": "home", "budget": "independent", "weekly_cost": "700.00"}],
      "adjustments": [{"date": "2023-10-08", "amount": "-300.00", "reason": "8 weeks in hospital"}]})");
    Account a = evaluate(*loaded.rules, h);
    CHECK(a.meters[0].total == Decimal(1100));
    // By the end of 2023-10-07: 7 days at £100 = £700; the adjustment applies from 2023-10-08.
    CHECK(a.total_at_end_of(0, *Date::parse("2023-10-07")) == Decimal(700));
    bool recorded = false;
    for (auto& e : a.meters[0].events) recorded |= e.kind == MeterEvent::Kind::adjusted && e.after == Decimal(400);
    CHECK(recorded); // £700 - £300 = £400 right after the adjustment
}

TEST_CASE("the number of stretches follows the changes, not the length") {
    LoadResult loaded = testing::load_text(minimal_rules);
    REQUIRE(loaded.rules);
    for (const char* end : {"2024-09-28", "2043-09-28"}) {
        History h = history(std::string(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
          "care_periods": [{"id": "1", "start": "2023-10-01", "end": ")") + end +
                            R"(", "setting": "home", "budget": "independent", "weekly_cost": "10.00"}]})");
        Account a = evaluate(*loaded.rules, h);
        // Cut at 2025-04-01 (the cap's new value) only when the care reaches it.
        CHECK(a.stretches.size() == (std::string(end) == "2024-09-28" ? 1u : 2u));
    }
}

TEST_CASE("a word the rules do not know is reported with its JSON path") {
    LoadResult loaded = testing::load_text(minimal_rules);
    REQUIRE(loaded.rules);
    History h = history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2023-10-02", "setting": "hospital", "budget": "independent", "weekly_cost": "10.00"}]})");
    Evaluation e = evaluate_history(*loaded.rules, h);
    REQUIRE(e.errors.size() == 1);
    CHECK(e.errors[0].path == "care_periods[0].setting");
    CHECK(std::string(e.errors[0].what()).find("\"hospital\" is not a care_setting") == 0);
}
