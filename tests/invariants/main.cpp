// main.cpp: carecap_invariants, the invariant tests over seeded random histories (docs/testing.md,
// "Invariants"). Each history comes from the engine's own generator (runtime/history/generate.h, its edge
// cases), is evaluated under every rule file of profiles.cpp, and every invariant of checks.h is
// checked. A failure is reported with the seed and index that reproduce it and the smallest history
// that still fails, written to a file beside the test.
//
//   carecap_invariants [--seed N] [--cases N] [--first N] [--rules FILE] [--invariant NAME] [HISTORY.json...]
//   carecap_invariants --self-test      (each invariant catches an account broken on purpose)
//
// CARECAP_INVARIANT_CASES and CARECAP_INVARIANT_SEED set the defaults of --cases (10000) and --seed (1).
// History files given by name are checked instead of generated ones, under every rule file.
#include "tests/invariants/checks.h"
#include "tests/invariants/known_failures.h"
#include "tests/invariants/self_test.h"
#include "tests/invariants/shrink.h"

#include "carecap/carecap.hpp"

#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/account.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/generate.h"
#include "runtime/history/history.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace inv = carecap::invariants;

namespace {

struct Options {
    std::uint64_t seed = 1, cases = 10000, first = 0;
    std::string rules, invariant;
    std::vector<std::string> histories;
    bool self_test = false;
};

std::optional<std::uint64_t> number(const char* text) {
    if (!text || !*text) return std::nullopt;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text, &end, 10);
    if (*end || text[0] == '-') return std::nullopt;
    return v;
}

std::optional<Options> parse(int argc, char** argv) {
    Options o;
    for (auto [var, field] : {std::pair{"CARECAP_INVARIANT_CASES", &o.cases}, std::pair{"CARECAP_INVARIANT_SEED", &o.seed}}) {
        if (const char* text = std::getenv(var)) {
            auto v = number(text);
            if (!v) {
                std::cerr << "carecap_invariants: " << var << " must be a whole number, not \"" << text << "\"\n";
                return std::nullopt;
            }
            *field = *v;
        }
    }
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (arg == "--seed" || arg == "--cases" || arg == "--first") {
            auto v = number(value);
            if (!v) {
                std::cerr << "carecap_invariants: " << arg << " needs a whole number\n";
                return std::nullopt;
            }
            (arg == "--seed" ? o.seed : arg == "--cases" ? o.cases : o.first) = *v;
            ++i;
        } else if ((arg == "--rules" || arg == "--invariant") && value) {
            (arg == "--rules" ? o.rules : o.invariant) = value;
            ++i;
        } else if (arg == "--self-test") {
            o.self_test = true;
        } else if (!arg.empty() && arg[0] != '-') {
            o.histories.push_back(arg);
        } else {
            std::cerr << "usage: carecap_invariants [--seed N] [--cases N] [--first N] [--rules FILE] [--invariant NAME] "
                         "[HISTORY.json...]\n       carecap_invariants --self-test\n";
            return std::nullopt;
        }
    }
    return o;
}

// How often the histories reached what the invariants are about, so that a run shows they were not
// vacuous: counted once per history checked, from the events of the cap meter.
struct Coverage {
    std::uint64_t account = 0, whole = 0;       // histories checked for each kind of invariant
    std::uint64_t reached = 0, resumed = 0, rescaled = 0, adjusted_down = 0, adjusted_up = 0, refused = 0;
    std::uint64_t before_in_force = 0;          // care on days before the rules are in force

    void count_events(const carecap::Account& a, std::size_t m) {
        bool seen[6] = {};
        for (const carecap::MeterEvent& e : a.meters[m].events) {
            using K = carecap::MeterEvent::Kind;
            if (e.kind == K::reached) seen[0] = true;
            if (e.kind == K::ceiling_changed && e.after == e.before) seen[1] = true;
            if (e.kind == K::ceiling_changed && e.after != e.before) seen[2] = true;
            if (e.kind == K::adjusted && e.after < e.before) seen[3] = true;
            if (e.kind == K::adjusted && e.after > e.before) seen[4] = true;
            if (e.kind == K::adjustment_refused) seen[5] = true;
        }
        std::uint64_t* counters[6] = {&reached, &resumed, &rescaled, &adjusted_down, &adjusted_up, &refused};
        for (int k = 0; k < 6; ++k) *counters[k] += seen[k];
    }

    void count_stretches(const carecap::Account& a) {
        for (const carecap::Stretch& s : a.stretches)
            if (!s.rules_in_force && s.care) {
                ++before_in_force;
                break;
            }
    }
};

