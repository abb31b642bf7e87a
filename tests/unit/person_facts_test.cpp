// person_facts_test.cpp: the person facts the property disregards and metering turn on: the
// residence of a care period, the first day of permanent residence, who lives in the home, the
// period an adjustment covers and eligibility; loaded from a history and read by rules.
#include "history_errors.h"
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/residence.h"

using namespace carecap;
using carecap::test::has_error;
using carecap::test::listing;

namespace {

Date day(const char* text) { return *Date::parse(text); }

HistoryLoad load(const std::string& text) { return load_history(text, "history.json"); }

// A care period in a care home; `extra` adds fields such as the residence.
std::string period(const char* id, const char* start, const char* end, const std::string& extra = "",
                   const char* setting = "residential") {
    return std::string(R"({"id": ")") + id + R"(", "start": ")" + start + R"(", "end": ")" + end +
           R"(", "setting": ")" + setting + R"(", "budget": "personal", "weekly_cost": "700.00")" + extra + "}";
}

std::string document(const std::string& periods, const std::string& extra = "") {
    return R"({"carecap_history": 1, "person": {"id": "P"}, "authority": "Anytown", )" + extra +
           R"("care_periods": [)" + periods + "]}";
}

const CarePeriod& period_named(const History& h, const std::string& id) {
    for (const CarePeriod& p : h.care_periods)
        if (p.id == id) return p;
    FAIL("no care period " << id);
    return h.care_periods.front();
}

} // namespace

// ---- the history format ----

TEST_CASE("a care period's residence is read, and is permanent when the history leaves it out") {
    History h = testing::history(document(period("a", "2024-01-01", "2024-01-31", R"(, "residence": "temporary")") + ", " +
                                          period("b", "2024-02-01", "2024-02-29")));
    CHECK(h.care_periods[0].residence.word == "temporary");
    CHECK(h.care_periods[0].residence.path == "care_periods[0].residence");
    CHECK(h.care_periods[1].residence.word == "permanent");
    CHECK(h.care_periods[1].residence.path == "care_periods[1]"); // not written: the period itself
}

TEST_CASE("a residence that is not a word is an error at its path") {
    HistoryLoad l = load(document(period("a", "2024-01-01", "2024-01-31", R"(, "residence": true)")));
    CHECK_MESSAGE(has_error(l, "care_periods[0].residence", "expected a string, found a boolean (true)"), listing(l));
    l = load(document(period("a", "2024-01-01", "2024-01-31", R"(, "residence": "")")));
    CHECK_MESSAGE(has_error(l, "care_periods[0].residence", "expected a non-empty string, found \"\""), listing(l));
    l = load(document(period("a", "2024-01-01", "2024-01-31", R"(, "residence": null)")));
    CHECK_MESSAGE(has_error(l, "care_periods[0].residence", "(leave \"residence\" out if there is none)"), listing(l));
}

TEST_CASE("who lives in the home is a list of words in the financial assessment") {
    History h = testing::history(document(period("a", "2024-01-01", "2024-01-31"),
                                          R"("financial_assessments": [{"date": "2024-01-01", "capital": "0",
                                              "home_occupied_by": ["partner", "relative_aged_60_or_over"]}], )"));
    REQUIRE(h.financial_assessments[0].home_occupied_by.size() == 2);
    CHECK(h.financial_assessments[0].home_occupied_by[1].word == "relative_aged_60_or_over");
    CHECK(h.financial_assessments[0].home_occupied_by[1].path == "financial_assessments[0].home_occupied_by[1]");

    HistoryLoad l = load(document(period("a", "2024-01-01", "2024-01-31"),
                                  R"("financial_assessments": [{"date": "2024-01-01", "capital": "0",
                                      "home_occupied_by": ["partner", 60, ""]}], )"));
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].home_occupied_by[1]",
                            "expected who lives in the home (a non-empty string), found a number"),
                  listing(l));
    CHECK(has_error(l, "financial_assessments[0].home_occupied_by[2]", "found \"\""));
    l = load(document(period("a", "2024-01-01", "2024-01-31"),
                      R"("financial_assessments": [{"date": "2024-01-01", "capital": "0", "home_occupied_by": "partner"}], )"));
    CHECK_MESSAGE(has_error(l, "financial_assessments[0].home_occupied_by", "expected an array, found a string"),
                  listing(l));
}

