// population_input.cpp: starting positions from a file, and the progress bar (population_input.h).
#include "cli/population_input.h"

#include "cli/command.h"
#include "lang/resolve.h"

#include <chrono>
#include <iostream>
#include <unistd.h>

namespace carecap::cli {

std::optional<PopulationInput> read_population_file(const std::string& path, Date start, std::int64_t weeks) {
    std::string why;
    std::optional<std::string> text;
    if (path == "-") text = std::string(std::istreambuf_iterator<char>(std::cin), {});
    else text = read_text_file(path, std::size_t{1} << 31, why, "population file size");
    if (!text) {
        std::cerr << path << ": error: cannot read the starting positions: " << why << "\n";
        return std::nullopt;
    }
    PopulationFile file = read_population(*text, path);
    for (const std::string& e : file.errors) std::cerr << e << "\n";
    if (!file.errors.empty()) return std::nullopt;
    PopulationInput input;
    bool ok = true;
    for (const PopulationPerson& p : file.people) {
        std::string error;
        auto s = starting_position(p, start, weeks, error);
        if (!s) {
            std::cerr << path << ":" << p.line << ": " << error << "\n";
            ok = false;
            continue;
        }
        input.starts.push_back(std::move(*s));
    }
    if (!ok) return std::nullopt;
    input.people = std::move(file.people);
    return input;
}

ProgressBar::ProgressBar(std::string what, std::size_t total) : what_(std::move(what)), total_(total) {
    if (!isatty(STDERR_FILENO)) return;
    painter_ = std::thread([this] {
        while (!stop_) {
            draw();
            for (int i = 0; i < 5 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(40));
        }
    });
}

ProgressBar::~ProgressBar() {
    stop_ = true;
    if (!painter_.joinable()) return;
    painter_.join();
    std::cerr << "\r" << std::string(79, ' ') << "\r" << std::flush;
}

void ProgressBar::draw() const {
    const std::size_t done = done_;
    const std::size_t filled = total_ ? done * 30 / total_ : 30;
    std::cerr << "\r" << what_ << " [" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << done
              << " of " << total_ << std::flush;
}

} // namespace carecap::cli
