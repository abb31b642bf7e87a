// reform_bench.cpp: the interpreter against a hand-written implementation of reform.rules'
// metering (reform_by_hand.cpp), on the seeded caseload of `carecap generate`.
//
//   carecap_reform_bench check N      every history of seed 1, 0..N-1: both agree exactly, or exit 1
//   carecap_reform_bench time N [R]   the same histories, loaded once, each evaluated R times by
//                                     both; prints the time of each and their ratio
//   carecap_reform_bench profile N R  only the interpreter, meters only, R passes: for a profiler
//   carecap_reform_bench weeks FILE   the person-weeks of a caseload file (for batch_bench.sh)
//
// `check` is a ctest test; `time` is a benchmark: it prints, and never fails on a slow machine.
// Times are the thread's CPU time, not the wall clock: on a machine shared with other work the
// wall clock counts the time other processes had the processor.
#include "reform_by_hand.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/engine.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/generate.h"
#include "runtime/history/history.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace carecap;

namespace {

std::int64_t cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

std::string rules_path() { return std::string(CARECAP_SOURCE_DIR) + "/rules/england/reform.rules"; }

std::vector<History> caseload(std::uint64_t count) {
    std::vector<History> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        HistoryLoad h = load_history(generate_history(1, i), "S1-" + std::to_string(i));
        if (!h.history) throw std::runtime_error("generated history " + std::to_string(i) + " does not load: " +
                                                 h.errors.front().path + ": " + h.errors.front().message);
        out.push_back(std::move(*h.history));
    }
    return out;
}

// Only the meters: statements are left out, as the hand-written version has none.
EvalOptions meters_only() {
    EvalOptions o;
    o.statements = false;
    return o;
}

std::string show(const std::optional<Date>& d) { return d ? d->to_string() : "never"; }

// Days from the first day of care to the horizon: what a history covers.
std::int64_t days_covered(const History& h) {
    auto horizon = h.horizon();
    if (h.care_periods.empty() || !horizon) return 0;
    return *horizon - h.care_periods.front().start + 1;
}

int check(std::uint64_t count, const RuleSet& rules) {
    std::vector<History> histories = caseload(count);
    std::uint64_t mismatches = 0, reached = 0, resumed_or_adjusted = 0;
    for (std::size_t i = 0; i < histories.size(); ++i) {
        const History& h = histories[i];
        Evaluation e = evaluate_history(rules, h, meters_only());
        if (!e.account) {
            std::cerr << h.person_id << ": the interpreter failed: " << e.errors.front().render();
            ++mismatches;
            continue;
        }
        bench::ReformMeters by_hand = bench::meter_reform_by_hand(h);
        const MeterTotal& care = e.account->meters.at(0);
        const MeterTotal& spend = e.account->meters.at(1);
        if (care.meter->name != "care_account" || spend.meter->name != "authority_spend_after_cap") {
            std::cerr << "reform.rules no longer declares care_account then authority_spend_after_cap\n";
            return 1;
        }
        if (care.total != by_hand.care_account || care.reached_on != by_hand.reached_on ||
            spend.total != by_hand.authority_spend) {
            std::cerr << h.person_id << ": interpreter care_account " << care.total.to_exact() << " reached "
                      << show(care.reached_on) << ", authority_spend " << spend.total.to_exact()
                      << "; by hand " << by_hand.care_account.to_exact() << " reached " << show(by_hand.reached_on)
                      << ", authority_spend " << by_hand.authority_spend.to_exact() << "\n";
            ++mismatches;
        }
        if (care.reached_on) ++reached;
        if (!h.adjustments.empty()) ++resumed_or_adjusted;
    }
    std::cout << count << " histories of seed 1: " << count - mismatches << " agree, " << mismatches
              << " differ; " << reached << " reached the cap, " << resumed_or_adjusted << " have an adjustment\n";
    // A caseload where nobody reaches the cap, or nobody is adjusted, would not test those paths.
    if (mismatches == 0 && (reached == 0 || resumed_or_adjusted == 0)) {
        std::cerr << "the caseload does not exercise reaching the cap and adjustments: use more histories\n";
        return 1;
    }
    return mismatches == 0 ? 0 : 1;
}