struct Loaded {
    const inv::Profile* profile;
    std::shared_ptr<const carecap::RuleSet> rules;
    unsigned offset = 0;   // spreads the sampled profiles over different histories
    Coverage coverage;
};

// "12.345 s" without floating point.
std::string seconds_since(std::chrono::steady_clock::time_point start) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    const std::string frac = std::to_string(ms % 1000);
    return std::to_string(ms / 1000) + "." + std::string(3 - frac.size(), '0') + frac + " s";
}

std::string stem(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    return name.substr(0, name.find('.'));
}

class Run {
public:
    explicit Run(const Options& o) : options_(o) {}

    // Evaluates one history under one rule file and checks the invariants asked for; reports what fails.
    void check(Loaded& l, const std::string& json, const std::string& label, std::uint64_t index, bool account, bool whole) {
        const inv::Evaluated evaluated = inv::evaluate(*l.rules, json, whole);
        ++evaluations_;
        if (!evaluated.account) {
            fail(l, "evaluates", json, label, index, evaluated.errors.empty() ? "?" : evaluated.errors.front(), nullptr);
            return;
        }
        l.coverage.account += account;
        l.coverage.whole += whole;
        if (!l.profile->cap_meter.empty()) l.coverage.count_events(*evaluated.account, 0); // the cap meter is the first
        l.coverage.count_stretches(*evaluated.account);
        for (const inv::Invariant& invariant : inv::invariants()) {
            if (!options_.invariant.empty() && options_.invariant != invariant.name) continue;
            if (!(invariant.whole_result ? whole : account)) continue;
            const inv::Case c{*l.profile, *l.rules, json, evaluated, reorder_seed(index)};
            if (auto failure = invariant.check(c)) fail(l, invariant.name, json, label, index, *failure, &invariant);
        }
    }

    std::uint64_t failures() const { return failures_; }
    const std::map<const inv::KnownFailure*, std::uint64_t>& expected() const { return expected_; }
    std::uint64_t evaluations() const { return evaluations_; }
    const std::map<std::string, std::uint64_t>& tally() const { return tally_; }

private:
    std::uint64_t reorder_seed(std::uint64_t index) const { return options_.seed * 0x9e3779b97f4a7c15ULL + index; }

    // Whether `json` still fails `invariant` (or, for "evaluates", still cannot be evaluated).
    std::optional<std::string> failing(const Loaded& l, const inv::Invariant* invariant, const std::string& json,
                                       std::uint64_t index) const {
        const inv::Evaluated evaluated = inv::evaluate(*l.rules, json, invariant && invariant->whole_result);
        if (!invariant) {
            if (evaluated.account || !evaluated.history) return std::nullopt; // fixed, or no longer a history
            return evaluated.errors.front();
        }
        if (!evaluated.account) return std::nullopt;
        return invariant->check(inv::Case{*l.profile, *l.rules, json, evaluated, reorder_seed(index)});
    }

    void fail(const Loaded& l, const std::string& name, const std::string& json, const std::string& label, std::uint64_t index,
              const std::string& message, const inv::Invariant* invariant) {
        const std::string key = name + " under " + l.profile->file;
        if (const inv::KnownFailure* known = inv::known_failure(name, l.profile->file, message)) {
            if (expected_[known]++ == 0)
                std::cout << "XFAIL " << key << " (known: tests/invariants/findings/" << known->finding << ")\n  history: " << label
                          << "\n  " << message.substr(0, message.find('\n')) << "\n";
            return;
        }
        ++failures_;
        if (tally_[key]++ > 0) return; // the first of each kind is shown in full; the rest are counted
        std::cout << "FAIL " << key << "\n  history: " << label << "\n  " << message << "\n";
        // Smaller and smaller, as long as it fails in a way not already known (it could drift into one).
        const std::string smallest = inv::shrink(json, [&](const std::string& candidate) {
            const auto still = failing(l, invariant, candidate, index);
            return still && !inv::known_failure(name, l.profile->file, *still);
        });
        const std::string file = "invariant-failure-" + stem(l.profile->file) + "-" + name + "-" + std::to_string(index) + ".json";
        std::ofstream(file) << smallest << "\n";
        std::cout << "  the smallest history that still fails (written to " << file << "):\n"
                  << "  " << failing(l, invariant, smallest, index).value_or("(it no longer fails on its own)") << "\n"
                  << smallest << "\n";
    }

