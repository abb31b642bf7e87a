// meter_features_test.cpp: reached(meter), meters that only record, which
// adjustments a meter accepts, and inputs read by kind. Hand-worked figures.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"
#include "runtime/analyses/examples.h"

using namespace carecap;

namespace {

Account evaluate(const std::string& body, const std::string& history_json) {
    LoadResult loaded = testing::load_text(testing::header + body);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    static std::vector<std::shared_ptr<const RuleSet>> keep; // the account points into the rules
    keep.push_back(loaded.rules);
    static std::vector<std::unique_ptr<History>> histories;
    histories.push_back(std::make_unique<History>(testing::history(history_json)));
    Evaluation e = evaluate_history(*loaded.rules, *histories.back());
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    return std::move(*e.account);
}

const std::string four_weeks_at(const std::string& setting, const std::string& cost, const std::string& extra = "") {
    return R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A", "care_periods": [
      {"id": "1", "start": "2023-10-01", "end": "2023-10-28", "setting": ")" + setting +
           R"(", "budget": "independent", "weekly_cost": ")" + cost + "\"" + extra + "}]}";
}

} // namespace

TEST_CASE("after the cap the authority pays, and a meter without a ceiling records it") {
    Account a = evaluate(R"(
input weekly_cost : money per week
parameter cap_level : money
  from 2023-10-01 = £1,000
parameter daily_living_costs : money per week
  from 2021-04-01 = £200 per week
definition counts : money per week = weekly_cost - daily_living_costs
definition authority_pays : money per week =
  when reached(care_account) : weekly_cost - daily_living_costs
  otherwise : £0 per week
meter care_account
  rate = counts
  ceiling = cap_level
meter authority_spend
  rate = authority_pays
)", four_weeks_at("residential", "900.00"));
    // £900 - £200 = £700 a week = £100 a day: £1,000 is reached on day 10, 2023-10-10.
    CHECK(a.meters[0].reached_on->to_string() == "2023-10-10");
    CHECK(a.meters[0].total == Decimal(1000));
    // From 2023-10-11 to 2023-10-28 (18 days) the authority pays £100 a day: £1,800.
    CHECK(a.meters[1].total == Decimal(1800));
    CHECK(!a.meters[1].ceiling);
    // The stretch is cut the day the cap is reached.
    REQUIRE(a.stretches.size() == 2);
    CHECK(a.stretches[0].last.to_string() == "2023-10-10");
}

TEST_CASE("a meter accepts only the adjustments its rules allow, and records the others") {
    std::string adjustments = R"(, "adjustments": [
      {"date": "2023-10-10", "amount": "-200.00", "reason": "8 weeks in hospital", "kind": "temporary_change",
       "covers_from": "2023-08-01", "covers_to": "2023-09-25"},
      {"date": "2023-10-20", "amount": "-100.00", "reason": "3 weeks away", "kind": "temporary_change",
       "covers_from": "2023-09-01", "covers_to": "2023-09-21"}])";
    std::string history = four_weeks_at("home", "700.00");
    history.insert(history.size() - 1, adjustments);
    Account a = evaluate(R"(
enum adjustment_kind_enum = verification | temporary_change | minor_discrepancy
input adjustment_kind : adjustment_kind_enum
input adjustment_days : duration
input weekly_cost : money per week
meter care_account
  rate = weekly_cost
  ceiling = £86,000
  accepts adjustments when adjustment_kind = verification or adjustment_days >= 6 weeks
)", history);
    // 28 days at £100 = £2,800. The first adjustment covers 2023-08-01..2023-09-25, 56 days
    // (8 weeks, at least 42): accepted, -£200. The second covers 21 days (3 weeks): refused.
    CHECK(a.meters[0].total == Decimal(2600));
    int refused = 0;
    for (auto& e : a.meters[0].events) refused += e.kind == MeterEvent::Kind::adjustment_refused;
    CHECK(refused == 1);
}

