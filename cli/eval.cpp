// eval.cpp: `carecap eval`, a care history evaluated under the rules and printed as the versioned JSON result
// (docs/result.md).
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include <iostream>

namespace carecap::cli {
namespace {

struct EvalOptions {
    std::string rules, registry, history;
    bool compact = false;
    std::vector<std::string> figures; // --figures a,b: the outputs to report (all when not given)
    bool figures_given = false;
};

int run_eval(const EvalOptions& o, const CommandContext& context) {
    auto rules = choose_or_report(o.rules, o.registry, context.rule_roots);
    if (!rules) return exit_failed;
    auto text = read_history(o.history);
    if (!text) return exit_failed;
    JsonResult result = o.figures_given ? evaluate_json(rules->choice(), *text, o.figures, o.history)
                                        : evaluate_json(rules->choice(), *text, o.history);
    // A name --figures gives that is not an output is this command's mistake: said in its own form.
    for (auto& e : result.errors)
        std::cerr << (e.starts_with("unknown figure") ? error_prefix() + "--figures: " : std::string()) << e
                  << (e.ends_with('\n') ? "" : "\n");
    if (!result.ok) return exit_failed;
    std::cout << json_text(result.json, o.compact);
    return exit_ok;
}

CommandRun setup_eval(CLI::App& app) {
    auto o = std::make_shared<EvalOptions>();
    auto* eval = app.add_subcommand("eval", "evaluate a care history and print the care account as JSON");
    eval->add_option("--rules", o->rules, "the rule file")->required();
    add_registry_option(*eval, o->registry);
    eval->add_option("history", o->history, "the care history (JSON; - for standard input)")->required();
    eval->add_flag("--compact", o->compact, "print the JSON on one line");
    auto* figures = eval->add_option("--figures", o->figures, "the outputs to report, a,b (default: every one the rules declare)")
                        ->delimiter(',')
                        ->allow_extra_args(false);
    return [o, figures](const CommandContext& context) {
        o->figures_given = figures->count() > 0;
        return run_eval(*o, context);
    };
}

const CommandRegistration eval_registration{11, "eval", setup_eval};

} // namespace
} // namespace carecap::cli
