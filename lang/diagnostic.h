// diagnostic.h: the one error type of every phase, and its one renderer.
#pragma once

#include "lang/source.h"

#include <string>
#include <vector>

namespace carecap {

enum class Severity { error, warning, note };

struct Diagnostic {
    Severity severity = Severity::error;
    Span span;            // may be invalid for errors about a whole file
    std::string message;  // what is wrong, in plain words
    std::string hint;     // what to do about it; may be empty
    std::vector<Diagnostic> notes; // related places ("first declared here")
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

// Renders one diagnostic the way compilers do:
//   file:line:col: error: message
//      12 |     the source line
//         |     ^~~~~~
//   hint: what to do
std::string render(const Diagnostic& d);
std::string render(const Diagnostics& ds);

// The candidate closest to `name` by edit distance, if it is close enough to be
// a likely typo (at most a third of the name's length, and at most 3 edits).
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

} // namespace carecap
