// amend_lookup_test.cpp: `amends NAME` found by name, `amend meter` (one clause restated), the warning
// for a start date moved before the rules are in force, the bound on chains of definitions, and the
// rule-file UTF-8 check. Each case fails without the change it pins.
#include "rules_helper.h"

#include "lang/layout.h"
#include "lang/source.h"
#include "runtime/evaluation/engine.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace carecap;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system's temporary one, removed at the end of the test.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / ("carecap-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& relative, const std::string& text) const {
        fs::path file = path / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }
};

const std::string base_rules = "rules demo.base version \"1\"\n  in force from 2023-10-01\n"
                               "input weekly_cost : money per week\n"
                               "meter care_account\n  rate = weekly_cost\n  ceiling = £1,000\n";

LoadResult load(const std::string& file, std::vector<std::string> rules_path = {}) {
    LoadOptions options;
    options.inputs = history_inputs();
    options.rules_path = std::move(rules_path);
    return load_rule_set(file, options);
}

std::string messages(const LoadResult& r) {
    std::string out;
    for (auto& d : r.diagnostics) out += d.message + "\n";
    return out;
}

} // namespace

TEST_CASE("amends NAME finds the rule file beside the amending file, then along the rules path") {
    TempDir dir("lookup");
    dir.write("mine/base.rules", base_rules);
    std::string top = dir.write("mine/top.rules", "rules demo.top version \"1\"\n  amends demo.base\n"
                                                  "  in force from 2023-10-01\n");
    LoadResult beside = load(top);
    REQUIRE_MESSAGE(beside.rules, messages(beside));
    CHECK(beside.rules->files.size() == 2);

    // Not beside it: found below a directory of the rules path.
    dir.write("shipped/england/base.rules", base_rules);
    std::string other = dir.write("other/top.rules", "rules demo.top version \"1\"\n  amends demo.base\n"
                                                     "  in force from 2023-10-01\n");
    LoadResult along = load(other, {(dir.path / "shipped").string()});
    REQUIRE_MESSAGE(along.rules, messages(along));
    CHECK(along.rules->files.front()->source->name.ends_with("shipped/england/base.rules"));

    // Nowhere: the error says where carecap looked.
    LoadResult nowhere = load(other);
    CHECK(messages(nowhere).find("no rule file declares the rule set `demo.base`; looked in") != std::string::npos);

    // Two in the first place that has any: ambiguous, both named.
    dir.write("shipped/copy.rules", base_rules);
    LoadResult two = load(other, {(dir.path / "shipped").string()});
    CHECK(!two.rules);
    CHECK(messages(two).find("more than one file in") != std::string::npos);
}

TEST_CASE("amends NAME in \"\" is an error, not a rule set that amends nothing") {
    CHECK(testing::first_error("rules t.x version \"1\"\n  amends demo.base in \"\"\n  in force from 2023-10-01\n") ==
          "the amended file cannot be read: the file name is empty");
}

TEST_CASE("amend meter restates one clause and inherits the rest") {
    TempDir dir("amend-meter");
    dir.write("base.rules", base_rules);
    std::string top = dir.write("top.rules", "rules demo.top version \"1\"\n  amends demo.base in \"base.rules\"\n"
                                             "  in force from 2023-10-01\n"
                                             "amend meter care_account\n  ceiling = £0\n  cite \"zero\"\n");
    LoadResult r = load(top);
    REQUIRE_MESSAGE(r.rules, messages(r));
    const MeterDecl& m = *r.rules->meters.at("care_account");
    // The ceiling is the amendment's (line 4 of top.rules), the rate the base's (line 5 of base.rules).
    CHECK(m.ceiling->span.file->name == top);
    CHECK(m.ceiling->span.line == 5);
    CHECK(m.rate->span.file->name.ends_with("base.rules"));
    CHECK(m.rate->span.line == 5);
    CHECK(r.rules->meter_order.front() == &m);

    // A clause the base meter lacks, and a meter the base lacks, are errors.
    std::string bad = dir.write("bad.rules", "rules demo.bad version \"1\"\n  amends demo.base in \"base.rules\"\n"
                                             "  in force from 2023-10-01\n"
                                             "amend meter care_account\n  accepts adjustments when true\n"
                                             "amend meter other\n  rate = £1 per week\n");
    std::string m2 = messages(load(bad));
    CHECK(m2.find("`care_account` has no `accepts adjustments when` to amend") != std::string::npos);
    CHECK(m2.find("there is no meter `other` in the rule set `demo.base` this file amends") != std::string::npos);

    // The type of a restated clause is checked as for a whole meter.
    std::string typed = dir.write("typed.rules", "rules demo.typed version \"1\"\n  amends demo.base in \"base.rules\"\n"
                                                 "  in force from 2023-10-01\namend meter care_account\n  ceiling = 5\n");
    CHECK(messages(load(typed)).find("a meter's ceiling must be money") != std::string::npos);
}

