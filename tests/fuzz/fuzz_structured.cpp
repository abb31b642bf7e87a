// fuzz_structured.cpp: libFuzzer target that builds well-formed rule files and care histories
// from its bytes, so that every input reaches the evaluator (random text rarely gets past the
// parser and checker of fuzz_rules, or past the JSON validation of fuzz_history).
//
// The bytes are read as choices (a byte each; past the end every choice is 0):
//   1. the number of definitions (1 to 48) in a chain d0, d1, ... each made from the ones before
//      by an operation of the language (a squaring, a sum, a quotient, max, a rounding, a
//      comparison with `today`...): deep chains and numbers that grow without bound;
//   2. the meter's rate, ceiling and whether it keeps its percentage;
//   3. how many amending files (0 to 20, past the limit amends_depth of 16) follow the base file,
//      each declaring one definition again;
//   4. the care history: up to 250 care periods of 1 to 256 days at costs from the bytes, some
//      running to the last years carecap handles.
// The rule files are written to a private temporary folder (amendments name files). Each input is
// loaded and evaluated under the default limits: it must finish (libFuzzer's -timeout) within
// memory (-rss_limit_mb), and give an account or a reason.
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"
#include "runtime/evaluation/inputs.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

// The fuzzer's bytes as a stream of choices.
class Choices {
public:
    Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    unsigned byte() { return at_ < size_ ? data_[at_++] : 0; }
    unsigned below(unsigned n) { return byte() % n; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

const char* const kLiterals[] = {"1.0000000001", "2", "0.5", "3.14159", "7", "-1.25", "1000000", "0", "1", "0.1"};

std::string literal(Choices& c) { return kLiterals[c.below(std::size(kLiterals))]; }

// Definition k, built from those before it (all decimals, so any combination checks).
std::string definition(Choices& c, unsigned k) {
    std::string name = "d" + std::to_string(k);
    if (k == 0) return "definition d0 : decimal = " + literal(c) + "\n";
    std::string prev = "d" + std::to_string(k - 1);
    std::string any = "d" + std::to_string(c.below(k));
    std::string body;
    switch (c.below(10)) {
    case 0: body = prev + " * " + prev; break; // squaring: the digits double
    case 1: body = prev + " + " + any; break;
    case 2: body = prev + " / (" + any + " + " + literal(c) + ")"; break; // may divide by zero
    case 3: body = prev + " - " + literal(c); break;
    case 4: body = "max(" + prev + ", " + any + ")"; break;
    case 5: body = "round_nearest(" + prev + ", 0.01)"; break;
    case 6: body = prev + " * " + any + " * " + literal(c); break;
    case 7: body = "pro_rata(£1, " + prev + ", " + any + " + 1) / £1"; break;
    case 8: body = "\n  when today >= add_months(2023-10-01, " + std::to_string(c.byte()) + ") : " + prev +
                   "\n  otherwise : " + any;
        break;
    default: body = prev + " * " + prev + " + " + any; break;
    }
    return "definition " + name + " : decimal = " + body + "\n";
}

std::string base_file(Choices& c, unsigned& definitions) {
    std::string text = "rules fz.r0 version \"1\"\n  in force from 2023-10-01\n"
                       "enum care_setting = residential | home\nenum budget_kind = personal | independent\n"
                       "input setting : care_setting\ninput budget : budget_kind\ninput weekly_cost : money per week\n";
    definitions = 1 + c.below(48);
    for (unsigned k = 0; k < definitions; ++k) text += definition(c, k);
    const std::string last = "d" + std::to_string(definitions - 1);
    const std::string any = "d" + std::to_string(c.below(definitions));
    text += "meter m\n  rate = max(weekly_cost * " + last + ", £0 per week)\n";
    if (c.below(2)) text += "  ceiling = max(£86,000 * " + any + ", £0)\n";
    if (c.below(2)) text += "  keeps percentage\n";
    return text;
}

// Amendment i (from 1) amends file i - 1 and declares one definition again.
std::string amendment(Choices& c, unsigned i, unsigned definitions) {
    unsigned k = c.below(definitions);
    std::string text = "rules fz.r" + std::to_string(i) + " version \"1\"\n  amends fz.r" + std::to_string(i - 1) +
                       " in \"r" + std::to_string(i - 1) + ".rules\"\n  in force from 2023-10-01\n";
    return text + definition(c, k);
}

std::string history(Choices& c) {
    std::string json = R"({"carecap_history": 1, "person": {"id": "fz"}, "authority": "A", "care_periods": [)";
    const unsigned periods = c.below(251);
    carecap::Date start = *carecap::Date::parse("2023-10-01");
    const carecap::Date last = *carecap::Date::parse("2399-12-31");
    for (unsigned i = 0; i < periods && start <= last; ++i) {
        unsigned length = c.byte();
        carecap::Date end = length == 255 ? last : start.plus_days(length); // 255: care to the end of 2399
        if (end > last) end = last;
        json += std::string(i ? "," : "") + R"({"id": "p)" + std::to_string(i) + R"(", "start": ")" +
                start.to_string() + R"(", "end": ")" + end.to_string() + R"(", "setting": ")" +
                (c.below(2) ? "home" : "residential") + R"(", "budget": ")" + (c.below(2) ? "personal" : "independent") +
                R"(", "weekly_cost": ")" + std::to_string(c.byte() * 7) + R"(.00"})";
        start = end.plus_days(1 + c.below(3));
    }
    return json + "]}";
}

const std::filesystem::path& folder() {
    static const std::filesystem::path made = [] {
        char name[] = "/tmp/fuzz_structured.XXXXXX";
        if (!mkdtemp(name)) {
            std::perror("fuzz_structured: mkdtemp");
            std::abort();
        }
        return std::filesystem::path(name);
    }();
    return made;
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) std::abort();
}

[[noreturn]] void invariant_broken(const char* what) {
    std::fprintf(stderr, "fuzz_structured: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Choices c(data, size);
    unsigned definitions = 0;
    write(folder() / "r0.rules", base_file(c, definitions));
    const unsigned amendments = c.below(21);
    for (unsigned i = 1; i <= amendments; ++i) write(folder() / ("r" + std::to_string(i) + ".rules"), amendment(c, i, definitions));

    carecap::LoadOptions options;
    options.inputs = carecap::history_inputs();
    carecap::LoadResult loaded =
        carecap::load_rule_set((folder() / ("r" + std::to_string(amendments) + ".rules")).string(), options);
    if (loaded.rules.operator bool() == carecap::has_errors(loaded.diagnostics))
        invariant_broken("a rule set exactly when there is no error, broken");
    (void)carecap::render(loaded.diagnostics);
    if (!loaded.rules) return 0;

    carecap::HistoryLoad h = carecap::load_history(history(c), "fuzz");
    if (!h.history) return 0; // a choice made it invalid (a period before the rules): fine, it was reported
    carecap::Evaluation e = carecap::evaluate_history(*loaded.rules, *h.history);
    if (!e.account && e.errors.empty()) invariant_broken("an evaluation without an account or a reason");
    for (const auto& error : e.errors) (void)error.render("fuzz");
    return 0;
}
