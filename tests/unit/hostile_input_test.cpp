// hostile_input_test.cpp: input that once crashed, hung or starved carecap, each now stopped by a
// deterministic limit with a clear error (docs/limits.md), or given the right result.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/statements.h"

#include <chrono>
#include <string>

using namespace carecap;
using testing::header;

namespace {

const std::string kWords = R"(
enum care_setting = residential | home
enum budget_kind = personal | independent
input setting : care_setting
input budget : budget_kind
input weekly_cost : money per week
)";

LoadResult load_with(const std::string& text, const Limits& limits) {
    LoadOptions options;
    options.inputs = history_inputs();
    options.limits = limits;
    return load_rule_set_text("test.rules", text, options);
}

// `periods` consecutive care periods of a week each from 2023-10-01, the i-th at weekly_costs[i].
std::string weekly_periods(const std::vector<std::string>& weekly_costs) {
    std::string json = R"({"carecap_history": 1, "person": {"id": "t"}, "authority": "A", "care_periods": [)";
    Date start = *Date::parse("2023-10-01");
    for (std::size_t i = 0; i < weekly_costs.size(); ++i) {
        json += std::string(i ? "," : "") + R"({"id": "p)" + std::to_string(i) + R"(", "start": ")" +
                start.to_string() + R"(", "end": ")" + start.plus_days(6).to_string() +
                R"(", "setting": "home", "budget": "personal", "weekly_cost": ")" + weekly_costs[i] + R"("})";
        start = start.plus_days(7);
    }
    return json + "]}";
}

std::string first_eval_error(const RuleSet& rules, const History& history) {
    Evaluation e = evaluate_history(rules, history);
    return e.errors.empty() ? std::string() : std::string(e.errors.front().what());
}

} // namespace

