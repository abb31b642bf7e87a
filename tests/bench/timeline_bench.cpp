// timeline_bench.cpp: evaluation cost grows with the number of changes in a history, not with
// its length. Evaluates histories with the same 40 care periods, each period 1, 10 or 100 weeks
// long, under the minimal rules and under England's reform, and prints the cost against length.
// Statements (every 6 months, 004 3.7) do grow with length, so the reform is timed with and
// without them. A benchmark, not a test: it prints figures and never fails on a slow machine.
#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <ctime>
#include <iostream>
#include <string>

using namespace carecap;

namespace {

// The thread's processor time, not the wall clock: on a shared machine the wall clock also
// counts the time other processes had the processor.
long long cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<long long>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// 40 alternating residential and home periods of `weeks` weeks each, starting 2023-10-02, with
// costs low enough that no cap is ever reached. Under the reform (independent budgets, £200 a
// week of daily living costs deducted in a care home) 100-week periods meter
// 20 x 100 weeks x (£205 - £200) + 20 x 100 weeks x £10 = £30,000 < £86,000.
std::string history_json(int weeks) {
    std::string periods;
    Date start = *Date::parse("2023-10-02");
    for (int i = 0; i < 40; ++i) {
        Date end = start.plus_days(7 * weeks - 1);
        periods += std::string(i ? "," : "") + R"({"id": "p)" + std::to_string(i) + R"(", "start": ")" +
                   start.to_string() + R"(", "end": ")" + end.to_string() + R"(", "setting": ")" +
                   (i % 2 ? "home" : "residential") + R"(", "budget": "independent", "weekly_cost": ")" +
                   (i % 2 ? "10.00" : "205.00") + R"("})";
        start = end.plus_days(1);
    }
    return R"({"carecap_history": 1, "person": {"id": "bench", "date_of_birth": "1950-01-01"}, "authority": "A",)"
           R"( "assessment_requested": "2023-09-01", "financial_assessments": [{"date": "2023-10-02",)"
           R"( "capital": "500000.00", "income": [{"kind": "state_pension", "weekly": "200.00"}]}],)"
           R"( "care_periods": [)" +
           periods + "]}";
}

// Nanoseconds per evaluation, the best of several rounds to damp noise.
long long time_evaluation(const RuleSet& rules, const History& history, const EvalOptions& options,
                          std::size_t& stretches) {
    long long best = -1;
    for (int round = 0; round < 5; ++round) {
        const long long start = cpu_ns();
        constexpr int runs = 20;
        for (int i = 0; i < runs; ++i) {
            Evaluation e = evaluate_history(rules, history, options);
            if (!e.account) {
                std::cerr << "evaluation failed: " << e.errors.front().render();
                std::exit(1);
            }
            stretches = e.account->stretches.size();
        }
        auto ns = (cpu_ns() - start) / runs;
        if (best < 0 || ns < best) best = ns;
    }
    return best;
}

std::string hundredths_text(long long hundredths) {
    std::string fraction = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + (fraction.size() < 2 ? "0" : "") + fraction;
}

void measure(const std::string& title, const RuleSet& rules, const EvalOptions& options) {
    std::cout << title << "\n";
    long long base_ns = 0;
    std::size_t warm_stretches = 0;
    time_evaluation(rules, *load_history(history_json(1), "warm").history, options, warm_stretches); // warm up
    for (int weeks : {1, 10, 100}) {
        HistoryLoad h = load_history(history_json(weeks), "bench");
        if (!h.history) {
            std::cerr << "bench history does not load: " << h.errors.front().message << "\n";
            std::exit(1);
        }
        std::size_t stretches = 0;
        long long ns = time_evaluation(rules, *h.history, options, stretches);
        if (weeks == 1) base_ns = ns;
        std::cout << "  40 periods of " << weeks << (weeks == 1 ? " week  " : weeks == 10 ? " weeks " : " weeks")
                  << " (" << 40 * weeks << " weeks): " << stretches << " stretches, " << ns / 1000
                  << " us per evaluation, cost x"
                  << hundredths_text(base_ns > 0 ? (100 * ns + base_ns / 2) / base_ns : 0)
                  << " for length x" << weeks << "\n";
    }
}

} // namespace

int main() {
    for (const char* file : {"/rules/minimal/cap.rules", "/rules/england/reform.rules"}) {
        std::string path = std::string(CARECAP_SOURCE_DIR) + file;
        LoadResult loaded = load_rules_for_histories(path);
        if (!loaded.rules) {
            std::cerr << render(loaded.diagnostics);
            return 1;
        }
        EvalOptions meters_only;
        meters_only.statements = false;
        measure(std::string(file + 1) + ", meters only:", *loaded.rules, meters_only);
        if (loaded.rules->statements) measure(std::string(file + 1) + ", meters and statements:", *loaded.rules, {});
    }
    return 0;
}
