// serve_handler_test.cpp: cli/serve_handler.cpp without HTTP: routing, methods, the query, the choice of
// rule set, the shape of errors, and the names --rules gives. The answers themselves are compared with the
// command line's by serve_test.py; here the expectations are the documented behaviour (docs/serve.md).
#include "carecap/carecap.hpp"

#include "cli/serve_handler.h"
#include "tests/serve/serve_fixtures.h"
#include "runtime/evaluation/cancel.h"
#include "runtime/evaluation/inputs.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <fstream>
#include <sstream>

using carecap::serve::handle_request;
using carecap::serve::Request;
using carecap::serve::Response;
using carecap::serve::RuleSets;
using serve_fixtures::cap_and_reform;
using serve_fixtures::source_text;

namespace {

Response ask(std::string_view method, std::string_view path, std::string_view query = {}, std::string_view body = {}) {
    return handle_request(cap_and_reform(), Request{method, path, query, body});
}

// The {"error": ...} object, after checking that the answer is one.
nlohmann::json error_of(const Response& r, int status) {
    CHECK(r.status == status);
    CHECK(r.content_type == "application/json");
    auto j = nlohmann::json::parse(r.body);
    REQUIRE(j.contains("error"));
    CHECK(j["error"]["status"] == status);
    CHECK(j["error"]["message"].is_string());
    CHECK(j["error"]["errors"].is_array());
    return j["error"];
}

const std::string three_periods = source_text("examples/minimal/three-periods.json");

} // namespace