    const Options& options_;
    std::uint64_t failures_ = 0, evaluations_ = 0;
    std::map<std::string, std::uint64_t> tally_;
    std::map<const inv::KnownFailure*, std::uint64_t> expected_;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

int main(int argc, char** argv) {
    const auto options = parse(argc, argv);
    if (!options) return 2;
    const std::string root = CARECAP_SOURCE_DIR;
    if (options->self_test) return inv::self_test(root);
    const auto start = std::chrono::steady_clock::now();

    std::vector<Loaded> loaded;
    for (const inv::Profile& p : inv::profiles()) {
        if (!options->rules.empty() && options->rules != p.file) continue;
        std::vector<std::string> roots;
        for (const std::string& r : p.rule_roots) roots.push_back(root + "/" + r);
        carecap::LoadResult result = carecap::load_rules_for_histories(root + "/" + p.file, roots);
        if (!result.rules) {
            std::cerr << carecap::render(result.diagnostics);
            return 1;
        }
        loaded.push_back({&p, std::move(result.rules), static_cast<unsigned>(loaded.size()), {}});
    }
    if (loaded.empty()) {
        std::cerr << "carecap_invariants: no rule file " << options->rules << " among the profiles (tests/invariants/profiles.cpp)\n";
        return 2;
    }

    Run run(*options);
    std::uint64_t histories = 0;
    if (!options->histories.empty()) {
        for (const std::string& path : options->histories) {
            const std::string json = read_file(path);
            for (Loaded& l : loaded) run.check(l, json, path, 0, true, true);
            ++histories;
        }
    } else {
        for (std::uint64_t i = options->first; i < options->first + options->cases; ++i) {
            const std::string json = carecap::generate_history(options->seed, i, carecap::GenerateVariety::edge_cases);
            const std::string label = "seed " + std::to_string(options->seed) + ", index " + std::to_string(i) +
                                      " (carecap_invariants --seed " + std::to_string(options->seed) + " --first " + std::to_string(i) +
                                      " --cases 1)";
            for (Loaded& l : loaded) {
                // A single history asked for by --cases 1 is checked under every rule file, fully.
                const bool one = options->cases == 1;
                const bool account = one || (i + l.offset) % l.profile->every == 0;
                const bool whole = one || (i + l.offset) % l.profile->whole_every == 0;
                if (account || whole) run.check(l, json, label, i, account, whole);
            }
            ++histories;
        }
    }

    for (const Loaded& l : loaded) {
        const Coverage& c = l.coverage;
        std::cout << "  " << l.profile->file << ": " << c.account << " histories for the account, " << c.whole
                  << " for the whole result";
        if (!l.profile->cap_meter.empty())
            std::cout << "; cap reached in " << c.reached << ", accrual resumed in " << c.resumed << ", rescaled in "
                      << c.rescaled << ", adjusted down in " << c.adjusted_down << ", up in " << c.adjusted_up
                      << ", an adjustment refused in " << c.refused;
        std::cout << "; care before the rules were in force in " << c.before_in_force << "\n";
    }
    for (const auto& [key, count] : run.tally()) std::cout << "  " << count << " failed: " << key << "\n";
    for (const auto& [known, count] : run.expected())
        std::cout << "  " << count << " known failures (XFAIL): " << known->why << " (tests/invariants/findings/" << known->finding << ")\n";
    // A finding replayed must still fail as known: once its cause is fixed it becomes a regression test.
    int fixed = 0;
    for (const std::string& path : options->histories)
        for (const inv::KnownFailure& known : inv::known_failures())
            if (path.size() >= std::string(known.finding).size() && path.ends_with(known.finding) && !run.expected().count(&known)) {
                std::cout << "FIXED " << path << ": " << known.why << " no longer happens; make the history a regression test "
                          << "and take it off tests/invariants/known_failures.cpp\n";
                ++fixed;
            }
    std::cout << "carecap_invariants: " << histories << " histories";
    if (options->histories.empty() && options->cases > 0)
        std::cout << " (seed " << options->seed << ", indexes " << options->first << " to " << options->first + options->cases - 1 << ")";
    std::cout << ", " << run.evaluations() << " evaluations under " << loaded.size() << " rule files, "
              << inv::invariants().size() << " invariants: " << (run.failures() ? std::to_string(run.failures()) + " failures" : "all held")
              << (run.expected().empty() ? "" : " but the known failures above")
              << ", " << seconds_since(start) << "\n";
    return run.failures() || fixed ? 1 : 0;
}
