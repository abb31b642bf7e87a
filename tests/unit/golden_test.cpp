// golden_test.cpp: conformance tests as data, every kind through one driver.
// Each case in tests/golden/KIND/ is a manifest, NAME.case, of `key: value` lines
// (paths from the repository root; `#` starts a comment line):
//   command: check | eval | explain | history | statement   (what is run, as the command line runs it)
//   rules: rules/minimal/cap.rules                           (check, eval, explain, statement)
//   history: examples/minimal/three-periods.json             (eval, explain, history, statement)
//   format: text | json                                      (explain; text when absent)
//   figure: NAME                                             (explain --figure)
//   on: YYYY-MM-DD                                           (explain --on, statement --on)
//   expected: FILE                                           (beside the case; NAME.expected when absent)
// The expected file holds the exact output: the diagnostics for check, the errors then the output for the
// others, one error a line. Run with CARECAP_UPDATE_GOLDEN=1 to rewrite every expected file, then review
// the change with `git diff tests/golden` (docs/testing.md).
#include <doctest/doctest.h>

#include "source_tree.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using carecap::testing::read;
using carecap::testing::InSourceTree;
using namespace carecap;

namespace {

const char* const golden_root = "tests/golden";

using GoldenCase = std::map<std::string, std::string>;

GoldenCase read_case(const fs::path& p) {
    GoldenCase out;
    std::istringstream lines(read(p));
    for (std::string line; std::getline(lines, line);) {
        auto colon = line.find(": ");
        if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
        out[line.substr(0, colon)] = line.substr(colon + 2);
    }
    return out;
}

std::string get(const GoldenCase& c, const std::string& key) {
    auto it = c.find(key);
    return it == c.end() ? std::string() : it->second;
}

std::string errors_then(const JsonResult& r, const std::string& output) {
    std::string out;
    for (auto& e : r.errors) out += e + "\n";
    return out + output;
}

std::shared_ptr<const RuleSet> rules_of(const GoldenCase& c) {
    LoadResult loaded = load_rules_for_histories(get(c, "rules"));
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    return loaded.rules;
}

std::string history_of(const GoldenCase& c) {
    std::string history = read(get(c, "history"));
    REQUIRE_MESSAGE(!history.empty(), "cannot read " << get(c, "history"));
    return history;
}

// `carecap check`: the diagnostics as printed.
std::string run_check(const GoldenCase& c) { return render(load_rules_for_histories(get(c, "rules")).diagnostics); }

// `carecap eval`: the result as JSON.
std::string run_eval(const GoldenCase& c) {
    auto rules = rules_of(c);
    JsonResult r = evaluate_json(*rules, history_of(c), get(c, "history"));
    return errors_then(r, r.ok ? r.json.dump(2) + "\n" : "");
}

// `carecap explain`, as text or JSON, for every figure or one (--figure, --on).
std::string run_explain(const GoldenCase& c) {
    auto rules = rules_of(c);
    std::string history = history_of(c);
    ExplainFilter filter{get(c, "figure"), get(c, "on")};
    if (get(c, "format") == "json") {
        JsonResult r = explain_json(*rules, history, filter, get(c, "history"));
        return errors_then(r, r.ok ? r.json.dump(2) + "\n" : "");
    }
    std::string text;
    JsonResult r = explain_text(*rules, history, text, get(c, "history"), filter);
    return errors_then(r, text);
}

// Loading a history (usually a malformed one): what the loader reports.
std::string run_history(const GoldenCase& c) {
    HistoryLoad loaded = load_history(read(get(c, "history")), get(c, "history"));
    std::string out;
    for (auto& e : loaded.errors) out += (e.path.empty() ? "(document)" : e.path) + ": " + e.message + "\n";
    return loaded.errors.empty() ? "loads without errors\n" : out;
}

// `carecap statement` in its text form, on a date (--on).
std::string run_statement(const GoldenCase& c) {
    auto rules = rules_of(c);
    std::string text;
    JsonResult r = statement_text(*rules, history_of(c), text, get(c, "on"), get(c, "history"));
    return errors_then(r, text);
}

std::string run(const GoldenCase& c) {
    const std::string command = get(c, "command");
    if (command == "check") return run_check(c);
    if (command == "eval") return run_eval(c);
    if (command == "explain") return run_explain(c);
    if (command == "history") return run_history(c);
    if (command == "statement") return run_statement(c);
    FAIL("unknown command `" << command << "`: check, eval, explain, history or statement");
    return {};
}

fs::path expected_path(const fs::path& case_file, const GoldenCase& c) {
    std::string named = get(c, "expected");
    return named.empty() ? fs::path(case_file).replace_extension(".expected") : case_file.parent_path() / named;
}

void compare(const fs::path& expected, const std::string& actual) {
    if (std::getenv("CARECAP_UPDATE_GOLDEN")) {
        std::ofstream(expected, std::ios::binary) << actual;
        return;
    }
    REQUIRE_MESSAGE(fs::exists(expected), "missing " << expected << ": run with CARECAP_UPDATE_GOLDEN=1 and review");
    CHECK(read(expected) == actual);
}

std::vector<fs::path> files_under(const fs::path& dir, const std::string& extension) {
    std::vector<fs::path> out;
    for (auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("golden: every case of tests/golden") {
    InSourceTree here;
    auto cases = files_under(golden_root, ".case");
    std::set<std::string> commands;
    for (const auto& file : cases) {
        GoldenCase c = read_case(file);
        commands.insert(get(c, "command"));
        SUBCASE(file.string().c_str()) { compare(expected_path(file, c), run(c)); }
    }
    CHECK(commands == std::set<std::string>{"check", "eval", "explain", "history", "statement"});
}

// An expected file that no case names would never be compared: each must belong to a case.
TEST_CASE("golden: every expected file has its case") {
    InSourceTree here;
    std::set<fs::path> claimed;
    for (const auto& file : files_under(golden_root, ".case")) claimed.insert(expected_path(file, read_case(file)));
    for (const auto& expected : files_under(golden_root, ".expected")) {
        CAPTURE(expected);
        CHECK(claimed.count(expected) == 1);
    }
}
