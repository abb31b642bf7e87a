// batch_record.h: one record of a caseload (a line of JSON lines) evaluated, and the line written for it, as
// `carecap batch` (cli/batch.cpp) and the service's POST /v1/batch (cli/serve_batch.cpp) both write it
// (docs/batch.md): one function, so the two give the same bytes for the same line.
#pragma once

#include "carecap/carecap.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::cli {

struct RecordOutcome {
    std::string out;                  // the line to write, with its newline
    bool ok = false;                  // a result, not an error line
    bool first_meter_reached = false; // when ok: the first meter (the care account) reached its ceiling
    std::string first_meter_total;    // when ok: its exact total; empty without meters
};

// Evaluates the record found on `line` (from 1) of `source`; `figures`: only those outputs (as --figures);
// `locate`, when given, rewrites each error message (a CSV caseload names its cells); `format`: the JSON
// result, or batch --compact's short line (docs/batch.md).
RecordOutcome evaluate_record(const RuleChoice& rules, std::string_view text, std::uint64_t line,
                              const std::string& source, const std::optional<std::vector<std::string>>& figures,
                              const std::function<std::string(const std::string&)>& locate = {},
                              LineFormat format = LineFormat::json);

// {"line": N, "errors": [...]} and a newline.
std::string batch_error_line(std::uint64_t line, const std::vector<std::string>& errors);

// A blank line (spaces, tabs, a carriage return) is no record: it gets no output.
bool is_blank_record(std::string_view line);

} // namespace carecap::cli
