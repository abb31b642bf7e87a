// carry_over_test.cpp: what each definition reads (lang/reads.h), and that values kept from
// one stretch to the next (Evaluator::move_to) never hide a change. Hand-worked figures.
#include "rules_helper.h"

#include "runtime/evaluation/engine.h"

#include <algorithm>

using namespace carecap;

namespace {

const std::string rules_text = R"(
input weekly_cost : money per week
input capital : money
input date_of_birth : date
parameter dlc : money per week
  from 2021-04-01 = £200 per week
  from 2024-04-01 = £210 per week
parameter cap_level : money
  from 2023-10-01 = £86,000
definition less_dlc : money per week = weekly_cost - dlc
definition capital_relief : money per week =
  when capital > £27,000 : £0 per week
  otherwise : £70 per week
definition later_extra : money per week =
  when today >= 2024-02-15 : £7 per week
  otherwise : £0 per week
definition rate : money per week = less_dlc - capital_relief + later_extra
definition after_cap : money per week =
  when reached(care_account) : rate
  otherwise : £0 per week
definition old_enough : bool = date_of_birth < 1950-01-01
meter care_account
  rate = rate
  ceiling = cap_level
meter after
  rate = after_cap
)";

// Capital £30,000 from 2023-10-01, £25,000 from 2024-01-01; one care period to 2024-04-28.
const std::string history_json = R"({"carecap_history": 1, "person": {"id": "t", "date_of_birth": "1940-05-01"},
  "authority": "A",
  "financial_assessments": [{"date": "2023-10-01", "capital": "30000.00"},
                            {"date": "2024-01-01", "capital": "25000.00"}],
  "care_periods": [{"id": "1", "start": "2023-10-01", "end": "2024-04-28", "setting": "residential",
                    "budget": "independent", "weekly_cost": "700.00"}]})";

std::shared_ptr<const RuleSet> load() {
    LoadResult loaded = testing::load_text(testing::header + rules_text);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return loaded.rules;
}

const Reads& reads_of(const RuleSet& rules, const std::string& name) {
    return rules.reads.at(rules.definitions.at(name)->slot);
}

bool reads_parameter(const Reads& r, const RuleSet& rules, const std::string& name) {
    const ParameterDecl* p = rules.parameters.at(name);
    return std::find(r.parameters.begin(), r.parameters.end(), p) != r.parameters.end();
}

std::uint8_t bit(InputSource s) { return static_cast<std::uint8_t>(s); }

} // namespace

TEST_CASE("each definition's reads are what it and the definitions it uses read") {
    auto rules = load();
    const Reads& less_dlc = reads_of(*rules, "less_dlc");
    CHECK(less_dlc.sources == bit(InputSource::care_period));
    CHECK(reads_parameter(less_dlc, *rules, "dlc"));
    CHECK(!less_dlc.today);
    CHECK(!less_dlc.reached);

    CHECK(reads_of(*rules, "capital_relief").sources == bit(InputSource::assessment));
    CHECK(reads_of(*rules, "capital_relief").parameters.empty());
    CHECK(reads_of(*rules, "later_extra").today);
    // ... and it compares `today` with the rules' one boundary, 2024-02-15 (position 0).
    CHECK(reads_of(*rules, "later_extra").boundaries == std::vector<std::uint32_t>{0});
    CHECK(reads_of(*rules, "less_dlc").boundaries.empty());
    CHECK(reads_of(*rules, "later_extra").sources == 0);

    // `rate` sums all three; `after_cap` adds reached(care_account).
    const Reads& rate = reads_of(*rules, "rate");
    CHECK(rate.sources == (bit(InputSource::care_period) | bit(InputSource::assessment)));
    CHECK(rate.today);
    CHECK(!rate.reached);
    CHECK(reads_of(*rules, "after_cap").reached);

    // The one date compared with `today` is a literal: it reads nothing, so the timeline works
    // it out once for the whole history.
    REQUIRE(rules->boundary_reads.size() == 1);
    CHECK(rules->boundary_reads[0].sources == 0);
    CHECK(rules->boundary_reads[0].parameters.empty());
    CHECK(!rules->boundary_reads[0].today);

    // A fact of the person (the history part) never changes between stretches.
    CHECK(reads_of(*rules, "old_enough").sources == bit(InputSource::history));
    CHECK(!reads_of(*rules, "old_enough").today);

}

