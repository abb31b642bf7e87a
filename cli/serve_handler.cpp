// serve_handler.cpp: the routes of `carecap serve` (docs/serve.md), without HTTP plumbing.
#include "cli/serve_handler.h"
#include "cli/openapi_document.h"
#include "cli/percent_decode.h"
#include "cli/serve_analyses.h"

#include "carecap/carecap.hpp"

#include "lang/rule_set.h"
#include "runtime/evaluation/cancel.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/result.h"
#include "runtime/reports/json_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>

namespace carecap::serve {
namespace {

// Every response is written the way `carecap eval` prints (json_text).
Response json_response(int status, const nlohmann::json& j) {
    return Response{status, "application/json", json_text(j), {}};
}

// Text from the request quoted in a message: short enough that a huge path cannot make a huge error.
std::string in_quotes(std::string_view text) {
    constexpr std::size_t longest = 120;
    if (text.size() <= longest) return "\"" + std::string(text) + "\"";
    return "\"" + std::string(text.substr(0, longest)) + "...\"";
}

enum class Action { healthz, rules, openapi, evaluate, explain, statement, batch, compare, project };

struct Route {
    std::string_view path;
    std::string_view method; // GET routes also answer HEAD
    Action action;
    std::vector<std::string_view> parameters; // the query parameters it takes
};

const std::vector<Route>& routes() {
    static const std::vector<Route> all = {
        {"/healthz", "GET", Action::healthz, {}},
        {"/v1/rules", "GET", Action::rules, {}},
        {"/v1/openapi.json", "GET", Action::openapi, {}},
        {"/v1/evaluate", "POST", Action::evaluate, {"rules", "figures"}},
        {"/v1/explain", "POST", Action::explain, {"rules"}},
        {"/v1/statement", "POST", Action::statement, {"rules", "on", "format"}},
        {"/v1/batch", "POST", Action::batch, {"rules", "figures"}},
        {"/v1/compare", "POST", Action::compare, {"a", "b"}},
        {"/v1/project", "POST", Action::project, {"rules"}},
    };
    return all;
}

std::string route_list() {
    std::string list;
    for (const Route& r : routes()) list += (list.empty() ? "" : ", ") + std::string(r.method) + " " + std::string(r.path);
    return list;
}

std::string allowed_methods(const Route& route) {
    return route.method == "GET" ? "GET, HEAD, OPTIONS" : std::string(route.method) + ", OPTIONS";
}

// Splits "a=1&b=2" into its parameters; every one must be one the route takes, given once.
std::optional<Response> parse_query(std::string_view query, const Route& route,
                                    std::map<std::string, std::string>& parameters) {
    std::string takes;
    for (auto p : route.parameters) takes += (takes.empty() ? "" : ", ") + std::string(p);
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view piece = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (piece.empty()) continue;
        std::size_t eq = piece.find('=');
        auto key = percent_decode(piece.substr(0, eq), PlusMeans::space); // '+' is a space, as in HTML forms
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1),
                                    PlusMeans::space);
        if (!key || !value)
            return error_response(400, "the query " + in_quotes(piece) + " is not valid: '%' must be followed by two hex digits");
        if (std::find(route.parameters.begin(), route.parameters.end(), *key) == route.parameters.end())
            return error_response(400, "unknown query parameter " + in_quotes(*key) + "; " + std::string(route.path) +
                                           (takes.empty() ? " takes none" : " takes " + takes));
        if (!parameters.emplace(*key, *value).second)
            return error_response(400, "the query parameter " + in_quotes(*key) + " is given more than once");
    }
    return std::nullopt;
}

// The rule set ?rules=NAME (or another key's) asks for, or the first loaded.
const NamedRules* choose_rules(const RuleSets& rule_sets, const std::map<std::string, std::string>& parameters,
                               std::optional<Response>& failure, const std::string& key = "rules") {
    auto asked = parameters.find(key);
    if (rule_sets.empty()) {
        failure = error_response(404, "no rule set is loaded");
        return nullptr;
    }
    if (asked == parameters.end()) return &rule_sets.front();
    for (const NamedRules& r : rule_sets)
        if (r.name == asked->second) return &r;
    std::string names;
    for (const NamedRules& r : rule_sets) names += (names.empty() ? "" : ", ") + r.name;
    failure = error_response(404, "no rule set named " + in_quotes(asked->second) + "; loaded: " + names);
    return nullptr;
}

