// command_line.h: the conventions of the command line that come before any command runs
// (docs/cli.md, "Conventions"): an unknown command or option gets "did you mean", and every error
// message has one form, `carecap COMMAND: error: ...`.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace carecap::cli {

// "carecap COMMAND: error: " once the command is known, "carecap: error: " before.
std::string error_prefix();
void set_command_name(std::string name);

// Looks at the arguments before CLI11 does: the command (the first word that is not an option of carecap
// itself or its value) must be one of `app`'s, and each `--option` after it one of the command's or
// carecap's own. Prints the one error, with "did you mean", and returns false when not. Sets the
// command's name for error_prefix().
bool check_command_line(const CLI::App& app, int argc, char** argv);

// A parse error of CLI11 in the one form, with where to find the options.
void report_parse_error(const CLI::ParseError& e);

} // namespace carecap::cli
