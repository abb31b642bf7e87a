// authorities_test.cpp: the authorities registry (runtime/authorities/registry.h), rules chosen through it
// (runtime/authorities/authority_rules.h), and one history under several authorities' rules in one run.
// Every expected figure is worked out by hand beside it; docs/england-examples.md has the same
// arithmetic under "A trailblazer's resident moves to a non-trailblazer".
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/authorities/authority_rules.h"
#include "runtime/authorities/registry.h"
#include "runtime/evaluation/account.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"
#include "runtime/reports/result.h"
#include "runtime/evaluation/statements.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace carecap;
namespace fs = std::filesystem;

namespace {

const fs::path source = CARECAP_SOURCE_DIR;

History history_named(const std::string& name) {
    std::string why;
    auto text = read_text_file((source / "examples/england" / (name + ".json")).string(), 1 << 20, why);
    REQUIRE_MESSAGE(text, why);
    HistoryLoad h = load_history(*text, name);
    REQUIRE(h.history);
    return std::move(*h.history);
}

std::shared_ptr<const AuthorityRules> bound(const fs::path& registry) {
    AuthorityRulesLoad load =
        load_rules_with_registry((source / "rules/england/reform.rules").string(), registry.string());
    for (auto& e : load.errors) FAIL_CHECK(e);
    REQUIRE(load.rules);
    return load.rules;
}

// The messages for a registry text, one a line.
std::string registry_errors(const std::string& json) {
    RegistryLoad load = load_registry(json, "registry.json");
    std::string out;
    for (auto& line : render_registry_errors(load, "registry.json")) out += line + "\n";
    return out;
}

// A registry written for one test beside rules/authorities.json (a registry's rule files must lie beside or
// below it). The name carries the process id because ctest runs this file's cases in two processes at once
// (`unit` and `unit_authorities`), and one must not remove the other's file; the file goes when the test ends,
// passed or not.
struct RegistryBesideRules {
    fs::path file;
    RegistryBesideRules(const std::string& stem, const std::string& json)
        : file(source / "rules" / (stem + "-" + std::to_string(::getpid()) + ".json")) {
        std::ofstream(file) << json;
    }
    ~RegistryBesideRules() {
        std::error_code ignored;
        fs::remove(file, ignored);
    }
    RegistryBesideRules(const RegistryBesideRules&) = delete;
    RegistryBesideRules& operator=(const RegistryBesideRules&) = delete;
};

} // namespace

TEST_CASE("the registry finds an authority by its GSS code or its name") {
    RegistryLoad load = load_registry_file((source / "rules/authorities.json").string());
    REQUIRE(load.registry);
    const Registry& r = *load.registry;
    REQUIRE(r.find("E08000031"));
    CHECK(r.find("E08000031")->name == "Wolverhampton");
    CHECK(r.find("Wolverhampton") == r.find("E08000031"));
    // The six trailblazers, by their codes.
    for (const char* code : {"E08000031", "E06000009", "E06000049", "E09000025", "E06000065", "E10000025"}) {
        CAPTURE(code);
        REQUIRE(r.find(code));
        CHECK(r.find(code)->amendment_for("england.reform"));
    }
    CHECK(r.find("Birmingham"));
    CHECK(!r.find("Birmingham")->amendment_for("england.reform")); // under the national rules
    CHECK(!r.find("Anytown"));                                    // not listed: the national rules
    CHECK(!r.find("wolverhampton"));                              // names are matched exactly
}

