// population_reader.h: starting positions for a population projection (runtime/analyses/population.h), read
// from CSV (one row per person, documented columns) or JSON lines (one object per person). docs/population.md.
#pragma once

#include "runtime/evaluation/projection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap {

// One person as the file gives them. The first day in care and the weeks are the run's, the same for all.
struct PopulationPerson {
    std::string id;
    std::size_t line = 0;                 // where the person was read (1-based), for messages
    std::optional<std::int64_t> age;      // on the first day in care; or ...
    std::optional<Date> date_of_birth;    // ... a date of birth; or neither
    Decimal capital, property, weekly_fees;
    std::vector<IncomeItem> income;       // weekly, by kind
    std::string setting = "residential";
    std::string authority = "projection";
};

struct PopulationFile {
    std::vector<PopulationPerson> people;
    // Each bad row as "SOURCE:LINE: column NAME: what is wrong"; or one message for a file of the wrong kind.
    std::vector<std::string> errors;
};

// Reads starting positions: JSON lines when the first character that is not white space is `{`, CSV
// otherwise. At most `max_errors` errors are collected before reading stops.
PopulationFile read_population(std::string_view text, std::string_view source, std::size_t max_errors = 20);

// The starting position of a person whose care starts on `start` and is projected for `weeks`; nothing, with
// `error` set, when an age or a date of birth does not fit that day.
std::optional<ProjectionStart> starting_position(const PopulationPerson& person, Date start, std::int64_t weeks,
                                                 std::string& error);

} // namespace carecap
