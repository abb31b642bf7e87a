// compare_caseload.cpp: `carecap compare --rules A --rules B CASELOAD` (cli/compare_caseload.h). The
// pipeline of `carecap batch` (cli/batch_pipeline.h): a reader, workers evaluating each person under both
// rule sets, and the people taken back in input order, so the CSV and the sums never depend on -j.
#include "cli/compare_caseload.h"

#include "cli/batch_pipeline.h"
#include "cli/caseload_csv.h"
#include "runtime/analyses/caseload_compare.h"
#include "runtime/api/rule_choice.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"

#include <fstream>
#include <iostream>
#include <thread>

namespace carecap::cli {

namespace {

struct Compared {
    std::optional<PersonComparison> person; // none: not compared
    std::vector<std::string> errors;
};

// One history's evaluation under one side, or the errors, each naming the side.
std::optional<Account> evaluate_one(const RuleChoice& rules, const History& history, const std::string& where,
                                    const char* side, std::vector<std::string>& errors) {
    EvalOptions options;
    options.statements = false; // the money alone is compared: statements change none of it
    Evaluation e = evaluate_history(rules_for(rules, history), history, options);
    for (auto& error : e.errors) errors.push_back("under " + std::string(side) + ": " + error.render(where));
    return std::move(e.account);
}

Compared compare_record(const ChosenRules& a, const ChosenRules& b, const CaseloadRecord& record) {
    Compared out;
    out.errors = record.errors;
    if (!out.errors.empty()) return out;
    HistoryLoad loaded = load_history(record.text, record.where, cli_limits());
    for (auto& e : loaded.errors)
        out.errors.push_back(record.where + ": " + (e.path.empty() ? "" : record.place(e.path) + ": ") + e.message);
    if (!loaded.history) return out;
    auto ea = evaluate_one(a.choice(), *loaded.history, record.where, "A", out.errors);
    auto eb = evaluate_one(b.choice(), *loaded.history, record.where, "B", out.errors);
    if (ea && eb) out.person = compare_person(*loaded.history, *ea, *eb);
    return out;
}

bool write_or_report(const std::string& path, const std::string& text) {
    if (path.empty() || write_file(path, text)) return true;
    std::cerr << path << ": error: cannot write the file\n";
    return false;
}

} // namespace

int compare_caseload(const CaseloadCompareOptions& o, const ChosenRules& a, const ChosenRules& b) {
    CaseloadReader reader(o.caseload, o.csv_input);
    if (!reader.open()) return exit_failed;
    const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    BoundedQueue<std::pair<std::uint64_t, CaseloadRecord>> queue(8 * std::size_t{jobs} + 8);
    ReorderBuffer<Compared> results(16 * std::uint64_t{jobs} + 16);
    std::thread read([&] {
        std::uint64_t seq = 0;
        CaseloadRecord record;
        while (reader.next(record)) queue.push({seq++, std::move(record)});
        queue.close();
        results.finish(seq);
    });
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w)
        workers.emplace_back([&] {
            while (auto job = queue.pop()) results.put(job->first, compare_record(a, b, job->second));
        });
    CaseloadComparison comparison;
    if (!a.rules->meter_order.empty()) comparison.meter = a.rules->meter_order.front()->name;
    std::string csv = person_csv_header();
    std::vector<Compared> ready;
    for (bool finished = false; !finished;) {
        finished = results.take(ready, std::chrono::milliseconds(250));
        for (Compared& c : ready) {
            for (const std::string& e : c.errors) std::cerr << e << (e.ends_with("\n") ? "" : "\n");
            if (!c.person) {
                ++comparison.not_compared;
                continue;
            }
            comparison.add(*c.person);
            csv += person_csv_row(*c.person);
        }
        ready.clear();
    }
    read.join();
    for (auto& w : workers) w.join();
    if (reader.wrong_kind()) return exit_failed;
    std::cout << caseload_summary_text(comparison);
    bool written = write_or_report(o.csv, csv) && write_or_report(o.svg, difference_chart_svg(comparison));
    return comparison.not_compared || !written || !reader.read_ok() ? exit_failed : exit_ok;
}

} // namespace carecap::cli