TEST_CASE("a registry at fault is named by JSON path") {
    CHECK(registry_errors("{") .find("registry.json: invalid JSON in registry.json at line 1") == 0);
    CHECK(registry_errors(R"({"carecap_registry": 1, "authorities": [{"code": "E0800031", "name": "W"}]})") ==
          "registry.json: authorities[0].code: expected a GSS code (a letter E, W, S or N and eight digits, e.g. "
          "E08000031), found \"E0800031\"\n");
    CHECK(registry_errors(R"({"carecap_registry": 1, "authorities": [{"code": "E08000031", "name": "W", "colour": 1}]})") ==
          "registry.json: authorities[0].colour: unknown member \"colour\" (nothing is ignored here)\n");
    CHECK(registry_errors(R"({"carecap_registry": 1, "authorities": [{"code": "E08000031", "name": "W"},
                                                                      {"code": "E08000025", "name": "W"}]})") ==
          "registry.json: authorities[1]: \"W\" names two authorities: each code and name must name one\n");
    CHECK(registry_errors(R"({"carecap_registry": 1, "authorities": [{"code": "E08000031", "name": "W", "plan": "p"}]})") ==
          "registry.json: authorities[0].plan: no plan \"p\" in plans\n");
    CHECK(registry_errors(R"({"carecap_registry": 2, "authorities": []})") ==
          "registry.json: carecap_registry: expected the registry format version 1\n");
    CHECK(registry_errors(R"({"carecap_registry": 1, "authorities": [{"code": "E08000031", "name": "W",
                                "amendments": {"england.reform": "x.json"}}]})") ==
          "registry.json: authorities[0].amendments[\"england.reform\"]: expected a rule file (NAME.rules), found \"x.json\"\n");
    CHECK(registry_errors(R"({"carecap_registry": 1})") ==
          "registry.json: authorities: expected an array of authorities, found nothing\n");
}

TEST_CASE("a trailblazer's resident moves to a non-trailblazer: one run, each part under its authority's rules") {
    auto rules = bound(source / "rules/authorities.json");
    History history = history_named("trailblazer-move");
    // E08000031 (Wolverhampton, the January 2023 plan) until the move on 2023-07-01 to Birmingham,
    // which the registry lists with no amendments: the national rules from then on.
    RulesInForce in_force = rules->for_history(history);
    REQUIRE(in_force.sets.size() == 2);
    CHECK(in_force.sets[0]->header().name == "england.reform");
    CHECK(in_force.sets[1]->header().name == "england.trailblazers_january_2023");
    Evaluation e = evaluate_history(in_force, history);
    for (auto& err : e.errors) FAIL_CHECK(err.render());
    REQUIRE(e.account);
    const Account& a = *e.account;
    // Care from 2023-01-02 at £700 a week, residential, independent budget: £700 - £200 daily living
    // costs = £500 a week counts, £500/7 a day.
    // Wolverhampton, 2023-01-02 to 2023-06-30: metering from the trailblazer start, 2023-01-01
    // (asked 2022-12-01, so max(2022-12-01, 2023-01-01)). Days: January 30 (2 to 31), February 28,
    // March 31, April 30, May 31, June 30 = 180. 180 x 500 / 7 = 90,000/7 = £12,857.14.
    CHECK(a.total_at_end_of(0, Date::parse("2023-06-30").value()) == Decimal::ratio(90000, 7));
    // Birmingham, 2023-07-01 to 2023-09-30: the national rules are not in force until 2023-10-01.
    // Nothing counts, and what counted in Wolverhampton stands.
    const Stretch* july = a.stretch_on(Date::parse("2023-08-15").value());
    REQUIRE(july);
    CHECK(!july->rules_in_force);
    CHECK(a.rules_of(*july).header().name == "england.reform");
    CHECK(a.total_at_end_of(0, Date::parse("2023-09-30").value()) == Decimal::ratio(90000, 7));
    // Birmingham from 2023-10-01 (metering_start = max(2022-12-01, 2023-10-01)) to 2024-03-31:
    // October 31, November 30, December 31, January 31, February 29, March 31 = 183 days.
    // 183 x 500 / 7 = 91,500/7; in all (90,000 + 91,500)/7 = 181,500/7 = £25,928.57.
    CHECK(a.meters[0].total == Decimal::ratio(181500, 7));
    CHECK(a.rules_of(*a.stretch_on(Date::parse("2023-01-02").value())).header().name ==
          "england.trailblazers_january_2023");
    // One continuous account: it started once, on the first day of care.
    int started = 0;
    for (auto& ev : a.meters[0].events) started += ev.kind == MeterEvent::Kind::started;
    CHECK(started == 1);
    // Statements every 6 months from the opening on 2023-01-02. 2023-07-02 falls in Birmingham before
    // its rules are in force: none. 2024-01-02: 90,000/7 + (2023-10-01 to 2024-01-02: 31 + 30 + 31 + 2
    // = 94 days) x 500/7 = (90,000 + 47,000)/7 = 137,000/7 = £19,571.43, from Birmingham.
    REQUIRE(a.statements.size() == 2);
    CHECK(!a.statements[0].issued);
    CHECK(a.statements[0].not_issued_because.find("in force from 2023-10-01") != std::string::npos);
    CHECK(a.statements[1].issued);
    CHECK(a.statements[1].authority == "Birmingham");
    CHECK(a.statements[1].accrued == Decimal::ratio(137000, 7));
    CHECK(a.statements[1].rate == Decimal(500));
    // The result names both rule sets and what each covered.
    nlohmann::json sets = rule_sets_to_json(a);
    REQUIRE(sets.size() == 2);
    CHECK(sets[0]["name"] == "england.reform");
    CHECK(sets[0]["covers"] == nlohmann::json::parse(R"([{"from": "2023-07-01", "to": "2024-03-31"}])"));
    CHECK(sets[1]["covers"] == nlohmann::json::parse(R"([{"from": "2023-01-02", "to": "2023-06-30"}])"));
    CHECK(sets[1]["hash"] == in_force.sets[1]->content_hash);
}

