// command_line.cpp: "did you mean" for commands and options, and the one error form (cli/command_line.h).
#include "cli/command_line.h"

#include "lang/diagnostic.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace carecap::cli {

namespace {

std::string& command_name() {
    static std::string name;
    return name;
}

// Every long option name of `app` ("--rules", "--format", ...).
std::vector<std::string> long_options(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* o : app.get_options())
        for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
    return names;
}

// Whether `--name` (which may carry =VALUE) takes the next argument as its value in `app`.
bool takes_value(const CLI::App& app, const std::string& name) {
    const CLI::Option* o = app.get_option_no_throw(name);
    return o && o->get_expected_min() > 0 && name.find('=') == std::string::npos;
}

void unknown(const std::string& what, const std::string& word, const std::vector<std::string>& known) {
    std::cerr << error_prefix() << "unknown " << what << " `" << word << "`";
    std::string near = closest_name(word, known);
    // Two letters swapped (chekc for check) count as one slip, though they are two edits apart.
    for (const std::string& k : known)
        for (std::size_t i = 0; near.empty() && k.size() == word.size() && i + 1 < word.size(); ++i)
            if (std::string swapped = word; (std::swap(swapped[i], swapped[i + 1]), swapped == k)) near = k;
    // A word that is the start of one (--rule for --rules) is as likely a slip as a typo.
    if (near.empty())
        for (const std::string& k : known)
            if (k.rfind(word, 0) == 0 && word.size() >= 4) near = k;
    if (!near.empty()) std::cerr << ": did you mean `" << near << "`?";
    std::cerr << "\nrun `carecap" << (command_name().empty() ? "" : " " + command_name()) << " --help` for the "
              << what << "s\n";
}

} // namespace

std::string error_prefix() {
    return "carecap" + (command_name().empty() ? std::string() : " " + command_name()) + ": error: ";
}

void set_command_name(std::string name) { command_name() = std::move(name); }

bool check_command_line(const CLI::App& app, int argc, char** argv) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    const CLI::App* command = nullptr;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        std::string name = arg.substr(0, arg.find('='));
        if (!command) {
            if (arg.starts_with("-")) {
                if (takes_value(app, name)) ++i;
                continue;
            }
            if (std::find(commands.begin(), commands.end(), arg) == commands.end()) {
                unknown("command", arg, commands);
                return false;
            }
            command = app.get_subcommand(arg);
            set_command_name(arg);
            continue;
        }
        if (!arg.starts_with("--") || arg == "--help") continue;
        if (command->get_option_no_throw(name) == nullptr && app.get_option_no_throw(name) == nullptr) {
            std::vector<std::string> known = long_options(*command);
            for (const std::string& g : long_options(app)) known.push_back(g);
            unknown("option", name, known);
            return false;
        }
        if (takes_value(*command, name) || (!command->get_option_no_throw(name) && takes_value(app, name))) ++i;
    }
    return true;
}

void report_parse_error(const CLI::ParseError& e) {
    std::cerr << error_prefix() << e.what() << "\nrun `carecap" << (command_name().empty() ? "" : " " + command_name())
              << " --help` for the options\n";
}

} // namespace carecap::cli
