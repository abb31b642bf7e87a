// fuzz_serve.cpp: libFuzzer target for the request handler of `carecap serve` (cli/serve_handler.cpp).
//
// The input is a request body. It is posted, as `carecap serve` would be sent it, to
//   POST /v1/evaluate?rules=cap, POST /v1/evaluate?rules=reform,
//   POST /v1/explain (the default rule set, cap), POST /v1/statement?rules=reform&on=2025-01-15
// with rules/minimal/cap.rules and rules/england/reform.rules loaded once, as the server loads them.
// An input whose first byte is '@' instead names its own request: the rest of its first line is
// "METHOD /path?query", the remainder the body, so that routing and query decoding are fuzzed too.
//
// Contracts checked on every answer (a broken one aborts, so libFuzzer keeps the input):
//   - the status is one the handler documents (never 500: that is a bug of ours);
//   - a JSON answer parses as JSON, and an error is {"error": {"status": S, "message": ..., "errors": [...]}}
//     with S the answer's own status;
//   - evaluate, explain and statement agree: under one rule set a history explains exactly when it
//     evaluates, and has a statement only if it evaluates.
#include "carecap/carecap.hpp"

#include "cli/serve_handler.h"
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#ifndef CARECAP_SOURCE_DIR
#error "CARECAP_SOURCE_DIR must name the carecap source tree"
#endif

namespace {

using carecap::serve::Request;
using carecap::serve::Response;

std::shared_ptr<const carecap::RuleSet> load_or_die(const std::string& relative) {
    carecap::LoadResult r = carecap::load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/" + relative);
    if (!r.rules) {
        std::fprintf(stderr, "fuzz_serve: cannot load %s:\n%s\n", relative.c_str(),
                     carecap::render(r.diagnostics).c_str());
        std::abort();
    }
    return r.rules;
}

const carecap::serve::RuleSets& rule_sets() {
    static const carecap::serve::RuleSets all = {
        {"cap", "rules/minimal/cap.rules", load_or_die("rules/minimal/cap.rules")},
        {"reform", "rules/england/reform.rules", load_or_die("rules/england/reform.rules")},
    };
    return all;
}

[[noreturn]] void invariant_broken(const char* what, const Response& r) {
    std::fprintf(stderr, "fuzz_serve: %s (status %d)\n%.2000s\n", what, r.status, r.body.c_str());
    std::abort();
}

Response answer(std::string_view method, std::string_view target, std::string_view body) {
    std::size_t question = target.find('?');
    Request request{method, target.substr(0, question),
                    question == std::string_view::npos ? std::string_view{} : target.substr(question + 1), body};
    Response r = carecap::serve::handle_request(rule_sets(), request);

    switch (r.status) {
    case 200: case 204: case 400: case 404: case 405: break;
    default: invariant_broken("a status the handler never gives", r);
    }
    if (r.content_type == "application/json") {
        if (!nlohmann::json::accept(r.body)) invariant_broken("a JSON answer that is not JSON", r);
        if (r.status >= 400) {
            nlohmann::json j = nlohmann::json::parse(r.body);
            const auto& e = j.contains("error") ? j["error"] : j;
            if (!j.contains("error") || !e.is_object() || !e.contains("status") || e["status"] != r.status ||
                !e.contains("message") || !e["message"].is_string() || !e.contains("errors") || !e["errors"].is_array())
                invariant_broken("an error answer of the wrong shape", r);
        }
    } else if (r.status >= 400) {
        invariant_broken("an error answer that is not JSON", r);
    }
    return r;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    rule_sets(); // load once, before the first input, and fail loudly if the rules are broken
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    if (input.starts_with('@')) {
        std::size_t eol = input.find('\n');
        std::string_view line = input.substr(1, eol == std::string_view::npos ? std::string_view::npos : eol - 1);
        std::string_view body = eol == std::string_view::npos ? std::string_view{} : input.substr(eol + 1);
        std::size_t space = line.find(' ');
        if (space == std::string_view::npos) return 0;
        answer(line.substr(0, space), line.substr(space + 1), body);
        return 0;
    }

    Response cap = answer("POST", "/v1/evaluate?rules=cap", input);
    Response reform = answer("POST", "/v1/evaluate?rules=reform", input);
    Response explained = answer("POST", "/v1/explain", input);
    Response statement = answer("POST", "/v1/statement?rules=reform&on=2025-01-15", input);
    if ((explained.status == 200) != (cap.status == 200))
        invariant_broken("explain and evaluate disagree under the same rules", explained);
    if (explained.status == 200 && explained.content_type != "text/plain; charset=utf-8")
        invariant_broken("an explanation that is not text", explained);
    if (statement.status == 200 && reform.status != 200)
        invariant_broken("a statement of a history that does not evaluate", statement);
    return 0;
}
