// parse.h: phase 1, rule-file text to syntax tree.
#pragma once

#include "lang/limits.h"

#include "lang/ast.h"
#include "lang/diagnostic.h"

#include <memory>

namespace carecap {

struct ParseResult {
    std::unique_ptr<RuleFile> file; // null only if the header itself could not be read
    Diagnostics diagnostics;        // every syntax error found (parsing resumes at the next declaration)
};

// Reads one rule file. Never throws on bad text.
// `nesting_depth` bounds how deeply one expression nests (Limits::nesting_depth).
ParseResult parse_rule_file(std::shared_ptr<const SourceFile> source, std::size_t nesting_depth = Limits{}.nesting_depth);

} // namespace carecap
