// sweep.cpp: `carecap sweep`, a family of projections varying one starting figure, under one or more
// rule sets, written as CSV and as an SVG line chart (runtime/analyses/sweep.h, runtime/analyses/sweep_chart.h).
// docs/sweep.md.
#include "carecap/carecap.hpp"

#include "cli/command.h"
#include "cli/projection_options.h"
#include "cli/sweep_parameter.h"
#include "lang/rule_set.h"
#include "runtime/analyses/sweep.h"
#include "runtime/analyses/sweep_chart.h"
#include "stdlib/format.h"

#include <iostream>
#include <sstream>
#include <thread>

namespace carecap::cli {
namespace {

struct SweepOptions {
    std::vector<std::string> rules;
    std::string vary, from, to, step, plot = "share_lost";
    std::string csv, svg;
    unsigned jobs = 0;
    ProjectionOptions person;  // the fixed starting figures (one of capital, income and fees varies)
    std::string vary_parameter, population, caseload;  // a sweep over a rule parameter (cli/sweep_parameter.h)
};


bool usage_error(const std::string& message) {
    std::cerr << error_prefix() << message << "\n";
    return false;
}

// A sweep over a rule parameter rather than an input (cli/sweep_parameter.h).
int run_vary_parameter(const SweepOptions& o, const CommandContext& context, unsigned jobs) {
    if (!o.vary.empty()) {
        usage_error("give --vary or --vary-parameter, not both");
        return exit_usage;
    }
    return run_parameter_sweep({o.rules, o.vary_parameter, o.from, o.to, o.step, o.population, o.caseload, &o.person,
                                o.csv, o.svg, jobs},
                               context);
}

// A value of what varies (an amount, or a number of weeks), or nothing with the reason printed.
std::optional<Decimal> amount(const std::string& text, const char* option) {
    auto value = Decimal::parse(text);
    if (!value) usage_error(std::string("--") + option + " must be a number like 145000 or 239.50, not \"" + text + "\"");
    return value;
}

// The fixed starting figures: every one of capital, income and fees is needed except the one that varies.
bool fill_spec(const SweepOptions& o, SweepSpec& spec) {
    const ProjectionOptions& person = o.person;
    auto vary = sweep_input_named(o.vary);
    if (!vary) return usage_error("--vary must be capital, income, fees or weeks, not \"" + o.vary + "\"");
    spec.vary = *vary;
    auto from = amount(o.from, "from"), to = amount(o.to, "to"), step = amount(o.step, "step");
    if (!from || !to || !step) return false;
    spec.from = *from;
    spec.to = *to;
    spec.step = *step;
    auto fixed = [&](const std::string& text, const char* name, SweepInput which, Decimal& into) {
        if (spec.vary == which)
            return text.empty() || usage_error(std::string("--") + name + " is not used: it is what varies (--vary " + o.vary +
                                               "); give its values with --from, --to and --step");
        if (text.empty()) return usage_error(std::string("--") + name + " is needed (only --vary " + o.vary + " varies)");
        auto value = money_option(text, name);
        if (value) into = *value;
        return value.has_value();
    };
    if (spec.vary == SweepInput::weeks && person.weeks_option && person.weeks_option->count() > 0)
        return usage_error("--weeks is not used: it is what varies (--vary weeks); give its values with --from, --to and --step");
    Decimal weekly_income;
    if (!fixed(person.capital, "capital", SweepInput::capital, spec.base.capital) ||
        !fixed(person.income, "income", SweepInput::income, weekly_income) ||
        !fixed(person.fees, "fees", SweepInput::fees, spec.base.weekly_fees))
        return false;
    fill_projection_start(person, weekly_income, spec.base);
    spec.projection = person.projection;
    return true;
}

std::string rules_label(const std::string& path, const RuleSet& r) {
    return r.header().name + " version \"" + r.header().version + "\" (" + path + ")";
}

std::string shown(const Decimal& v, SweepFigure f) {
    return f == SweepFigure::share_lost ? (v * Decimal(100)).to_fixed(2, display_rounding) : plain_money(v);
}

std::string input_shown(const Decimal& v, SweepInput i) { return i == SweepInput::weeks ? v.to_exact() : plain_money(v); }
// The same in a sentence: "£145,000", "260 weeks".
std::string input_words(const Decimal& v, SweepInput i) {
    return i == SweepInput::weeks ? v.to_exact() + " weeks" : axis_label(v, AxisUnit::pounds);
}

// One row per case and rule set, every figure, so a spreadsheet can plot any of them.
std::string sweep_csv(const SweepOptions& o, const std::vector<std::shared_ptr<const RuleSet>>& rules,
                      const SweepSpec& spec, const SweepResult& r) {
    std::ostringstream out;
    out << "rules,name,version," << to_string(spec.vary)
        << ",share_lost_percent,capital_lost,capital_end,total_paid,cap_reached_on\n";
    for (std::size_t s = 0; s < rules.size(); ++s)
        for (std::size_t p = 0; p < r.values.size(); ++p) {
            const SweepCase& c = r.cases[s][p];
            out << o.rules[s] << "," << rules[s]->header().name << "," << rules[s]->header().version << ","
                << input_shown(r.values[p], spec.vary) << "," << shown(c.share_lost, SweepFigure::share_lost) << ","
                << plain_money(c.capital_lost) << "," << plain_money(c.capital_end) << "," << plain_money(c.total_paid)
                << "," << (c.reached_on ? c.reached_on->to_string() : "") << "\n";
        }
    return out.str();
}

LineChart sweep_chart(const SweepOptions& o, const std::vector<std::shared_ptr<const RuleSet>>& rules,
                      const SweepSpec& spec, const SweepResult& r, SweepFigure figure) {
    LineChart chart;
    chart.title = figure_title(figure) + " after " + std::to_string(spec.base.weeks) + " weeks, by " +
                  (spec.vary == SweepInput::capital ? "initial wealth" : input_title(spec.vary));
    if (spec.vary == SweepInput::weeks) chart.title = figure_title(figure) + ", by weeks in care";
    chart.x = {input_title(spec.vary) + (spec.vary == SweepInput::weeks ? "" : " (£)"),
               spec.vary == SweepInput::weeks ? AxisUnit::number : AxisUnit::pounds};
    chart.y = {figure_title(figure) + (figure == SweepFigure::share_lost ? " (%)" : " (£)"),
               figure == SweepFigure::share_lost ? AxisUnit::percent : AxisUnit::pounds};
    chart.xs = r.values;
    std::ostringstream desc;
    desc << chart.title << ", " << o.person.setting << " care";
    if (spec.vary != SweepInput::fees) desc << " at " << money(spec.base.weekly_fees) << " a week";
    if (spec.vary != SweepInput::income) desc << " with " << money(spec.base.income[0].weekly) << " a week of income";
    if (spec.vary != SweepInput::capital) desc << " and " << money(spec.base.capital) << " of capital";
    desc << ", as " << to_string(spec.vary) << " runs from " << input_words(spec.from, spec.vary) << " to "
         << input_words(r.values.back(), spec.vary) << " in steps of " << input_words(spec.step, spec.vary) << ".";
    for (std::size_t s = 0; s < rules.size(); ++s) {
        ChartSeries series{rules_label(o.rules[s], *rules[s]), {}};
        std::size_t top = 0;
        for (std::size_t p = 0; p < r.values.size(); ++p) {
            series.ys.push_back(r.cases[s][p].figure(figure));
            if (r.cases[s][p].figure(figure) > r.cases[s][top].figure(figure)) top = p;
        }
        desc << " Under " << series.label << " the highest value is "
             << (figure == SweepFigure::share_lost ? "" : "£") << shown(r.cases[s][top].figure(figure), figure)
             << (figure == SweepFigure::share_lost ? "%" : "") << " at " << input_words(r.values[top], spec.vary) << ".";
        chart.series.push_back(std::move(series));
    }
    chart.description = desc.str();
    return chart;
}

// Writes one of the output files, printing an error when it cannot.
bool write_output(const std::string& path, const std::string& text) {
    if (write_file(path, text)) return true;
    std::cerr << error_prefix() << "cannot write " << path << "\n";
    return false;
}

int run_sweep_command(const SweepOptions& o, const CommandContext& context) {
    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    if (!o.vary_parameter.empty()) return run_vary_parameter(o, context, jobs);
    if (!o.population.empty() || !o.caseload.empty() || o.vary.empty()) {
        usage_error(o.vary.empty() ? "give --vary (an input) or --vary-parameter (a rule parameter)"
                                   : "--population and --caseload go with --vary-parameter");
        return exit_usage;
    }
    SweepSpec spec;
    if (!fill_spec(o, spec)) return exit_usage;
    auto figure = sweep_figure_named(o.plot);
    if (!figure) {
        std::cerr << error_prefix() << "--plot must be share_lost, capital_lost, capital_end or total_paid\n";
        return exit_usage;
    }
    if (auto points = sweep_points(spec); !points.error.empty()) {
        std::cerr << error_prefix() << points.error << "\n";
        return exit_usage;
    }
    std::vector<std::shared_ptr<const RuleSet>> rules;
    std::vector<const RuleSet*> plain;
    for (const std::string& path : o.rules) {
        rules.push_back(load_or_report(path, context.rule_roots));
        if (!rules.back()) return exit_failed;
        plain.push_back(rules.back().get());
        // Every curve starts on the same day, one on which every rule set is in force.
        if (rules.back()->header().in_force > spec.base.start) spec.base.start = rules.back()->header().in_force;
    }
    if (!apply_start_option(o.person, spec.base.start)) return exit_usage;
    bool bad_birth = false;
    spec.base.date_of_birth = date_of_birth_for(o.person.birth, spec.base.start, bad_birth);
    if (bad_birth) return exit_usage;
    spec.threads = jobs;
    SweepResult result = run_sweep(plain, spec);
    std::string errors;
    for (auto& e : result.errors) errors += e + (e.ends_with('\n') ? "" : "\n");
    std::cerr << errors;
    hint_when_age_missing(errors, spec.base.date_of_birth.has_value());
    if (!result.errors.empty()) return exit_failed;
    bool ok = true;
    if (!o.csv.empty()) ok = write_output(o.csv, sweep_csv(o, rules, spec, result)) && ok;
    if (!o.svg.empty()) ok = write_output(o.svg, line_chart_svg(sweep_chart(o, rules, spec, result, *figure))) && ok;
    if (!ok) return exit_failed;
    if (o.csv.empty() && o.svg.empty()) {
        // Only the plotted figure, one column per rule set.
        std::cout << to_string(spec.vary);
        for (std::size_t s = 0; s < rules.size(); ++s) std::cout << "\t" << rules[s]->header().name;
        std::cout << "\n";
        for (std::size_t p = 0; p < result.values.size(); ++p) {
            std::cout << input_shown(result.values[p], spec.vary);
            for (std::size_t s = 0; s < rules.size(); ++s)
                std::cout << "\t" << shown(result.cases[s][p].figure(*figure), *figure);
            std::cout << "\n";
        }
    } else {
        std::cout << result.values.size() << " cases under " << rules.size() << (rules.size() == 1 ? " rule set" : " rule sets");
        if (!o.csv.empty()) std::cout << "; CSV: " << o.csv;
        if (!o.svg.empty()) std::cout << "; chart: " << o.svg;
        std::cout << "\n";
    }
    return exit_ok;
}

CommandRun setup_sweep(CLI::App& app) {
    auto o = std::make_shared<SweepOptions>();
    auto* sweep = app.add_subcommand("sweep", "projections varying one starting figure, under one or more rule sets: CSV and an SVG chart");
    sweep->add_option("--rules", o->rules, "a rule file with a projection; repeat for each curve")->required()->allow_extra_args(false);
    sweep->add_option("--vary", o->vary, "what varies: capital, income, fees or weeks");
    sweep->add_option("--vary-parameter", o->vary_parameter, "or a rule parameter that varies, for the whole rule set (cap_level, say)");
    sweep->add_option("--population", o->population, "with --vary-parameter: starting positions (as carecap population reads them)");
    sweep->add_option("--caseload", o->caseload, "with --vary-parameter: care histories, one per line (as carecap batch reads them)");
    sweep->add_option("--from", o->from, "its first value")->required();
    sweep->add_option("--to", o->to, "its last value (reached if a whole number of steps away)")->required();
    sweep->add_option("--step", o->step, "the step between values (more than 0; at most 2,000 cases)")->required();
    add_projection_options(*sweep, o->person,
                           {false, "how many weeks each projection runs (default 260)",
                            "the first day in care (default: the latest day the rule sets come into force)"});
    add_birth_options(*sweep, o->person.birth);
    add_projection_choice(*sweep, o->person);
    sweep->add_option("--plot", o->plot, "the figure charted and printed: share_lost (default), capital_lost, capital_end, total_paid");
    sweep->add_option("--csv", o->csv, "write every figure of every case to this CSV file");
    sweep->add_option("--svg", o->svg, "write a line chart of the plotted figure to this SVG file");
    sweep->add_option("-j,--jobs", o->jobs, "cases evaluated at once (default: up to 4); the output never depends on it")
        ->check(CLI::Range(1, 64));
    sweep->footer("Without --csv or --svg, prints the plotted figure for each value, one column per rule set. See docs/sweep.md.");
    return [o](const CommandContext& context) { return run_sweep_command(*o, context); };
}

const CommandRegistration sweep_registration{62, "sweep", setup_sweep};

} // namespace
} // namespace carecap::cli
