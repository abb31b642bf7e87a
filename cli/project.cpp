// project.cpp: `carecap project`, capital spent down week by week under a rule set's projection
// (runtime/evaluation/projection.h).
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "cli/projection_options.h"
#include "lang/rule_set.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include <iostream>

namespace carecap::cli {
namespace {

struct ProjectOptions {
    std::string rules, format = "text";
    bool every_week = false;
    ProjectionOptions person;
};

// The starting position the options give, or nothing (every problem printed).
std::optional<ProjectionStart> starting_position(const ProjectionOptions& o, const RuleSet& rules) {
    auto capital = money_option(o.capital, "capital");
    auto income = money_option(o.income, "income");
    auto fees = money_option(o.fees, "fees");
    if (!capital || !income || !fees) return std::nullopt;
    ProjectionStart start;
    start.capital = *capital;
    start.weekly_fees = *fees;
    fill_projection_start(o, *income, start);
    start.start = rules.header().in_force;
    if (!apply_start_option(o, start.start)) return std::nullopt;
    bool bad_birth = false;
    start.date_of_birth = date_of_birth_for(o.birth, start.start, bad_birth);
    if (bad_birth) return std::nullopt;
    return start;
}

int run_project(const ProjectOptions& o, const CommandContext& context) {
    auto rules = load_or_report(o.rules, context.rule_roots);
    if (!rules) return exit_failed;
    auto start = starting_position(o.person, *rules);
    if (!start) return exit_usage;
    ProjectionOutcome outcome = project(*rules, *start, o.person.projection);
    std::string errors;
    for (auto& e : outcome.errors) errors += e.render("projection");
    std::cerr << errors;
    hint_when_age_missing(errors, start->date_of_birth.has_value());
    if (!outcome.result) return exit_failed;
    if (o.format == "json") std::cout << projection_to_json(*outcome.result).dump(2) << "\n";
    else std::cout << projection_to_text(*outcome.result, o.every_week);
    return exit_ok;
}

CommandRun setup_project(CLI::App& app) {
    auto o = std::make_shared<ProjectOptions>();
    auto* project = app.add_subcommand("project", "spend capital down week by week under a rule set's projection");
    project->add_option("--rules", o->rules, "the rule file")->required();
    add_projection_options(*project, o->person,
                           {true, "how many weeks (default 260, five years)",
                            "the first day in care (default: when the rules come into force)"});
    add_projection_choice(*project, o->person);
    project->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
    project->add_flag("--every-week", o->every_week, "list every week (text)");
    add_birth_options(*project, o->person.birth);
    return [o](const CommandContext& context) { return run_project(*o, context); };
}

const CommandRegistration project_registration{12, "project", setup_project};

} // namespace
} // namespace carecap::cli