TEST_CASE("a first day of permanent residence must come before the history and begin a permanent stay") {
    History h = testing::history(document(period("a", "2024-01-01", "2024-01-31"),
                                          R"("permanent_residence_from": "2023-11-06", )"));
    CHECK(h.permanent_residence_from == day("2023-11-06"));

    HistoryLoad l = load(document(period("a", "2024-01-01", "2024-01-31"), R"("permanent_residence_from": "2024-01-02", )"));
    CHECK_MESSAGE(has_error(l, "permanent_residence_from",
                            "permanent_residence_from 2024-01-02 is after the first care period starts (2024-01-01)"),
                  listing(l));
    l = load(document(period("a", "2024-01-01", "2024-01-31", R"(, "residence": "temporary")"),
                      R"("permanent_residence_from": "2023-12-01", )"));
    CHECK_MESSAGE(has_error(l, "permanent_residence_from",
                            "the first care period (care_periods[0]) is not a permanent stay (residence \"temporary\")"),
                  listing(l));
    l = load(document("", R"("as_of": "2024-01-31", "permanent_residence_from": "2023-12-01", )"));
    CHECK_MESSAGE(has_error(l, "permanent_residence_from", "there is no care period for it to begin"), listing(l));
    l = load(document(period("a", "2024-01-01", "2024-01-31"), R"("permanent_residence_from": "2023-02-30", )"));
    CHECK_MESSAGE(has_error(l, "permanent_residence_from", "found \"2023-02-30\" (no such day)"), listing(l));
}

// ---- runs of permanent residence ----

TEST_CASE("a permanent residence runs on through fee changes and moves between homes") {
    // Fee change on 2024-07-01 (a new period the day after the last ends): the same residence.
    History h = testing::history(document(period("a", "2024-05-06", "2024-06-30") + ", " +
                                          period("b", "2024-07-01", "2024-09-29")));
    auto run = permanent_run_to(h, period_named(h, "b"));
    REQUIRE(run);
    CHECK(run->from == day("2024-05-06"));
    CHECK(run->to == day("2024-09-29"));
    CHECK_FALSE(earlier_permanent_run(h, period_named(h, "b")));
}

TEST_CASE("a gap, a temporary stay or another setting ends a run of permanent residence") {
    // a: permanent to 2023-06-11; gap; b: permanent 2024-01-01 to 2024-01-31; c: home care (same
    // residence word, other setting); d: temporary; e: permanent from 2024-04-01.
    History h = testing::history(document(
        period("a", "2023-05-01", "2023-06-11") + ", " + period("b", "2024-01-01", "2024-01-31") + ", " +
        period("c", "2024-02-01", "2024-02-29", "", "home") + ", " +
        period("d", "2024-03-01", "2024-03-31", R"(, "residence": "temporary")") + ", " +
        period("e", "2024-04-01", "2024-04-30")));
    CHECK(permanent_run_to(h, period_named(h, "b"))->from == day("2024-01-01"));
    CHECK(permanent_run_to(h, period_named(h, "c"))->from == day("2024-02-01"));
    CHECK_FALSE(permanent_run_to(h, period_named(h, "d")));
    CHECK_FALSE(earlier_permanent_run(h, period_named(h, "d")));
    CHECK(permanent_run_to(h, period_named(h, "e"))->from == day("2024-04-01"));
    // The residence before e in the same setting is b (2024-01-01 to 2024-01-31), not a.
    auto earlier = earlier_permanent_run(h, period_named(h, "e"));
    REQUIRE(earlier);
    CHECK(earlier->from == day("2024-01-01"));
    CHECK(earlier->to == day("2024-01-31"));
    // Before b there is a: 2023-05-01 to 2023-06-11.
    CHECK(earlier_permanent_run(h, period_named(h, "b"))->to == day("2023-06-11"));
    // Home care has no earlier run in its own setting.
    CHECK_FALSE(earlier_permanent_run(h, period_named(h, "c")));
}

