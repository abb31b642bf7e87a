// sweep_parameter.cpp: a sweep over a rule parameter (sweep_parameter.h). Every value gives each rule file a
// rule set of its own; the person, the population or the caseload then runs under all of them at once.
#include "cli/sweep_parameter.h"

#include "cli/population_input.h"
#include "runtime/analyses/caseload_totals.h"
#include "runtime/analyses/parameter_override.h"
#include "runtime/analyses/population.h"
#include "runtime/analyses/sweep.h"
#include "runtime/analyses/sweep_chart.h"
#include "stdlib/format.h"

#include <iostream>
#include <sstream>

namespace carecap::cli {
namespace {

int usage(const std::string& message) {
    std::cerr << "carecap sweep: error: " << message << "\n";
    return exit_usage;
}

int cannot_write(const std::string& path) {
    std::cerr << "carecap sweep: error: cannot write " << path << "\n";
    return exit_failed;
}

// The rule sets of the sweep, [rule file][value], each holding the parameter at its value.
struct VariedRules {
    std::vector<Decimal> values;
    std::vector<std::shared_ptr<const RuleSet>> sets;  // file by file, value by value within each
    std::vector<const RuleSet*> plain;
    Date start;                                        // the latest day any rule file comes into force
    bool money = false;
};

// A value of the parameter: money as an amount in pounds, anything else as a number.
std::optional<Decimal> value_option(const std::string& text, const char* option, bool money) {
    if (money) return money_option(text, option);
    auto v = Decimal::parse(text);
    if (!v) std::cerr << "carecap sweep: error: --" << option << " must be a number, not \"" << text << "\"\n";
    return v;
}

// Loads each rule file, checks the parameter can vary in it, and makes a rule set for each value.
int vary_rules(const ParameterSweepRequest& q, const CommandContext& context, VariedRules& out) {
    for (const std::string& path : q.rules) {
        auto plain = load_or_report(path, context.rule_roots);
        if (!plain) return exit_failed;
        if (std::string why = parameter_cannot_vary(*plain, q.parameter); !why.empty()) return usage(why);
        out.money = parameter_is_money(*plain, q.parameter);
        if (plain->header().in_force > out.start) out.start = plain->header().in_force;
    }
    auto from = value_option(q.from, "from", out.money), to = value_option(q.to, "to", out.money),
         step = value_option(q.step, "step", out.money);
    if (!from || !to || !step) return exit_usage;
    SweepPoints points = stepped_values(*from, *to, *step);
    if (!points.error.empty()) return usage(points.error);
    out.values = points.values;
    for (const std::string& path : q.rules)
        for (const Decimal& v : out.values) {
            // Loaded afresh for each value (with_parameter rewrites the rule set it is given); the first load
            // above has already shown any warning.
            auto fresh = load_rules_for_cli(path, context.rule_roots).rules;
            if (!fresh) return exit_failed;
            out.sets.push_back(with_parameter(std::move(fresh), q.parameter, v));
            out.plain.push_back(out.sets.back().get());
        }
    return exit_ok;
}

std::string shown_value(const VariedRules& v, std::size_t p) {
    return v.money ? plain_money(v.values[p]) : v.values[p].to_exact();
}

// A table: a row per rule file and value, the columns given; written as CSV to `csv` or printed with tabs.
struct SweepTable {
    std::string header;
    std::vector<std::string> rows;  // [rule file][value], fields joined by commas
};

int print_or_write(const ParameterSweepRequest& q, const VariedRules& v, const SweepTable& table,
                   const std::vector<std::optional<Decimal>>& plotted, const std::string& plotted_title, AxisUnit unit) {
    std::ostringstream csv;
    csv << "rules,name," << q.parameter << "," << table.header << "\n";
    for (std::size_t i = 0; i < table.rows.size(); ++i)
        csv << q.rules[i / v.values.size()] << "," << v.sets[i]->header().name << "," << shown_value(v, i % v.values.size())
            << "," << table.rows[i] << "\n";
    if (!q.csv.empty() && !write_file(q.csv, csv.str())) return cannot_write(q.csv);
    if (!q.svg.empty()) {
        LineChart chart;
        chart.title = plotted_title + ", by " + q.parameter;
        chart.description = chart.title + ": one line per rule file, at " + std::to_string(v.values.size()) + " values.";
        chart.x = {q.parameter + (v.money ? " (£)" : ""), v.money ? AxisUnit::pounds : AxisUnit::number};
        chart.y = {plotted_title, unit};
        chart.xs = v.values;
        for (std::size_t f = 0; f < q.rules.size(); ++f) {
            ChartSeries s;
            s.label = v.sets[f * v.values.size()]->header().name + " (" + q.rules[f] + ")";
            s.ys.assign(plotted.begin() + static_cast<std::ptrdiff_t>(f * v.values.size()),
                        plotted.begin() + static_cast<std::ptrdiff_t>((f + 1) * v.values.size()));
            chart.series.push_back(std::move(s));
        }
        if (!write_file(q.svg, line_chart_svg(chart))) return cannot_write(q.svg);
    }
    if (q.csv.empty() && q.svg.empty()) {
        std::string text = csv.str();
        for (char& c : text) c = c == ',' ? '\t' : c;
        std::cout << text;
    } else {
        std::cout << table.rows.size() << " cases; " << (q.csv.empty() ? "" : "CSV: " + q.csv + " ")
                  << (q.svg.empty() ? "" : "chart: " + q.svg) << "\n";
    }
    return exit_ok;
}

std::string percent_text(const Decimal& share) { return (share * Decimal(100)).to_fixed(2, display_rounding); }


// One person: the starting figures of --capital, --income and --fees, as `carecap project` reads them.
int sweep_person(const ParameterSweepRequest& q, const VariedRules& v) {
    const ProjectionOptions& o = *q.person;
    if (o.capital.empty() || o.income.empty() || o.fees.empty())
        return usage("--capital, --income and --fees are needed for one person (or give --population or --caseload)");
    auto capital = money_option(o.capital, "capital"), income = money_option(o.income, "income"),
         fees = money_option(o.fees, "fees");
    if (!capital || !income || !fees) return exit_usage;
    SweepSpec spec;  // a sweep of one case: capital from itself to itself
    spec.vary = SweepInput::capital;
    spec.from = spec.to = spec.base.capital = *capital;
    spec.step = Decimal(1);
    spec.base.weekly_fees = *fees;
    fill_projection_start(o, *income, spec.base);
    spec.base.start = v.start;
    if (!apply_start_option(o, spec.base.start)) return exit_usage;
    bool bad_birth = false;
    spec.base.date_of_birth = date_of_birth_for(o.birth, spec.base.start, bad_birth);
    if (bad_birth) return exit_usage;
    spec.projection = o.projection;
    spec.threads = q.jobs;
    SweepResult r = run_sweep(v.plain, spec);
    for (const std::string& e : r.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!r.errors.empty()) return exit_failed;
    SweepTable table{"share_lost_percent,capital_lost,capital_end,total_paid,cap_reached_on", {}};
    std::vector<std::optional<Decimal>> plotted;
    for (const auto& cases : r.cases) {
        const SweepCase& c = cases.front();
        table.rows.push_back(percent_text(c.share_lost) + "," + plain_money(c.capital_lost) + "," + plain_money(c.capital_end) +
                             "," + plain_money(c.total_paid) + "," + (c.reached_on ? c.reached_on->to_string() : ""));
        plotted.emplace_back(c.share_lost);
    }
    return print_or_write(q, v, table, plotted, "Share of initial assets depleted", AxisUnit::percent);
}

// A population: the totals of `carecap population` for each value.
int sweep_population(const ParameterSweepRequest& q, const VariedRules& v) {
    const ProjectionOptions& o = *q.person;
    Date start = v.start;
    if (!apply_start_option(o, start)) return exit_usage;
    auto input = read_population_file(q.population, start, o.weeks);
    if (!input) return exit_failed;
    PopulationRun run;
    {
        ProgressBar bar("carecap sweep", v.plain.size() * input->starts.size());
        run = run_population(v.plain, input->starts, o.projection, q.jobs, &bar.counter());
    }
    for (const std::string& e : run.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!run.errors.empty()) return exit_failed;
    SweepTable table{"people,reached_cap,wealth,capital_lost,share_of_wealth_lost_percent,paid_by_people,paid_by_authorities", {}};
    std::vector<std::optional<Decimal>> plotted;
    for (const auto& outcomes : run.outcomes) {
        PopulationSummary s = summarise(outcomes, Decimal(25000), o.weeks);
        Decimal share = s.wealth.is_zero() ? Decimal(0) : s.capital_lost / s.wealth;
        table.rows.push_back(std::to_string(s.people) + "," + std::to_string(s.reached) + "," + plain_money(s.wealth) + "," +
                             plain_money(s.capital_lost) + "," + percent_text(share) + "," + plain_money(s.paid) + "," +
                             plain_money(s.paid_by_authority));
        plotted.emplace_back(s.paid_by_authority);
    }
    return print_or_write(q, v, table, plotted, "Paid by authorities", AxisUnit::pounds);
}

// A caseload: JSON lines of care histories, as `carecap batch` reads them.
int sweep_caseload(const ParameterSweepRequest& q, const VariedRules& v) {
    auto text = read_history(q.caseload);
    if (!text) return exit_failed;
    std::vector<History> histories;
    std::istringstream lines(*text);
    std::string line;
    for (std::size_t n = 1; std::getline(lines, line); ++n) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        HistoryLoad loaded = load_history(line, q.caseload + ":" + std::to_string(n), cli_limits());
        for (const HistoryError& e : loaded.errors)
            std::cerr << q.caseload << ":" << n << ": error: " << (e.path.empty() ? "" : e.path + ": ") << e.message << "\n";
        if (!loaded.history) return exit_failed;
        histories.push_back(std::move(*loaded.history));
    }
    CaseloadRun run = run_caseload(v.plain, histories, q.jobs);
    for (const std::string& e : run.errors) std::cerr << e << (e.ends_with('\n') ? "" : "\n");
    if (!run.errors.empty()) return exit_failed;
    SweepTable table{"histories,reached_cap,metered", {}};
    std::vector<std::optional<Decimal>> plotted;
    for (const CaseloadTotals& t : run.totals) {
        table.rows.push_back(std::to_string(t.people) + "," + std::to_string(t.reached) + "," + plain_money(t.metered));
        plotted.emplace_back(Decimal(static_cast<std::int64_t>(t.reached)));
    }
    return print_or_write(q, v, table, plotted, "People reaching the cap", AxisUnit::number);
}

} // namespace

int run_parameter_sweep(const ParameterSweepRequest& q, const CommandContext& context) {
    if (!q.population.empty() && !q.caseload.empty()) return usage("give --population or --caseload, not both");
    const ProjectionOptions& o = *q.person;
    if ((!q.population.empty() || !q.caseload.empty()) && (!o.capital.empty() || !o.income.empty() || !o.fees.empty()))
        return usage("--capital, --income and --fees are for one person: the file given holds each person's own");
    VariedRules varied;
    if (int status = vary_rules(q, context, varied); status != exit_ok) return status;
    if (!q.population.empty()) return sweep_population(q, varied);
    if (!q.caseload.empty()) return sweep_caseload(q, varied);
    return sweep_person(q, varied);
}

} // namespace carecap::cli
