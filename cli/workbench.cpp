// workbench.cpp: the routes of `carecap serve --workbench` (docs/workbench.md): the page, and the two
// endpoints that take pasted rule text. Everything else the page shows comes from the API's own routes
// (/v1/explain, /v1/statement, /v1/project, /v1/compare), so there is one way to evaluate. Nothing pasted
// is kept or logged: each request brings its text and is checked again.
#include "cli/workbench.h"
#include "cli/serve_analyses.h"
#include "cli/workbench_amendment.h"

#include "lang/diagnostic.h"
#include "runtime/reports/json_fields.h"
#include "runtime/reports/result.h"

#include <nlohmann/json.hpp>

namespace carecap::workbench {
namespace {

std::vector<std::string> roots; // set once, before serving starts

// Each diagnostic as `carecap check` prints it (file:line:col, the line, a caret), one string each.
std::vector<std::string> rendered(const Diagnostics& diagnostics) {
    std::vector<std::string> texts;
    for (const Diagnostic& d : diagnostics) {
        std::string text = render(d);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        texts.push_back(std::move(text));
    }
    return texts;
}

constexpr std::string_view does_not_load = "the amending rule text does not load";

serve::Response page(const serve::RuleSets& rule_sets) {
    serve::Response r{200, "text/html; charset=utf-8", page_html(rule_sets), {}};
    // What is pasted may be personal: never cached, never sent on to another site.
    r.headers = {{"Cache-Control", "no-store"},
                 {"Content-Security-Policy", page_security_policy()},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"}};
    return r;
}

// POST /v1/workbench/check?rules=NAME: the body is the amending rule text.
serve::Response check(const serve::NamedRules& base, std::string_view text) {
    if (text.empty()) return serve::error_response(400, "the request body is empty: send the amending rule text");
    LoadResult loaded = load_amendment(base, std::string(text), roots);
    if (!loaded.rules) return serve::error_response(400, does_not_load, rendered(loaded.diagnostics));
    nlohmann::json answer = {{"amends", base.name},
                             {"rules", rules_to_json(*loaded.rules)},
                             {"warnings", rendered(loaded.diagnostics)}};
    return serve::Response{200, "application/json", json_text(answer), {}};
}

// POST /v1/workbench/compare?rules=NAME: the body is {"amendment": rule text, "history": history text}.
// The history travels as text, so that its errors are placed by line and column in what was pasted.
serve::Response compare(const serve::NamedRules& base, const serve::Request& request) {
    const std::string expected = "send {\"amendment\": the amending rule text, \"history\": the care history as text}";
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return serve::error_response(400, "the body is not a JSON object: " + expected);
    std::vector<std::string> wrong;
    for (const char* member : {"amendment", "history"})
        if (!body.contains(member) || !body[member].is_string())
            wrong.push_back(std::string(member) + ": expected a string");
    for (const auto& [member, value] : body.items())
        if (member != "amendment" && member != "history") wrong.push_back(member + ": not a member this endpoint takes");
    if (!wrong.empty()) return serve::error_response(400, "the body is not what was expected: " + expected, wrong);
    LoadResult loaded = load_amendment(base, body["amendment"].get<std::string>(), roots);
    if (!loaded.rules) return serve::error_response(400, does_not_load, rendered(loaded.diagnostics));
    const serve::NamedRules amended{"amendment", amendment_file, loaded.rules, nullptr};
    const std::string history = body["history"].get<std::string>();
    serve::Request inner = request;
    inner.body = history;
    return serve::compare_history(base, amended, inner);
}

std::optional<serve::Response> route(const serve::RuleSets& rule_sets, const serve::Request& request) {
    const std::string_view path = request.path;
    const bool is_page = path == "/workbench";
    if (!is_page && path != "/v1/workbench/check" && path != "/v1/workbench/compare") return std::nullopt;
    const std::string_view takes = is_page ? "GET" : "POST";
    if (request.method != takes && !(is_page && request.method == "HEAD")) {
        serve::Response r = serve::error_response(405, std::string(path) + " takes " + std::string(takes));
        r.headers.emplace_back("Allow", is_page ? "GET, HEAD" : "POST");
        return r;
    }
    if (is_page) {
        if (!request.query.empty()) return serve::error_response(400, "/workbench takes no query");
        return page(rule_sets);
    }
    std::optional<serve::Response> failure;
    const serve::NamedRules* base = serve::rules_asked_for(rule_sets, request, failure);
    if (!base) return failure;
    return path == "/v1/workbench/check" ? check(*base, request.body) : compare(*base, request);
}

} // namespace

void enable(std::vector<std::string> rule_roots) {
    roots = std::move(rule_roots);
    serve::add_page_routes(route, nullptr);
}

} // namespace carecap::workbench
