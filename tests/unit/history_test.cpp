// history_test.cpp: unit tests of load_history, a valid care history and each kind of malformed one.
#include "history_errors.h"
#include "runtime/history/history.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using carecap::Date;
using carecap::Decimal;
using carecap::HistoryError;
using carecap::HistoryLoad;
using carecap::load_history;
using carecap::test::has_error;
using carecap::test::listing;

namespace {

Date day(const char* text) { return *Date::parse(text); }
Decimal money(const char* text) { return *Decimal::parse(text); }

// A valid document with one care period; tests splice a body into it.
std::string document(const std::string& care_periods, const std::string& extra = "") {
    return R"({"carecap_history": 1, "person": {"id": "P-001"}, "authority": "Wolverhampton", )" + extra +
           R"("care_periods": [)" + care_periods + "]}";
}

const std::string ok_period =
    R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
        "budget": "independent", "weekly_cost": "700.00"})";

HistoryLoad load(const std::string& text) { return load_history(text, "history.json"); }

} // namespace

namespace {

// One document with a value of every kind the loader reads, in an order other than the one it keeps.
const std::string valid_history = R"({
      "carecap_history": 1,
      "person": { "id": "P-001", "date_of_birth": "1948-05-17" },
      "authority": "Wolverhampton",
      "as_of": "2027-03-31",
      "assessment_requested": "2023-09-15",
      "eligibility": [ { "date": "2023-10-01", "eligible": true } ],
      "care_periods": [
        { "id": "cp2", "start": "2024-09-30",
          "setting": "home", "budget": "personal",
          "weekly_cost": 410.1, "weekly_charge": 95,
          "other_services": [ { "kind": "nhs_continuing_healthcare", "weekly": "300.00" } ],
          "pays_accommodation_separately": true },
        { "id": "cp1", "start": "2023-10-01", "end": "2024-09-29",
          "setting": "residential", "budget": "independent",
          "weekly_cost": "700.00",
          "top_ups": [ { "payer": "first_party", "weekly": "50.00" } ] }
      ],
      "financial_assessments": [
        { "date": "2024-10-01", "capital": 20000 },
        { "date": "2023-10-01", "capital": "145000",
          "income": [ { "kind": "state_pension", "weekly": "239.00" } ] }
      ],
      "moves": [ { "date": "2025-01-06", "to_authority": "Blackpool" } ],
      "adjustments": [ { "date": "2024-03-01", "amount": "-1200.00", "reason": "8 weeks in hospital",
                         "covers_from": "2024-01-01", "covers_to": "2024-02-25" } ]
    })";

void check_person_and_dates(const carecap::History& h) {
    CHECK(h.format == 1);
    CHECK(h.person_id == "P-001");
    CHECK(h.date_of_birth == day("1948-05-17"));
    CHECK(h.authority == "Wolverhampton");
    CHECK(h.as_of == day("2027-03-31"));
    CHECK(h.assessment_requested == day("2023-09-15"));
    CHECK(h.horizon() == day("2027-03-31"));

    REQUIRE(h.eligibility.size() == 1);
    CHECK(h.eligibility[0].eligible);
    CHECK(h.eligibility[0].path == "eligibility[0]");
}

// The first care period as sorted by start: the second in the document.
void check_first_care_period(const carecap::History& h) {
    REQUIRE(h.care_periods.size() == 2);
    const carecap::CarePeriod& first = h.care_periods[0];
    CHECK(first.id == "cp1");
    CHECK(first.path == "care_periods[1]");
    CHECK(first.start == day("2023-10-01"));
    CHECK(first.end == day("2024-09-29"));
    CHECK(first.setting.word == "residential");
    CHECK(first.setting.path == "care_periods[1].setting");
    CHECK(first.budget.word == "independent");
    CHECK(first.weekly_cost == money("700"));
    CHECK(first.weekly_charge == Decimal(0));
    REQUIRE(first.top_ups.size() == 1);
    CHECK(first.top_ups[0].payer.word == "first_party");
    CHECK(first.top_ups[0].payer.path == "care_periods[1].top_ups[0].payer");
    CHECK(first.top_ups[0].weekly == money("50"));
    CHECK_FALSE(first.pays_accommodation_separately);
}

