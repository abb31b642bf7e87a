// rules_bench.cpp: the time to load and check each rule file under rules/ (parse, resolve the
// files it amends, type- and unit-check), the work `carecap check` and every command start with.
// A benchmark, not a test: it prints figures and never fails on a slow machine.
#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

using namespace carecap;

namespace {

// The thread's processor time, not the wall clock: on a shared machine the wall clock also
// counts the time other processes had the processor.
long long cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<long long>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}
} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path root = argc > 1 ? argv[1] : std::string(CARECAP_SOURCE_DIR) + "/rules";
    std::vector<std::filesystem::path> files;
    for (auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.is_regular_file() && entry.path().extension() == ".rules") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    constexpr int runs = 20;
    long long total_us = 0;
    for (const auto& file : files) {
        long long best = -1;
        for (int i = 0; i < runs; ++i) {
            const long long start = cpu_ns();
            LoadResult loaded = load_rules_for_histories(file.string());
            auto ns = cpu_ns() - start;
            if (!loaded.rules) {
                std::cerr << render(loaded.diagnostics);
                return 1;
            }
            if (best < 0 || ns < best) best = ns;
        }
        total_us += best / 1000;
        std::cout << "  " << std::filesystem::relative(file, root).string() << ": " << best / 1000 << " us\n";
    }
    std::cout << files.size() << " rule files loaded and checked (best of " << runs << " each): " << total_us
              << " us in all\n";
    return 0;
}
