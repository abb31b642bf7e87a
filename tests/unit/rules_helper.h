// rules_helper.h: loading rule text and histories inside unit tests.
#pragma once

#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"
#include "runtime/history/history.h"

#include <doctest/doctest.h>

#include <string>

namespace carecap::testing {

inline LoadResult load_text(const std::string& text) {
    LoadOptions options;
    options.inputs = history_inputs();
    return load_rule_set_text("test.rules", text, options);
}

// The first error message, or "" if none.
inline std::string first_error(const std::string& text) {
    LoadResult r = load_text(text);
    for (auto& d : r.diagnostics)
        if (d.severity == Severity::error) return d.message;
    return "";
}

inline History history(const std::string& json) {
    HistoryLoad h = load_history(json, "test");
    for (auto& e : h.errors) FAIL_CHECK(e.path << ": " << e.message);
    REQUIRE(h.history);
    return *h.history;
}

inline const std::string header = "rules test.example version \"1\"\n  in force from 2023-10-01\n";

} // namespace carecap::testing
