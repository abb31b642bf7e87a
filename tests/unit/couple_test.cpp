// couple_test.cpp: the financial assessment's couple and joint-capital fields: a partner, their
// income (recorded, never assessed), a pension passed to them, capital owned jointly divided
// exactly among its owners, and the located errors for each misuse.
#include "history_errors.h"
#include "rules_helper.h"

using namespace carecap;
using carecap::test::has_error;
using carecap::test::listing;

namespace {

// One care home period and one financial assessment with `fields` added.
std::string with_assessment(const std::string& fields) {
    return R"({"carecap_history": 1, "person": {"id": "P"}, "authority": "Anytown",
               "care_periods": [{"id": "a", "start": "2024-06-03", "end": "2024-06-30", "setting": "residential",
                                 "budget": "personal", "weekly_cost": "700.00"}],
               "financial_assessments": [{"date": "2024-06-03", "capital": "0.00")" +
           fields + "}]}";
}

HistoryLoad load(const std::string& fields) { return load_history(with_assessment(fields), "history.json"); }

} // namespace

TEST_CASE("joint capital: equal shares among the owners, exactly, unless the share is given") {
    History h = testing::history(with_assessment(
        R"(, "joint_capital": [{"value": "20000.00"}, {"value": "10000.00", "owners": 3}, {"value": "9000.00", "share": "1000.50"}])"));
    const auto& joint = h.financial_assessments[0].joint_capital;
    REQUIRE(joint.size() == 3);
    CHECK(joint[0].share == *Decimal::parse("10000"));
    // £10,000 / 3 is kept exact: three of them make £10,000 again, not £9,999.99.
    CHECK(joint[1].share * Decimal(3) == *Decimal::parse("10000"));
    CHECK(joint[2].share == *Decimal::parse("1000.50"));
    CHECK(joint[1].path == "financial_assessments[0].joint_capital[1]");
}

TEST_CASE("a partner, their income and a pension passed to them are read") {
    History h = testing::history(with_assessment(
        R"(, "partner": {"date_of_birth": "1942-01-01", "in_same_care_home": true}, "pension_passed_to_partner": "50.00",
            "partner_income": [{"kind": "state_pension", "weekly": "180.00"}], "night_care_at_home": false)"));
    const FinancialAssessment& a = h.financial_assessments[0];
    REQUIRE(a.partner.has_value());
    CHECK(a.partner->date_of_birth == Date::parse("1942-01-01"));
    CHECK(a.partner->in_same_care_home);
    CHECK(a.pension_passed_to_partner == *Decimal::parse("50"));
    REQUIRE(a.partner_income.size() == 1);
    CHECK(a.partner_income[0].kind.path == "financial_assessments[0].partner_income[0].kind");
    CHECK(a.night_care_at_home == std::optional<bool>(false));
    CHECK(a.income.empty()); // the partner's income is never the person's
}

TEST_CASE("an assessment without the new fields has no partner, no joint capital and no night-care fact") {
    History h = testing::history(with_assessment(""));
    const FinancialAssessment& a = h.financial_assessments[0];
    CHECK_FALSE(a.partner.has_value());
    CHECK(a.joint_capital.empty());
    CHECK(a.pension_passed_to_partner == Decimal(0));
    CHECK_FALSE(a.night_care_at_home.has_value());
}

TEST_CASE("what only a partner explains is an error where no partner is declared") {
    HistoryLoad l = load(R"(, "partner_income": [{"kind": "state_pension", "weekly": "180.00"}])");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].partner_income",
                            "a partner's income is given, but this assessment declares no partner"),
                  listing(l));
    l = load(R"(, "pension_passed_to_partner": "50.00")");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].pension_passed_to_partner",
                            "a pension passed to a partner is given, but this assessment declares no partner"),
                  listing(l));
}

TEST_CASE("a partner in the same care home cannot also live in the person's home") {
    HistoryLoad l = load(R"(, "partner": {"in_same_care_home": true}, "home_occupied_by": ["other_occupant", "partner"])");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].home_occupied_by[1]", "in the same care home as the person"),
                  listing(l));
    CHECK(load(R"(, "partner": {}, "home_occupied_by": ["partner"])").errors.empty());
}

TEST_CASE("joint capital's misuses are located errors") {
    HistoryLoad l = load(R"(, "joint_capital": [{"value": "20000.00", "share": "30000.00"}])");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[0].share",
                            R"(the person's share "30000.00" is more than the whole value "20000.00")"),
                  listing(l));
    l = load(R"(, "joint_capital": [{"value": "20000.00", "owners": 1}, {"value": "1.00", "owners": 2.5}, {"value": "1.00", "owners": "2"}])");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[0].owners", "at least 2, found 1"), listing(l));
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[1].owners", "found 2.5"), listing(l));
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[2].owners", "found a string"), listing(l));
    l = load(R"(, "joint_capital": [{"value": "20000.00", "owners": 2, "share": "5000.00"}])");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[0].owners", "not both"), listing(l));
    l = load(R"(, "joint_capital": [{"share": "5000.00"}], "partner": {"age": 80})");
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].joint_capital[0]", "missing required field \"value\""), listing(l));
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].partner.age", "unknown field \"age\""), listing(l));
}
