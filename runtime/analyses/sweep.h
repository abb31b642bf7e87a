// sweep.h: a family of projections (runtime/evaluation/projection.h) that differ in one
// starting figure, run under one or more rule sets: the data behind a chart such
// as the guidance's Figure 2 (share of assets depleted by initial wealth).
#pragma once

#include "runtime/evaluation/projection.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// The starting figure that varies from case to case.
enum class SweepInput { capital, income, fees, weeks };
// A figure of each projection's outcome.
enum class SweepFigure { share_lost, capital_lost, capital_end, total_paid };

std::optional<SweepInput> sweep_input_named(std::string_view name);
std::optional<SweepFigure> sweep_figure_named(std::string_view name);
std::string_view to_string(SweepInput i);
std::string_view to_string(SweepFigure f);
// As a chart titles them: "Initial chargeable capital", "Share of initial assets depleted".
std::string input_title(SweepInput i);
std::string figure_title(SweepFigure f);

// More cases than this is almost certainly a mistaken --step.
inline constexpr std::size_t max_sweep_points = 2000;

struct SweepSpec {
    SweepInput vary = SweepInput::capital;
    Decimal from, to, step;      // from, from + step, ... while not beyond `to`
    ProjectionStart base;        // every other starting figure; income is base.income[0]
    std::string projection;      // which projection, if the rules declare several
    unsigned threads = 1;        // cases evaluated at once (results never depend on it)
};

// The values the sweep takes, or why it cannot run ("step must be more than 0"...).
struct SweepPoints {
    std::vector<Decimal> values;
    std::string error;
};
SweepPoints sweep_points(const SweepSpec& spec);
// from, from + step, ... while not beyond `to`: the values of any sweep, an input or a rule parameter.
SweepPoints stepped_values(const Decimal& from, const Decimal& to, const Decimal& step);

// The outcome of one case.
struct SweepCase {
    Decimal share_lost, capital_lost, capital_end, total_paid;
    std::optional<Date> reached_on; // the primary meter's ceiling, if the rules declare one and it is reached
    Decimal figure(SweepFigure f) const;
};

struct SweepResult {
    std::vector<Decimal> values;                 // of the varied input
    std::vector<std::vector<SweepCase>> cases;   // [rule set][point], in the order given
    std::vector<std::string> errors;             // the first failing case of each rule set, rendered
};

// Runs every case under every rule set. Rule sets are immutable, so cases run on
// several threads at once; each result goes to its own slot, so the output is the
// same whatever the number of threads.
SweepResult run_sweep(const std::vector<const RuleSet*>& rules, const SweepSpec& spec);

} // namespace carecap
