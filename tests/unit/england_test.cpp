// england_test.cpp: the England rule files over the bundled histories: the same
// history under two rule versions, and statements under both schedules. Every
// figure is worked out by hand here or in docs/england-examples.md.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/account.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>
#include <sstream>

using namespace carecap;
namespace fs = std::filesystem;

namespace {

const fs::path source = CARECAP_SOURCE_DIR;

struct Evaluated {
    std::shared_ptr<const RuleSet> rules;
    std::unique_ptr<History> history;
    Account account;
};

Evaluated evaluate(const fs::path& rules_file, const std::string& history_name, std::vector<std::string> roots = {}) {
    LoadResult loaded = load_rules_for_histories(rules_file.string(), std::move(roots));
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    std::string why;
    auto text = read_text_file((source / "examples/england" / (history_name + ".json")).string(), 1 << 20, why);
    REQUIRE(text);
    HistoryLoad h = load_history(*text, history_name);
    REQUIRE(h.history);
    auto history = std::make_unique<History>(std::move(*h.history));
    Evaluation e = evaluate_history(*loaded.rules, *history);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    return {loaded.rules, std::move(history), std::move(*e.account)};
}

// Writes an amendment of rules/england/FILE in a scratch directory: a change to
// data alone. The scratch directory reaches the England rules as an allowed root.
fs::path amendment(const std::string& name, const std::string& base_name, const std::string& base_file,
                   const std::string& in_force, const std::string& body) {
    fs::path dir = fs::temp_directory_path() / ("carecap-england-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path file = dir / (name + ".rules");
    std::string base = fs::relative(source / "rules/england" / base_file, dir).string();
    std::ofstream(file) << "rules test." << name << " version \"1\"\n  amends " << base_name << " in \"" << base
                        << "\"\n  in force from " << in_force << "\n" << body;
    return file;
}

const std::vector<std::string> england_root = {(source / "rules/england").string()};

} // namespace

TEST_CASE("a trailblazer's start date is data: one history, two rule versions") {
    auto national = evaluate(source / "rules/england/reform.rules", "trailblazer");
    auto trailblazer = evaluate(source / "rules/england/trailblazers-january-2023.rules", "trailblazer");
    // £700 - £200 = £500 a week. Nationally only 2023-10-01 counts: 500/7. In the trailblazer,
    // metering starts 2023-01-01 and care runs 2023-01-02 to 2023-10-01, 273 days: 39 x £500.
    CHECK(national.account.meters[0].total == Decimal::ratio(500, 7));
    CHECK(trailblazer.account.meters[0].total == Decimal(19500));
}

TEST_CASE("the cap level is data: one history, two rule versions") {
    auto reform = evaluate(source / "rules/england/reform.rules", "reaching-the-cap");
    auto lower = evaluate(amendment("cap_70000", "england.reform", "reform.rules", "2023-10-01",
                                    "parameter cap_level : money\n  from 2023-10-01 = £70,000\n"),
                          "reaching-the-cap", england_root);
    // £1,800 a week. £86,000: day ceil(86,000 x 7 / 1,800) = ceil(334.4) = 335 -> 2024-08-31.
    // £70,000: day ceil(70,000 x 7 / 1,800) = ceil(272.2) = 273 -> 2023-10-02 + 272 days = 2024-06-30.
    CHECK(reform.account.meters[0].reached_on->to_string() == "2024-08-31");
    CHECK(lower.account.meters[0].reached_on->to_string() == "2024-06-30");
}

TEST_CASE("a capital limit is data: one history, two rule versions") {
    auto evaluate_tariff = [](const fs::path& file, std::vector<std::string> roots) {
        LoadResult loaded = load_rules_for_histories(file.string(), std::move(roots));
        REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
        History h;
        h.person_id = "capital";
        h.authority = "Anytown";
        FinancialAssessment a;
        a.date = *Date::parse("2024-06-03");
        a.capital = *Decimal::parse("20000.01");
        h.financial_assessments.push_back(a);
        CarePeriod care; // at home, so the main home is never counted
        care.id = "home";
        care.start = a.date;
        care.end = a.date;
        care.setting = EnumWord{"home", "setting"};
        care.budget = EnumWord{"personal", "budget"};
        h.care_periods.push_back(care);
        HistoryState state = history_state_on(h, a.date);
        Evaluator evaluator({*loaded.rules, h, state, a.date});
        return std::get<Decimal>(evaluator.definition(*loaded.rules->definitions.at("tariff_income")));
    };
    Decimal before = evaluate_tariff(source / "rules/england/current.rules", {});
    Decimal after = evaluate_tariff(amendment("lower_limit_20000", "england.current", "current.rules", "2015-04-01",
                                              "parameter lower_capital_limit : money\n  from 2015-04-01 = £20,000\n"),
                                    england_root);
    // Capital £20,000.01. Lower limit £14,250: £5,750.01 / £250 = 23.00004, rounded up: £24 a week.
    // Lower limit £20,000: £0.01 / £250, any part of £250 counts as £1: £1 a week.
    CHECK(before == Decimal(24));
    CHECK(after == Decimal(1));
}

TEST_CASE("statements: every 6 months under the consultation draft, every 12 under the specification") {
    auto draft = evaluate(source / "rules/england/reform.rules", "statements");
    auto spec = evaluate(source / "rules/england/care-account-specification.rules", "statements");
    // £1,000 - £200 = £800 a week, £800/7 a day, from 2023-10-02 to 2025-10-05. The cap is reached
    // on day ceil(86,000 x 7 / 800) = ceil(752.5) = 753: 2023-10-02 + 752 days = 2025-10-23,
    // after the history ends.
    const auto& d = draft.account.statements;
    REQUIRE(d.size() == 4); // 2024-04-02, 2024-10-02, 2025-04-02, 2025-10-02
    CHECK(d[0].date.to_string() == "2024-04-02");
    // Accrued by the end of each date: 184, 367, 549 and 732 days of £800/7.
    CHECK(d[0].accrued == Decimal::ratio(184 * 800, 7));
    CHECK(d[1].accrued == Decimal::ratio(367 * 800, 7));
    CHECK(d[3].accrued == Decimal::ratio(732 * 800, 7));
    // The expected date, 2025-10-23, is shown when within 12 months: not on 2024-10-02 (a year on
    // is 2025-10-02), but on 2025-04-02 and 2025-10-02.
    CHECK(!d[1].expected_shown);
    CHECK(d[2].expected_shown);
    CHECK(d[2].expected_on->to_string() == "2025-10-23");
    CHECK(d[0].cap_level == Decimal(86000));
    CHECK(d[0].rate == Decimal(800));
    CHECK(d[0].total_cost == Decimal(1000));
    CHECK(d[0].living_costs == Decimal(200));
    CHECK(d[0].caveat.find("subject to verification") != std::string::npos);
    // The specification: every 12 months, shown within 18: 2024-10-02 shows 2025-10-23 (before 2026-04-02).
    const auto& s = spec.account.statements;
    REQUIRE(s.size() == 2);
    CHECK(s[0].date.to_string() == "2024-10-02");
    CHECK(s[0].expected_shown);
}

TEST_CASE("statements: none once the cap is reached, nor when nothing has accrued") {
    auto reached = evaluate(source / "rules/england/reform.rules", "reaching-the-cap");
    // Opened 2023-10-02; statements due 2024-04-02 (issued) and 2024-10-02 (the cap was reached
    // on 2024-08-31: none).
    const auto& st = reached.account.statements;
    REQUIRE(st.size() == 2);
    CHECK(st[0].issued);
    CHECK(!st[1].issued);
    CHECK(st[1].not_issued_because == "the cap was reached on 2024-08-31");
}

TEST_CASE("statements after a move: the new authority's account continues, and so does its schedule") {
    auto moved = evaluate(source / "rules/england/reform.rules", "move-and-statements");
    // Opened 2023-10-02 in Anytown at £1,000 - £200 = £800 a week counting; moved to Blackpool on
    // 2024-02-01. 004 3.7 relieves the first authority of statements, not the account: Blackpool
    // carries it on "by the amount set by the first authority", on the same six-monthly schedule.
    const auto& st = moved.account.statements;
    REQUIRE(st.size() == 2);
    // 2024-04-02: 2023-10-02 to 2024-04-02 is 30 + 30 + 31 + 31 + 29 + 31 + 2 = 184 days:
    // 184 x 800 / 7 = 147,200/7 = £21,028.57, from Blackpool, no adjustments.
    CHECK(st[0].date == Date::parse("2024-04-02").value());
    CHECK(st[0].issued);
    CHECK(st[0].authority == "Blackpool");
    CHECK(st[0].accrued == Decimal::ratio(147200, 7));
    CHECK(st[0].rate == Decimal(800));
    CHECK(st[0].adjustments.empty());
    // 2024-10-02: 184 + (28 + 31 + 30 + 31 + 31 + 30 + 2 = 183) = 367 days: 293,600/7 = £41,942.86.
    CHECK(st[1].issued);
    CHECK(st[1].authority == "Blackpool");
    CHECK(st[1].accrued == Decimal::ratio(367 * 800, 7));
}

TEST_CASE("explain names, for each figure a rule produced, the rule's file:line and the guidance it cites") {
    for (auto& entry : fs::directory_iterator(source / "examples/england")) {
        std::string name = entry.path().stem().string();
        std::string rules = "reform.rules";
        if (name == "trailblazer") rules = "trailblazers-january-2023.rules";
        if (name == "scheme-2015") rules = "scheme-2015.rules";
        if (name == "cap-uprating") rules = "cap-uprating-illustration.rules";
        LoadResult loaded = load_rules_for_histories((source / "rules/england" / rules).string());
        REQUIRE(loaded.rules);
        std::string why;
        auto text = read_text_file(entry.path().string(), 1 << 20, why);
        REQUIRE(text);
        std::string explained;
        JsonResult r = explain_text(*loaded.rules, *text, explained, name);
        REQUIRE_MESSAGE(r.ok, name);
        std::istringstream lines(explained);
        int cited = 0;
        for (std::string line; std::getline(lines, line);) {
            bool names_rule = line.find("(" + (source / "rules/england").string()) != std::string::npos;
            // A meter's rate and ceiling rest on figures that cite their own guidance; the meter's own
            // citation (how it treats adjustments, uprating) is given once, beside its total.
            bool meter_clause = line.find(": the rate = ") != std::string::npos || line.find(": the ceiling = ") != std::string::npos;
            if (!names_rule || meter_clause) continue;
            ++cited;
            CHECK_MESSAGE(line.find(" [") != std::string::npos, name << ": no guidance cited on: " << line);
        }
        CHECK_MESSAGE(cited >= 5, name);
    }
}
