// resolve.h: phase 2, finding the files a rule file amends and merging their
// names, the most recent amendment winning.
#pragma once

#include "lang/rule_set.h"

#include <filesystem>
#include <optional>

namespace carecap {

// Reads `top` and, through its `amends` clauses, every file it rests on.
// Fills rules.files base first. Errors go to `diagnostics`.
void read_amended_chain(std::shared_ptr<const SourceFile> top, const LoadOptions& options, RuleSet& rules,
                        Diagnostics& diagnostics);

// Whether `source` is UTF-8 text: a byte-order mark is dropped; anything else that is
// not well-formed UTF-8 (lang/source.h), or a zero byte, is an error naming its place.
std::optional<Diagnostic> text_problem(SourceFile& source);

// Builds the name tables of `rules` from its files.
void merge_names(RuleSet& rules, Diagnostics& diagnostics);

// Reads a whole file; nothing if it cannot be read or is over `max_bytes`
// (then `error` says why).
// `limit_name`, if given, is the Limits member that `max_bytes` comes from, named when it is exceeded.
std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, std::string& error,
                                          const char* limit_name = nullptr);

// Where a file named in a rule file (an amended file, an example's history) is, if it is somewhere a rule
// file may reach: beside or below the naming file `from_file`, or below one of `roots`. A rule file can
// read no other file, so `../` and absolute paths cannot take it elsewhere (symbolic links are resolved
// before the check); absolute paths are refused unless `allow_absolute`. On refusal returns nothing and
// says why.
std::optional<std::filesystem::path> confine(const std::string& written, const std::string& from_file,
                                             const std::vector<std::string>& roots, bool allow_absolute,
                                             std::string& why);

} // namespace carecap
