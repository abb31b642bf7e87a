// main.cpp: the carecap command line. check, eval, project and test live here; other commands have
// files of their own and register themselves (cli/command.h).
// Exit status: 0 success; 1 the rules, the history or an example is at fault
// (messages on stderr); 2 the command line itself is wrong. See docs/cli.md.
#include "carecap/carecap.hpp"

#include "cli/batch.h"
#include "cli/command.h"
#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/analyses/examples.h"
#include "runtime/evaluation/projection.h"
#include "runtime/reports/result.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace carecap::cli { CLI::App* add_fmt_command(CLI::App& app); int run_fmt_command(); } // cli/fmt.cpp

namespace {

using namespace carecap;

using cli::exit_failed;
using cli::exit_ok;
using cli::exit_usage;
using cli::load_or_report;
using cli::add_registry_option;
using cli::choose_or_report;
using cli::read_history;

std::string count(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int command_check(const std::vector<std::string>& files, const std::vector<std::string>& roots) {
    int failed = 0;
    for (const auto& file : files) {
        LoadResult loaded = cli::load_rules_for_cli(file, roots);
        std::cerr << render(loaded.diagnostics);
        std::size_t errors = 0;
        for (auto& d : loaded.diagnostics) errors += d.severity == Severity::error;
        if (loaded.rules) {
            const RuleSet& r = *loaded.rules;
            std::cout << file << ": ok: " << r.header().name << " version \"" << r.header().version << "\", "
                      << count(r.parameters.size(), "parameter", "parameters") << ", "
                      << count(r.definitions.size(), "definition", "definitions") << ", "
                      << count(r.meters.size(), "meter", "meters") << ", "
                      << count(r.top().examples.size(), "example", "examples") << "\n";
        } else {
            std::cout << file << ": " << count(errors, "error", "errors") << "\n";
            ++failed;
        }
    }
    return failed ? exit_failed : exit_ok;
}

int command_eval(const std::string& rules_path, const std::string& registry_path, const std::string& history_path,
                 const std::vector<std::string>& roots, bool compact) {
    auto rules = choose_or_report(rules_path, registry_path, roots);
    if (!rules) return exit_failed;
    auto text = read_history(history_path);
    if (!text) return exit_failed;
    JsonResult result = evaluate_json(rules->choice(), *text, history_path);
    for (auto& e : result.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!result.ok) return exit_failed;
    std::cout << result.json.dump(compact ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return exit_ok;
}

struct ProjectOptions {
    std::string rules, projection, setting = "residential", income_kind = "state_pension", start, format = "text";
    std::string capital, income, fees;
    std::int64_t weeks = 260;
    bool every_week = false;
    cli::BirthOptions birth;
};

std::optional<Decimal> money_option(const std::string& text, const char* name) {
    auto value = Decimal::parse(text);
    if (!value || value->is_negative()) std::cerr << "carecap: error: --" << name << " must be an amount like 145000 or 239.50, not \"" << text << "\"\n";
    return value && !value->is_negative() ? value : std::nullopt;
}

int command_project(const ProjectOptions& o, const std::vector<std::string>& roots) {
    auto rules = load_or_report(o.rules, roots);
    if (!rules) return exit_failed;
    auto capital = money_option(o.capital, "capital");
    auto income = money_option(o.income, "income");
    auto fees = money_option(o.fees, "fees");
    if (!capital || !income || !fees) return exit_usage;
    ProjectionStart start;
    start.capital = *capital;
    start.income.push_back(IncomeItem{EnumWord{o.income_kind, "--income-kind"}, *income});
    start.weekly_fees = *fees;
    start.setting = o.setting;
    start.weeks = o.weeks;
    start.start = rules->header().in_force;
    if (!o.start.empty()) {
        auto d = Date::parse(o.start);
        if (!d) {
            std::cerr << "carecap: error: --start must be a date YYYY-MM-DD, not \"" << o.start << "\"\n";
            return exit_usage;
        }
        start.start = *d;
    }
    bool bad_birth = false;
    start.date_of_birth = cli::date_of_birth_for(o.birth, start.start, bad_birth);
    if (bad_birth) return exit_usage;
    ProjectionOutcome outcome = project(*rules, start, o.projection);
    bool needs_birth = false;
    for (auto& e : outcome.errors) {
        std::string shown = e.render("projection");
        needs_birth = needs_birth || (!start.date_of_birth && shown.find("`date_of_birth` has no value") != std::string::npos);
        std::cerr << shown;
    }
    if (needs_birth) std::cerr << "carecap: hint: these rules read the person's age: give --date-of-birth or --age\n";
    if (!outcome.result) return exit_failed;
    if (o.format == "json") std::cout << projection_to_json(*outcome.result).dump(2) << "\n";
    else std::cout << explain_projection(*outcome.result, o.every_week);
    return exit_ok;
}

// The rules path: --rules-path, then CARECAP_RULES_PATH, then the shipped rules (always on it).
// Each of the first two may hold several directories separated by ':'; empty pieces are skipped.
std::vector<std::string> compose_rules_path(const std::vector<std::string>& options) {
    std::vector<std::string> path;
    auto add = [&](const std::string& list) {
        std::size_t start = 0;
        while (start <= list.size()) {
            std::size_t colon = std::min(list.find(':', start), list.size());
            if (colon > start) path.push_back(list.substr(start, colon - start));
            start = colon + 1;
        }
    };
    for (const auto& o : options) add(o);
    if (const char* env = std::getenv("CARECAP_RULES_PATH")) add(env);
    if (std::string shipped = cli::shipped_rules_dir(); !shipped.empty()) path.push_back(shipped);
    return path;
}

int command_test(const std::vector<std::string>& files, const std::vector<std::string>& roots) {
    // Examples may read histories below the working directory (an analyst's project) or a --rules-dir.
    std::vector<std::string> history_roots = roots;
    history_roots.push_back(std::filesystem::current_path().string());
    std::size_t passed = 0, failed = 0;
    for (const auto& file : files) {
        auto rules = load_or_report(file, roots);
        if (!rules) {
            std::cout << "FAIL " << file << ": the rule file has errors (see above)\n";
            ++failed;
            continue;
        }
        for (const ExampleOutcome& o : run_examples(*rules, history_roots)) {
            std::cout << (o.passed ? "pass " : "FAIL ") << file << ": " << o.example->title << "\n";
            for (auto& f : o.failures) std::cout << f << (f.ends_with('\n') ? "" : "\n");
            (o.passed ? passed : failed)++;
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed ? exit_failed : exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"carecap: a charging-rules engine for the cap on care costs.\n"
                 "Rule files are checked, evaluated exactly over a care history, and explained."};
    app.set_version_flag("--version", "carecap 0.1.0");
    app.require_subcommand(1);
    // The options of carecap itself (--rules-dir, --rules-path, --limit) may also follow the command:
    // `carecap check --rules-path DIR FILE` as well as `carecap --rules-path DIR check FILE`.
    app.fallthrough();
    std::vector<std::string> roots;
    app.add_option("--rules-dir", roots, "a further directory amended rule files may come from")
        ->check(CLI::ExistingDirectory)
        ->allow_extra_args(false);
    std::vector<std::string> rules_path_options;
    app.add_option("--rules-path", rules_path_options,
                   "a directory `amends NAME` (without `in \"FILE\"`) looks in for the rule set NAME, after the "
                   "amending file's own (repeatable, or several separated by ':'); then come those of "
                   "CARECAP_RULES_PATH, then the shipped rules")
        ->type_name("DIRS")
        ->allow_extra_args(false); // one directory list per --rules-path, so a file after it is not taken for one
    std::vector<std::string> limit_settings;
    std::string limits_help = "raise or lower a limit, NAME=VALUE (repeatable); the limits and their defaults:";
    for (const auto& l : limit_names())
        limits_help += std::string("\n  ") + l.name + " = " + limit_value(Limits{}, l.name) + ": " + l.description;
    app.add_option("--limit", limit_settings, limits_help)->type_name("NAME=VALUE")->allow_extra_args(false);

    std::vector<std::string> check_files;
    auto* check = app.add_subcommand("check", "check rule files: every error, with file:line:col, the line and a caret");
    check->add_option("files", check_files, "rule files")->required();

    std::string rules_path, history_path, registry_path;
    bool compact = false;
    auto* eval = app.add_subcommand("eval", "evaluate a care history and print the care account as JSON");
    eval->add_option("--rules", rules_path, "the rule file")->required();
    add_registry_option(*eval, registry_path);
    eval->add_option("history", history_path, "the care history (JSON; - for standard input)")->required();
    eval->add_flag("--compact", compact, "print the JSON on one line");

    ProjectOptions project_options;
    auto* project_cmd = app.add_subcommand("project", "spend capital down week by week under a rule set's projection");
    project_cmd->add_option("--rules", project_options.rules, "the rule file")->required();
    project_cmd->add_option("--capital", project_options.capital, "chargeable capital at the start, in pounds")->required();
    project_cmd->add_option("--income", project_options.income, "weekly income, in pounds")->required();
    project_cmd->add_option("--income-kind", project_options.income_kind, "the kind of that income (default state_pension)");
    project_cmd->add_option("--fees", project_options.fees, "the weekly cost of care, in pounds")->required();
    project_cmd->add_option("--setting", project_options.setting, "the care setting (default residential)");
    project_cmd->add_option("--weeks", project_options.weeks, "how many weeks (default 260, five years)")->check(CLI::Range(1, 5200));
    project_cmd->add_option("--start", project_options.start, "the first day in care (default: when the rules come into force)");
    project_cmd->add_option("--projection", project_options.projection, "which projection, if the rules declare several");
    project_cmd->add_option("--format", project_options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    project_cmd->add_flag("--every-week", project_options.every_week, "list every week (text)");
    cli::add_birth_options(*project_cmd, project_options.birth);

    std::vector<std::string> test_files;
    auto* test = app.add_subcommand("test", "run the examples inside rule files");
    test->add_option("files", test_files, "rule files")->required();

    auto batch_commands = cli::add_batch_commands(app); // batch, generate (cli/batch.cpp)

    auto* fmt = carecap::cli::add_fmt_command(app);

    // Commands that live in files of their own (cli/command.h), in their stated order.
    auto& registered = cli::registered_commands();
    std::stable_sort(registered.begin(), registered.end(),
                     [](const cli::RegisteredCommand& a, const cli::RegisteredCommand& b) { return a.order < b.order; });
    std::vector<std::pair<CLI::App*, cli::CommandRun>> others;
    for (const auto& c : registered) {
        cli::CommandRun run = c.setup(app);
        others.emplace_back(app.get_subcommand(c.name), std::move(run));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    cli::cli_rules_path() = compose_rules_path(rules_path_options);
    for (const auto& setting : limit_settings) {
        auto eq = setting.find('=');
        auto problem = eq == std::string::npos
                           ? std::optional<std::string>("--limit takes NAME=VALUE, not \"" + setting + "\"")
                           : set_limit(cli::cli_limits(), setting.substr(0, eq), setting.substr(eq + 1));
        if (problem) {
            std::cerr << "carecap: error: " << *problem << "\n";
            return exit_usage;
        }
    }
    try {
        int status = exit_usage;
        if (*check) status = command_check(check_files, roots);
        else if (*eval) status = command_eval(rules_path, registry_path, history_path, roots, compact);
        else if (*test) status = command_test(test_files, roots);
        else if (*project_cmd) status = command_project(project_options, roots);
        else if (*fmt) status = carecap::cli::run_fmt_command();
        else if (batch_commands.selected()) status = batch_commands.run(roots);
        else
            for (auto& [sub, run] : others)
                if (*sub) status = run(cli::CommandContext{roots});
        // A result that could not be written (a full disk, a closed pipe) is a failure, not a success.
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "carecap: error: the output could not be written\n";
            return exit_failed;
        }
        return status;
    } catch (const std::exception& e) {
        // A bug of ours, never of the input: say so rather than crash.
        std::cerr << "carecap: internal error: " << e.what() << "\n";
        return exit_failed;
    }
}