// The rules a request evaluates under: chosen by authority through the registry, when one was given.
nlohmann::json list_rules(const RuleSets& rule_sets) {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < rule_sets.size(); ++i)
        list.push_back({{"name", rule_sets[i].name},
                        {"file", rule_sets[i].file},
                        {"default", i == 0},
                        {"rules", rules_to_json(*rule_sets[i].rules)}});
    return {{"rule_sets", list}};
}

// What the history was called in error messages: the JSON paths follow it ("history: care_periods[0]: ...").
constexpr std::string_view source_name = "history";

// POST /v1/statement: JSON, or with format=html the page `carecap statement --format html` writes.
Response statement(const NamedRules& chosen, const Request& request, const std::map<std::string, std::string>& parameters) {
    auto on = parameters.find("on");
    if (on != parameters.end() && on->second.empty())
        return error_response(400, "on= needs a date YYYY-MM-DD (leave it out for the last statement)");
    std::string_view date = on == parameters.end() ? "" : std::string_view(on->second);
    auto format = parameters.find("format");
    if (format == parameters.end() || format->second == "json") {
        JsonResult result = statement_json(choice_of(chosen), request.body, date, source_name);
        if (!result.ok) return rejected(result, "no care account statement could be given");
        return json_response(200, result.json);
    }
    if (format->second != "html")
        return error_response(400, "format=" + in_quotes(format->second) + " is not a format; json (the default) or html");
    std::string html;
    JsonResult result = statement_html(choice_of(chosen), request.body, html, date, source_name);
    if (!result.ok) return rejected(result, "no care account statement could be given");
    return Response{200, "text/html; charset=utf-8", std::move(html), {}};
}

Response evaluate(const NamedRules& chosen, const Request& request, const std::map<std::string, std::string>& parameters,
                  Action action) {
    if (request.body.empty()) return error_response(400, "the request body is empty: send the care history as JSON");
    if (action == Action::evaluate) {
        // figures=a,b: only those outputs (docs/language.md, "Outputs"); figures= with nothing: none.
        auto figures = parameters.find("figures");
        JsonResult result = figures == parameters.end()
                                ? evaluate_json(choice_of(chosen), request.body, source_name)
                                : evaluate_json(choice_of(chosen), request.body, figure_list(figures->second), source_name);
        if (!result.ok) return rejected(result, "the care history could not be evaluated");
        return json_response(200, result.json);
    }
    if (action == Action::explain) {
        std::string text;
        JsonResult result = explain_text(choice_of(chosen), request.body, text, source_name);
        if (!result.ok) return rejected(result, "the care history could not be explained");
        return Response{200, "text/plain; charset=utf-8", std::move(text), {}};
    }
    return statement(chosen, request, parameters);
}

// POST /v1/compare?a=NAME&b=NAME: both named, since which is A and which B is the question asked.
Response compare_route(const RuleSets& rule_sets, const Request& request, const std::map<std::string, std::string>& parameters) {
    if (!parameters.contains("a") || !parameters.contains("b"))
        return error_response(400, "/v1/compare needs a=NAME and b=NAME: the two loaded rule sets to compare (see /v1/rules)");
    std::optional<Response> failure;
    const NamedRules* a = choose_rules(rule_sets, parameters, failure, "a");
    const NamedRules* b = a ? choose_rules(rule_sets, parameters, failure, "b") : nullptr;
    if (!a || !b) return *failure;
    return compare_history(*a, *b, request);
}

// The pages served beside the API (set before serving starts, read only from then on).
std::vector<std::pair<PageRoutes, PageRefusals>> page_services;

// Paths of those pages whose POST works something out: run by a worker with a deadline, as the API's are.
bool page_evaluates(std::string_view path) {
    return !page_services.empty() &&
           (path.starts_with("/self-service") || path == "/v1/account" || path.starts_with("/v1/workbench/"));
}

