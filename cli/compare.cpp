// compare.cpp: `carecap compare`, the same care histories under two rule sets, each figure that differs
// with the rules behind the difference (runtime/analyses/compare.h). docs/compare.md.
#include "carecap/carecap.hpp"

#include "cli/caseload_file.h"
#include "cli/command.h"
#include "cli/compare_caseload.h"
#include "cli/compare_json.h"
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/analyses/compare.h"
#include "runtime/api/rule_choice.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <iostream>
#include <sstream>

namespace carecap::cli {
namespace {

// With --exit-code, differences are reported by this status: distinct from 1 (the rules or a history
// is at fault) and 2 (the command line is wrong), so a script can tell them apart.
constexpr int exit_differ = 3;

struct CompareOptions {
    std::vector<std::string> rules, histories;
    std::string registry;
    std::string format = "text";
    bool exit_code = false;
    std::string csv, svg; // a caseload: one row per person; a chart
    unsigned jobs = 0;
};

std::string side_text(const CauseSide& s) {
    if (!s.declared) return "not declared";
    return s.text + (s.where.empty() ? "" : "  (" + s.where + ")");
}

void explain_cause(std::ostream& out, const Cause& c) {
    out << "      - ";
    if (c.kind == Cause::Kind::earlier) {
        out << c.note << "\n";
        return;
    }
    if (c.kind == Cause::Kind::in_force) out << "the date the rules come into force";
    else out << to_string(c.kind) << " " << c.name;
    if (c.on) out << " on " << c.on->to_string();
    // Declared on one side only: one line, the side that has it.
    if (!c.a.declared || !c.b.declared) {
        out << ": only in " << (c.a.declared ? "A: " + side_text(c.a) : "B: " + side_text(c.b)) << "\n";
        return;
    }
    out << "\n          A: " << side_text(c.a) << "\n          B: " << side_text(c.b) << "\n";
}

std::string figure_title(const Difference& d) {
    switch (d.figure) {
    case Difference::Figure::meter_total: return d.meter + ": total at the end (" + d.to.to_string() + ")";
    case Difference::Figure::cap_reached: return d.meter + ": ceiling reached";
    case Difference::Figure::rate:
        return d.meter + ": rate from " + d.from.to_string() + " to " + d.to.to_string() + " (" +
               std::to_string(d.to - d.from + 1) + (d.to == d.from ? " day)" : " days)");
    case Difference::Figure::statement:
        return "statement of " + d.from.to_string() + (d.item == "statement" ? std::string() : ": " + d.item);
    }
    return "?";
}

void explain_comparison(std::ostream& out, const std::string& history, const Comparison& c) {
    out << "\n" << history << ": ";
    if (!c.differ()) {
        out << "no differences\n";
        return;
    }
    out << c.differences.size() << (c.differences.size() == 1 ? " difference\n" : " differences\n");
    for (const Difference& d : c.differences) {
        out << "  " << figure_title(d) << "\n      A: " << d.a << "\n      B: " << d.b << "\n    because:\n";
        for (const Cause& cause : d.causes) explain_cause(out, cause);
    }
}

// Evaluates one history under one rule set; prints any error, naming the side, and keeps it for the JSON.
std::optional<Evaluation> evaluate_side(const RuleChoice& rules, const History& history, const std::string& name,
                                        const std::string& side, std::vector<std::string>& errors) {
    Evaluation e = evaluate_history(rules_for(rules, history), history);
    for (auto& error : e.errors) {
        errors.push_back("under " + side + ": " + error.render(name));
        std::cerr << errors.back();
    }
    if (!e.account) return std::nullopt;
    return e;
}

// Each history under both rule sets: its differences and their causes, then the declarations that differ.
int compare_histories(const CompareOptions& o, const ChosenRules& chosen_a, const ChosenRules& chosen_b) {
    const std::shared_ptr<const RuleSet> a = chosen_a.rules, b = chosen_b.rules;
    bool failed = false, differ = false;
    std::ostringstream text;
    nlohmann::json histories = nlohmann::json::array();
    for (const std::string& path : o.histories) {
        // A history that cannot be compared is said in the output too, and the others are still compared.
        std::vector<std::string> errors;
        auto not_compared = [&] {
            failed = true;
            text << "\n" << path << ": not compared (errors above)\n";
            histories.push_back({{"history", path}, {"errors", errors}});
        };
        auto json_text = read_history(path);
        if (!json_text) {
            errors.push_back(path + ": cannot read the history");
            not_compared();
            continue;
        }
        HistoryLoad loaded = load_history(*json_text, path);
        for (auto& e : loaded.errors) {
            errors.push_back(path + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
            std::cerr << errors.back() << "\n";
        }
        if (!loaded.history) {
            not_compared();
            continue;
        }
        auto ea = evaluate_side(chosen_a.choice(), *loaded.history, path, "A (" + o.rules[0] + ")", errors);
        auto eb = evaluate_side(chosen_b.choice(), *loaded.history, path, "B (" + o.rules[1] + ")", errors);
        if (!ea || !eb) {
            not_compared();
            continue;
        }
        Comparison c = compare_accounts(*ea->account, *eb->account);
        differ = differ || c.differ();
        explain_comparison(text, path, c);
        histories.push_back({{"history", path}, {"differ", c.differ()}, {"differences", comparison_json(c)}});
    }
    if (o.format == "json") {
        std::cout << compare_document(o.rules[0], *a, o.rules[1], *b, histories, differ).dump(2) << "\n";
    } else {
        std::vector<DeclarationDifference> declarations = compare_declarations(*a, *b);
        for (auto [label, path, rules] : {std::tuple{"A", o.rules[0], a.get()}, std::tuple{"B", o.rules[1], b.get()}})
            std::cout << label << ": " << path << ": " << rules->header().name << " version \"" << rules->header().version
                      << "\", in force from " << rules->header().in_force.to_string() << " ("
                      << rules->content_hash.substr(0, 19) << ")\n";
        std::cout << "Amounts are shown to the penny, halves rounded away from zero.\n";
        if (!declarations.empty()) {
            std::cout << "\nDeclared in one rule set only, or declared differently:\n";
            for (auto& d : declarations)
                std::cout << "  " << d.what << " " << d.name << "\n      A: " << side_text(d.a) << "\n      B: " << side_text(d.b)
                          << "\n";
        }
        std::cout << text.str();
    }
    if (failed) return exit_failed;
    return differ && o.exit_code ? exit_differ : exit_ok;
}

int run_compare(const CompareOptions& o, const CommandContext& context) {
    if (o.rules.size() != 2) {
        std::cerr << error_prefix() << "compare needs exactly two --rules (A, then B), not " << o.rules.size() << "\n";
        return exit_usage;
    }
    // With --registry both sides choose rules through it: A's national rules or their amendments, then B's.
    auto chosen_a = choose_or_report(o.rules[0], o.registry, context.rule_roots);
    auto chosen_b = choose_or_report(o.rules[1], o.registry, context.rule_roots);
    if (!chosen_a || !chosen_b) return exit_failed;
    // One file holding a caseload (JSON lines or CSV, told by content): the summary over its people.
    FileKind kind = o.histories.size() == 1 && o.histories[0] != "-" ? file_kind(o.histories[0]) : FileKind::single_history;
    if (kind == FileKind::json_lines || kind == FileKind::csv) {
        return compare_caseload({o.histories[0], o.csv, o.svg, o.jobs, kind == FileKind::csv}, *chosen_a, *chosen_b);
    }
    if (!o.csv.empty() || !o.svg.empty()) {
        std::cerr << error_prefix() << "--csv and --svg are for a caseload (one file of JSON lines or CSV)\n";
        return exit_usage;
    }
    return compare_histories(o, *chosen_a, *chosen_b);
}

CommandRun setup_compare(CLI::App& app) {
    auto o = std::make_shared<CompareOptions>();
    auto* compare = app.add_subcommand(
        "compare", "the same care histories under two rule sets: every figure that differs, date by date, and why");
    compare->add_option("--rules", o->rules, "a rule file; give it twice: A (first), then B")
        ->required()
        ->allow_extra_args(false);
    add_registry_option(*compare, o->registry);
    compare->add_option("--format", o->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    compare->add_flag("--exit-code", o->exit_code, "exit 3 when any history differs (0 when none does)");
    compare->add_option("--csv", o->csv, "a caseload: write one row per person to FILE");
    compare->add_option("--svg", o->svg, "a caseload: write a chart of each person's difference to FILE");
    compare->add_option("-j,--jobs", o->jobs, "a caseload: worker threads (default: one per processor)")
        ->check(CLI::Range(1u, 256u));
    compare->add_option("histories", o->histories, "care histories (JSON; - for standard input), or one caseload (JSON lines or CSV)")->required();
    compare->footer("Exit status: 0 whether or not the rule sets differ (3 with --exit-code when they do); "
                    "1 the rules or a history is at fault; 2 the command line is wrong. See docs/compare.md.");
    return [o](const CommandContext& context) { return run_compare(*o, context); };
}

const CommandRegistration compare_registration{60, "compare", setup_compare};

} // namespace
} // namespace carecap::cli
