// command.cpp: the registry of subcommands (command.h) and the helpers they share.
#include "cli/command.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/resolve.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/evaluation/projection.h"

#include <filesystem>
#include <iostream>
#include <iterator>

namespace carecap::cli {

std::vector<RegisteredCommand>& registered_commands() {
    // A function-local static: registrations in other files run during static initialisation, in an
    // order C++ does not fix, and this is built on first use whichever comes first.
    static std::vector<RegisteredCommand> commands;
    return commands;
}

CommandRegistration::CommandRegistration(int order, std::string name, CommandSetup setup) {
    registered_commands().push_back(RegisteredCommand{order, std::move(name), setup});
}

Limits& cli_limits() {
    static Limits limits;
    return limits;
}

std::vector<std::string>& cli_rules_path() {
    static std::vector<std::string> path;
    return path;
}

std::string shipped_rules_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = (program.parent_path() / CARECAP_INSTALLED_RULES_FROM_BIN).lexically_normal();
        if (fs::is_directory(installed, ec)) return installed.string();
    }
    if (fs::is_directory(CARECAP_SOURCE_RULES_DIR, ec)) return CARECAP_SOURCE_RULES_DIR;
    return {};
}

LoadResult load_rules_for_cli(const std::string& path, const std::vector<std::string>& roots) {
    return load_rules_for_histories(path, roots, cli_limits(), cli_rules_path());
}

std::optional<std::string> read_history(const std::string& path) {
    const std::size_t limit = cli_limits().history_bytes;
    if (path == "-") {
        // Read one byte past the limit and no more: enough for the loader to say the history is too big,
        // without holding a stream of any length in memory.
        std::string text;
        char buffer[1 << 16];
        while (text.size() <= limit) {
            std::cin.read(buffer, sizeof buffer);
            const auto got = std::cin.gcount();
            if (got <= 0) break;
            text.append(buffer, static_cast<std::size_t>(got));
        }
        return text;
    }
    std::string why;
    auto text = read_text_file(path, limit, why, "history_bytes");
    if (!text) std::cerr << path << ": error: cannot read the history: " << why << "\n";
    return text;
}

std::shared_ptr<const RuleSet> load_or_report(const std::string& path, const std::vector<std::string>& roots) {
    LoadResult loaded = load_rules_for_cli(path, roots);
    std::cerr << render(loaded.diagnostics);
    return loaded.rules;
}

void add_birth_options(CLI::App& command, BirthOptions& options) {
    auto* dob = command.add_option("--date-of-birth", options.date_of_birth,
                                   "the person's date of birth, YYYY-MM-DD (needed for care at home: the means test reads the age)");
    auto* age = command.add_option("--age", options.age, "or the person's age in whole years on the first day in care")
                    ->check(CLI::Range(0, 130));
    dob->excludes(age);
    age->excludes(dob);
}

std::optional<Date> date_of_birth_for(const BirthOptions& options, Date start, bool& bad) {
    if (!options.date_of_birth.empty()) {
        auto d = Date::parse(options.date_of_birth);
        if (!d) {
            std::cerr << "carecap: error: --date-of-birth must be a date YYYY-MM-DD, not \"" << options.date_of_birth << "\"\n";
            bad = true;
            return std::nullopt;
        }
        if (*d > start) {
            std::cerr << "carecap: error: --date-of-birth " << d->to_string() << " is after the first day in care, "
                      << start.to_string() << "\n";
            bad = true;
            return std::nullopt;
        }
        return d;
    }
    if (options.age < 0) return std::nullopt;
    auto d = birth_date_for_age(start, options.age);
    if (!d) {
        std::cerr << "carecap: error: --age " << options.age << " puts the date of birth before 1800\n";
        bad = true;
        return std::nullopt;
    }
    return d;
}

std::optional<ChosenRules> choose_or_report(const std::string& rules_path, const std::string& registry_path,
                                            const std::vector<std::string>& roots) {
    if (registry_path.empty()) {
        auto rules = load_or_report(rules_path, roots);
        if (!rules) return std::nullopt;
        return ChosenRules{rules, nullptr};
    }
    AuthorityRulesLoad bound = load_rules_with_registry(rules_path, registry_path, roots, cli_limits(), cli_rules_path());
    for (auto& e : bound.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!bound.rules) return std::nullopt;
    return ChosenRules{std::shared_ptr<const RuleSet>(bound.rules, &bound.rules->national()), bound.rules};
}

void add_registry_option(CLI::App& command, std::string& registry_path) {
    command.add_option("--registry", registry_path,
                       "the authorities registry (JSON, e.g. rules/authorities.json): each part of the history is "
                       "evaluated under the rules of the authority meeting the person's needs then, the --rules file "
                       "or the file the registry names to amend it for that authority (docs/authorities.md)");
}

} // namespace carecap::cli
