// population.h: many starting positions spent down under one or more rule sets, each person by the one
// projection of runtime/evaluation/projection.h (so each person's figures are those `carecap project` gives),
// and the population's figures: the share of assets lost by wealth band (the guidance's Figure 2 over a
// population), people reaching the cap by year, and what people and authorities spend by year.
#pragma once

#include "runtime/evaluation/projection.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

// One person's projection, boiled down to what the population's figures need.
struct PersonOutcome {
    Decimal wealth;                        // capital and property at the start
    Decimal capital_lost, paid, paid_by_authority;
    std::vector<Decimal> paid_by_year, authority_by_year;  // year 1 is weeks 1 to 52
    std::optional<Date> reached_on;        // the primary meter's ceiling, when reached
    std::optional<std::int64_t> reached_in_year;
    // The share of the starting wealth lost: capital lost / wealth (0 with no wealth).
    Decimal share_lost() const { return wealth.is_zero() ? Decimal(0) : capital_lost / wealth; }
};

struct PopulationRun {
    std::vector<std::vector<PersonOutcome>> outcomes;  // [rule set][person], in the order given
    std::vector<std::string> errors;                   // the first failing person of each rule set, rendered
};

// The years a projection of `weeks` spans: 52 weeks each, the last perhaps shorter.
std::int64_t years_spanned(std::int64_t weeks);

// One person's outcome from their projection. What an authority pays in a week is what the care costs less
// what the person pays (never below nothing): the fees are taken to be the authority's rate.
PersonOutcome person_outcome(const ProjectionResult& result);

// Projects every person under every rule set, `threads` at a time, in one process. Each outcome goes to its
// own slot, so the run is the same whatever the number of threads. `done`, when given, counts the
// projections finished (for a progress bar).
PopulationRun run_population(const std::vector<const RuleSet*>& rules, const std::vector<ProjectionStart>& people,
                             const std::string& projection, unsigned threads, std::atomic<std::size_t>* done = nullptr);

// The people whose starting wealth is at least `low` and below `high`.
struct WealthBand {
    Decimal low, high;
    std::size_t people = 0;
    Decimal wealth, capital_lost;
    Decimal mean_share_lost;  // the mean of each person's share lost (0 with nobody)
};

struct PopulationYear {
    std::int64_t year = 0;
    std::size_t reached = 0, reached_so_far = 0;  // people whose cap was reached in the year, and by its end
    Decimal paid, paid_by_authority;
};

struct PopulationSummary {
    std::size_t people = 0, reached = 0;
    Decimal wealth, capital_lost, paid, paid_by_authority;
    std::vector<WealthBand> bands;  // from £0 in steps of the band width, up to the band of the wealthiest
    std::vector<PopulationYear> years;
};

PopulationSummary summarise(const std::vector<PersonOutcome>& people, const Decimal& band_width, std::int64_t weeks);

} // namespace carecap
