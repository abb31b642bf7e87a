// statement_golden_test.cpp: the text form of `carecap statement` against the files
// of tests/golden/statement/, each worked by hand in that folder's README.md.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace carecap;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("statement golden files: the text form, figure by figure") {
    const fs::path root = CARECAP_SOURCE_DIR;
    const fs::path dir = root / "tests/golden/statement";
    std::istringstream cases(read_all(dir / "cases.txt"));
    int ran = 0;
    for (std::string line; std::getline(cases, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string rules_file, history, on, expected_file;
        fields >> rules_file >> history >> on >> expected_file;
        CAPTURE(line);
        REQUIRE(!expected_file.empty());
        LoadResult loaded = load_rules_for_histories((root / rules_file).string());
        REQUIRE_MESSAGE(loaded.rules, render(loaded.diagnostics));
        std::string text;
        JsonResult r = statement_text(*loaded.rules, read_all(root / "examples/england" / (history + ".json")), text, on,
                                      history);
        for (auto& e : r.errors) FAIL_CHECK(e);
        REQUIRE(r.ok);
        CHECK(text == read_all(dir / expected_file));
        ++ran;
    }
    CHECK(ran == 4);
}
