// caseload_totals.cpp: a caseload's totals under each rule set (caseload_totals.h).
#include "runtime/analyses/caseload_totals.h"

#include "runtime/evaluation/engine.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace carecap {

CaseloadRun run_caseload(const std::vector<const RuleSet*>& rules, const std::vector<History>& histories,
                         unsigned threads) {
    const std::size_t n = histories.size(), total = rules.size() * n;
    // Each history's primary meter in its own slot, so the sums are made in order after the threads are done.
    std::vector<std::optional<MeterTotal>> meters(total);
    std::vector<std::string> errors(total);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        EvalOptions options;
        options.statements = false;
        for (std::size_t i = next++; i < total; i = next++) {
            try {
                Evaluation e = evaluate_history(*rules[i / n], histories[i % n], options);
                if (!e.account) errors[i] = e.errors.empty() ? "not evaluated" : e.errors.front().render(histories[i % n].person_id);
                else if (!e.account->meters.empty()) meters[i] = std::move(e.account->meters.front());
            } catch (const std::exception& e) {
                errors[i] = std::string("internal error: ") + e.what();
            }
        }
    };
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(total, 1))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    CaseloadRun run;
    run.totals.resize(rules.size());
    for (std::size_t r = 0; r < rules.size(); ++r) {
        CaseloadTotals& t = run.totals[r];
        t.people = n;
        for (std::size_t h = 0; h < n; ++h) {
            const std::size_t i = r * n + h;
            if (!errors[i].empty() && run.errors.size() == r) run.errors.push_back("under " + rules[r]->header().name + ": " + errors[i]);
            if (!meters[i]) continue;
            t.metered += meters[i]->total;
            if (meters[i]->reached_on) ++t.reached;
        }
    }
    return run;
}

} // namespace carecap
