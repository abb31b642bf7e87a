// eval_error.h: an error found while evaluating rules over a history. It names
// the rule (a span) and, when a history value is at fault, its JSON path.
#pragma once

#include "lang/source.h"

#include <stdexcept>
#include <string>

namespace carecap {

struct EvalError : std::runtime_error {
    EvalError(Span where, std::string message, std::string json_path = {})
        : std::runtime_error(std::move(message)), span(std::move(where)), path(std::move(json_path)) {}
    Span span;
    std::string path;

    // "file:line:col: error: message" (with the source line and caret), or
    // "history: care_periods[0].setting: message".
    std::string render(std::string_view history_name = "history") const;
};

} // namespace carecap
