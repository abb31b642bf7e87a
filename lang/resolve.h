// resolve.h: phase 2, finding the files a rule file amends and merging their
// names, the most recent amendment winning.
#pragma once

#include "lang/rule_set.h"

namespace carecap {

// Reads `top` and, through its `amends` clauses, every file it rests on.
// Fills rules.files base first. Errors go to `diagnostics`.
void read_amended_chain(std::shared_ptr<const SourceFile> top, const LoadOptions& options, RuleSet& rules,
                        Diagnostics& diagnostics);

// Builds the name tables of `rules` from its files.
void merge_names(RuleSet& rules, Diagnostics& diagnostics);

// Reads a whole file; nothing if it cannot be read or is over `max_bytes`
// (then `error` says why).
std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, std::string& error);

} // namespace carecap