TEST_CASE("the history's own first day of permanent residence begins the run of its first care period") {
    History h = testing::history(document(period("a", "2024-01-01", "2024-01-31") + ", " +
                                              period("b", "2024-02-01", "2024-02-29") + ", " +
                                              period("c", "2024-04-01", "2024-04-30"),
                                          R"("permanent_residence_from": "2023-11-06", )"));
    CHECK(permanent_run_to(h, period_named(h, "b"))->from == day("2023-11-06"));
    // c starts a new run after a gap; the run before it began on the history's own day, so it is
    // 2023-11-06 to 2024-02-29: 30 + 31 + 31 + 29 = 116 days.
    CHECK(permanent_run_to(h, period_named(h, "c"))->from == day("2024-04-01"));
    auto earlier = earlier_permanent_run(h, period_named(h, "c"));
    REQUIRE(earlier);
    CHECK(*earlier->to - earlier->from + 1 == 116);
}

// ---- the inputs rules read ----

namespace {

const std::string reader_rules = R"(
enum residence_kind = permanent | temporary
enum occupant_kind = partner | other_occupant
enum kinds = verification | temporary_change
input residence : residence_kind
input permanent_residence_from : date
input has_earlier_permanent_residence : bool
input earlier_permanent_residence_to : date
input earlier_permanent_residence_days : duration
input home_occupied_by : bool by occupant_kind
input eligible_needs : bool
input adjustment_covers_from : date
input adjustment_covers_to : date
input adjustment_has_covered_period : bool
input adjustment_kind : kinds
definition is_temporary : bool = residence = temporary
definition residence_from : date = permanent_residence_from
definition has_earlier : bool = has_earlier_permanent_residence
definition earlier_to : date = earlier_permanent_residence_to
definition earlier_days : duration = earlier_permanent_residence_days
definition partner_at_home : bool = home_occupied_by(partner)
definition eligible_now : bool = eligible_needs
meter m
  rate = £0 per week
  accepts adjustments when adjustment_has_covered_period and adjustment_covers_from >= 2024-01-01
    and adjustment_covers_to <= 2024-02-01
)";

struct Reader {
    std::shared_ptr<const RuleSet> rules;
    History history;

    Reader(const std::string& json) : history(testing::history(json)) {
        LoadResult loaded = testing::load_text(testing::header + reader_rules);
        REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
        rules = loaded.rules;
    }
    Value on(const char* date, const std::string& name) {
        HistoryState state = history_state_on(history, day(date));
        Evaluator evaluator({*rules, history, state, day(date)});
        return evaluator.definition(*rules->definitions.at(name));
    }
    bool accepts(std::size_t adjustment) {
        const Adjustment& a = history.adjustments.at(adjustment);
        HistoryState state = history_state_on(history, a.date);
        state.adjustment = &a;
        Evaluator evaluator({*rules, history, state, a.date});
        return std::get<bool>(evaluator.eval(*rules->meters.at("m")->accepts_adjustments));
    }
};

} // namespace

TEST_CASE("rules read the residence, its first day and the residence before it") {
    Reader r(document(period("a", "2023-05-01", "2023-06-11") + ", " +
                      period("b", "2024-01-01", "2024-01-31", R"(, "residence": "temporary")") + ", " +
                      period("c", "2024-02-01", "2024-02-29") + ", " + period("d", "2024-03-01", "2024-03-31")));
    CHECK(std::get<bool>(r.on("2024-01-15", "is_temporary")));
    CHECK_FALSE(std::get<bool>(r.on("2024-03-15", "is_temporary")));
    // c and d are one run from 2024-02-01 (b, temporary, does not belong to it).
    CHECK(std::get<Date>(r.on("2024-03-15", "residence_from")) == day("2024-02-01"));
    CHECK(std::get<bool>(r.on("2024-03-15", "has_earlier")));
    CHECK(std::get<Date>(r.on("2024-03-15", "earlier_to")) == day("2023-06-11"));
    // 2023-05-01 to 2023-06-11: 31 + 11 = 42 days.
    CHECK(std::get<Decimal>(r.on("2024-03-15", "earlier_days")) == Decimal(42));
    CHECK_FALSE(std::get<bool>(r.on("2023-05-15", "has_earlier")));
    // A temporary stay has no first day of permanent residence: reading it is an error that says so.
    CHECK_THROWS_WITH_AS(r.on("2024-01-15", "residence_from"), doctest::Contains("`permanent_residence_from` has no value"),
                         EvalError);
}

