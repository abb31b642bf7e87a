// check.cpp: `carecap check`, which loads rule files and reports every error, or a line of counts for each
// file that loads.
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "lang/diagnostic.h"
#include "lang/rule_set.h"

#include <iostream>

namespace carecap::cli {
namespace {

std::string count(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int run_check(const std::vector<std::string>& files, const CommandContext& context) {
    int failed = 0;
    for (const auto& file : files) {
        LoadResult loaded = load_rules_for_cli(file, context.rule_roots);
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

CommandRun setup_check(CLI::App& app) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto* check = app.add_subcommand("check", "check rule files: every error, with file:line:col, the line and a caret");
    check->add_option("files", *files, "rule files")->required();
    return [files](const CommandContext& context) { return run_check(*files, context); };
}

const CommandRegistration check_registration{10, "check", setup_check};

} // namespace
} // namespace carecap::cli
