// reads.h: what a definition's value can depend on, found once when the rules are loaded.
// The evaluator keeps a definition's value from one stretch of the timeline to the next
// unless something it reads has changed, so that a history with many stretches but few
// real changes costs little more than one with few stretches.
#pragma once

#include "lang/ast.h"

#include <cstdint>
#include <vector>

namespace carecap {

struct RuleSet;

// Everything one definition reads, directly or through the definitions it uses.
struct Reads {
    std::uint8_t sources = 0;  // InputSource bits of the inputs read (rule_set.h)
    bool today = false;        // reads `today`
    std::vector<std::uint32_t> boundaries; // which dates it compares `today` with (positions in RuleSet::boundaries), in order
    bool reached = false;      // reads reached(meter)
    std::vector<const ParameterDecl*> parameters; // in order of address, each once
};

// What each definition reads, by definition slot. The checker refuses a definition that
// depends on itself; should one ever reach itself here, it is taken to read everything,
// which can only keep a value from being carried over, never carry over one that could differ.
std::vector<Reads> what_definitions_read(const RuleSet& rules);

// What each of the rules' boundaries (the dates compared with `today`) reads, by position.
std::vector<Reads> what_boundaries_read(const RuleSet& rules);

// The InputSource bits of each input, by input slot.
std::vector<std::uint8_t> input_sources(const RuleSet& rules);

// Every date a parameter's value starts on, in date order, with the parameter.
std::vector<std::pair<Date, const ParameterDecl*>> parameter_changes(const RuleSet& rules);

} // namespace carecap