TEST_CASE("a date compared with today moved before the rules are in force: a warning, not an error") {
    TempDir dir("warning");
    dir.write("base.rules", "rules demo.base version \"1\"\n  in force from 2023-10-01\n"
                            "input weekly_cost : money per week\nparameter start : date\n  from 2021-01-01 = 2023-10-01\n"
                            "definition rate : money per week =\n  when today < start : £0 per week\n"
                            "  otherwise : weekly_cost\nmeter m\n  rate = rate\n");
    std::string top = dir.write("top.rules", "rules demo.top version \"1\"\n  amends demo.base in \"base.rules\"\n"
                                             "  in force from 2023-10-01\nparameter start : date\n"
                                             "  from 2022-01-01 = 2023-04-01\n");
    LoadResult r = load(top);
    REQUIRE(r.rules); // warnings do not stop the load
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == Severity::warning);
    CHECK(r.diagnostics[0].span.line == 5);
    CHECK(r.diagnostics[0].message.starts_with("`start` is set to 2023-04-01, before this rule set is in force"));
    // The same date on the in-force day itself is no warning.
    std::string same = dir.write("same.rules", "rules demo.same version \"1\"\n  amends demo.base in \"base.rules\"\n"
                                               "  in force from 2023-04-01\nparameter start : date\n"
                                               "  from 2022-01-01 = 2023-04-01\n");
    CHECK(load(same).diagnostics.empty());
}

TEST_CASE("a chain of 4,000 definitions is a located limit error, found without deep recursion") {
    std::string text = testing::header + "input weekly_cost : money per week\n"
                                         "definition step0 : money per week = weekly_cost\n";
    for (int i = 1; i <= 4000; ++i)
        text += "definition step" + std::to_string(i) + " : money per week = step" + std::to_string(i - 1) +
                " + £0 per week\n";
    LoadResult r = testing::load_text(text);
    CHECK(!r.rules);
    REQUIRE(r.diagnostics.size() == 1);
    // step_i is 2i + 1 levels deep: the sum (1), its operand `step_{i-1}` (2), and that one's depth below.
    // step0 is 1; over the default 1,000 first at step500 (1,001), reported there and nowhere above it.
    CHECK(r.diagnostics[0].span.text() == "step500");
    CHECK(r.diagnostics[0].message.find("1001 levels deep") != std::string::npos);
    CHECK(r.diagnostics[0].message.find("(the limit evaluation_depth)") != std::string::npos);
    // A loop is still found, and named.
    CHECK(testing::first_error(testing::header + "definition a : integer = b\ndefinition b : integer = a\n")
              .starts_with("`a` depends on itself"));
}

TEST_CASE("overlong UTF-8 and encoded surrogates are not UTF-8 text") {
    CHECK(utf8_sequence_length("\xC2\xA3", 0) == 2);         // £
    CHECK(utf8_sequence_length("\xC0\xAF", 0) == 0);         // '/' written in two bytes
    CHECK(utf8_sequence_length("\xE0\x80\xAF", 0) == 0);     // '/' written in three
    CHECK(utf8_sequence_length("\xED\xA0\x80", 0) == 0);     // U+D800, a surrogate
    CHECK(utf8_sequence_length("\xED\x9F\xBF", 0) == 3);     // U+D7FF, the last before them
    CHECK(utf8_sequence_length("\xF4\x90\x80\x80", 0) == 0); // above U+10FFFF
    CHECK(utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4); // U+1F600
    CHECK(testing::first_error(testing::header + "# \xED\xA0\x80\n") == "this is not UTF-8 text");
}

TEST_CASE("fmt lays amend meter out like a meter, and formats it once") {
    std::string messy = "rules t.x version \"1\"\n  amends demo.base in \"b.rules\"\n  in force from 2023-10-01\n\n"
                        "   amend   meter care_account\nceiling =   £0\n      cite \"x\"\n";
    std::string canonical = "rules t.x version \"1\"\n  amends demo.base in \"b.rules\"\n  in force from 2023-10-01\n\n"
                            "amend meter care_account\n  ceiling = £0\n  cite \"x\"\n";
    FormatResult once = format_rules("t.rules", messy);
    REQUIRE(once.ok);
    CHECK(once.text == canonical);
    CHECK(format_rules("t.rules", canonical).text == canonical);
}
