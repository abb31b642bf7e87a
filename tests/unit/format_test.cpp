// format_test.cpp: `carecap fmt` is idempotent, keeps comments and never changes what a rule file means.
#include "lang/layout.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/analyses/examples.h"
#include "runtime/evaluation/inputs.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <variant>

using namespace carecap;

namespace {

namespace fs = std::filesystem;

// Every rule file in the repository, build trees and .git aside: the real
// files, the documentation's, the golden and fuzz sets (some of which do not parse).
std::vector<fs::path> repository_rule_files() {
    std::vector<fs::path> files;
    fs::path root = CARECAP_SOURCE_DIR;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        std::string name = it->path().filename().string();
        if (it->is_directory() && it.depth() == 0 && (name.starts_with("build") || name.starts_with("."))) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".rules") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read(const fs::path& p) {
    std::string why;
    auto text = read_text_file(p.string(), 64u << 20, why);
    REQUIRE_MESSAGE(text, p.string() << ": " << why);
    return *text;
}

std::string without_whitespace(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') out += c;
    return out;
}

std::size_t non_blank_lines(std::string_view s) {
    std::size_t n = 0;
    std::istringstream in{std::string(s)};
    for (std::string line; std::getline(in, line);) n += without_whitespace(line).size() > 0;
    return n;
}

// A canonical dump of everything a rule file declares, spans aside: two texts
// that dump alike mean the same to the checker and the evaluator.
struct Dump {
    std::ostringstream out;

    void value(const Value& v) {
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, Decimal>) out << x.to_exact();
                else if constexpr (std::is_same_v<T, Date>) out << x.to_string();
                else if constexpr (std::is_same_v<T, bool>) out << (x ? "true" : "false");
                else out << "member#" << x.index;
            },
            v);
    }
    void expr(const Expr* e) {
        if (!e) {
            out << "null";
            return;
        }
        out << "(" << static_cast<int>(e->kind) << " op" << static_cast<int>(e->op) << " " << e->name << " ";
        if (e->kind == ExprKind::literal) {
            value(e->literal);
            out << ":" << to_string(e->literal_type);
        }
        out << " :" << to_string(e->type) << " ref" << static_cast<int>(e->ref) << " scale" << e->scale.to_exact();
        for (auto& c : e->children) expr(c.get());
        out << ")";
    }
    void type(const TypeRef& t) { out << " type " << t.name << "/" << to_string(t.per) << "=" << to_string(t.resolved); }
    void cite(const Citation& c) { out << " cite[" << c.text << "]\n"; }

    void file(const RuleFile& f) {
        const Header& h = f.header;
        out << "rules " << h.name << " " << h.version << " amends " << h.amends_name << " " << h.amends_path << " in force "
            << h.in_force.to_string() << " source " << h.source << "\n";
        for (auto& d : f.enums) {
            out << "enum " << d.name;
            for (auto& m : d.members) out << " " << m.name;
            cite(d.cite);
        }
        for (auto& d : f.inputs) {
            out << "input " << d.name;
            type(d.type);
            type(d.key);
            cite(d.cite);
        }
        for (auto& d : f.parameters) {
            out << "parameter " << d.name;
            type(d.type);
            for (auto& v : d.values) {
                out << " from " << v.from.to_string() << " = ";
                expr(v.value.get());
                out << " constant ";
                value(v.constant);
                cite(v.cite);
            }
            out << "\n";
        }
        for (auto& d : f.definitions) {
            out << "definition " << d.name;
            for (auto& fm : d.formals) {
                out << " formal " << fm.name;
                type(fm.type);
            }
            type(d.type);
            for (auto& c : d.cases) {
                out << " case ";
                expr(c.condition.get());
                expr(c.value.get());
            }
            cite(d.cite);
        }
        for (auto& d : f.exceptions) {
            out << "exception " << d.target << " [" << d.label << "] ";
            expr(d.condition.get());
            expr(d.value.get());
            cite(d.cite);
        }
        for (auto& d : f.meters) {
            out << "meter " << d.name << " keeps " << d.keeps_percentage << " ";
            expr(d.rate.get());
            expr(d.ceiling.get());
            expr(d.accepts_adjustments.get());
            cite(d.cite);
        }
        for (auto& d : f.projections) {
            out << "projection " << d.name << " ";
            for (auto* e : {d.charge.get(), d.budget.get(), d.pays.get(), d.capital_used.get()}) expr(e);
            cite(d.cite);
        }
        for (auto& d : f.statements) {
            out << "statements " << d.meter << " ";
            for (auto* e : {d.every_months.get(), d.expected_within_months.get(), d.total_cost.get(), d.living_costs.get()})
                expr(e);
            for (auto& c : d.caveats) out << " caveat " << c.budget << "=" << c.text;
            cite(d.cite);
        }
        for (auto& d : f.examples) {
            out << "example " << d.title << " file " << d.history_path << " inline[" << d.inline_history << "]\n";
            for (auto& x : d.expectations) {
                out << "  expect " << static_cast<int>(x.kind) << " ";
                expr(x.subject.get());
                out << " on " << (x.on ? x.on->to_string() : "-") << " " << x.from.to_string() << " " << x.to.to_string()
                    << " ";
                expr(x.expected.get());
                out << "\n";
            }
        }
    }
};

