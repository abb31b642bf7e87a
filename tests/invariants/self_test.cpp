// self_test.cpp: each invariant can fail. Two histories of examples/england/ are evaluated under the
// reform's rules, each invariant is shown to hold on them, then the account (or its result) is broken
// on purpose in the way that invariant is there to catch, and the invariant must report it.
#include "tests/invariants/self_test.h"

#include "tests/invariants/checks.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace carecap::invariants {

namespace {

struct Breakage {
    const char* invariant;
    const char* history;   // under examples/england/
    const char* what;
    // Breaks the evaluation; false if the history has nothing to break in this way.
    bool (*apply)(Evaluated&);
};

// The first stretch in force whose cap meter (the first meter) satisfies `pick`.
template <typename Pick>
MeterStretch* find(Evaluated& e, Pick pick, std::size_t meter = 0) {
    for (Stretch& s : e.account->stretches)
        if (s.rules_in_force && pick(s, s.meters[0])) return &s.meters[meter];
    return nullptr;
}

const Breakage breakages[] = {
    {"cap_never_exceeded", "reaching-the-cap.json", "a penny more accrued on the day the cap is reached",
     [](Evaluated& e) {
         MeterStretch* ms = find(e, [](const Stretch&, const MeterStretch& m) { return m.reached_on.has_value(); });
         if (ms) ms->accrued += Decimal::ratio(1, 100);
         return ms != nullptr;
     }},
    {"total_falls_only_by_adjustment_or_kept_percentage", "reaching-the-cap.json", "a stretch starting £1 below where the one before ended",
     [](Evaluated& e) {
         MeterStretch* ms = find(e, [](const Stretch&, const MeterStretch& m) { return m.total_start.sign() > 0; });
         if (ms) ms->total_start -= Decimal(1);
         return ms != nullptr;
     }},
    {"rate_within_what_the_history_records", "reaching-the-cap.json", "a rate £1 a week above the weekly cost",
     [](Evaluated& e) {
         Stretch* found = nullptr;
         for (Stretch& s : e.account->stretches)
             if (s.rules_in_force && s.care && s.meters[0].metering && !found) found = &s;
         if (!found) return false;
         MeterStretch& ms = found->meters[0];
         ms.rate = found->care->weekly_cost + Decimal(1);
         ms.daily = ms.rate / Decimal(7);
         return true;
     }},
    {"nothing_meters_once_the_cap_is_reached", "reaching-the-cap.json", "a penny counted after the cap was reached",
     [](Evaluated& e) {
         MeterStretch* ms = find(e, [](const Stretch&, const MeterStretch& m) { return m.total_start >= m.ceiling; });
         if (ms) ms->accrued = Decimal::ratio(1, 100);
         return ms != nullptr;
     }},
    {"nothing_meters_once_the_cap_is_reached", "reaching-the-cap.json", "the authority's spend recorded before the cap was reached",
     [](Evaluated& e) {
         MeterStretch* ms = find(e, [](const Stretch&, const MeterStretch& m) { return m.metering && m.total_start < m.ceiling; }, 1);
         if (ms) ms->accrued = Decimal(1);
         return ms != nullptr;
     }},
    {"nothing_meters_before_metering_starts", "before-october-2023.json", "£1 counted on a stretch before the reform",
     [](Evaluated& e) {
         for (Stretch& s : e.account->stretches)
             if (!s.rules_in_force && s.care && !s.meters.empty()) {
                 s.meters[0].accrued = Decimal(1);
                 return true;
             }
         return false;
     }},
    {"ceilings_as_declared", "reaching-the-cap.json", "a ceiling reported for the meter that has none",
     [](Evaluated& e) {
         MeterStretch* ms = find(e, [](const Stretch&, const MeterStretch&) { return true; }, 1);
         if (ms) ms->has_ceiling = true;
         return ms != nullptr;
     }},
    {"independent_of_document_order", "reaching-the-cap.json", "a result that differs from what the history gives",
     [](Evaluated& e) {
         const std::size_t at = e.result.find("\"86000.00\"");
         if (at != std::string::npos) e.result.replace(at, 10, "\"86000.01\"");
         return at != std::string::npos;
     }},
    {"same_result_twice", "reaching-the-cap.json", "a result that differs from what the history gives",
     [](Evaluated& e) {
         const std::size_t at = e.result.find("\"86000.00\"");
         if (at != std::string::npos) e.result.replace(at, 10, "\"86000.01\"");
         return at != std::string::npos;
     }},
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

int self_test(const std::string& root) {
    const Profile& reform = profiles().front();
    LoadResult loaded = load_rules_for_histories(root + "/" + reform.file);
    if (!loaded.rules) {
        std::cerr << render(loaded.diagnostics);
        return 1;
    }
    int failed = 0;
    for (const Breakage& b : breakages) {
        const Invariant* invariant = nullptr;
        for (const Invariant& i : invariants())
            if (std::string(i.name) == b.invariant) invariant = &i;
        const std::string json = read(root + "/examples/england/" + b.history);
        Evaluated e = evaluate(*loaded.rules, json);
        std::string verdict;
        if (!invariant || !e.account) {
            verdict = "cannot run: " + std::string(invariant ? "the history cannot be evaluated" : "no such invariant");
        } else if (auto before = invariant->check(Case{reform, *loaded.rules, json, e, 1})) {
            verdict = "fails before anything is broken: " + *before;
        } else if (!b.apply(e)) {
            verdict = "the history has nothing to break";
        } else if (auto after = invariant->check(Case{reform, *loaded.rules, json, e, 1})) {
            std::cout << "pass " << b.invariant << " catches " << b.what << ": " << after->substr(0, after->find('\n')) << "\n";
            continue;
        } else {
            verdict = "did not notice";
        }
        ++failed;
        std::cout << "FAIL " << b.invariant << " (" << b.what << ", " << b.history << "): " << verdict << "\n";
    }
    const std::size_t total = sizeof breakages / sizeof breakages[0];
    std::cout << "carecap_invariants --self-test: " << total - failed << " of " << total << " breakages caught\n";
    return failed ? 1 : 0;
}

} // namespace carecap::invariants
