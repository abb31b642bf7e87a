// fuzz_history.cpp: libFuzzer target for the back end (runtime/, stdlib/).
//
// Bytes -> load_history (JSON parse + validation). When the history is valid it
// is evaluated under a fixed rule set, rules/minimal/cap.rules, loaded once,
// with explain listening; the account is then turned into the JSON result
// (account_to_json(...).dump()) and into plain English (explain_account).
//
// The same history is also evaluated under the England reform rules (which
// amend the current ones: means test, top-ups by payer, invoices, adjustments,
// statements, moves) and a few rule files of the language reference
// (tests/docs/language/: `today` boundaries, exceptions, a rising ceiling), so
// that more of the evaluator and the meters is reached by each valid history.
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifndef CARECAP_SOURCE_DIR
#error "CARECAP_SOURCE_DIR must name the carecap source tree"
#endif

namespace {

std::shared_ptr<const carecap::RuleSet> load_or_die(const std::string& relative) {
    carecap::LoadOptions options;
    options.inputs = carecap::history_inputs();
    carecap::LoadResult r = carecap::load_rule_set(std::string(CARECAP_SOURCE_DIR) + "/" + relative, options);
    if (!r.rules) {
        std::fprintf(stderr, "fuzz_history: cannot load %s:\n%s\n", relative.c_str(),
                     carecap::render(r.diagnostics).c_str());
        std::abort();
    }
    return r.rules;
}

// cap.rules first: the fixed rule set of this target.
const std::vector<std::shared_ptr<const carecap::RuleSet>>& rule_sets() {
    static const std::vector<std::shared_ptr<const carecap::RuleSet>> all = {
        load_or_die("rules/minimal/cap.rules"),
        load_or_die("rules/england/reform.rules"),   // amends current.rules: the whole England chain
        load_or_die("tests/docs/language/07-exceptions.rules"),
        load_or_die("tests/docs/language/08-today.rules"),
        load_or_die("tests/docs/language/11-keeps-percentage.rules"),
    };
    return all;
}

// A broken contract is a crash libFuzzer reports, with the input that caused it.
[[noreturn]] void invariant_broken(const char* what) {
    std::fprintf(stderr, "fuzz_history: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    rule_sets(); // load once, before the first input, and fail loudly if the rules are broken
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    carecap::HistoryLoad loaded = carecap::load_history(text, "fuzz");
    if (loaded.history && !loaded.errors.empty()) invariant_broken("a history and errors");
    if (!loaded.history) {
        if (loaded.errors.empty()) invariant_broken("no history and no error");
        return 0;
    }
    const carecap::History& history = *loaded.history;

    carecap::EvalOptions options;
    for (const auto& rules : rule_sets()) {
        carecap::Evaluation evaluation = carecap::evaluate_history(*rules, history, options);
        if (!evaluation.account) {
            if (evaluation.errors.empty()) invariant_broken("no account and no error");
            std::string rendered;
            for (const auto& e : evaluation.errors) rendered += e.render("fuzz");
            continue;
        }
        std::string json = carecap::account_to_json(*evaluation.account).dump();
        std::string text_report = carecap::explain_account(*evaluation.account);
        if (json.empty() || text_report.empty()) invariant_broken("an empty report");
    }
    return 0;
}
