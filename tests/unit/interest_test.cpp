// interest_test.cpp: a meter that charges interest (a deferred payment's balance), the history's deferred
// payment and what the checker refuses. Every figure worked by hand beside it.
#include "history_errors.h"
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"

using namespace carecap;

namespace {

const std::string loan_rules = R"(
input weekly_charge : money per week
input deferred_payment_open : bool
parameter rate_a_year : percent
  from 2023-10-01 = 3.65%
definition interest_now : percent =
  when deferred_payment_open : rate_a_year
  otherwise : 0%
meter owed
  rate = weekly_charge
  interest = interest_now
)";

std::string history_with(const std::string& deferred_payment, const std::string& as_of = "2023-12-31") {
    return R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A", "as_of": ")" + as_of + R"(",
      "care_periods": [ {"id": "1", "start": "2023-10-01", "end": "2023-10-31", "setting": "residential",
                         "budget": "personal", "weekly_cost": "700.00", "weekly_charge": "700.00"} ],
      "financial_assessments": [ {"date": "2023-10-01", "capital": "0.00", "property": "150000.00"} ],
      "deferred_payment": )" + deferred_payment + "}";
}

Account evaluate(const std::string& history_json) {
    static std::shared_ptr<const RuleSet> rules = [] {
        LoadResult loaded = testing::load_text(testing::header + loan_rules);
        REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
        return loaded.rules;
    }();
    static std::vector<std::unique_ptr<History>> histories; // the account points into its history
    histories.push_back(std::make_unique<History>(testing::history(history_json)));
    Evaluation e = evaluate_history(*rules, *histories.back());
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    return std::move(*e.account);
}

} // namespace

TEST_CASE("interest compounds monthly on the total at the start of each day, and runs on after care ends") {
    Account a = evaluate(history_with(R"({"start": "2023-10-01", "weekly": "whole_charge",
        "fees": [ {"date": "2023-10-01", "amount": "365.00", "reason": "set-up"} ]})"));
    const MeterTotal& owed = a.meters.at(0);
    // 3.65% / 365 = 0.01% a day. October: £100 a day for 31 days, the days starting at £365, £465, ...:
    // 31 x £365 + £100 x (0 + ... + 30) = £11,315 + £46,500 = £57,815 day-pounds; x 0.0001 = £5.7815, £5.78.
    // By 2023-10-31: £365 + £3,100 = £3,465. On 2023-11-01: + £5.78 = £3,470.78.
    CHECK(a.total_at_end_of(0, Date::parse("2023-10-31").value()) == Decimal(3465));
    CHECK(a.total_at_end_of(0, Date::parse("2023-11-01").value()) == Decimal::ratio(347078, 100));
    // November, no care: 30 x £3,470.78 x 0.0001 = £10.41234, £10.41 on 2023-12-01: £3,481.19.
    CHECK(a.total_at_end_of(0, Date::parse("2023-12-01").value()) == Decimal::ratio(348119, 100));
    // December: 31 x £3,481.19 x 0.0001 = £10.791689, not yet added (the history ends on 2023-12-31).
    CHECK(owed.total == Decimal::ratio(348119, 100));
    CHECK(owed.fees_added == Decimal(365));
    CHECK(owed.interest_added == Decimal::ratio(1619, 100)); // £5.78 + £10.41
    CHECK(owed.interest_pending == Decimal::ratio(10791689, 1000000));
}

TEST_CASE("interest stops when the agreement ends") {
    Account a = evaluate(history_with(R"({"start": "2023-10-01", "end": "2023-10-31", "weekly": "whole_charge"})"));
    // October as above without the fee: 31 x £0 + £100 x 465 = £46,500 day-pounds x 0.0001 = £4.65, added on
    // 2023-11-01; nothing after: £3,100 + £4.65 = £3,104.65.
    CHECK(a.meters.at(0).total == Decimal::ratio(310465, 100));
    CHECK(a.meters.at(0).interest_pending.is_zero());
}

TEST_CASE("the deferred payment in the history: what it needs and what it refuses") {
    auto load = [](const std::string& deferred_payment, const std::string& property = "150000.00") {
        return load_history(R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A",
          "care_periods": [ {"id": "1", "start": "2023-10-01", "end": "2023-10-31", "setting": "residential",
                             "budget": "personal", "weekly_cost": "700.00"} ],
          "financial_assessments": [ {"date": "2023-10-01", "capital": "0.00", "property": ")" + property + R"("} ],
          "deferred_payment": )" + deferred_payment + "}", "test");
    };
    HistoryLoad fixed = load(R"({"start": "2023-10-01", "weekly": "350.00"})");
    REQUIRE(fixed.history);
    CHECK(fixed.history->deferred_payment->weekly == Decimal(350));
    HistoryLoad none = load(R"({"start": "2023-10-01", "weekly": "whole_charge"})", "0.00");
    CHECK_MESSAGE(test::has_error(none, "deferred_payment", "no financial assessment records a property"),
                  test::listing(none));
    HistoryLoad word = load(R"({"start": "2023-10-01", "weekly": "all of it"})");
    CHECK_MESSAGE(test::has_error(word, "deferred_payment.weekly", "expected an amount of money"), test::listing(word));
    HistoryLoad typo = load(R"({"start": "2023-10-01", "weekly": "whole_charge", "feez": []})");
    CHECK_MESSAGE(test::has_error(typo, "deferred_payment.feez", "did you mean \"fees\""), test::listing(typo));
    HistoryLoad early = load(R"({"start": "2023-10-01", "end": "2023-09-01", "weekly": "whole_charge"})");
    CHECK_MESSAGE(test::has_error(early, "deferred_payment.end", "is before start"), test::listing(early));
}

TEST_CASE("the checker: interest is a percentage, and only on a meter without a ceiling") {
    CHECK(testing::first_error(testing::header + "input weekly_charge : money per week\nmeter m\n  rate = weekly_charge\n"
                                                 "  interest = £5\n") ==
          "a meter's interest must be a percentage a year, but this is money");
    CHECK(testing::first_error(testing::header + "input weekly_charge : money per week\nmeter m\n  rate = weekly_charge\n"
                                                 "  ceiling = £100\n  interest = 4%\n") ==
          "a meter with a ceiling cannot charge interest");
}
