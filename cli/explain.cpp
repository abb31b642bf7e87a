// explain.cpp: `carecap explain`, the care account in plain English, figure by figure,
// each with its operands' values (docs/explain.md); or the same as a JSON tree.
#include "carecap/carecap.hpp"
#include "cli/command.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include <iostream>

namespace carecap::cli {
namespace {

struct ExplainOptions {
    std::string rules, registry, history, format = "text";
    ExplainFilter filter;
};

int run_explain(const ExplainOptions& o, const CommandContext& context) {
    if (!o.filter.on.empty() && !Date::parse(o.filter.on)) {
        std::cerr << error_prefix() << "--on must be a date YYYY-MM-DD, not \"" << o.filter.on << "\"\n";
        return exit_usage;
    }
    auto rules = choose_or_report(o.rules, o.registry, context.rule_roots);
    if (!rules) return exit_failed;
    auto text = read_history(o.history);
    if (!text) return exit_failed;
    std::string explanation;
    JsonResult result = o.format == "json" ? explain_json(rules->choice(), *text, o.filter, o.history)
                                           : explain_text(rules->choice(), *text, explanation, o.history, o.filter);
    // A figure or day the history does not have is an error about this command's options.
    for (auto& e : result.errors)
        std::cerr << (e.starts_with("--") ? error_prefix() : std::string()) << e << (e.ends_with('\n') ? "" : "\n");
    if (!result.ok) return exit_failed;
    if (o.format == "json")
        std::cout << json_text(result.json);
    else
        std::cout << explanation;
    return exit_ok;
}

CommandRun setup_explain(CLI::App& app) {
    auto o = std::make_shared<ExplainOptions>();
    auto* explain = app.add_subcommand("explain", "explain a care account in plain English, figure by figure");
    explain->add_option("--rules", o->rules, "the rule file")->required();
    add_registry_option(*explain, o->registry);
    explain->add_option("--figure", o->filter.figure,
                        "only this meter, definition, parameter or input, and what it rests on");
    explain->add_option("--on", o->filter.on, "only the stretch of the timeline holding this day (YYYY-MM-DD)");
    explain->add_option("--format", o->format, "text (the default) or json")->check(CLI::IsMember({"text", "json"}));
    explain->add_option("history", o->history, "the care history (JSON; - for standard input)")->required();
    return [o](const CommandContext& context) { return run_explain(*o, context); };
}

const CommandRegistration explain_registration{20, "explain", setup_explain};

} // namespace
} // namespace carecap::cli
