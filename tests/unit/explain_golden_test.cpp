// explain_golden_test.cpp: `carecap explain` output as data. Each case in
// tests/golden/explain/ is NAME.case, lines of `key: value`:
//   rules: rules/minimal/cap.rules           (from the repository root)
//   history: examples/minimal/three-periods.json
//   format: text | json                       (optional; text)
//   figure: NAME                              (optional: --figure)
//   on: YYYY-MM-DD                            (optional: --on)
// beside NAME.expected, the exact output (or the errors, one a line). Run with
// CARECAP_UPDATE_GOLDEN=1 to rewrite the expectations, then review every changed
// line (docs/testing.md). The figures in them are checked by hand in
// explain_text_test.cpp and explain_json_test.cpp, not here.
#include <doctest/doctest.h>

#include "source_tree.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using carecap::testing::read;
using carecap::testing::InSourceTree;
using namespace carecap;

namespace {

std::map<std::string, std::string> read_case(const fs::path& p) {
    std::map<std::string, std::string> out;
    std::istringstream lines(read(p));
    for (std::string line; std::getline(lines, line);) {
        auto colon = line.find(": ");
        if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
        out[line.substr(0, colon)] = line.substr(colon + 2);
    }
    return out;
}

std::string run_case(const std::map<std::string, std::string>& c) {
    auto get = [&](const std::string& key) {
        auto it = c.find(key);
        return it == c.end() ? std::string() : it->second;
    };
    LoadResult loaded = load_rules_for_histories(get("rules"));
    REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
    std::string history = read(get("history"));
    REQUIRE_MESSAGE(!history.empty(), "cannot read " << get("history"));
    ExplainFilter filter{get("figure"), get("on")};
    std::string out;
    if (get("format") == "json") {
        JsonResult r = explain_json(*loaded.rules, history, filter, get("history"));
        for (auto& e : r.errors) out += e + "\n";
        if (r.ok) out += r.json.dump(2) + "\n";
    } else {
        std::string text;
        JsonResult r = explain_text(*loaded.rules, history, text, get("history"), filter);
        for (auto& e : r.errors) out += e + "\n";
        out += text;
    }
    return out;
}

} // namespace

TEST_CASE("golden: carecap explain, text and JSON") {
    InSourceTree here;
    std::vector<fs::path> cases;
    for (auto& e : fs::directory_iterator("tests/golden/explain"))
        if (e.path().extension() == ".case") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 4);
    for (const auto& file : cases) {
        SUBCASE(file.string().c_str()) {
            std::string actual = run_case(read_case(file));
            fs::path expected = fs::path(file).replace_extension(".expected");
            if (std::getenv("CARECAP_UPDATE_GOLDEN")) {
                std::ofstream(expected, std::ios::binary) << actual;
                continue;
            }
            REQUIRE_MESSAGE(fs::exists(expected), "missing " << expected << ": run with CARECAP_UPDATE_GOLDEN=1 and review");
            CHECK(read(expected) == actual);
        }
    }
}
