// main.cpp: the carecap command line. This file holds only carecap's own options (--rules-dir, --rules-path,
// --limit) and the dispatch: every command is a file of its own that registers itself (cli/command.h).
// Exit status: 0 success; 1 the rules, the history or an example is at fault
// (messages on stderr); 2 the command line itself is wrong. See docs/cli.md.
#include "cli/command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace {

using namespace carecap;
using cli::exit_failed;
using cli::exit_ok;
using cli::exit_usage;

// The options of carecap itself, as given.
struct GlobalOptions {
    std::vector<std::string> roots;          // --rules-dir
    std::vector<std::string> rules_path;     // --rules-path
    std::vector<std::string> limit_settings; // --limit NAME=VALUE
};

void add_global_options(CLI::App& app, GlobalOptions& o) {
    app.set_version_flag("--version", "carecap 0.1.0");
    app.require_subcommand(1);
    // The options of carecap itself (--rules-dir, --rules-path, --limit) may also follow the command:
    // `carecap check --rules-path DIR FILE` as well as `carecap --rules-path DIR check FILE`.
    app.fallthrough();
    app.add_option("--rules-dir", o.roots, "a further directory amended rule files may come from")
        ->check(CLI::ExistingDirectory)
        ->allow_extra_args(false);
    app.add_option("--rules-path", o.rules_path,
                   "a directory `amends NAME` (without `in \"FILE\"`) looks in for the rule set NAME, after the "
                   "amending file's own (repeatable, or several separated by ':'); then come those of "
                   "CARECAP_RULES_PATH, then the shipped rules")
        ->type_name("DIRS")
        ->allow_extra_args(false); // one directory list per --rules-path, so a file after it is not taken for one
    std::string limits_help = "raise or lower a limit, NAME=VALUE (repeatable); the limits and their defaults:";
    for (const auto& l : limit_names())
        limits_help += std::string("\n  ") + l.name + " = " + limit_value(Limits{}, l.name) + ": " + l.description;
    app.add_option("--limit", o.limit_settings, limits_help)->type_name("NAME=VALUE")->allow_extra_args(false);
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

// Sets the rules path and the limits every command reads (cli/command.h); false after printing why a
// --limit is wrong.
bool apply_global_options(const GlobalOptions& o) {
    cli::cli_rules_path() = compose_rules_path(o.rules_path);
    for (const auto& setting : o.limit_settings) {
        auto eq = setting.find('=');
        auto problem = eq == std::string::npos
                           ? std::optional<std::string>("--limit takes NAME=VALUE, not \"" + setting + "\"")
                           : set_limit(cli::cli_limits(), setting.substr(0, eq), setting.substr(eq + 1));
        if (problem) {
            std::cerr << cli::error_prefix() << *problem << "\n";
            return false;
        }
    }
    return true;
}

// Every registered command added to the app, in their stated order, each with what runs it.
std::vector<std::pair<CLI::App*, cli::CommandRun>> add_commands(CLI::App& app) {
    auto& registered = cli::registered_commands();
    std::stable_sort(registered.begin(), registered.end(),
                     [](const cli::RegisteredCommand& a, const cli::RegisteredCommand& b) { return a.order < b.order; });
    std::vector<std::pair<CLI::App*, cli::CommandRun>> commands;
    for (const auto& c : registered) {
        cli::CommandRun run = c.setup(app);
        commands.emplace_back(app.get_subcommand(c.name), std::move(run));
    }
    return commands;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"carecap: a charging-rules engine for the cap on care costs.\n"
                 "Rule files are checked, evaluated exactly over a care history, and explained."};
    GlobalOptions global;
    add_global_options(app, global);
    auto commands = add_commands(app);
    if (!cli::check_command_line(app, argc, argv)) return exit_usage;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e) == 0 ? exit_ok : exit_usage; // --help, --version
        cli::report_parse_error(e);
        return exit_usage;
    }
    if (!apply_global_options(global)) return exit_usage;
    try {
        int status = exit_usage;
        for (auto& [command, run] : commands)
            if (*command) status = run(cli::CommandContext{global.roots});
        // A result that could not be written (a full disk, a closed pipe) is a failure, not a success.
        std::cout.flush();
        if (!std::cout) {
            std::cerr << cli::error_prefix() << "the output could not be written\n";
            return exit_failed;
        }
        return status;
    } catch (const std::exception& e) {
        // A bug of ours, never of the input: say so rather than crash.
        std::cerr << "carecap: internal error: " << e.what() << "\n";
        return exit_failed;
    }
}
