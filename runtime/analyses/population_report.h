// population_report.h: a population run's figures written out (runtime/analyses/population.h): a summary for
// the terminal, CSV tables (wealth bands, years, people) and the Figure 2 chart over wealth bands.
#pragma once

#include "runtime/analyses/population.h"
#include "runtime/analyses/population_reader.h"

#include <string>
#include <vector>

namespace carecap {

// The run as the reports need it: each rule set's label and summary beside the people's outcomes.
struct PopulationReport {
    std::vector<std::string> labels;           // a rule set each: "england.reform version \"1\" (file)"
    std::vector<std::string> names;            // the rule set's name, for CSV columns
    std::vector<std::string> files;            // the rule file as given
    std::vector<const RuleSet*> rules;
    std::vector<PopulationSummary> summaries;  // by rule set
    const std::vector<PopulationPerson>* people = nullptr;
    const PopulationRun* run = nullptr;
    Date start;
    std::int64_t weeks = 260;
};

// For the terminal: the totals, the share lost by wealth band and the years, each rule set side by side.
std::string population_text(const PopulationReport& report);
// rules,name,band_from,band_to,people,mean_share_lost_percent,wealth,capital_lost
std::string bands_csv(const PopulationReport& report);
// rules,name,year,reached_cap,reached_cap_so_far,paid_by_people,paid_by_authorities
std::string years_csv(const PopulationReport& report);
// rules,name,id,wealth,capital_lost,share_lost_percent,paid,paid_by_authority,cap_reached_on: a row per person
std::string people_csv(const PopulationReport& report);
// The mean share of assets lost by wealth band, a line per rule set (the guidance's Figure 2).
std::string bands_svg(const PopulationReport& report);

} // namespace carecap