TEST_CASE("inputs read by kind: NHS continuing healthcare never counts") {
    Account a = evaluate(R"(
enum service_kind = nhs_continuing_healthcare | nhs_funded_nursing_care | section_117_aftercare
input weekly_cost : money per week
input other_services_of : money per week by service_kind
definition counts : money per week = weekly_cost - other_services_of(nhs_continuing_healthcare)
meter care_account
  rate = counts
  ceiling = £86,000
)", four_weeks_at("home", "700.00", R"(, "other_services": [{"kind": "nhs_continuing_healthcare", "weekly": "350.00"}])"));
    // (£700 - £350) a week for 4 weeks = £1,400.
    CHECK(a.meters[0].total == Decimal(1400));
}

TEST_CASE("a word read by kind that the rules do not know is an error with its JSON path") {
    LoadResult loaded = testing::load_text(testing::header + R"(
enum service_kind = nhs_continuing_healthcare
input weekly_cost : money per week
input other_services_of : money per week by service_kind
meter care_account
  rate = weekly_cost - other_services_of(nhs_continuing_healthcare)
  ceiling = £86,000
)");
    REQUIRE(loaded.rules);
    History h = testing::history(four_weeks_at("home", "700.00", R"(, "other_services": [{"kind": "respite", "weekly": "1.00"}])"));
    Evaluation e = evaluate_history(*loaded.rules, h);
    REQUIRE(e.errors.size() == 1);
    CHECK(e.errors[0].path == "care_periods[0].other_services[0].kind");
}

TEST_CASE("inputs read by kind are declared with `by`, and read with a member") {
    CHECK(testing::first_error(testing::header + "input other_services_of : money per week\n")
              .find("is read by kind") != std::string::npos);
    CHECK(testing::first_error(testing::header + "enum k = a | b\ninput other_services_of : money per week by k\n"
                                                 "definition x : money per week = other_services_of\n")
              == "`other_services_of` is read by kind: write other_services_of(a k)");
}

TEST_CASE("reached(m) turns false the day a rising ceiling lets m accrue again") {
    Account a = evaluate(R"(
parameter cap_level : money
  from 2023-10-01 = £1,000
  from 2023-10-15 = £1,200
definition spend : money per week =
  when reached(care_account) : £700 per week
  otherwise : £0 per week
meter care_account
  rate = £700 per week
  ceiling = cap_level
meter authority_spend
  rate = spend
)", four_weeks_at("home", "1.00"));
    // £100 a day. £1,000 is reached on 2023-10-10; the authority pays 10-11 to 10-14 (4 days).
    // On 10-15 the ceiling is £1,200: the account accrues 10-15 and 10-16 (reaching £1,200 on
    // 10-16) and the authority pays nothing those days; then 10-17 to 10-28 (12 days).
    // Authority: (4 + 12) x £100 = £1,600.
    CHECK(a.meters[0].total == Decimal(1200));
    CHECK(a.meters[1].total == Decimal(1600));
}

TEST_CASE("an example's expectation reads reached(m) as it stands on its date") {
    LoadResult loaded = testing::load_text(testing::header + R"(
parameter cap_level : money
  from 2023-10-01 = £1,000
definition spend : money per week =
  when reached(care_account) : £700 per week
  otherwise : £0 per week
meter care_account
  rate = £700 per week
  ceiling = cap_level
example "after the cap"
  history { "carecap_history": 1, "person": { "id": "t" }, "authority": "A", "care_periods": [
    { "id": "1", "start": "2023-10-01", "end": "2023-10-28", "setting": "home", "budget": "personal", "weekly_cost": "1.00" } ] }
  # £100 a day reaches £1,000 on 2023-10-10: from 2023-10-11 reached(care_account) holds.
  expect spend on 2023-10-10 = £0 per week
  expect spend on 2023-10-11 = £700 per week
)");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    auto outcomes = run_examples(*loaded.rules);
    REQUIRE(outcomes.size() == 1);
    for (auto& f : outcomes[0].failures) FAIL_CHECK(f);
}
