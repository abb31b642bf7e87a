// statement.cpp: `carecap statement`, the care account statement on a date as text,
// JSON or one self-contained HTML page (docs/statement.md).
#include "carecap/carecap.hpp"
#include "cli/command.h"
#include "stdlib/date.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace carecap::cli {
namespace {

struct StatementOptions {
    std::string rules, registry, history, on, format = "text", out;
};

int run_statement(const StatementOptions& o, const CommandContext& context) {
    if (!o.on.empty() && !Date::parse(o.on)) {
        std::cerr << error_prefix() << "--on must be a date YYYY-MM-DD, not \"" << o.on << "\"\n";
        return exit_usage;
    }
    auto rules = choose_or_report(o.rules, o.registry, context.rule_roots);
    if (!rules) return exit_failed;
    auto text = read_history(o.history);
    if (!text) return exit_failed;
    std::string rendered;
    JsonResult result = o.format == "html" ? statement_html(rules->choice(), *text, rendered, o.on, o.history)
                        : o.format == "text" ? statement_text(rules->choice(), *text, rendered, o.on, o.history)
                                             : statement_json(rules->choice(), *text, o.on, o.history);
    for (auto& e : result.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!result.ok) return exit_failed;
    if (o.format == "json") rendered = result.json.dump(2) + "\n";
    if (o.out.empty()) {
        std::cout << rendered;
        return exit_ok;
    }
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    if (!file || !(file << rendered) || !file.flush()) {
        std::cerr << o.out << ": error: cannot write the statement: " << std::strerror(errno) << "\n";
        return exit_failed;
    }
    return exit_ok;
}

CommandRun setup_statement(CLI::App& app) {
    auto o = std::make_shared<StatementOptions>();
    auto* statement = app.add_subcommand("statement", "the care account statement on a date: text, JSON or an HTML page");
    statement->add_option("--rules", o->rules, "the rule file")->required();
    add_registry_option(*statement, o->registry);
    statement->add_option("history", o->history, "the care history (JSON; - for standard input)")->required();
    statement->add_option("--on", o->on,
                          "the date, YYYY-MM-DD: the statement issued that day, else one worked out on request; "
                          "without it, the last statement issued on the schedule");
    statement->add_option("--format", o->format, "text (the default), json or html")
        ->check(CLI::IsMember({"text", "json", "html"}));
    statement->add_option("--out", o->out, "write the statement to this file instead of standard output");
    return [o](const CommandContext& context) { return run_statement(*o, context); };
}

const CommandRegistration statement_registration{40, "statement", setup_statement};

} // namespace
} // namespace carecap::cli