void check_second_care_period(const carecap::History& h) {
    const carecap::CarePeriod& second = h.care_periods[1];
    CHECK(second.id == "cp2");
    CHECK_FALSE(second.end.has_value());
    // A JSON number is read from its text: 410.1 is exactly 4101/10.
    CHECK(second.weekly_cost == Decimal::ratio(4101, 10));
    CHECK(second.weekly_charge == Decimal(95));
    REQUIRE(second.other_services.size() == 1);
    CHECK(second.other_services[0].kind.word == "nhs_continuing_healthcare");
    CHECK(second.other_services[0].weekly == Decimal(300));
    CHECK(second.pays_accommodation_separately);
}

void check_assessments_moves_and_adjustments(const carecap::History& h) {
    REQUIRE(h.financial_assessments.size() == 2);
    CHECK(h.financial_assessments[0].date == day("2023-10-01"));
    CHECK(h.financial_assessments[0].path == "financial_assessments[1]");
    CHECK(h.financial_assessments[0].capital == Decimal(145000));
    REQUIRE(h.financial_assessments[0].income.size() == 1);
    CHECK(h.financial_assessments[0].income[0].kind.path == "financial_assessments[1].income[0].kind");
    CHECK(h.financial_assessments[0].income[0].weekly == Decimal(239));
    CHECK(h.financial_assessments[1].capital == Decimal(20000));

    REQUIRE(h.moves.size() == 1);
    CHECK(h.moves[0].to_authority == "Blackpool");
    CHECK(h.moves[0].date == day("2025-01-06"));

    REQUIRE(h.adjustments.size() == 1);
    CHECK(h.adjustments[0].amount == Decimal(-1200));
    CHECK(h.adjustments[0].reason == "8 weeks in hospital");
    CHECK(h.adjustments[0].covers_from == day("2024-01-01"));
    CHECK(h.adjustments[0].covers_to == day("2024-02-25"));
}

} // namespace

TEST_CASE("a valid care history loads with every value exact") {
    const HistoryLoad result = load(valid_history);
    INFO(listing(result));
    REQUIRE(result.errors.empty());
    REQUIRE(result.history.has_value());
    const carecap::History& h = *result.history;
    check_person_and_dates(h);
    check_first_care_period(h);
    check_second_care_period(h);
    check_assessments_moves_and_adjustments(h);
}

TEST_CASE("without as_of the horizon is the last end of a care period") {
    const HistoryLoad result = load(document(ok_period));
    INFO(listing(result));
    REQUIRE(result.history.has_value());
    CHECK(result.history->horizon() == day("2024-09-29"));
}

TEST_CASE("money beyond floating-point precision stays exact") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": 123456789012345678901234567890.01})"));
    INFO(listing(result));
    REQUIRE(result.history.has_value());
    CHECK(result.history->care_periods[0].weekly_cost == money("123456789012345678901234567890.01"));
}

TEST_CASE("a value of the wrong type names what was expected and what was found") {
    const HistoryLoad result = load(R"({"carecap_history": 1, "person": {"id": 17}, "authority": "W", "care_periods": []})");
    CHECK_FALSE(result.history.has_value());
    CHECK(has_error(result, "person.id", "expected a string, found a number"));
}

TEST_CASE("a missing required field is reported at the object that lacks it") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "end": "2024-09-29", "setting": "residential", "budget": "independent", "weekly_cost": "700.00"})"));
    CHECK(has_error(result, "care_periods[0]", R"(missing required field "start")"));
}

TEST_CASE("an unknown field is an error with a suggestion of the nearest known one") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": "700.00", "wekly_cost": "1.00"})"));
    CHECK(has_error(result, "care_periods[0].wekly_cost", R"(unknown field "wekly_cost" (did you mean "weekly_cost"?))"));

    const HistoryLoad far = load(document(ok_period, R"("colour": "blue", )"));
    CHECK(has_error(far, "colour", R"(unknown field "colour" (expected one of:)"));
}

TEST_CASE("a care period that ends before it starts") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-02-01", "end": "2023-01-01", "setting": "residential",
            "budget": "independent", "weekly_cost": "700.00"})"));
    CHECK(has_error(result, "care_periods[0].end", "end 2023-01-01 is before start 2023-02-01"));
}

