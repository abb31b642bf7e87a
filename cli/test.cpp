// test.cpp: `carecap test`, which runs the examples written inside rule files.
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "lang/rule_set.h"
#include "runtime/analyses/examples.h"

#include <filesystem>
#include <iostream>

namespace carecap::cli {
namespace {

int run_test(const std::vector<std::string>& files, const CommandContext& context) {
    // Examples may read histories below the working directory (an analyst's project) or a --rules-dir.
    std::vector<std::string> history_roots = context.rule_roots;
    history_roots.push_back(std::filesystem::current_path().string());
    std::size_t passed = 0, failed = 0;
    for (const auto& file : files) {
        auto rules = load_or_report(file, context.rule_roots);
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

CommandRun setup_test(CLI::App& app) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto* test = app.add_subcommand("test", "run the examples inside rule files");
    test->add_option("files", *files, "rule files")->required();
    return [files](const CommandContext& context) { return run_test(*files, context); };
}

const CommandRegistration test_registration{13, "test", setup_test};

} // namespace
} // namespace carecap::cli
