// command.cpp: the registry of subcommands (command.h) and the helpers they share.
#include "cli/command.h"

#include "carecap/carecap.hpp"
#include "lang/resolve.h"

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

std::optional<std::string> read_history(const std::string& path) {
    if (path == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        return text;
    }
    std::string why;
    auto text = read_text_file(path, 64u << 20, why);
    if (!text) std::cerr << path << ": error: cannot read the history: " << why << "\n";
    return text;
}

std::shared_ptr<const RuleSet> load_or_report(const std::string& path, const std::vector<std::string>& roots) {
    LoadResult loaded = load_rules(path, roots);
    std::cerr << render(loaded.diagnostics);
    return loaded.rules;
}

} // namespace carecap::cli