TEST_CASE("rules read who lives in the home, by kind") {
    Reader r(document(period("a", "2024-01-01", "2024-03-31"),
                      R"("financial_assessments": [{"date": "2024-01-01", "capital": "0", "home_occupied_by": ["partner"]},
                                                  {"date": "2024-02-01", "capital": "0", "home_occupied_by": ["other_occupant"]},
                                                  {"date": "2024-03-01", "capital": "0"}], )"));
    CHECK(std::get<bool>(r.on("2024-01-15", "partner_at_home")));
    CHECK_FALSE(std::get<bool>(r.on("2024-02-15", "partner_at_home")));
    CHECK_FALSE(std::get<bool>(r.on("2024-03-15", "partner_at_home")));
}

TEST_CASE("a word the rules do not declare for who lives in the home, or a residence, is reported at its path") {
    LoadResult loaded = testing::load_text(testing::header + reader_rules);
    REQUIRE(loaded.rules);
    History h = testing::history(document(period("a", "2024-01-01", "2024-03-31", R"(, "residence": "respite")"),
                                          R"("financial_assessments": [{"date": "2024-01-01", "capital": "0",
                                              "home_occupied_by": ["lodger"]}], )"));
    std::vector<EvalError> errors = check_history_words(*loaded.rules, h);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].path == "care_periods[0].residence");
    CHECK(std::string(errors[0].what()).find("\"respite\" is not a residence_kind") != std::string::npos);
    CHECK(errors[1].path == "financial_assessments[0].home_occupied_by[0]");
}

TEST_CASE("eligible_needs is false only while the latest decision says the needs are not eligible") {
    Reader none(document(period("a", "2024-01-01", "2024-03-31")));
    CHECK(std::get<bool>(none.on("2024-01-15", "eligible_now"))); // no decision recorded: eligible
    Reader r(document(period("a", "2024-01-01", "2024-03-31"),
                      R"("eligibility": [{"date": "2024-01-10", "eligible": true}, {"date": "2024-02-01", "eligible": false},
                                         {"date": "2024-03-01", "eligible": true}], )"));
    CHECK(std::get<bool>(r.on("2024-01-05", "eligible_now"))); // before the first decision
    CHECK(std::get<bool>(r.on("2024-01-31", "eligible_now")));
    CHECK_FALSE(std::get<bool>(r.on("2024-02-01", "eligible_now")));
    CHECK_FALSE(std::get<bool>(r.on("2024-02-29", "eligible_now")));
    CHECK(std::get<bool>(r.on("2024-03-01", "eligible_now")));
}

TEST_CASE("rules read the period an adjustment covers, and can guard dates that are not given") {
    Reader r(document(period("a", "2024-01-01", "2024-03-31"), R"("adjustments": [
        {"date": "2024-03-01", "amount": "-10", "reason": "inside", "covers_from": "2024-01-01", "covers_to": "2024-02-01"},
        {"date": "2024-03-01", "amount": "-10", "reason": "starts too early", "covers_from": "2023-12-31", "covers_to": "2024-01-31"},
        {"date": "2024-03-01", "amount": "-10", "reason": "ends too late", "covers_from": "2024-01-01", "covers_to": "2024-02-02"},
        {"date": "2024-03-01", "amount": "-10", "reason": "no dates"},
        {"date": "2024-03-01", "amount": "-10", "reason": "one date", "covers_from": "2024-01-15"}], )"));
    CHECK(r.accepts(0));
    CHECK_FALSE(r.accepts(1));
    CHECK_FALSE(r.accepts(2));
    // `and` stops at the guard, so the dates that are not there are never read.
    CHECK_FALSE(r.accepts(3));
    CHECK_FALSE(r.accepts(4));
}
