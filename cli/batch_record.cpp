// batch_record.cpp: see batch_record.h.
#include "cli/batch_record.h"

#include "runtime/reports/result.h"

namespace carecap::cli {

std::string batch_error_line(std::uint64_t line, const std::vector<std::string>& errors) {
    // ordered_json: the line number first, as docs/batch.md shows it.
    nlohmann::ordered_json j;
    j["line"] = line;
    j["errors"] = errors;
    return json_text(j, true);
}

RecordOutcome evaluate_record(const RuleChoice& rules, std::string_view text, std::uint64_t line,
                              const std::string& source, const std::optional<std::vector<std::string>>& figures,
                              const std::function<std::string(const std::string&)>& locate, LineFormat format) {
    RecordOutcome outcome;
    try {
        const std::string where = source + ":" + std::to_string(line);
        LineResult r = evaluate_to_line(rules, text, format, figures ? &*figures : nullptr, where);
        if (!r.ok) {
            if (locate)
                for (std::string& e : r.errors) e = locate(e);
            outcome.out = batch_error_line(line, r.errors);
            return outcome;
        }
        outcome.ok = true;
        outcome.out = std::move(r.line);
        outcome.first_meter_reached = r.first_meter_reached;
        outcome.first_meter_total = std::move(r.first_meter_total);
    } catch (const std::exception& e) {
        // A bug of ours, never of the input: report it on this line and carry on with the rest.
        outcome = RecordOutcome{};
        outcome.out = batch_error_line(line, {"carecap: internal error: " + std::string(e.what())});
    }
    return outcome;
}

bool is_blank_record(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace carecap::cli
