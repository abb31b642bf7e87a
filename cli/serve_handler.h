// serve_handler.h: what `carecap serve` answers, apart from HTTP itself.
//
// handle_request maps one request (method, path, raw query string, body) to one response (status,
// content type, body), with no sockets and no httplib: cli/serve.cpp does the wiring, and the unit of
// this file can be tested and fuzzed on its own (tests/serve, tests/fuzz/fuzz_serve.cpp). docs/serve.md
// describes every route and error.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carecap {
struct RuleSet;
class AuthorityRules;
struct RuleChoice;
}

namespace carecap::serve {

// A rule set loaded at start-up, chosen per request by ?rules=NAME.
struct NamedRules {
    std::string name;                     // what ?rules= says
    std::string file;                     // the path it was loaded from, as given
    std::shared_ptr<const RuleSet> rules; // immutable: shared by every request at once
    std::shared_ptr<const AuthorityRules> by_authority; // the same rules bound to --registry, if given
};

// Every rule set the service offers; the first is the default. Never changed once serving starts, so
// requests on many threads may read it at the same time without a lock.
using RuleSets = std::vector<NamedRules>;

// The rules a request is worked out under: bound to the registry where --registry was given.
RuleChoice choice_of(const NamedRules& named);

// Where an answer too long to hold whole goes, piece by piece (POST /v1/batch): the server's sends each
// piece on as it comes (cli/serve_workers.cpp); without one, the handler gathers the pieces into the body.
class AnswerStream {
public:
    virtual ~AnswerStream() = default;
    // A 200 answer of this type whose body follows; once, before the first piece.
    virtual void begin(std::string_view content_type) = 0;
    // One piece of the body. False when it is no longer wanted (the client went, the deadline passed):
    // the handler then stops.
    virtual bool write(std::string_view piece) = 0;
};

struct Request {
    std::string_view method; // "GET", "HEAD", "POST", ...
    std::string_view path;   // "/v1/evaluate", without the query
    std::string_view query;  // what follows '?', still percent-encoded ("rules=reform&on=2024-10-01")
    std::string_view body;
    AnswerStream* stream = nullptr; // where a streamed answer goes; null: into Response::body
};

struct Response {
    int status = 200;
    std::string content_type;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // further headers (Allow on a 405)
    bool streamed = false; // the body went to Request::stream, whole: only status and type are here
};

// Answers one request. Never throws: a failure of ours is a 500 JSON error; an evaluation stopped from
// outside (runtime/evaluation/cancel.h: a deadline, a stop) is a 503.
Response handle_request(const RuleSets& rule_sets, const Request& request);

// Pages served beside the API, tried before its routes: the online financial assessment of
// `--self-service` (cli/selfservice.cpp) and the analysts' workbench of `--workbench` (cli/workbench.cpp).
// Nothing for a path they do not serve. Added once each, before serving starts; the handler alone (tests,
// fuzz_serve) has none.
using PageRoutes = std::optional<Response> (*)(const RuleSets& rule_sets, const Request& request);
// What those pages answer to a request refused before it was handled (a body over --max-body, a request
// too slow to arrive): a page a person's browser shows, or nothing for a path they do not serve.
using PageRefusals = std::optional<Response> (*)(std::string_view path, int status);
// `refusals` may be null: the JSON error then.
void add_page_routes(PageRoutes routes, PageRefusals refusals);

// The answer to a request refused before it was handled: the JSON error, or the pages' own for their paths
// (`path` is "" when the request line itself could not be read).
Response refusal_response(std::string_view path, int status, std::string_view message);

// Whether the request is one that evaluates (a POST to any route: /v1/evaluate, /v1/batch, ...): those
// are the costly ones, run by a worker with a deadline; the rest are cheap.
bool is_evaluation(std::string_view method, std::string_view path);

// The path as the access log may show it: a route's own path, or "-" for any other (a path a client
// made up may hold anything, a name included).
std::string_view loggable_path(std::string_view path);

// The methods a route takes ("POST, OPTIONS"), for a CORS preflight; "" for a path that is no route.
std::string route_methods(std::string_view path);

// The rule set a request names by ?rules=NAME, the only query parameter it may carry (the default without
// it), for routes served beside the API; null, with the 400 or 404 in `failure`, when there is none.
const NamedRules* rules_asked_for(const RuleSets& rule_sets, const Request& request, std::optional<Response>& failure);

// The JSON error body every failure carries:
//   {"error": {"status": 400, "message": "...", "errors": ["history: care_periods[0]: ..."]}}
Response error_response(int status, std::string_view message, const std::vector<std::string>& errors = {});

// The name a rule set gets from `--rules NAME=FILE`, or from the file alone (its name without the
// directory or the extension). Returns false, with the reason, for a name that could not be asked for.
bool split_rules_option(std::string_view option, std::string& name, std::string& file, std::string& why);

// The standard reason phrase of a status ("Not Found"), for messages.
std::string_view status_text(int status);

} // namespace carecap::serve