TEST_CASE("a statement names the issuing authority by the registry's name, not the history's code") {
    auto rules = bound(source / "rules/authorities.json");
    History history = history_named("trailblazer-move"); // "authority": "E08000031" until the move
    Evaluation e = evaluate_history(rules->for_history(history), history);
    REQUIRE(e.account);
    // Asked for on 2023-03-01, in Wolverhampton's time: 2023-01-02 to 2023-03-01 is 30 + 28 + 1 = 59 days.
    Statement st = statement_on_request(*e.account, Date::parse("2023-03-01").value());
    REQUIRE(st.issued);
    CHECK(st.authority == "Wolverhampton");
    CHECK(st.accrued == Decimal::ratio(59 * 500, 7));
    // Without a registry the history's own word stands.
    LoadResult national = load_rules_for_histories((source / "rules/england/reform.rules").string());
    REQUIRE(national.rules);
    Evaluation plain = evaluate_history(*national.rules, history);
    REQUIRE(plain.account);
    CHECK(plain.account->authority_name("E08000031") == "E08000031");
}

TEST_CASE("without a registry the same history is under the national rules alone") {
    LoadResult national = load_rules_for_histories((source / "rules/england/reform.rules").string());
    REQUIRE(national.rules);
    History history = history_named("trailblazer-move");
    Evaluation e = evaluate_history(*national.rules, history);
    REQUIRE(e.account);
    // Only 2023-10-01 to 2024-03-31 counts: 183 x 500 / 7 = 91,500/7 = £13,071.43.
    CHECK(e.account->meters[0].total == Decimal::ratio(91500, 7));
    CHECK(!e.account->chosen_by_authority);
    CHECK(account_to_json(*e.account).contains("rule_sets") == false);
}

TEST_CASE("the registry says which trailblazer plan: the April 2023 plan starts later") {
    // A registry beside rules/authorities.json (so that its paths are the same) putting Wolverhampton
    // on the April 2023 plan.
    RegistryBesideRules registry("authorities-april-test", R"({"carecap_registry": 1,
        "plans": {"april": {"england.reform": "england/trailblazers-april-2023.rules"}},
        "authorities": [{"code": "E08000031", "name": "Wolverhampton", "plan": "april"}]})");
    auto rules = bound(registry.file);
    History history = history_named("trailblazer"); // "authority": "Wolverhampton", by name
    Evaluation e = evaluate_history(rules->for_history(history), history);
    REQUIRE(e.account);
    // Care 2023-01-02 to 2023-10-01 at £500 a week counting, from the April plan's start 2023-04-01:
    // April 30, May 31, June 30, July 31, August 31, September 30, October 1 = 184 days:
    // 184 x 500 / 7 = 92,000/7 = £13,142.86. (The January plan gives 273 days, £19,500.)
    CHECK(e.account->meters[0].total == Decimal::ratio(92000, 7));
    CHECK(e.account->rule_sets.size() == 2);
    CHECK(e.account->rule_sets[1]->header().name == "england.trailblazers_april_2023");
}

TEST_CASE("rule sets used together must keep the same meters") {
    LoadResult national = load_rules_for_histories((source / "rules/england/reform.rules").string());
    LoadResult other = load_rules_for_histories((source / "rules/minimal/cap.rules").string());
    REQUIRE(national.rules);
    REQUIRE(other.rules);
    History history = history_named("move-and-statements");
    RulesInForce in_force(*national.rules);
    in_force.sets.push_back(other.rules.get());
    in_force.by_authority.emplace_back("Blackpool", 1);
    Evaluation e = evaluate_history(in_force, history);
    REQUIRE(e.errors.size() == 1);
    CHECK(!e.account);
    CHECK(std::string(e.errors[0].what()).find("must declare the same meters in the same order") != std::string::npos);
}

