// layout.h: `carecap fmt`, one canonical layout for rule files (docs/formatting.md).
#pragma once

#include "lang/diagnostic.h"

#include <string>
#include <string_view>

namespace carecap {

struct FormatResult {
    bool ok = false;          // false: the text has syntax errors (or is not UTF-8) and must be left as written
    std::string text;         // the canonical text, when ok
    Diagnostics diagnostics;  // why it is not ok
};

// Lays out one rule file canonically. The formatter works on tokens and keeps
// the file's line breaks, comments and inline JSON histories; only the
// whitespace between tokens, indentation and blank lines change. It refuses
// text that does not parse, and checks its own output (same tokens, still
// parses) before returning it, so a bug here can never rewrite a file wrongly.
FormatResult format_rules(std::string_view name, std::string_view text);

struct FormatCheck {
    bool ok = false;          // the text could be formatted (see FormatResult::ok)
    bool changed = false;     // formatting would change it
    std::string hint;         // when changed: the first differing line, unified-diff style
    std::string formatted;    // the canonical text, when ok
    Diagnostics diagnostics;
};

// What `carecap fmt --check` reports for one file.
FormatCheck check_format(std::string_view name, std::string_view text);

// "@@ line N @@\n-before\n+after\n" for the first line where the two texts differ;
// empty when they are equal.
std::string first_difference(std::string_view before, std::string_view after);

} // namespace carecap
