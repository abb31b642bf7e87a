// sweep.cpp: the cases of a sweep, and running them, several at a time.
#include "runtime/analyses/sweep.h"

#include "stdlib/format.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace carecap {

namespace {

// Each input: its name on the command line and in the CSV, and its title on a chart.
struct InputNames {
    SweepInput input;
    std::string_view name, title;
};
constexpr InputNames inputs[] = {
    {SweepInput::capital, "capital", "Initial chargeable capital"},
    {SweepInput::income, "income", "Weekly income"},
    {SweepInput::fees, "fees", "Weekly care fees"},
    {SweepInput::weeks, "weeks", "Weeks in care"},
};

// Each figure: its name, its title, and where a case holds it.
struct FigureNames {
    SweepFigure figure;
    std::string_view name, title;
    Decimal SweepCase::*value;
};
constexpr FigureNames figures[] = {
    {SweepFigure::share_lost, "share_lost", "Share of initial assets depleted", &SweepCase::share_lost},
    {SweepFigure::capital_lost, "capital_lost", "Capital lost", &SweepCase::capital_lost},
    {SweepFigure::capital_end, "capital_end", "Capital left at the end", &SweepCase::capital_end},
    {SweepFigure::total_paid, "total_paid", "Paid in all", &SweepCase::total_paid},
};

const InputNames* names_of(SweepInput i) {
    for (const InputNames& n : inputs)
        if (n.input == i) return &n;
    return nullptr;
}

const FigureNames* names_of(SweepFigure f) {
    for (const FigureNames& n : figures)
        if (n.figure == f) return &n;
    return nullptr;
}

} // namespace

std::optional<SweepInput> sweep_input_named(std::string_view name) {
    for (const InputNames& n : inputs)
        if (n.name == name) return n.input;
    return std::nullopt;
}

std::optional<SweepFigure> sweep_figure_named(std::string_view name) {
    for (const FigureNames& n : figures)
        if (n.name == name) return n.figure;
    return std::nullopt;
}

std::string_view to_string(SweepInput i) { return names_of(i) ? names_of(i)->name : "?"; }
std::string_view to_string(SweepFigure f) { return names_of(f) ? names_of(f)->name : "?"; }
std::string input_title(SweepInput i) { return std::string(names_of(i) ? names_of(i)->title : "?"); }
std::string figure_title(SweepFigure f) { return std::string(names_of(f) ? names_of(f)->title : "?"); }

Decimal SweepCase::figure(SweepFigure f) const { return names_of(f) ? this->*names_of(f)->value : Decimal(0); }

SweepPoints stepped_values(const Decimal& from, const Decimal& to, const Decimal& step) {
    SweepPoints out;
    if (step.sign() <= 0) {
        out.error = "--step must be more than 0, not " + step.to_exact();
        return out;
    }
    if (from > to) {
        out.error = "--from (" + from.to_exact() + ") is beyond --to (" + to.to_exact() + ")";
        return out;
    }
    // How many values: every from + k x step up to `to`, counted exactly before any is made.
    Decimal count = ((to - from) / step).floor() + Decimal(1);
    if (count > Decimal(static_cast<std::int64_t>(max_sweep_points))) {
        out.error = "from " + from.to_exact() + " to " + to.to_exact() + " in steps of " + step.to_exact() + " is " +
                    count.to_exact() + " cases; at most " + std::to_string(max_sweep_points) +
                    " are allowed: use a larger --step";
        return out;
    }
    for (Decimal v = from; v <= to; v += step) out.values.push_back(v);
    return out;
}

SweepPoints sweep_points(const SweepSpec& spec) {
    SweepPoints out;
    const std::string name(to_string(spec.vary));
    if (spec.step.sign() > 0 && spec.from <= spec.to && spec.from.is_negative()) {
        out.error = name + " cannot be negative: --from is " + spec.from.to_exact();
        return out;
    }
    if (spec.step.sign() > 0 && spec.from <= spec.to && spec.vary == SweepInput::weeks &&
        (!spec.from.is_integer() || !spec.step.is_integer() || spec.from < Decimal(1) || spec.to > Decimal(5200))) {
        out.error = "weeks are whole numbers from 1 to 5,200: check --from, --to and --step";
        return out;
    }
    return stepped_values(spec.from, spec.to, spec.step);
}

namespace {

ProjectionStart start_for(const SweepSpec& spec, const Decimal& value) {
    ProjectionStart start = spec.base;
    switch (spec.vary) {
    case SweepInput::capital: start.capital = value; break;
    case SweepInput::income: start.income.at(0).weekly = value; break;
    case SweepInput::fees: start.weekly_fees = value; break;
    case SweepInput::weeks: start.weeks = *value.to_int64(); break;
    }
    return start;
}

} // namespace

SweepResult run_sweep(const std::vector<const RuleSet*>& rules, const SweepSpec& spec) {
    SweepResult result;
    SweepPoints points = sweep_points(spec);
    if (!points.error.empty()) {
        result.errors.push_back(points.error);
        return result;
    }
    result.values = std::move(points.values);
    const std::size_t n = result.values.size();
    const std::size_t total = rules.size() * n;
    result.cases.assign(rules.size(), std::vector<SweepCase>(n));
    // Each case's error, if any, in its own slot: the first by position is reported, whatever the timing.
    std::vector<std::string> errors(total);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < total; i = next++) {
            std::size_t r = i / n, p = i % n;
            ProjectionOutcome o;
            try {
                o = project(*rules[r], start_for(spec, result.values[p]), spec.projection);
            } catch (const std::exception& e) {
                // Never let an exception end a thread (and so the program); report it as the case's failure.
                errors[i] = std::string("internal error: ") + e.what();
                continue;
            }
            if (!o.result) {
                errors[i] = o.errors.empty() ? "the projection did not run" : o.errors.front().render("projection");
                continue;
            }
            SweepCase& c = result.cases[r][p];
            c.share_lost = o.result->share_lost();
            c.capital_lost = o.result->capital_lost();
            c.capital_end = o.result->capital_end;
            c.total_paid = o.result->total_paid;
            if (!o.result->meters.empty()) c.reached_on = o.result->meters.front().reached_on;
        }
    };
    unsigned threads = std::max(1u, std::min<unsigned>(spec.threads, static_cast<unsigned>(total ? total : 1)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (std::size_t r = 0; r < rules.size(); ++r)
        for (std::size_t p = 0; p < n; ++p)
            if (!errors[r * n + p].empty()) {
                result.errors.push_back("under " + rules[r]->header().name + ", with " + std::string(to_string(spec.vary)) +
                                        " " + result.values[p].to_exact() + ": " + errors[r * n + p]);
                break;
            }
    return result;
}

} // namespace carecap
