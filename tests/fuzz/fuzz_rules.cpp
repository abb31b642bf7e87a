// fuzz_rules.cpp: libFuzzer target for the front end (lang/).
//
// Bytes -> rule-file text -> load_rule_set_text (read + UTF-8 check, parse,
// resolve amendments and names, check) with the inputs a care history supplies,
// then every diagnostic is rendered (caret lines, hints, notes). Nothing is
// evaluated and no example is run.
//
// The text is named as a file in CARECAP_FUZZ_BASES, a directory the build
// fills with copies of the base rule files the seed corpus amends, so that
// `amends ... in "cap.rules"` reaches real files and the amendment chain is
// fuzzed too; nothing outside that directory can be read.
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef CARECAP_FUZZ_BASES
#error "CARECAP_FUZZ_BASES must name the directory of base rule files"
#endif

namespace {

const carecap::LoadOptions& options() {
    static const carecap::LoadOptions o = [] {
        carecap::LoadOptions opts;
        opts.inputs = carecap::history_inputs();
        return opts;
    }();
    return o;
}

// A broken contract is a crash libFuzzer reports, with the input that caused it.
[[noreturn]] void invariant_broken(const char* what) {
    std::fprintf(stderr, "fuzz_rules: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    carecap::LoadResult result =
        carecap::load_rule_set_text(std::string(CARECAP_FUZZ_BASES) + "/fuzz-input.rules", std::move(text), options());

    // Rendering reads the source line under each span and draws the caret: an
    // out-of-range span or a line past the end of the text shows up here.
    std::string rendered = carecap::render(result.diagnostics);
    for (const auto& d : result.diagnostics) {
        rendered += d.span.where();
        rendered += d.span.text();
    }

    // The contract of LoadResult: rules exactly when there is no error.
    bool errors = carecap::has_errors(result.diagnostics);
    if (result.rules && errors) invariant_broken("rules loaded despite errors");
    if (!result.rules && !errors) invariant_broken("no rules and no error");
    if (result.rules && result.rules->files.empty()) invariant_broken("a rule set without files");
    return 0;
}