TEST_CASE("serve: GET routes, and HEAD and OPTIONS") {
    Response health = ask("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(nlohmann::json::parse(health.body) == nlohmann::json{{"status", "ok"}});
    CHECK(ask("HEAD", "/healthz").status == 200);

    Response rules = ask("GET", "/v1/rules");
    REQUIRE(rules.status == 200);
    auto listed = nlohmann::json::parse(rules.body)["rule_sets"];
    REQUIRE(listed.size() == 2);
    CHECK(listed[0]["name"] == "cap");
    CHECK(listed[0]["default"] == true);
    CHECK(listed[1]["file"] == "rules/england/reform.rules");
    CHECK(listed[1]["rules"]["name"] == "england.reform");

    Response options = ask("OPTIONS", "/v1/statement");
    CHECK(options.status == 204);
    REQUIRE(options.headers.size() == 1);
    CHECK(options.headers[0] == std::pair<std::string, std::string>{"Allow", "POST, OPTIONS"});
}

TEST_CASE("serve: unknown routes are 404, wrong methods 405 with Allow") {
    auto e = error_of(ask("GET", "/v1/evaluat"), 404);
    CHECK(e["message"].get<std::string>().find("POST /v1/evaluate") != std::string::npos);
    Response wrong = ask("GET", "/v1/evaluate");
    error_of(wrong, 405);
    REQUIRE(wrong.headers.size() == 1);
    CHECK(wrong.headers[0].second == "POST, OPTIONS");
    error_of(ask("POST", "/healthz", {}, "{}"), 405);
    error_of(ask("PUT", "/v1/rules"), 405);
    error_of(ask("HEAD", "/v1/explain"), 405); // HEAD is a GET without the body: explain is POST only
    // A path far too long is cut in the message, not echoed whole.
    auto long_path = "/" + std::string(100000, 'x');
    CHECK(ask("GET", long_path).body.size() < 1000);
}

TEST_CASE("serve: the query chooses the rule set, percent-decoded") {
    auto by_default = ask("POST", "/v1/evaluate", {}, three_periods);
    REQUIRE(by_default.status == 200);
    CHECK(nlohmann::json::parse(by_default.body)["rules"]["name"] == "demo.minimal_cap");
    // %72 is 'r', %65 'e': "reform".
    auto reform = ask("POST", "/v1/evaluate", "rules=%72%65form", three_periods);
    REQUIRE(reform.status == 200);
    CHECK(nlohmann::json::parse(reform.body)["rules"]["name"] == "england.reform");
    CHECK(ask("POST", "/v1/evaluate", "&&rules=cap&", three_periods).status == 200); // empty pieces are nothing

    auto unknown = error_of(ask("POST", "/v1/evaluate", "rules=wales", three_periods), 404);
    CHECK(unknown["message"] == "no rule set named \"wales\"; loaded: cap, reform");
    // '+' is a space, so "re+form" names "re form", which is not loaded.
    error_of(ask("POST", "/v1/evaluate", "rules=re+form", three_periods), 404);
    for (std::string_view bad : {"rules=%", "rules=%7", "rules=%zz", "on=2024-01-01", "rules=cap&rules=cap"})
        error_of(ask("POST", "/v1/evaluate", bad, three_periods), 400);
    CHECK(ask("POST", "/v1/statement", "on=2025-01-15&rules=reform", source_text("examples/england/statements.json")).status == 200);
    error_of(ask("GET", "/healthz", "verbose=1"), 400);
}

TEST_CASE("serve: evaluate is the JSON of carecap eval, byte for byte; explain is plain text") {
    auto result = carecap::evaluate_json(*cap_and_reform()[0].rules, three_periods, "history");
    REQUIRE(result.ok);
    Response r = ask("POST", "/v1/evaluate", {}, three_periods);
    CHECK(r.body == result.json.dump(2) + "\n"); // as cli/main.cpp prints it
    Response text = ask("POST", "/v1/explain", "rules=cap", three_periods);
    CHECK(text.status == 200);
    CHECK(text.content_type == "text/plain; charset=utf-8");
    CHECK(text.body.find("reached on 2026-08-01") != std::string::npos); // as the cli_explain test expects
}

TEST_CASE("serve: figures= chooses the outputs, as eval --figures does") {
    const std::string history = source_text("examples/england/reaching-the-cap.json");
    auto all = nlohmann::json::parse(ask("POST", "/v1/evaluate", "rules=reform", history).body);
    auto one = ask("POST", "/v1/evaluate", "rules=reform&figures=person_pays", history);
    REQUIRE(one.status == 200);
    auto chosen = nlohmann::json::parse(one.body);
    CHECK(chosen["figure_totals"]["person_pays"] == all["figure_totals"]["person_pays"]);
    // reaching-the-cap gives no financial assessment, so the means test's outputs are left out; those
    // the history can give are person_pays, authority_pays and metered_rate (docs/result.md).
    CHECK(all["figure_totals"].contains("authority_pays"));
    CHECK_FALSE(chosen["figure_totals"].contains("authority_pays"));
    auto none = nlohmann::json::parse(ask("POST", "/v1/evaluate", "rules=reform&figures=", history).body);
    CHECK_FALSE(none.contains("figure_totals"));
    auto wrong = error_of(ask("POST", "/v1/evaluate", "rules=reform&figures=person_pay", history), 400);
    CHECK(wrong["errors"] == nlohmann::json::array({"unknown figure `person_pay`: did you mean `person_pays`?"}));
}

TEST_CASE("serve: a bad history is a 400 whose errors are evaluate_json's") {
    auto bad = source_text("tests/golden/history/overlapping_periods.json");
    auto e = error_of(ask("POST", "/v1/evaluate", {}, bad), 400);
    CHECK(e["errors"] == nlohmann::json::array(
                             {"history: care_periods[1]: overlaps care_periods[0] (2023-10-01 to 2024-09-29)"}));
    error_of(ask("POST", "/v1/evaluate", {}, ""), 400);
    error_of(ask("POST", "/v1/explain", {}, "\xff\xfe not JSON"), 400);
    // Bytes that are not UTF-8 quoted back in a message must still give valid JSON.
    auto quoted = error_of(ask("POST", "/v1/evaluate", "rules=%ff", three_periods), 404);
    CHECK(quoted["message"].get<std::string>().find("no rule set named") == 0);
    auto on = error_of(ask("POST", "/v1/statement", "on=", three_periods), 400);
    CHECK(on["message"].get<std::string>().find("on= needs a date") == 0);
}

TEST_CASE("serve: --rules NAME=FILE, or a name from the file") {
    std::string name, file, why;
    CHECK(carecap::serve::split_rules_option("rules/england/reform.rules", name, file, why));
    CHECK(name == "reform");
    CHECK(file == "rules/england/reform.rules");
    CHECK(carecap::serve::split_rules_option("now=rules/england/current.rules", name, file, why));
    CHECK(name == "now");
    CHECK(file == "rules/england/current.rules");
    // What precedes '=' has a '/', so it is not a name: the whole is a file, and its own name "odd=name"
    // cannot be asked for in a query ('=' is not allowed), so it must be named.
    CHECK_FALSE(carecap::serve::split_rules_option("./odd=name.rules", name, file, why));
    CHECK(why.find("--rules NAME=FILE") != std::string::npos);
    CHECK(carecap::serve::split_rules_option("odd=./odd=name.rules", name, file, why));
    CHECK(name == "odd");
    CHECK(file == "./odd=name.rules");
    CHECK_FALSE(carecap::serve::split_rules_option("x=", name, file, why));
    CHECK(why.find("no file") != std::string::npos);
    CHECK_FALSE(carecap::serve::split_rules_option("rules/my rules.rules", name, file, why)); // a space
}

TEST_CASE("serve: an evaluation stopped from outside is a 503, and only evaluations go to the workers") {
    std::atomic<bool> stop{true}; // set before the evaluation starts: it stops at its first step
    {
        carecap::CancelScope scope(stop);
        error_of(ask("POST", "/v1/evaluate", "rules=cap", three_periods), 503);
        error_of(ask("POST", "/v1/explain", "rules=cap", three_periods), 503);
        // What evaluates nothing is not stopped: the flag is the evaluator's alone.
        CHECK(ask("GET", "/healthz").status == 200);
    }
    // Out of the scope the flag no longer applies, and the same request is answered in full.
    CHECK(ask("POST", "/v1/evaluate", "rules=cap", three_periods).status == 200);
    CHECK(carecap::serve::is_evaluation("POST", "/v1/statement"));
    CHECK(!carecap::serve::is_evaluation("GET", "/v1/evaluate"));
    CHECK(!carecap::serve::is_evaluation("POST", "/healthz"));
    CHECK(!carecap::serve::is_evaluation("GET", "/v1/rules"));
}
