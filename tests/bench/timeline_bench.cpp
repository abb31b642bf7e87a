// timeline_bench.cpp: evaluation cost grows with the number of changes in a
// history, not with its length. Evaluates two histories with the same 40 care
// periods, one ten times longer than the other, and prints the cost ratio.
// A benchmark, not a test: it prints figures and never fails on a slow machine.
#include "carecap/carecap.hpp"

#include <chrono>
#include <iostream>
#include <string>

using namespace carecap;

namespace {

// 40 alternating residential and home periods of `weeks` weeks each, starting
// 2023-10-01, with costs low enough that the cap is never reached
// (long: 20 x 100 weeks x £5 + 20 x 100 weeks x £10 = £30,000 < £86,000).
std::string history_json(int weeks) {
    std::string periods;
    Date start = *Date::parse("2023-10-01");
    for (int i = 0; i < 40; ++i) {
        Date end = start.plus_days(7 * weeks - 1);
        periods += std::string(i ? "," : "") + R"({"id": "p)" + std::to_string(i) + R"(", "start": ")" +
                   start.to_string() + R"(", "end": ")" + end.to_string() + R"(", "setting": ")" +
                   (i % 2 ? "home" : "residential") + R"(", "budget": "independent", "weekly_cost": ")" +
                   (i % 2 ? "10.00" : "205.00") + R"("})";
        start = end.plus_days(1);
    }
    return R"({"carecap_history": 1, "person": {"id": "bench"}, "authority": "A", "care_periods": [)" + periods + "]}";
}

// Nanoseconds per evaluation, the best of several rounds to damp noise.
long long time_evaluation(const RuleSet& rules, const History& history, std::size_t& stretches) {
    long long best = -1;
    for (int round = 0; round < 5; ++round) {
        auto start = std::chrono::steady_clock::now();
        constexpr int runs = 200;
        for (int i = 0; i < runs; ++i) {
            Evaluation e = evaluate_history(rules, history);
            if (!e.account) {
                std::cerr << "evaluation failed: " << e.errors.front().render();
                std::exit(1);
            }
            stretches = e.account->stretches.size();
        }
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count() / runs;
        if (best < 0 || ns < best) best = ns;
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    std::string rules_path = argc > 1 ? argv[1] : std::string(CARECAP_SOURCE_DIR) + "/rules/minimal/cap.rules";
    LoadResult loaded = load_rules(rules_path);
    if (!loaded.rules) {
        std::cerr << render(loaded.diagnostics);
        return 1;
    }
    HistoryLoad short_history = load_history(history_json(10), "short");
    HistoryLoad long_history = load_history(history_json(100), "long");
    std::size_t short_stretches = 0, long_stretches = 0;
    time_evaluation(*loaded.rules, *short_history.history, short_stretches); // warm the caches first
    long long short_ns = time_evaluation(*loaded.rules, *short_history.history, short_stretches);
    long long long_ns = time_evaluation(*loaded.rules, *long_history.history, long_stretches);
    long long ratio_hundredths = short_ns > 0 ? (100 * long_ns + short_ns / 2) / short_ns : 0;
    std::cout << "rules: " << rules_path << "\n"
              << "short history: 40 periods of 10 weeks (" << 40 * 10 << " weeks), " << short_stretches
              << " stretches, " << short_ns / 1000 << " us per evaluation\n"
              << "long history:  40 periods of 100 weeks (" << 40 * 100 << " weeks), " << long_stretches
              << " stretches, " << long_ns / 1000 << " us per evaluation\n"
              << "length ratio 10.00, cost ratio (long / short) " << ratio_hundredths / 100 << "."
              << (ratio_hundredths % 100 < 10 ? "0" : "") << ratio_hundredths % 100 << "\n";
    return 0;
}