TEST_CASE("a chain of squarings stops at the value size limit, naming the definition and the day") {
    // d0 = 1.0000000001 = (10^10 + 1) / 10^10, in lowest terms (10^10 + 1 is odd and ends in 1).
    // d_k = d0^(2^k): its denominator is 10^(10 * 2^k), of floor(10 * 2^k * log2(10)) + 1 bits:
    // d4: 160 * 3.3219 = 531.5 -> 532 bits (under 1024); d5: 320 * 3.3219281 = 1063.02 -> 1064 bits.
    // (The numerator (10^10 + 1)^32 differs from 10^320 by a factor of about 1 + 3.2e-9: the same 1064 bits.)
    std::string text = header + kWords + "definition d0 : decimal = 1.0000000001\n";
    for (int k = 1; k <= 14; ++k)
        text += "definition d" + std::to_string(k) + " : decimal = d" + std::to_string(k - 1) + " * d" +
                std::to_string(k - 1) + "\n";
    text += "meter m\n  rate = weekly_cost * d14\n";
    LoadResult loaded = testing::load_text(text);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History h = testing::history(weekly_periods({"100.00"}));
    const auto started = std::chrono::steady_clock::now();
    Evaluation e = evaluate_history(*loaded.rules, h);
    REQUIRE(e.errors.size() == 1);
    CHECK(std::string(e.errors.front().what()) ==
          "working out `d5` on 2023-10-01 gives a number of 1064 bits, over the limit of 1024 bits for the "
          "numerator or denominator of one value (the limit value_bits)");
    // `d5 = d4 * d4`: the header is lines 1-2, kWords lines 3-8 (from a blank line), d0 line 9, d5 line 14.
    CHECK(e.errors.front().span.line == 14);
    // Before the limit, d14 (about 544,000 bits) ran for minutes; now it stops within a second even
    // under sanitizers (a generous bound, only to catch the hang coming back).
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("the value size limit can be lowered, and is checked on built-ins' results too") {
    Limits limits;
    limits.value_bits = 40;
    // 2^40 = 1,099,511,627,776 needs 41 bits; 2^39 * 1 = 549,755,813,888 needs 40.
    std::string text = header + kWords +
                       "definition big : decimal = 549755813888\n"
                       "definition fits : decimal = big * 1\n"
                       "definition over : decimal = max(big * 2, 1)\n"
                       "meter m\n  rate = weekly_cost * fits * over\n";
    LoadResult loaded = load_with(text, limits);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History h = testing::history(weekly_periods({"1.00"}));
    // big * 2 is 2^40 (41 bits): stopped inside `over`, at the product, before max() sees it.
    CHECK(first_eval_error(*loaded.rules, h) ==
          "working out `over` on 2023-10-01 gives a number of 41 bits, over the limit of 40 bits for the "
          "numerator or denominator of one value (the limit value_bits)");
}

TEST_CASE("a meter's running total is held to the value size limit") {
    // The rate is £1 a week divided by the week's cost in pounds: £1/p a week for a week is £1/p.
    // Over weeks at primes p = 101, 103, 107, 109, 113, 127, 131, 137, 139, 149 the total is
    // sum(1/p), whose denominator is their product (the numerator is prime to each p). Its bits:
    // log2 of the running product = 6.66, 13.35, 20.09, 26.85, 33.67, 40.66, 47.70, 54.79, 61.91,
    // 69.13 (a number x has floor(log2 x) + 1 bits): 62 bits after the ninth week, 70 after the
    // tenth. With value_bits = 64 the tenth week,
    // from 2023-10-01 + 63 days = 2023-12-03, is the first over it.
    Limits limits;
    limits.value_bits = 64;
    std::string text = header + kWords +
                       "meter m\n  rate = £1 per week / (weekly_cost / £1 per week)\n  ceiling = £1,000,000\n";
    LoadResult loaded = load_with(text, limits);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    std::vector<std::string> primes = {"101.00", "103.00", "107.00", "109.00", "113.00",
                                       "127.00", "131.00", "137.00", "139.00"};
    CHECK(first_eval_error(*loaded.rules, testing::history(weekly_periods(primes))) == "");
    primes.push_back("149.00");
    CHECK(first_eval_error(*loaded.rules, testing::history(weekly_periods(primes))) ==
          "the total of meter `m` on 2023-12-03 would be a number of 70 bits, over the limit of 64 bits for the "
          "numerator or denominator of one value (the limit value_bits)");
}

TEST_CASE("the stretches of one history are bounded (the limit history_stretches)") {
    // Six consecutive weeks at six different costs: the timeline is cut at each start, six stretches.
    Limits limits;
    limits.history_stretches = 6;
    std::string text = header + kWords + "meter m\n  rate = weekly_cost\n";
    LoadResult six = load_with(text, limits);
    REQUIRE_MESSAGE(six.rules, render(six.diagnostics));
    History h = testing::history(weekly_periods({"1.00", "2.00", "3.00", "4.00", "5.00", "6.00"}));
    CHECK(first_eval_error(*six.rules, h) == "");
    limits.history_stretches = 5;
    LoadResult five = load_with(text, limits);
    REQUIRE(five.rules);
    CHECK(first_eval_error(*five.rules, h) ==
          "the history's timeline is cut into 6 stretches (runs of days with the same facts), over the limit of 5 "
          "(the limit history_stretches)");
}

TEST_CASE("a NUL byte is invalid JSON at its place, never the end of the history") {
    // Everything after the NUL once went unread: a history of no care, £0.00, accepted.
    const std::string text = std::string("{\"carecap_history\": 1,\n  \"person\": {\"id\": \"t\"}}\0{", 49);
    REQUIRE(text.size() == 49);
    HistoryLoad h = load_history(text, "test");
    REQUIRE(h.errors.size() == 1);
    // The first line is 22 bytes and its newline (bytes 0 to 22); the second, `  "person": {"id": "t"}}`,
    // is 24 bytes from byte 23, so the NUL is byte 47: column 47 - 23 + 1 = 25.
    CHECK(h.errors.front().message ==
          "invalid JSON in test at line 2, column 25: a NUL byte (0x00), which JSON does not allow anywhere");
    CHECK_FALSE(h.history);
}

TEST_CASE("history_depth cannot be raised past the depth the tree can be freed at") {
    Limits limits;
    CHECK(set_limit(limits, "history_depth", "1000") == std::nullopt);
    CHECK(set_limit(limits, "history_depth", "1001") ==
          "the limit history_depth can be at most 1000: a deeper history's tree could exhaust the stack when it "
          "is freed");
    // A host that sets it in C++ is held to the same ceiling.
    limits.history_depth = 1'000'000;
    std::string deep = std::string(1500, '[') + std::string(1500, ']');
    HistoryLoad h = load_history(deep, "deep", limits);
    REQUIRE(h.errors.size() == 1);
    CHECK(h.errors.front().message == "the document is nested more than 1000 levels deep (the limit history_depth)");
}

TEST_CASE("a date moved by a whole number of days too large for 64 bits leaves the supported years") {
    // 10^20 * 10^20 = 10^40 days: whole, but no date; it was once called "not a whole number".
    std::string text = header + kWords +
                       "definition far : date = 2023-10-01 + 100000000000000000000 * 100000000000000000000 * 1 day\n"
                       "definition rate_now : money per week =\n  when today < far : weekly_cost\n"
                       "  otherwise : £0 per week\n"
                       "meter m\n  rate = rate_now\n";
    LoadResult loaded = testing::load_text(text);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    std::string error = first_eval_error(*loaded.rules, testing::history(weekly_periods({"1.00"})));
    CHECK(error == "moving 2023-10-01 by 10000000000000000000000000000000000000000 days leaves the years 1800 to "
                   "2399 that carecap handles");
}

TEST_CASE("a valid history running to late 2399 gets its statements, not an internal error") {
    LoadResult loaded = load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/rules/england/reform.rules");
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    // A residential self-funder (the bad-input catalogue's as-of-2399.json): the account opens on
    // 2023-10-02, the first day of care, and reform.rules schedules a statement every 6 months
    // from it. The cap is reached in 2026, after which each date on the schedule is still listed
    // (not issued). The schedule's last date in the history is 2399-10-02, (2399 - 2023) * 2 = 752
    // half-years on; the next, 2400-04-02, lies past the years carecap handles, where it once failed.
    History h = testing::history(R"({"carecap_history": 1, "person": {"id": "late", "date_of_birth": "1944-03-15"},
      "authority": "A", "as_of": "2399-10-02", "assessment_requested": "2023-09-01",
      "care_periods": [{"id": "a", "start": "2023-10-02", "setting": "residential", "budget": "independent",
                        "weekly_cost": "800.00"}]})");
    Evaluation e = evaluate_history(*loaded.rules, h);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    CHECK(e.account->statements.size() == 752);
    REQUIRE_FALSE(e.account->statements.empty());
    CHECK(e.account->statements.back().date == *Date::parse("2399-10-02"));

    // At £200.01 a week in residential care, less £200 of daily living costs, a penny a week
    // counts: £86,000 takes 8,600,000 weeks, far past 2399. A statement asked for on 2399-10-02
    // has its window for the expected day (the months after it) and that day both past the last
    // supported date: the day is not expected within it, rather than an error.
    History slow = testing::history(R"({"carecap_history": 1, "person": {"id": "slow", "date_of_birth": "1944-03-15"},
      "authority": "A", "as_of": "2399-10-02", "assessment_requested": "2023-09-01",
      "care_periods": [{"id": "a", "start": "2023-10-02", "setting": "residential", "budget": "independent",
                        "weekly_cost": "200.01"}]})");
    Evaluation slow_e = evaluate_history(*loaded.rules, slow);
    for (auto& err : slow_e.errors) FAIL_CHECK(err.render());
    REQUIRE(slow_e.account);
    Statement asked = statement_on_request(*slow_e.account, *Date::parse("2399-10-02"));
    CHECK(asked.issued);
    CHECK_FALSE(asked.expected_on);
    CHECK_FALSE(asked.expected_shown);
}