TEST_CASE("a registry naming an amendment of other rules is refused when bound") {
    RegistryBesideRules registry("authorities-wrong-test", R"({"carecap_registry": 1,
        "authorities": [{"code": "E08000031", "name": "Wolverhampton",
                         "amendments": {"england.reform": "england/current.rules"}}]})");
    AuthorityRulesLoad load =
        load_rules_with_registry((source / "rules/england/reform.rules").string(), registry.file.string());
    CHECK(!load.rules);
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].find("authorities[0] (Wolverhampton): the rule file england/current.rules") != std::string::npos);
    CHECK(load.errors[0].find("does not amend england.reform") != std::string::npos);
}

TEST_CASE("the C++ API takes rules bound to a registry wherever it takes a rule set") {
    auto rules = bound(source / "rules/authorities.json");
    std::string why;
    auto text = read_text_file((source / "examples/england/trailblazer-move.json").string(), 1 << 20, why);
    REQUIRE(text);
    JsonResult by_authority = evaluate_json(*rules, *text, "trailblazer-move.json");
    REQUIRE(by_authority.ok);
    CHECK(by_authority.json["meters"][0]["total_exact"] == "181500/7"); // worked above
    CHECK(by_authority.json["rule_sets"].size() == 2);
    CHECK(by_authority.json["stretches"][0]["rules"] == "england.trailblazers_january_2023");
    JsonResult national = evaluate_json(rules->national(), *text, "trailblazer-move.json");
    REQUIRE(national.ok);
    CHECK(national.json["meters"][0]["total_exact"] == "91500/7");
    CHECK(!national.json.contains("rule_sets"));
    CHECK(!national.json["stretches"][0].contains("rules"));
    JsonResult statement = statement_json(*rules, *text, "2024-01-02", "trailblazer-move.json");
    REQUIRE(statement.ok);
    CHECK(statement.json["statement"]["accrued_exact"] == "137000/7");
    CHECK(statement.json["rule_sets"].size() == 2);
}

TEST_CASE("a council's policy written for england.current applies under england.reform") {
    // North Tyneside (E08000022) is registered with a policy for england.current only: bound to the reform,
    // the registry reads it as amending england.reform (docs/authorities.md, "Which file for which rules").
    auto rules = bound(source / "rules/authorities.json");
    History history = history_named("north-tyneside-carer");
    RulesInForce in_force = rules->for_history(history);
    REQUIRE(in_force.sets.size() == 2);
    const RuleSet& council = *in_force.sets[1];
    CHECK(council.header().name == "councils.north_tyneside");
    REQUIRE(council.files.size() == 3); // england.current, england.reform, the council's policy
    CHECK(council.files[0]->header.name == "england.current");
    CHECK(council.files[1]->header.name == "england.reform");
    std::string why;
    auto text = read_text_file((source / "examples/england/north-tyneside-carer.json").string(), 1 << 20, why);
    REQUIRE(text);
    // A carer at home, 2025-06-02 to 2025-06-15, whose package is £45.00 a week of carers' support; state
    // pension £300.00 a week, no capital. She could afford £300.00 - £232.60 (the 2025-26 MIG at pension
    // age) = £67.40. Under the reform alone she pays min(£45.00, £67.40) = £45.00; under North Tyneside's
    // policy (para 13.3) the carers' support is not charged for: £45.00 - £45.00 = £0.00 to pay.
    JsonResult by_authority = evaluate_json(*rules, *text, "north-tyneside-carer.json");
    REQUIRE(by_authority.ok);
    CHECK(by_authority.json["stretches"][0]["rules"] == "councils.north_tyneside");
    CHECK(by_authority.json["stretches"][0]["figures"]["assessed_charge"] == "0.00");
    JsonResult national = evaluate_json(rules->national(), *text, "north-tyneside-carer.json");
    REQUIRE(national.ok);
    CHECK(national.json["stretches"][0]["figures"]["assessed_charge"] == "45.00");
}
