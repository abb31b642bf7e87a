// docs_test.cpp: every rule file shown in docs/language.md is one of the files in
// tests/docs/language/, which ctest checks and tests, so the reference cannot rot.
#include <doctest/doctest.h>

#include "source_tree.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using carecap::testing::read;

TEST_CASE("the rule files in docs/language.md are the tested files, byte for byte") {
    fs::path root = CARECAP_SOURCE_DIR;
    std::string doc = read(root / "docs/language.md");
    std::multiset<std::string> blocks;
    const std::string open = "```carecap\n", close = "```\n";
    for (std::size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at)) {
        std::size_t start = at + open.size();
        std::size_t end = doc.find("\n" + close, start);
        REQUIRE(end != std::string::npos);
        blocks.insert(doc.substr(start, end + 1 - start));
        at = end;
    }
    std::multiset<std::string> files;
    for (auto& e : fs::directory_iterator(root / "tests/docs/language"))
        if (e.path().extension() == ".rules") files.insert(read(e.path()));
    CHECK(blocks.size() >= 10);
    CHECK(blocks == files);
}
