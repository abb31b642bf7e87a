// population_input.h: what `carecap population` and `carecap sweep --vary-parameter` share: reading a file of
// starting positions into projections (runtime/analyses/population_reader.h) and a progress bar.
#pragma once

#include "runtime/analyses/population_reader.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace carecap::cli {

struct PopulationInput {
    std::vector<PopulationPerson> people;
    std::vector<ProjectionStart> starts;  // by person: care from `start` for `weeks`
};

// Reads the file at `path` ("-": standard input); nothing when it cannot be read or a row is bad (every problem
// printed, each bad row with its line and column).
std::optional<PopulationInput> read_population_file(const std::string& path, Date start, std::int64_t weeks);

// "carecap population: 4,200 of 20,000 projections" on standard error while work goes on, only when standard
// error is a terminal; the line is cleared when the bar is destroyed.
class ProgressBar {
public:
    ProgressBar(std::string what, std::size_t total);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    std::atomic<std::size_t>& counter() { return done_; }

private:
    void draw() const;
    std::string what_;
    std::size_t total_;
    std::atomic<std::size_t> done_{0};
    std::atomic<bool> stop_{false};
    std::thread painter_;
};

} // namespace carecap::cli
