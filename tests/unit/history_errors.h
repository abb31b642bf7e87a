// history_errors.h: how unit tests look for the history loader's errors. A test names the error it
// expects by its JSON path and a fragment of the message, so that wording around the fragment can
// improve without breaking it.
#pragma once

#include "runtime/history/history.h"

#include <string>

namespace carecap::test {

inline bool has_error(const HistoryLoad& load, const std::string& path, const std::string& fragment) {
    for (const HistoryError& e : load.errors)
        if (e.path == path && e.message.find(fragment) != std::string::npos) return true;
    return false;
}

// Every error, one a line, for a failing check's message.
inline std::string listing(const HistoryLoad& load) {
    std::string out;
    for (const HistoryError& e : load.errors) out += "[" + e.path + "] " + e.message + "\n";
    return out;
}

} // namespace carecap::test
