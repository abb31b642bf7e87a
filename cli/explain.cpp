// explain.cpp: `carecap explain`, the care account in plain English, figure by figure.
#include "carecap/carecap.hpp"
#include "cli/command.h"

#include <iostream>

namespace carecap::cli {
namespace {

struct ExplainOptions {
    std::string rules, history;
};

int run_explain(const ExplainOptions& o, const CommandContext& context) {
    auto rules = load_or_report(o.rules, context.rule_roots);
    if (!rules) return exit_failed;
    auto text = read_history(o.history);
    if (!text) return exit_failed;
    std::string explanation;
    JsonResult result = explain_text(*rules, *text, explanation, o.history);
    for (auto& e : result.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!result.ok) return exit_failed;
    std::cout << explanation;
    return exit_ok;
}

CommandRun setup_explain(CLI::App& app) {
    auto o = std::make_shared<ExplainOptions>();
    auto* explain = app.add_subcommand("explain", "explain a care account in plain English, figure by figure");
    explain->add_option("--rules", o->rules, "the rule file")->required();
    explain->add_option("history", o->history, "the care history (JSON; - for standard input)")->required();
    return [o](const CommandContext& context) { return run_explain(*o, context); };
}

const CommandRegistration registration{20, "explain", setup_explain};

} // namespace
} // namespace carecap::cli
