// statement_html_test.cpp: the statement page is self-contained, structured for
// assistive technology, printable on A4, and never lets history text become markup.
// tests/statement/ renders it in a real browser; these tests read the page's text.
#include <doctest/doctest.h>

#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/reports/statement_html.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace carecap;

namespace {

std::string page_for(std::string history, const std::string& on) {
    const fs::path root = CARECAP_SOURCE_DIR;
    LoadResult loaded = load_rules_for_histories((root / "rules/england/reform.rules").string());
    REQUIRE(loaded.rules);
    std::string html;
    JsonResult r = statement_html(*loaded.rules, history, html, on, "h");
    for (auto& e : r.errors) FAIL_CHECK(e);
    REQUIRE(r.ok);
    return html;
}

std::string statements_history() {
    std::ifstream in(fs::path(CARECAP_SOURCE_DIR) / "examples/england/statements.json", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("html_escape turns the five markup characters into references") {
    CHECK(html_escape("<a href=\"x\">Tom & 'Jerry'</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    CHECK(html_escape("£86,000.00") == "£86,000.00");
}

TEST_CASE("the statement page: self-contained, accessible, printable") {
    std::string html = page_for(statements_history(), "2025-04-02");
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    CHECK(count(html, "<h1>") == 1);
    CHECK(html.find("<caption>") != std::string::npos);
    CHECK(count(html, "<th scope=\"col\">") == 3);
    CHECK(count(html, "<th scope=\"row\">") == 7);
    for (int n = 1; n <= 7; ++n) CHECK(html.find("data-item=\"" + std::to_string(n) + "\"") != std::string::npos);
    CHECK(html.find("@page { size: A4; margin:") != std::string::npos);
    CHECK(html.find("break-inside: avoid") != std::string::npos);
    CHECK(html.find("role=\"img\" aria-labelledby=\"chart-title chart-desc\"") != std::string::npos);
    // Nothing outside the page: the only address is the SVG namespace, which is a name, not a fetch.
    CHECK(count(html, "http://") == 1);
    CHECK(html.find("http://www.w3.org/2000/svg") != std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    for (const char* tag : {"<script", "<link", "<img", "<iframe", "url(", "@import", "@font-face"})
        CHECK_MESSAGE(html.find(tag) == std::string::npos, tag);
}

TEST_CASE("the statement page escapes what comes from the history") {
    std::string history = statements_history();
    history.replace(history.find("\"Anytown\""), 9, "\"<b onclick='x'>Any & town</b>\"");
    std::string html = page_for(history, "2025-04-02");
    CHECK(html.find("<b onclick") == std::string::npos);
    CHECK(html.find("&lt;b onclick=&#39;x&#39;&gt;Any &amp; town&lt;/b&gt;") != std::string::npos);
}