TEST_CASE("overlapping care periods are refused, an ongoing one overlapping all after it") {
    const HistoryLoad result = load(document(
        ok_period + R"(, {"id": "cp2", "start": "2024-09-29", "setting": "home", "budget": "personal", "weekly_cost": "100"})",
        R"("as_of": "2025-03-31", )"));
    CHECK(has_error(result, "care_periods[1]", "overlaps care_periods[0] (2023-10-01 to 2024-09-29)"));

    const HistoryLoad ongoing = load(document(
        R"({"id": "a", "start": "2023-10-01", "setting": "home", "budget": "personal", "weekly_cost": "100"},
           {"id": "b", "start": "2025-01-01", "end": "2025-02-01", "setting": "home", "budget": "personal", "weekly_cost": "100"})",
        R"("as_of": "2025-03-31", )"));
    CHECK(has_error(ongoing, "care_periods[1]", "overlaps care_periods[0] (2023-10-01 onwards)"));

    const HistoryLoad adjacent = load(document(
        ok_period + R"(, {"id": "cp2", "start": "2024-09-30", "end": "2025-01-01", "setting": "home", "budget": "personal", "weekly_cost": "100"})"));
    INFO(listing(adjacent));
    CHECK(adjacent.errors.empty());
}

TEST_CASE("negative money is refused except in an adjustment") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": "700.00", "weekly_charge": "-5.00"})"));
    CHECK(has_error(result, "care_periods[0].weekly_charge", R"(must not be negative, found "-5.00")"));

    const HistoryLoad number = load(document(ok_period, R"("financial_assessments": [{"date": "2023-10-01", "capital": -1}], )"));
    CHECK(has_error(number, "financial_assessments[0].capital", "must not be negative, found -1"));
}

TEST_CASE("a date that does not exist") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-02-30", "setting": "residential", "budget": "independent", "weekly_cost": "700.00"})",
        R"("as_of": "2024-01-01", )"));
    CHECK(has_error(result, "care_periods[0].start", R"(expected a date "YYYY-MM-DD", found "2023-02-30" (no such day))"));

    const HistoryLoad month = load(document(ok_period, R"("as_of": "2024-13-01", )"));
    CHECK(has_error(month, "as_of", "(no such month)"));
}

TEST_CASE("money with more than two decimal places") {
    const HistoryLoad text = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": "700.005"})"));
    CHECK(has_error(text, "care_periods[0].weekly_cost", R"(at most 2 decimal places (pence), found "700.005")"));

    const HistoryLoad number = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": "700.00", "top_ups": [{"payer": "third_party", "weekly": 1.125}]})"));
    CHECK(has_error(number, "care_periods[0].top_ups[0].weekly", "at most 2 decimal places (pence), found 1.125"));

    const HistoryLoad exponent = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
            "budget": "independent", "weekly_cost": 7e2})"));
    CHECK(has_error(exponent, "care_periods[0].weekly_cost", "without an exponent"));
}

TEST_CASE("a JSON syntax error names the source, line and column") {
    const HistoryLoad result = load("{\n  \"carecap_history\": 1,\n  \"person\": x\n}");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].path.empty());
    CHECK(result.errors[0].message.find("history.json") != std::string::npos);
    CHECK(result.errors[0].message.find("line 3, column 13") != std::string::npos);
    CHECK_FALSE(result.history.has_value());
}

TEST_CASE("a document that is not an object") {
    const HistoryLoad result = load("[1, 2]");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, "", "found an array"));
}

TEST_CASE("every error is reported, not only the first") {
    const HistoryLoad result = load(R"({
      "carecap_history": 1, "person": {"id": ""}, "authority": 3,
      "care_periods": [
        {"id": "cp1", "start": "2023-10-01", "end": "2024-09-29", "setting": "residential",
         "budget": "independent", "weekly_cost": "70.001"},
        {"id": "cp2", "start": "2025-01-01", "end": "2025-02-01", "setting": "",
         "budget": "independent", "weekly_cost": "1", "extra": true}
      ],
      "moves": [{"date": "2025-01-06"}]
    })");
    INFO(listing(result));
    CHECK(result.errors.size() == 6);
    CHECK(has_error(result, "person.id", "non-empty string"));
    CHECK(has_error(result, "authority", "expected a string, found a number"));
    CHECK(has_error(result, "care_periods[0].weekly_cost", "at most 2 decimal places"));
    CHECK(has_error(result, "care_periods[1].setting", "non-empty string"));
    CHECK(has_error(result, "care_periods[1].extra", "unknown field"));
    CHECK(has_error(result, "moves[0]", R"(missing required field "to_authority")"));
}

