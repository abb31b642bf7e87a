// sweep.cpp: the cases of a sweep, and running them, several at a time.
#include "runtime/analyses/sweep.h"

#include "stdlib/format.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace carecap {

std::optional<SweepInput> sweep_input_named(std::string_view name) {
    for (SweepInput i : {SweepInput::capital, SweepInput::income, SweepInput::fees, SweepInput::weeks})
        if (to_string(i) == name) return i;
    return std::nullopt;
}

std::optional<SweepFigure> sweep_figure_named(std::string_view name) {
    for (SweepFigure f : {SweepFigure::share_lost, SweepFigure::capital_lost, SweepFigure::capital_end, SweepFigure::total_paid})
        if (to_string(f) == name) return f;
    return std::nullopt;
}

std::string_view to_string(SweepInput i) {
    switch (i) {
    case SweepInput::capital: return "capital";
    case SweepInput::income: return "income";
    case SweepInput::fees: return "fees";
    case SweepInput::weeks: return "weeks";
    }
    return "?";
}

std::string_view to_string(SweepFigure f) {
    switch (f) {
    case SweepFigure::share_lost: return "share_lost";
    case SweepFigure::capital_lost: return "capital_lost";
    case SweepFigure::capital_end: return "capital_end";
    case SweepFigure::total_paid: return "total_paid";
    }
    return "?";
}

Decimal SweepCase::figure(SweepFigure f) const {
    switch (f) {
    case SweepFigure::share_lost: return share_lost;
    case SweepFigure::capital_lost: return capital_lost;
    case SweepFigure::capital_end: return capital_end;
    case SweepFigure::total_paid: return total_paid;
    }
    return Decimal(0);
}

SweepPoints sweep_points(const SweepSpec& spec) {
    SweepPoints out;
    const std::string name(to_string(spec.vary));
    if (spec.step.sign() <= 0) {
        out.error = "--step must be more than 0, not " + spec.step.to_exact();
        return out;
    }
    if (spec.from > spec.to) {
        out.error = "--from (" + spec.from.to_exact() + ") is beyond --to (" + spec.to.to_exact() + ")";
        return out;
    }
    if (spec.from.is_negative()) {
        out.error = name + " cannot be negative: --from is " + spec.from.to_exact();
        return out;
    }
    if (spec.vary == SweepInput::weeks &&
        (!spec.from.is_integer() || !spec.step.is_integer() || spec.from < Decimal(1) || spec.to > Decimal(5200))) {
        out.error = "weeks are whole numbers from 1 to 5,200: check --from, --to and --step";
        return out;
    }
    // How many values: every from + k x step up to `to`, counted exactly before any is made.
    Decimal count = ((spec.to - spec.from) / spec.step).floor() + Decimal(1);
    if (count > Decimal(static_cast<std::int64_t>(max_sweep_points))) {
        out.error = "from " + spec.from.to_exact() + " to " + spec.to.to_exact() + " in steps of " + spec.step.to_exact() +
                    " is " + count.to_exact() + " cases; at most " + std::to_string(max_sweep_points) +
                    " are allowed: use a larger --step";
        return out;
    }
    for (Decimal v = spec.from; v <= spec.to; v += spec.step) out.values.push_back(v);
    return out;
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
