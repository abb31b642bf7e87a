// timeline_test.cpp: the timeline is cut where things change, including the
// dates rules compare `today` with.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/timeline.h"

using namespace carecap;

TEST_CASE("metering starts on the date the person asked for an assessment, mid-period") {
    LoadResult loaded = testing::load_text(testing::header + R"(
input weekly_cost : money per week
input assessment_requested : date
parameter cap_level : money
  from 2023-10-01 = £86,000
definition metered : money per week =
  when today < assessment_requested : £0 per week
  otherwise : weekly_cost
meter care_account
  rate = metered
  ceiling = cap_level
)");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    // Care from 2023-10-01 to 2023-10-28 (28 days) at £140 a week (£20 a day); the
    // assessment was asked for on 2023-10-15, so only 2023-10-15..2023-10-28 (14 days)
    // counts: 14 x £20 = £280.
    History h = testing::history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
      "assessment_requested": "2023-10-15",
      "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2023-10-28", "setting": "home", "budget": "personal", "weekly_cost": "140.00"}]})");
    Evaluation e = evaluate_history(*loaded.rules, h);
    REQUIRE(e.account);
    CHECK(e.account->meters[0].total == Decimal(280));
    // The period is cut at 2023-10-15 (and the day after, harmlessly): three stretches.
    REQUIRE(e.account->stretches.size() == 3);
    CHECK(e.account->stretches[1].first.to_string() == "2023-10-15");
    CHECK(e.account->stretches[0].meters[0].accrued == Decimal(0));
}

TEST_CASE("no cut is made inside a stretch for a boundary outside it") {
    std::vector<Date> cuts = {*Date::parse("2023-10-10"), *Date::parse("2024-01-01")};
    auto stretches = cut_timeline(*Date::parse("2023-10-01"), *Date::parse("2023-12-31"), cuts);
    REQUIRE(stretches.size() == 2);
    CHECK(stretches[0].last.to_string() == "2023-10-09");
    CHECK(stretches[1].first.to_string() == "2023-10-10");
    CHECK(stretches[1].last.to_string() == "2023-12-31");
}