TEST_CASE("a value kept from stretch to stretch is worked out again when what it reads changes") {
    auto rules = load();
    History history = testing::history(history_json);
    // Stretches: the capital falls on 2024-01-01 (a new financial assessment: `capital_relief`
    // changes, `less_dlc` does not); `later_extra` starts on 2024-02-15 (only `today` changes);
    // dlc rises on 2024-04-01 (a parameter: `less_dlc` changes, `capital_relief` does not).
    //   2023-10-01..2023-12-31, 92 days at £700 - £200 - £0 + £0 = £500 a week: 500 x 92 / 7 = 46,000/7
    //   2024-01-01..2024-02-14, 45 days at £700 - £200 - £70 + £0 = £430 a week: 430 x 45 / 7 = 19,350/7
    //   2024-02-15..2024-03-31, 46 days at £700 - £200 - £70 + £7 = £437 a week: 437 x 46 / 7 = 20,102/7
    //   2024-04-01..2024-04-28, 28 days at £700 - £210 - £70 + £7 = £427 a week: 427 x 4 = 1,708 = 11,956/7
    // Total (46,000 + 19,350 + 20,102 + 11,956) / 7 = 97,408/7 = £13,915 3/7, under the £86,000 cap.
    Decimal expected = Decimal::ratio(97408, 7);
    // A listener that records nothing: with one every stretch gets new evaluators (nothing
    // is carried over), and both ways must agree.
    struct Quiet : TraceSink {
        void definition(const DefinitionDecl&, std::span<const Value>, const Value&, const Case*,
                        const ExceptionDecl*) override {}
        void parameter(const ParameterDecl&, const ParameterValue&, Date) override {}
        void input(const InputDecl&, const Value&) override {}
    };
    struct Listener : StretchListener {
        Quiet quiet;
        int told = 0;
        TraceSink& opening_sink(const Stretch&) override { return quiet; }
        TraceSink& rating_sink(const Stretch&) override { return quiet; }
        void worked(const Stretch&, const RuleSet&, const HistoryState&, Evaluator&) override { ++told; }
    };
    for (bool listen : {false, true}) {
        Listener listener;
        EvalOptions options;
        if (listen) options.listener = &listener;
        Evaluation e = evaluate_history(*rules, history, options);
        for (auto& err : e.errors) FAIL_CHECK(err.render());
        REQUIRE(e.account);
        CHECK(e.account->meters[0].total == expected);
        CHECK(!e.account->meters[0].reached_on);
        CHECK(e.account->meters[1].total == Decimal(0));
        std::vector<std::string> rates;
        for (auto& s : e.account->stretches) rates.push_back(s.first.to_string() + " " + s.meters[0].rate.to_exact());
        std::string all;
        for (auto& r : rates) all += r + "; ";
        // The timeline cuts at a date compared with `today` and at the day after (for `>` as
        // for `>=`), so 2024-02-15 is a stretch of its own, with nothing changed after it.
        CHECK(all == "2023-10-01 500; 2024-01-01 430; 2024-02-15 437; 2024-02-16 437; 2024-04-01 427; ");
        CHECK(listener.told == (listen ? 5 : 0)); // told of each stretch once
    }
}

TEST_CASE("a value that reads reached(m) is worked out again once the meter reaches its ceiling") {
    // The same rules with a £10,000 cap: £500 a week is £500/7 a day, so day k of the first stretch
    // has 500k/7; 500k/7 >= 10,000 first when k = 140 > 92. So the cap falls in a later stretch:
    // after 92 days 46,000/7 (£6,571.43); room left 10,000 - 46,000/7 = 24,000/7; at £430 a week
    // (430/7 a day) 24,000/430 = 55.8 days, and the second stretch has only 45: 19,350/7 more, so
    // 65,350/7 (£9,335.71); room 4,650/7; at £437 a week 4,650/437 = 10.64, so day 11 of the third
    // stretch (2024-02-15 + 10 = 2024-02-25) reaches it. From 2024-02-26 to 2024-03-31 (35 days)
    // `after_cap` is £437 a week: 437 x 5 = £2,185; then 28 days at £427: 427 x 4 = £1,708.
    // The after meter: £2,185 + £1,708 = £3,893.
    std::string capped = rules_text;
    capped.replace(capped.find("86,000"), 6, "10,000");
    LoadResult loaded = testing::load_text(testing::header + capped);
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    History history = testing::history(history_json);
    Evaluation e = evaluate_history(*loaded.rules, history);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    REQUIRE(e.account->meters[0].reached_on);
    CHECK(e.account->meters[0].reached_on->to_string() == "2024-02-25");
    CHECK(e.account->meters[0].total == Decimal(10000));
    CHECK(e.account->meters[1].total == Decimal(3893));
}