// Best of `rounds` passes over the caseload, in nanoseconds per history.
template <typename Fn>
std::int64_t best_ns(const std::vector<History>& histories, int rounds, Fn fn) {
    std::int64_t best = -1;
    for (int r = 0; r < rounds; ++r) {
        const std::int64_t start = cpu_ns();
        for (const History& h : histories) fn(h);
        const std::int64_t ns = cpu_ns() - start;
        if (best < 0 || ns < best) best = ns;
    }
    return best / static_cast<std::int64_t>(histories.size());
}

std::string ratio_text(std::int64_t a, std::int64_t b) {
    std::int64_t hundredths = b > 0 ? (100 * a + b / 2) / b : 0;
    std::string frac = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + (frac.size() < 2 ? "0" : "") + frac;
}

int time(std::uint64_t count, int rounds, const RuleSet& rules) {
    std::vector<History> histories = caseload(count);
    std::int64_t days = 0;
    for (const History& h : histories) days += days_covered(h);
    Decimal sink; // keeps the optimiser from dropping the hand-written work
    auto by_hand = [&](const History& h) { sink += bench::meter_reform_by_hand(h).care_account; };
    auto interpreted = [&](const History& h) {
        Evaluation e = evaluate_history(rules, h, meters_only());
        if (!e.account) throw std::runtime_error(h.person_id + ": " + e.errors.front().render());
        sink += e.account->meters[0].total;
    };
    auto with_statements = [&](const History& h) {
        Evaluation e = evaluate_history(rules, h);
        if (!e.account) throw std::runtime_error(h.person_id + ": " + e.errors.front().render());
        sink += e.account->meters[0].total;
    };
    if (rounds < 0) { // profile: the interpreter alone
        best_ns(histories, -rounds, interpreted);
        std::cout << "(checksum " << sink.to_money(Rounding::half_up) << ")\n";
        return 0;
    }
    best_ns(histories, 1, interpreted); // warm the caches
    std::int64_t hand_ns = best_ns(histories, rounds, by_hand);
    std::int64_t interp_ns = best_ns(histories, rounds, interpreted);
    std::int64_t full_ns = best_ns(histories, rounds, with_statements);
    std::cout << count << " histories of seed 1 (" << days / 7 << " person-weeks), best of " << rounds
              << " passes, per history:\n"
              << "  hand-written metering:              " << hand_ns / 1000 << "." << hand_ns / 100 % 10 << " us\n"
              << "  interpreter, meters only:           " << interp_ns / 1000 << "." << interp_ns / 100 % 10 << " us\n"
              << "  interpreter, meters and statements: " << full_ns / 1000 << "." << full_ns / 100 % 10 << " us\n"
              << "ratio interpreter / hand-written (meters only): " << ratio_text(interp_ns, hand_ns) << "\n"
              << "(checksum " << sink.to_money(Rounding::half_up) << ")\n";
    return 0;
}

int weeks(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        return 1;
    }
    std::int64_t days = 0, histories = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        HistoryLoad h = load_history(line, path);
        if (!h.history) continue;
        days += days_covered(*h.history);
        ++histories;
    }
    std::cout << histories << " " << days / 7 << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "weeks") return weeks(args[1]);
    if (args.size() < 2 || (args[0] != "check" && args[0] != "time" && args[0] != "profile")) {
        std::cerr << "usage: carecap_reform_bench check N | time N [ROUNDS] | profile N ROUNDS | weeks FILE\n";
        return 2;
    }
    std::uint64_t count = std::stoull(args[1]);
    LoadResult loaded = load_rules_for_histories(rules_path());
    if (!loaded.rules) {
        std::cerr << render(loaded.diagnostics);
        return 1;
    }
    try {
        if (args[0] == "check") return check(count, *loaded.rules);
        int rounds = args.size() > 2 ? std::stoi(args[2]) : 3;
        if (rounds < 1) throw std::runtime_error("ROUNDS must be at least 1");
        return time(count, args[0] == "profile" ? -rounds : rounds, *loaded.rules);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}
