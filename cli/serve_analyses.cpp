// serve_analyses.cpp: see serve_analyses.h.
#include "cli/serve_analyses.h"

#include "cli/batch_record.h"
#include "cli/compare_json.h"

#include "carecap/carecap.hpp"
#include "lang/rule_set.h"
#include "runtime/analyses/compare.h"
#include "runtime/api/rule_choice.h"
#include "runtime/evaluation/engine.h"
#include "runtime/history/history.h"
#include "runtime/reports/result.h"

namespace carecap::serve {
namespace {

// What the body is called in messages, where the command line names its file.
constexpr std::string_view history_name = "history";
constexpr std::string_view start_name = "start";
const std::string caseload_name = "caseload";

// The answer gathered whole, for a caller without a stream (the unit tests, the fuzzer).
class GatheredAnswer : public AnswerStream {
public:
    void begin(std::string_view content_type) override { type = content_type; }
    bool write(std::string_view piece) override {
        body += piece;
        return true;
    }
    std::string type, body;
};

// One history evaluated under one side's rules; its errors are named by the side, as `carecap compare` does.
std::optional<Account> evaluate_side(const NamedRules& rules, const History& history, const std::string& side,
                                     std::vector<std::string>& errors) {
    Evaluation e = evaluate_history(rules_for(choice_of(rules), history), history);
    for (auto& error : e.errors) {
        std::string text = "under " + side + " (" + rules.file + "): " + error.render(history_name);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        errors.push_back(std::move(text));
    }
    return std::move(e.account);
}

} // namespace

Response rejected(const JsonResult& result, std::string_view message) {
    std::vector<std::string> errors;
    for (std::string e : result.errors) {
        while (!e.empty() && e.back() == '\n') e.pop_back();
        errors.push_back(std::move(e));
    }
    return error_response(400, message, errors);
}

std::vector<std::string> figure_list(const std::string& text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start) names.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return names;
}

Response compare_history(const NamedRules& a, const NamedRules& b, const Request& request) {
    if (request.body.empty()) return error_response(400, "the request body is empty: send the care history as JSON");
    const std::string message = "the care history could not be compared";
    HistoryLoad loaded = load_history(request.body, history_name, a.rules->limits);
    std::vector<std::string> errors;
    for (auto& e : loaded.errors)
        errors.push_back(std::string(history_name) + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
    if (!loaded.history) return error_response(400, message, errors);
    auto account_a = evaluate_side(a, *loaded.history, "A", errors);
    auto account_b = evaluate_side(b, *loaded.history, "B", errors);
    if (!account_a || !account_b) return error_response(400, message, errors);
    Comparison c = compare_accounts(*account_a, *account_b);
    nlohmann::json histories = nlohmann::json::array();
    histories.push_back({{"history", history_name}, {"differ", c.differ()}, {"differences", cli::comparison_json(c)}});
    nlohmann::json document = cli::compare_document(a.file, *a.rules, b.file, *b.rules, histories, c.differ());
    return Response{200, "application/json", json_text(document), {}};
}

Response project_start(const NamedRules& chosen, const Request& request) {
    if (request.body.empty())
        return error_response(400, "the request body is empty: send the starting position as JSON");
    JsonResult result = project_json(choice_of(chosen), request.body, start_name);
    if (!result.ok) return rejected(result, "the starting position could not be projected");
    return Response{200, "application/json", json_text(result.json), {}};
}

// Each record of the body in order, its line to the stream as soon as it is made: the answer is never
// held whole, and a client may read the first results while the last are worked out.
Response batch_caseload(const NamedRules& chosen, const Request& request, const Parameters& parameters) {
    std::optional<std::vector<std::string>> figures;
    if (auto f = parameters.find("figures"); f != parameters.end()) {
        figures = figure_list(f->second);
        // Once, before any line, as `carecap batch --figures` does: a wrong name is not an error on every line.
        std::vector<std::string> unknown = unknown_figures({chosen.rules.get()}, *figures);
        if (!unknown.empty()) return error_response(400, "figures= names what the rules do not report", unknown);
    }
    GatheredAnswer gathered;
    AnswerStream& stream = request.stream ? *request.stream : gathered;
    const RuleChoice rules = choice_of(chosen);
    stream.begin("application/x-ndjson");
    std::string_view rest = request.body;
    for (std::uint64_t line_number = 1; !rest.empty(); ++line_number) {
        std::size_t newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1); // CRLF, as the command takes it
        if (cli::is_blank_record(line)) continue;
        if (!stream.write(cli::evaluate_record(rules, line, line_number, caseload_name, figures).out))
            return error_response(503, "the answer was no longer wanted");
    }
    Response done{200, "application/x-ndjson", std::move(gathered.body), {}};
    done.streamed = request.stream != nullptr;
    return done;
}

} // namespace carecap::serve
