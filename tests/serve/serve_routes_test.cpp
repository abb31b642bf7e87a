// serve_routes_test.cpp: the routes added for the OpenAPI-described service (docs/serve.md), through
// cli/serve_handler.cpp without HTTP: the document served, batch with and without a stream, compare's
// query, the statement's format, and what the access log may show of a path. serve_openapi
// (tests/openapi) checks the same routes over HTTP against docs/openapi.json and the commands.
#include "carecap/carecap.hpp"

#include "cli/serve_handler.h"
#include "tests/serve/serve_fixtures.h"
#include "runtime/reports/result.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using carecap::serve::AnswerStream;
using carecap::serve::handle_request;
using carecap::serve::Request;
using carecap::serve::Response;
using carecap::serve::RuleSets;
using serve_fixtures::cap_and_reform;
using serve_fixtures::source_text;

namespace {

// A stream that takes `room` pieces and then says the answer is no longer wanted.
class ShortStream : public AnswerStream {
public:
    explicit ShortStream(int room) : room_(room) {}
    void begin(std::string_view content_type) override { type = content_type; }
    bool write(std::string_view piece) override {
        if (room_-- <= 0) return false;
        pieces.emplace_back(piece);
        return true;
    }
    std::string type;
    std::vector<std::string> pieces;

private:
    int room_;
};

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n') c = ' ';
    return text;
}

} // namespace

TEST_CASE("serve routes: GET /v1/openapi.json is docs/openapi.json, byte for byte") {
    Response r = handle_request(cap_and_reform(), Request{"GET", "/v1/openapi.json", "", ""});
    CHECK(r.status == 200);
    CHECK(r.content_type == "application/json");
    CHECK(r.body == source_text("docs/openapi.json"));
}

TEST_CASE("serve routes: batch answers each record in order, errors by line, blank lines none") {
    const std::string history = one_line(source_text("examples/minimal/three-periods.json"));
    // Lines: 1 a history, 2 blank, 3 not JSON, 4 the history again.
    const std::string caseload = history + "\n\nnot json\n" + history + "\n";
    Response r = handle_request(cap_and_reform(), Request{"POST", "/v1/batch", "rules=cap", caseload});
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "application/x-ndjson");
    CHECK(!r.streamed); // no stream given: gathered into the body
    auto result = carecap::evaluate_json(*cap_and_reform()[0].rules, history, "caseload:1");
    REQUIRE(result.ok);
    const std::string first = carecap::json_text(result.json, true);
    REQUIRE(r.body.size() > 2 * first.size());
    CHECK(r.body.substr(0, first.size()) == first);
    std::string rest = r.body.substr(first.size());
    CHECK(rest.rfind("{\"line\":3,\"errors\":[\"", 0) == 0); // docs/batch.md: the line number first
    CHECK(std::count(r.body.begin(), r.body.end(), '\n') == 3);

    ShortStream stream(1); // takes the first line only: the handler stops there
    Response cut = handle_request(cap_and_reform(), Request{"POST", "/v1/batch", "rules=cap", caseload, &stream});
    CHECK(cut.status == 503);
    CHECK(stream.type == "application/x-ndjson");
    REQUIRE(stream.pieces.size() == 1);
    CHECK(stream.pieces[0] == first);

    ShortStream all(10);
    Response streamed = handle_request(cap_and_reform(), Request{"POST", "/v1/batch", "rules=cap", caseload, &all});
    CHECK(streamed.status == 200);
    CHECK(streamed.streamed);
    CHECK(streamed.body.empty());
    CHECK(all.pieces.size() == 3);

    Response unknown = handle_request(cap_and_reform(), Request{"POST", "/v1/batch", "rules=cap&figures=nope", caseload});
    CHECK(unknown.status == 400);
}

TEST_CASE("serve routes: compare needs a= and b=, each a loaded rule set") {
    const std::string history = source_text("examples/minimal/three-periods.json");
    CHECK(handle_request(cap_and_reform(), Request{"POST", "/v1/compare", "a=cap", history}).status == 400);
    CHECK(handle_request(cap_and_reform(), Request{"POST", "/v1/compare", "a=cap&b=nope", history}).status == 404);
    CHECK(handle_request(cap_and_reform(), Request{"POST", "/v1/compare", "a=cap&b=cap", ""}).status == 400);
    Response same = handle_request(cap_and_reform(), Request{"POST", "/v1/compare", "a=cap&b=cap", history});
    REQUIRE(same.status == 200);
    auto j = nlohmann::json::parse(same.body);
    CHECK(j["differ"] == false); // the same rules on both sides differ nowhere
    CHECK(j["histories"][0]["history"] == "history");
}

TEST_CASE("serve routes: the statement's format, and what the log may show") {
    const std::string history = source_text("examples/england/statements.json");
    CHECK(handle_request(cap_and_reform(), Request{"POST", "/v1/statement", "rules=reform&format=pdf", history}).status == 400);
    Response page = handle_request(cap_and_reform(), Request{"POST", "/v1/statement", "rules=reform&format=html", history});
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(carecap::serve::loggable_path("/v1/batch") == "/v1/batch");
    CHECK(carecap::serve::loggable_path("/v1/evaluate/jane-doe") == "-");
    CHECK(carecap::serve::route_methods("/v1/compare") == "POST, OPTIONS");
    CHECK(carecap::serve::route_methods("/nowhere").empty());
    CHECK(carecap::serve::is_evaluation("POST", "/v1/batch"));
}
