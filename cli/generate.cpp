// generate.cpp: `carecap generate`, a seeded synthetic caseload of care histories as JSON lines
// (runtime/history/generate.h), for `carecap batch` and its measurements.
#include "cli/command.h"
#include "runtime/history/generate.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>

namespace carecap::cli {
namespace {

// The largest caseload one run writes (about 100 GB) and the largest first index: together they
// keep first + count far from wrapping round.
constexpr std::uint64_t kMaxGenerated = 100'000'000;
constexpr std::uint64_t kMaxFirst = 1'000'000'000'000;

// A validator for a whole number from `min` to `max`, written in plain digits. CLI11 reads an
// unsigned option with strtoull, which takes "-5" for 2^64 - 5; a sign is refused here first.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
            std::uint64_t n = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < min || n > max)
                return "must be " + range + ", not \"" + text + "\"";
            return {};
        },
        "UINT");
}

struct GenerateOptions {
    std::uint64_t seed = 1, count = 0, first = 0;
    std::string out;
};

int run_generate(const GenerateOptions& o) {
    if (o.out.empty()) {
        generate_caseload(o.seed, o.first, o.count, std::cout);
        return exit_ok; // main checks that standard output could be written
    }
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    if (!file) {
        std::cerr << o.out << ": error: cannot write the caseload: " << std::strerror(errno) << "\n";
        return exit_failed;
    }
    generate_caseload(o.seed, o.first, o.count, file);
    file.flush();
    if (!file) {
        std::cerr << o.out << ": error: the caseload could not be written\n";
        return exit_failed;
    }
    return exit_ok;
}

CommandRun setup_generate(CLI::App& app) {
    auto o = std::make_shared<GenerateOptions>();
    auto* generate = app.add_subcommand("generate", "write a seeded synthetic caseload of care histories as JSON lines");
    generate->add_option("--seed", o->seed, "the seed: the same seed gives the same caseload (default 1)")
        ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
    generate->add_option("--count", o->count, "how many histories (1 to 100,000,000)")
        ->required()->check(whole_number(1, kMaxGenerated));
    generate->add_option("--first", o->first,
                         "the index of the first history (default 0, at most 1,000,000,000,000), to generate in shards")
        ->check(whole_number(0, kMaxFirst));
    generate->add_option("--out", o->out, "write the caseload here instead of standard output");
    return [o](const CommandContext&) { return run_generate(*o); };
}

const CommandRegistration generate_registration{15, "generate", setup_generate};

} // namespace
} // namespace carecap::cli
