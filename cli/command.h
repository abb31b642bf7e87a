// command.h: how a subcommand that lives in its own file joins `carecap`.
//
// Every command is a file under cli/ (check.cpp, eval.cpp, ... sweep.cpp) that defines a setup function, which
// adds its subcommand to the app (with its options) and returns what runs it, and registers that function
// with a static CommandRegistration. main() calls every registered setup in the order of their `order` keys,
// so --help lists commands in a stable order, and runs whichever subcommand was chosen. A new command is
// therefore one new file: main.cpp does not change.
#pragma once

#include "carecap/carecap.hpp"

#include "cli/command_line.h"

#include "lang/limits.h"
#include "lang/rule_set.h"
#include "runtime/authorities/authority_rules.h"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace carecap {
class RuleSet;
struct LoadResult;
}

namespace carecap::cli {

// The exit statuses of docs/cli.md.
constexpr int exit_ok = 0;
constexpr int exit_failed = 1; // the rules, the history or an example is at fault (messages on stderr)
constexpr int exit_usage = 2;  // the command line itself is wrong

// What every command may use: the extra rule directories given by --rules-dir.
struct CommandContext {
    const std::vector<std::string>& rule_roots;
};

// Runs the chosen subcommand; returns its exit status.
using CommandRun = std::function<int(const CommandContext&)>;

// Adds the subcommand to `app` and returns the function that runs it. Option variables must outlive the
// call: keep them in a std::shared_ptr captured by the returned function.
using CommandSetup = CommandRun (*)(CLI::App& app);

struct RegisteredCommand {
    int order;          // smaller first in --help
    std::string name;   // the subcommand's name, as CLI11 knows it
    CommandSetup setup;
};

// The commands registered so far (filled before main() runs).
std::vector<RegisteredCommand>& registered_commands();

// `const CommandRegistration statement_registration{40, "statement", setup_statement};` in an anonymous
// namespace of the command's file. The names carry the command's because cli/ is a unity build
// (CMakeLists.txt): several command files share one translation unit, and one anonymous namespace.
struct CommandRegistration {
    CommandRegistration(int order, std::string name, CommandSetup setup);
};

// Helpers every command needs.

// Reads a care history from a file, or standard input for "-"; on failure prints "PATH: error: ..." and
// returns nothing.
std::optional<std::string> read_history(const std::string& path);

// The limits given by `carecap --limit NAME=VALUE` (lang/limits.h); main() sets them before any command
// runs, and load_or_report and read_history honour them.
Limits& cli_limits();

// The rules path of `amends NAME` (LoadOptions::rules_path): main() fills it from --rules-path, then
// CARECAP_RULES_PATH, then the shipped rules directory, before any command runs.
std::vector<std::string>& cli_rules_path();

// The directory of the rules shipped with carecap: share/carecap/rules beside the installed program,
// or else the source tree's rules/ (a build); empty if neither exists.
std::string shipped_rules_dir();

// load_rules with the command line's limits and rules path.
LoadResult load_rules_for_cli(const std::string& path, const std::vector<std::string>& roots);

// Loads a rule file, prints its diagnostics (errors and warnings) to stderr, and returns the rule set
// or nullptr.
std::shared_ptr<const RuleSet> load_or_report(const std::string& path, const std::vector<std::string>& roots);

// Writes `text` to the file at `path`, replacing what it held; false when it could not be written whole.
bool write_file(const std::string& path, const std::string& text);

// The rules a command evaluates under: the rule file of --rules alone, or bound to the
// authorities registry of --registry (docs/authorities.md).
struct ChosenRules {
    std::shared_ptr<const RuleSet> rules;                 // the national rules
    std::shared_ptr<const AuthorityRules> by_authority;   // set with --registry
    RuleChoice choice() const { return by_authority ? RuleChoice(*by_authority) : RuleChoice(*rules); }
};

// Loads the rule file and, when `registry_path` is not empty, the registry and every rule file it
// names for those rules; prints every problem to stderr and returns nothing on failure.
std::optional<ChosenRules> choose_or_report(const std::string& rules_path, const std::string& registry_path,
                                            const std::vector<std::string>& roots);

// Adds --registry FILE to a command that has --rules.
void add_registry_option(CLI::App& command, std::string& registry_path);

} // namespace carecap::cli
