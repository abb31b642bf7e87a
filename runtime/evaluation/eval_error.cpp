// eval_error.cpp: rendering evaluation errors like every other diagnostic.
#include "runtime/evaluation/eval_error.h"

#include "lang/diagnostic.h"

namespace carecap {

std::string EvalError::render(std::string_view history_name) const {
    std::string out;
    if (!path.empty()) out += std::string(history_name) + ": " + path + ": " + what() + "\n";
    if (span.valid()) {
        Diagnostic d{path.empty() ? Severity::error : Severity::note, span,
                     path.empty() ? std::string(what()) : "the rule involved", "", {}};
        out += carecap::render(d);
    } else if (path.empty()) {
        out += std::string("error: ") + what() + "\n";
    }
    return out;
}

} // namespace carecap