// What a rule file means, as far as a test can tell: its diagnostics count and,
// when it loads, the dump of its declarations and the outcome of its examples.
std::string meaning(const fs::path& path, const std::string& text) {
    LoadOptions options;
    options.inputs = history_inputs();
    LoadResult loaded = load_rule_set_text(path.string(), text, options);
    std::ostringstream out;
    out << "diagnostics " << loaded.diagnostics.size() << "\n";
    if (!loaded.rules) return out.str();
    Dump d;
    d.file(loaded.rules->top());
    out << d.out.str();
    for (const ExampleOutcome& o : run_examples(*loaded.rules))
        out << "example " << o.example->title << (o.passed ? " passed " : " failed ") << o.failures.size() << "\n";
    return out.str();
}

std::string fmt(std::string_view text) {
    FormatResult r = format_rules("test.rules", text);
    REQUIRE_MESSAGE(r.ok, render(r.diagnostics));
    return r.text;
}

} // namespace

TEST_CASE("fmt: every rule file of the repository keeps its meaning, tokens and comments, and formats once") {
    auto files = repository_rule_files();
    REQUIRE(files.size() > 20);
    std::size_t formatted = 0, with_passing_examples = 0;
    for (const auto& path : files) {
        CAPTURE(path.string());
        std::string text = read(path);
        FormatResult r = format_rules(path.string(), text);
        if (!r.ok) {
            // Only a file with errors is refused, and it says why.
            CHECK_FALSE(r.diagnostics.empty());
            continue;
        }
        ++formatted;
        // Idempotent.
        FormatResult again = format_rules(path.string(), r.text);
        REQUIRE(again.ok);
        CHECK(again.text == r.text);
        // Only whitespace changed, and no line was joined or split (comments stay on their lines).
        CHECK(without_whitespace(r.text) == without_whitespace(text));
        CHECK(non_blank_lines(r.text) == non_blank_lines(text));
        // Same diagnostics, same declarations, same example outcomes.
        std::string before = meaning(path, text);
        CHECK(meaning(path, r.text) == before);
        with_passing_examples += before.find(" passed ") != std::string::npos;
    }
    CHECK(formatted > 20);
    CHECK(with_passing_examples > 10); // the comparison above did load and run real rule sets
}

TEST_CASE("fmt: the canonical layout") {
    std::string messy = "  # about these rules\n"
                        "rules   demo.x version \"1\"\n"
                        "in force from 2023-10-01   # when\n"
                        "\n\n\n"
                        "enum kind = a\n"
                        "   | b|c\n"
                        "    cite \"why\"\n"
                        "input k   :kind\n"
                        "parameter p : money\n"
                        "from 2023-10-01 = £1,000 cite \"one\"\n"
                        "      from 2024-10-01 = £12,000.50  cite \"two\"\n"
                        "from 2025-10-01 = £13,000\n"
                        "        # a note on the cite below\n"
                        " cite \"own line\"\n"
                        "definition f( x:money ) : money =\n"
                        "  when k = a and -x<£0 :\n"
                        "max ( x ,- p )\n"
                        "        otherwise:x*2-p  # end-of-line\n"
                        "      cite \"f\"\n"
                        "\n"
                        "  # trailing comment\n"
                        "\n\n";
    std::string expected = "# about these rules\n"
                           "rules demo.x version \"1\"\n"
                           "  in force from 2023-10-01   # when\n"
                           "\n"
                           "enum kind = a\n"
                           "          | b | c\n"
                           "  cite \"why\"\n"
                           "input k : kind\n"
                           "parameter p : money\n"
                           "  from 2023-10-01 = £1,000       cite \"one\"\n"
                           "  from 2024-10-01 = £12,000.50   cite \"two\"\n"
                           "  from 2025-10-01 = £13,000\n"
                           "    # a note on the cite below\n"
                           "    cite \"own line\"\n"
                           "definition f(x : money) : money =\n"
                           "  when k = a and -x < £0 :\n"
                           "    max(x, -p)\n"
                           "  otherwise : x * 2 - p   # end-of-line\n"
                           "  cite \"f\"\n"
                           "\n"
                           "  # trailing comment\n";
    CHECK(fmt(messy) == expected);
    CHECK(fmt(expected) == expected);
}