TEST_CASE("an ongoing care period needs as_of, and as_of may not precede the first period") {
    const HistoryLoad result = load(document(
        R"({"id": "cp1", "start": "2023-10-01", "setting": "residential", "budget": "independent", "weekly_cost": "700.00"})"));
    CHECK(has_error(result, "", R"(missing required field "as_of": care_periods[0] has no end)"));

    const HistoryLoad early = load(document(ok_period, R"("as_of": "2023-09-30", )"));
    CHECK(has_error(early, "as_of", "as_of 2023-09-30 is before the first care period starts (2023-10-01)"));
}

TEST_CASE("two care periods with one id") {
    const HistoryLoad result = load(document(
        ok_period + R"(, {"id": "cp1", "start": "2025-01-01", "end": "2025-02-01", "setting": "home", "budget": "personal", "weekly_cost": "100"})"));
    CHECK(has_error(result, "care_periods[1].id", R"(duplicate id "cp1" (also care_periods[0]))"));
}

TEST_CASE("care periods are sorted by start and keep the path they had in the document") {
    const HistoryLoad result = load(document(
        R"({"id": "late", "start": "2025-01-01", "end": "2025-02-01", "setting": "home", "budget": "personal", "weekly_cost": "100"},
           {"id": "early", "start": "2023-10-01", "end": "2023-12-31", "setting": "home", "budget": "personal", "weekly_cost": "100"},
           {"id": "middle", "start": "2024-03-01", "end": "2024-04-01", "setting": "home", "budget": "personal", "weekly_cost": "100"})"));
    INFO(listing(result));
    REQUIRE(result.history.has_value());
    const auto& periods = result.history->care_periods;
    REQUIRE(periods.size() == 3);
    CHECK(periods[0].id == "early");
    CHECK(periods[0].path == "care_periods[1]");
    CHECK(periods[0].budget.path == "care_periods[1].budget");
    CHECK(periods[1].id == "middle");
    CHECK(periods[1].path == "care_periods[2]");
    CHECK(periods[2].id == "late");
    CHECK(periods[2].path == "care_periods[0]");
}

TEST_CASE("other malformed documents") {
    SUBCASE("a repeated field") {
        const HistoryLoad result = load(document(ok_period, R"("authority": "X", )"));
        CHECK(has_error(result, "authority", R"(duplicate field "authority")"));
    }
    SUBCASE("an unsupported format version") {
        const HistoryLoad result = load(R"({"carecap_history": 2, "person": {"id": "P"}, "authority": "W", "care_periods": []})");
        CHECK(has_error(result, "carecap_history", "unsupported format version 2"));
    }
    SUBCASE("null in an optional field") {
        const HistoryLoad result = load(document(
            R"({"id": "cp1", "start": "2023-10-01", "end": null, "setting": "residential", "budget": "independent", "weekly_cost": "700.00"})",
            R"("as_of": "2024-01-01", )"));
        CHECK(has_error(result, "care_periods[0].end", R"(found null (leave "end" out if there is none))"));
    }
    SUBCASE("covers_to before covers_from") {
        const HistoryLoad result = load(document(
            ok_period, R"("adjustments": [{"date": "2024-03-01", "amount": "10", "reason": "r", "covers_from": "2024-02-01", "covers_to": "2024-01-01"}], )"));
        CHECK(has_error(result, "adjustments[0].covers_to", "covers_to 2024-01-01 is before covers_from 2024-02-01"));
    }
    SUBCASE("the document size limit") {
        const std::string huge(64U * 1024U * 1024U + 1U, ' ');
        const HistoryLoad result = load(huge);
        CHECK(has_error(result, "", "over the limit of 67108864 bytes (the limit history_bytes)"));
    }
    SUBCASE("the array item limit") {
        std::string many = R"({"carecap_history": 1, "moves": [)";
        for (int i = 0; i < 20'001; ++i) many += "0,";
        many += "0]}";
        const HistoryLoad result = load(many);
        CHECK(has_error(result, "", "more than 20000 array items in total (the limit history_items)"));
    }
    SUBCASE("an empty document") {
        const HistoryLoad result = load("");
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].message.find("history.json at line 1, column 1") != std::string::npos);
    }
}
