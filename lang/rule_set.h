// rule_set.h: a checked rule set, the product of lang/. Immutable once loaded,
// so one rule set can serve many evaluations on many threads at once.
#pragma once

#include "lang/ast.h"
#include "lang/diagnostic.h"
#include "lang/limits.h"
#include "lang/reads.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace carecap {

// The part of a care history an input is read from, as bits. Evaluation keeps a value
// from one stretch of the timeline to the next unless a part it reads has changed.
enum class InputSource : std::uint8_t {
    history = 0,          // the person and the requests: the same on every day
    care_period = 1,      // the care period in force
    assessment = 2,       // the financial assessment in force
    eligibility = 4,      // the eligibility decision in force
    authority = 8,        // the authority, after any moves
    adjustment = 16,      // the adjustment being considered
    unknown = 32,         // not described: taken to change on every stretch
};

// A fact the host's care history can supply to rules, as the runtime describes
// it to the checker. lang/ never reads a history; it only checks names and types.
struct InputSpec {
    std::string name;
    Type type;              // Kind::enumeration with an empty name: any enumeration the rules declare
    std::string description;
    bool keyed = false;     // read by kind: `input NAME : TYPE by ENUM`, then NAME(member) in rules
    bool adjustment_only = false; // has a value only in a meter's `accepts adjustments when`
    InputSource source = InputSource::unknown;
};

struct LoadOptions {
    std::vector<InputSpec> inputs;        // what histories can supply
    std::vector<std::string> rule_roots;  // directories an amended file may come from (besides the file's own)
    // Where `amends NAME` without `in "file"` looks, in order, after the amending file's own directory
    // (lang/find_rules.h). Files found there may be read as rule_roots may. The host puts its shipped
    // rules last (the command line does: cli/command.cpp).
    std::vector<std::string> rules_path;
    Limits limits;                        // the host's bounds (lang/limits.h); kept by the rule set
    // An amended file named by an absolute path is refused unless the host allows it here, and even then
    // it must lie inside the file's own directory or one of rule_roots.
    bool allow_absolute_paths = false;
    // Read a rule file as amending other rules than it names: where a file of the chain amends the rules
    // named `first`, the file `second` is read in their place (once; from there the chain is second's own).
    // The authorities registry reads a council's policy written for england.current this way under
    // england.reform, which amends england.current and so has every name the policy restates.
    std::optional<std::pair<std::string, std::shared_ptr<const SourceFile>>> amended_instead;
};

struct RuleSet {
    std::vector<std::unique_ptr<RuleFile>> files; // the amended chain, base first, the loaded file last
    std::string content_hash;                     // "sha256:..." over every file of the chain, in order

    // Every name in force, the most recent amendment winning.
    std::map<std::string, const EnumDecl*> enums;
    std::map<std::string, const InputDecl*> inputs;
    std::map<std::string, const ParameterDecl*> parameters;
    std::map<std::string, DefinitionDecl*> definitions;
    std::map<std::string, const MeterDecl*> meters;
    std::vector<const MeterDecl*> meter_order;   // declaration order; the first is the primary meter
    std::deque<MeterDecl> amended_meters;        // meters built from `amend meter` (lang/amend_meter.h)
    std::map<std::string, const ProjectionDecl*> projections;
    const StatementsDecl* statements = nullptr;  // the most recent declaration wins
    std::vector<const ExceptionDecl*> exceptions;
    // The outputs of every file of the chain, base first; an amendment naming one again replaces it.
    std::vector<const OutputName*> outputs;
    std::size_t definition_slots = 0;
    // Dates compared with `today`: the evaluator cuts the timeline at each.
    std::vector<const Expr*> boundaries;
    Limits limits;                // as loaded: evaluations under this rule set honour its evaluation and history limits
    bool reads_reached = false;   // some rule asks reached(meter): stretches are cut where a meter reaches its ceiling
    // What each definition's value can depend on, by definition slot (lang/reads.h),
    // and the part of the history each input is read from, by input slot.
    std::vector<Reads> reads;
    std::vector<Reads> boundary_reads;            // by position in `boundaries`
    std::vector<std::uint8_t> input_sources;
    // Every date a parameter's value starts on, in order, with the parameter.
    std::vector<std::pair<Date, const ParameterDecl*>> parameter_changes;

    const Header& header() const { return files.back()->header; }
    const RuleFile& top() const { return *files.back(); }
};

struct LoadResult {
    std::shared_ptr<const RuleSet> rules; // null when there are errors
    Diagnostics diagnostics;              // errors and warnings of every file in the chain
};

// The whole front end, in order: read -> parse -> resolve amendments -> check.
LoadResult load_rule_set(const std::string& path, const LoadOptions& options);
// The same for text already in memory (amended files are still read from disk).
LoadResult load_rule_set_text(std::string name, std::string text, const LoadOptions& options);

} // namespace carecap