TEST_CASE("fmt: an inline JSON history is kept byte for byte") {
    std::string text = "rules demo.x version \"1\"\n  in force from 2023-10-01\n\n"
                       "input weekly_cost : money per week\n"
                       "example   \"odd json\"\n"
                       "      history {\"carecap_history\": 1,   \"person\" : {\"id\":\"a # not a comment\"},\n"
                       "\t\t\"authority\":  \"X { }\"  ,\n"
                       "       \"care_periods\": [] }\n"
                       "   expect weekly_cost on 2023-10-01 = £0 per week\n";
    std::string out = fmt(text);
    CHECK(out.find("{\"carecap_history\": 1,   \"person\" : {\"id\":\"a # not a comment\"},\n"
                   "\t\t\"authority\":  \"X { }\"  ,\n"
                   "       \"care_periods\": [] }\n") != std::string::npos);
    CHECK(out.find("example \"odd json\"\n  history {") != std::string::npos);
    CHECK(out.find("\n  expect weekly_cost on 2023-10-01 = £0 per week\n") != std::string::npos);
    CHECK(fmt(out) == out);
}

TEST_CASE("fmt: tokens that must stay joined stay joined; a minus keeps its meaning") {
    std::string text = "rules demo.x version \"1\"\n  in force from 2023-10-01\n"
                       "parameter p : decimal\n  from 2023-10-01 = 50%\n"
                       "definition d : decimal = p - -p*(p)-(-p)\n"
                       "definition e : decimal = p\n  - p\n";
    std::string out = fmt(text);
    CHECK(out.find("= 50%   cite") == std::string::npos); // no cite: nothing to align
    CHECK(out.find("from 2023-10-01 = 50%\n") != std::string::npos);
    CHECK(out.find("definition d : decimal = p - -p * (p) - (-p)\n") != std::string::npos);
    CHECK(out.find("definition e : decimal = p\n  - p\n") != std::string::npos);
}

TEST_CASE("fmt: a file with syntax errors is refused, with its errors") {
    FormatResult r = format_rules("bad.rules", "rules demo.x version \"1\"\n  in force from 2023-10-01\n"
                                               "definition d : money = (£1 +\n");
    CHECK_FALSE(r.ok);
    CHECK(has_errors(r.diagnostics));
    CHECK(r.text.empty());
    CHECK_FALSE(format_rules("bad.rules", "rules x version \"1\" in force from 2023-10-01 # \xFF\n").ok);
}

TEST_CASE("fmt --check: reports the first differing line, and nothing for a formatted file") {
    std::string text = "rules demo.x version \"1\"\n  in force from 2023-10-01\ninput   c : money\n";
    FormatCheck c = check_format("x.rules", text);
    REQUIRE(c.ok);
    CHECK(c.changed);
    CHECK(c.hint == "@@ line 3 @@\n-input   c : money\n+input c : money\n");
    FormatCheck again = check_format("x.rules", c.formatted);
    CHECK(again.ok);
    CHECK_FALSE(again.changed);
    CHECK(again.hint.empty());
    FormatCheck bad = check_format("bad.rules", "rules\n");
    CHECK_FALSE(bad.ok);
    CHECK_FALSE(bad.changed);
    CHECK(first_difference("a\nb\n", "a\nb\n\n") == "@@ line 3 @@\n+\n");
}
