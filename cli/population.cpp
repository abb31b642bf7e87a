// population.cpp: `carecap population`, many starting positions spent down under each rule set, each by the
// projection `carecap project` runs (runtime/analyses/population.h), with a summary, CSV tables and the
// Figure 2 chart over wealth bands. docs/population.md.
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "cli/population_input.h"
#include "cli/projection_options.h"
#include "lang/rule_set.h"
#include "runtime/analyses/population_report.h"

#include <iostream>
#include <thread>

namespace carecap::cli {
namespace {

struct PopulationOptions {
    std::vector<std::string> rules;
    std::string people, start, projection, band_width = "25000";
    std::string csv, bands_csv, years_csv, svg;
    std::int64_t weeks = 260;
    unsigned jobs = 0;
};

bool write_or_say(const std::string& path, const std::string& text) {
    if (path.empty() || write_file(path, text)) return true;
    std::cerr << "carecap population: error: cannot write " << path << "\n";
    return false;
}

// Each rule file loaded, and the first day in care: --start, or the latest day any of them comes into force.
bool load_all(const PopulationOptions& o, const CommandContext& context,
              std::vector<std::shared_ptr<const RuleSet>>& rules, Date& start) {
    for (const std::string& path : o.rules) {
        rules.push_back(load_or_report(path, context.rule_roots));
        if (!rules.back()) return false;
        if (rules.back()->header().in_force > start) start = rules.back()->header().in_force;
    }
    return true;
}

int write_reports(const PopulationOptions& o, const PopulationReport& report) {
    bool ok = write_or_say(o.csv, people_csv(report)) && write_or_say(o.bands_csv, bands_csv(report)) &&
              write_or_say(o.years_csv, years_csv(report)) && write_or_say(o.svg, bands_svg(report));
    std::cout << population_text(report);
    return ok ? exit_ok : exit_failed;
}

int run_population_command(const PopulationOptions& o, const CommandContext& context) {
    auto band_width = money_option(o.band_width, "band-width");
    if (!band_width) return exit_usage;
    if (band_width->is_zero()) {
        std::cerr << "carecap population: error: --band-width must be more than £0\n";
        return exit_usage;
    }
    std::vector<std::shared_ptr<const RuleSet>> rules;
    Date start;
    if (!load_all(o, context, rules, start)) return exit_failed;
    if (!o.start.empty()) {
        auto d = Date::parse(o.start);
        if (!d) {
            std::cerr << "carecap population: error: --start must be a date YYYY-MM-DD, not \"" << o.start << "\"\n";
            return exit_usage;
        }
        start = *d;
    }
    auto input = read_population_file(o.people, start, o.weeks);
    if (!input) return exit_failed;
    std::vector<const RuleSet*> plain;
    for (auto& r : rules) plain.push_back(r.get());
    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    PopulationRun run;
    {
        ProgressBar bar("carecap population", plain.size() * input->starts.size());
        run = run_population(plain, input->starts, o.projection, jobs, &bar.counter());
    }
    for (const std::string& e : run.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!run.errors.empty()) return exit_failed;
    PopulationReport report{{}, {}, o.rules, plain, {}, &input->people, &run, start, o.weeks};
    for (std::size_t s = 0; s < rules.size(); ++s) {
        const Header& h = rules[s]->header();
        report.labels.push_back(h.name + " version \"" + h.version + "\" (" + o.rules[s] + ")");
        report.names.push_back(h.name);
        report.summaries.push_back(summarise(run.outcomes[s], *band_width, o.weeks));
    }
    return write_reports(o, report);
}

CommandRun setup_population(CLI::App& app) {
    auto o = std::make_shared<PopulationOptions>();
    auto* c = app.add_subcommand("population", "spend down many starting positions (CSV or JSON lines) under each rule set");
    c->add_option("--rules", o->rules, "a rule file with a projection; repeat to compare")->required()->allow_extra_args(false);
    c->add_option("people", o->people, "the starting positions: CSV (one row per person) or JSON lines; - for standard input")->required();
    c->add_option("--weeks", o->weeks, "how many weeks each projection runs (default 260)")->check(CLI::Range(1, 5200));
    c->add_option("--start", o->start, "the first day in care of everyone (default: the latest day the rule sets come into force)");
    c->add_option("--projection", o->projection, "which projection, if the rules declare several");
    c->add_option("--band-width", o->band_width, "the width of a wealth band in pounds (default 25000)");
    c->add_option("--csv", o->csv, "write one row per person and rule set to this CSV file");
    c->add_option("--bands-csv", o->bands_csv, "write the wealth bands to this CSV file");
    c->add_option("--years-csv", o->years_csv, "write the years to this CSV file");
    c->add_option("--svg", o->svg, "write the share lost by wealth band (the guidance's Figure 2) to this SVG file");
    c->add_option("-j,--jobs", o->jobs, "projections worked out at once (default: up to 4); the output never depends on it")
        ->check(CLI::Range(1, 64));
    c->footer("See docs/population.md.");
    return [o](const CommandContext& context) { return run_population_command(*o, context); };
}

const CommandRegistration population_registration{63, "population", setup_population};

} // namespace
} // namespace carecap::cli
