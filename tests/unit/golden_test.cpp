// golden_test.cpp: conformance tests as data. Each input file in tests/golden/
// sits beside the exact output it must produce:
//   check/NAME.rules        -> NAME.expected   (diagnostics of `carecap check`)
//   eval/NAME.rules + NAME.history.json -> NAME.eval.expected (JSON) and NAME.explain.expected
//   history/NAME.json       -> NAME.expected   (what loading the history reports)
// Run with CARECAP_UPDATE_GOLDEN=1 to rewrite the expectations, then review the
// change with `git diff tests/golden` (docs/testing.md).
#include <doctest/doctest.h>

#include "source_tree.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using carecap::testing::read;
using carecap::testing::InSourceTree;
using namespace carecap;

namespace {

std::vector<fs::path> inputs(const std::string& dir, const std::string& suffix) {
    std::vector<fs::path> out;
    for (auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (name.size() > suffix.size() && name.ends_with(suffix)) out.push_back(fs::path(dir) / name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void compare(const fs::path& expected_path, const std::string& actual) {
    if (std::getenv("CARECAP_UPDATE_GOLDEN")) {
        std::ofstream(expected_path, std::ios::binary) << actual;
        return;
    }
    REQUIRE_MESSAGE(fs::exists(expected_path), "missing " << expected_path << ": run with CARECAP_UPDATE_GOLDEN=1 and review");
    CHECK(read(expected_path) == actual);
}

std::string stem_of(const fs::path& p, const std::string& suffix) {
    std::string s = p.string();
    return s.substr(0, s.size() - suffix.size());
}

} // namespace

TEST_CASE("golden: carecap check diagnostics") {
    InSourceTree here;
    auto files = inputs("tests/golden/check", ".rules");
    REQUIRE(files.size() >= 5);
    for (const auto& file : files) {
        SUBCASE(file.string().c_str()) {
            LoadResult loaded = load_rules_for_histories(file.string());
            compare(stem_of(file, ".rules") + ".expected", render(loaded.diagnostics));
        }
    }
}

TEST_CASE("golden: eval and explain") {
    InSourceTree here;
    auto files = inputs("tests/golden/eval", ".history.json");
    REQUIRE(!files.empty());
    for (const auto& file : files) {
        SUBCASE(file.string().c_str()) {
            std::string stem = stem_of(file, ".history.json");
            LoadResult loaded = load_rules_for_histories(stem + ".rules");
            REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
            std::string text = read(file);
            JsonResult json = evaluate_json(*loaded.rules, text, file.string());
            std::string out;
            for (auto& e : json.errors) out += e + "\n";
            if (json.ok) out += json.json.dump(2) + "\n";
            compare(stem + ".eval.expected", out);
            std::string explained;
            JsonResult ex = explain_text(*loaded.rules, text, explained, file.string());
            for (auto& e : ex.errors) explained += e + "\n";
            compare(stem + ".explain.expected", explained);
        }
    }
}

TEST_CASE("golden: malformed histories") {
    InSourceTree here;
    auto files = inputs("tests/golden/history", ".json");
    REQUIRE(!files.empty());
    for (const auto& file : files) {
        SUBCASE(file.string().c_str()) {
            HistoryLoad loaded = load_history(read(file), file.string());
            std::string out;
            for (auto& e : loaded.errors) out += (e.path.empty() ? "(document)" : e.path) + ": " + e.message + "\n";
            if (loaded.errors.empty()) out = "loads without errors\n";
            compare(stem_of(file, ".json") + ".expected", out);
        }
    }
}