Response route_request(const RuleSets& rule_sets, const Request& request) {
    for (const auto& service : page_services)
        if (auto page = service.first(rule_sets, request)) return std::move(*page);
    auto route = std::find_if(routes().begin(), routes().end(), [&](const Route& r) { return r.path == request.path; });
    if (route == routes().end())
        return error_response(404, "no route " + in_quotes(request.path) + "; the routes are " + route_list());
    std::string_view method = request.method == "HEAD" ? "GET" : request.method;
    if (method == "OPTIONS") return Response{204, "", "", {{"Allow", allowed_methods(*route)}}};
    if (method != route->method) {
        Response r = error_response(405, std::string(route->path) + " takes " + std::string(route->method) + ", not " +
                                             in_quotes(request.method));
        r.headers.emplace_back("Allow", allowed_methods(*route));
        return r;
    }
    std::map<std::string, std::string> parameters;
    if (auto bad = parse_query(request.query, *route, parameters)) return *bad;

    switch (route->action) {
    case Action::healthz: return json_response(200, {{"status", "ok"}});
    case Action::rules: return json_response(200, list_rules(rule_sets));
    case Action::openapi: return Response{200, "application/json", std::string(openapi_document()), {}};
    case Action::compare: return compare_route(rule_sets, request, parameters);
    default: break;
    }
    std::optional<Response> failure;
    const NamedRules* chosen = choose_rules(rule_sets, parameters, failure);
    if (!chosen) return *failure;
    if (route->action == Action::batch) return batch_caseload(*chosen, request, parameters);
    if (route->action == Action::project) return project_start(*chosen, request);
    return evaluate(*chosen, request, parameters, route->action);
}

bool valid_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.';
    });
}

} // namespace

Response handle_request(const RuleSets& rule_sets, const Request& request) {
    try {
        return route_request(rule_sets, request);
    } catch (const EvaluationCancelled&) {
        return error_response(503, "the evaluation was stopped before it finished");
    } catch (const std::exception& e) {
        return error_response(500, std::string("internal error: ") + e.what());
    } catch (...) {
        return error_response(500, "internal error");
    }
}

void add_page_routes(PageRoutes routes, PageRefusals refusals) { page_services.emplace_back(routes, refusals); }

const NamedRules* rules_asked_for(const RuleSets& rule_sets, const Request& request, std::optional<Response>& failure) {
    const Route takes_rules{request.path, request.method, Action::evaluate, {"rules"}};
    std::map<std::string, std::string> parameters;
    failure = parse_query(request.query, takes_rules, parameters);
    if (failure) return nullptr;
    return choose_rules(rule_sets, parameters, failure);
}

Response refusal_response(std::string_view path, int status, std::string_view message) {
    for (const auto& service : page_services)
        if (service.second && !path.empty())
            if (auto page = service.second(path, status)) return std::move(*page);
    return error_response(status, message);
}

bool is_evaluation(std::string_view method, std::string_view path) {
    if (method != "POST") return false;
    // The assessment's result page, the care account view (cli/selfservice_account.cpp) and the workbench's
    // checks evaluate.
    if (page_evaluates(path)) return true;
    return std::any_of(routes().begin(), routes().end(),
                       [&](const Route& r) { return r.path == path && r.method == "POST"; });
}

std::string_view loggable_path(std::string_view path) {
    for (const Route& r : routes())
        if (r.path == path) return r.path;
    if (page_services.empty()) return "-";
    if (path.starts_with("/self-service")) return "/self-service"; // the pages, not which
    for (std::string_view workbench : {"/workbench", "/v1/workbench/check", "/v1/workbench/compare"})
        if (path == workbench) return workbench;
    return "-";
}

std::string route_methods(std::string_view path) {
    for (const Route& r : routes())
        if (r.path == path) return allowed_methods(r);
    return "";
}

Response error_response(int status, std::string_view message, const std::vector<std::string>& errors) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) list.push_back(e);
    return json_response(status, {{"error", {{"status", status}, {"message", message}, {"errors", list}}}});
}

bool split_rules_option(std::string_view option, std::string& name, std::string& file, std::string& why) {
    std::size_t eq = option.find('=');
    // NAME=FILE only when what precedes '=' could be a name: "./a=b.rules" is a file.
    if (eq != std::string_view::npos && valid_name(option.substr(0, eq))) {
        name = option.substr(0, eq);
        file = option.substr(eq + 1);
    } else {
        file = option;
        std::size_t slash = option.find_last_of('/');
        std::string_view base = slash == std::string_view::npos ? option : option.substr(slash + 1);
        std::size_t dot = base.rfind('.');
        name = dot == std::string_view::npos || dot == 0 ? base : base.substr(0, dot);
    }
    if (file.empty()) {
        why = "--rules " + std::string(option) + ": no file";
        return false;
    }
    if (!valid_name(name)) {
        why = "--rules " + std::string(option) + ": \"" + name +
              "\" cannot be a rule set's name (letters, digits, '_', '-', '.'; at most 64); name it with --rules NAME=FILE";
        return false;
    }
    return true;
}

std::string_view status_text(int status) {
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 100: return "Continue";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
    }
}

RuleChoice choice_of(const NamedRules& named) {
    return named.by_authority ? RuleChoice(*named.by_authority) : RuleChoice(*named.rules);
}

} // namespace carecap::serve
