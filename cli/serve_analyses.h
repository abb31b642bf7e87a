// serve_analyses.h: what the service's analysis routes answer (docs/serve.md): POST /v1/compare (one history
// under two rule sets, as `carecap compare --format json`), POST /v1/project (a starting position spent
// down, as `carecap project --format json`) and POST /v1/batch (a caseload of JSON lines, answered line by
// line in input order, as `carecap batch`). cli/serve_handler.cpp routes to them.
#pragma once

#include "cli/serve_handler.h"

#include <map>
#include <string>
#include <vector>

namespace carecap {
struct JsonResult;
}

namespace carecap::serve {

using Parameters = std::map<std::string, std::string>;

// The 400 for a request whose body the engine refused: `errors` are its messages, one a line.
Response rejected(const JsonResult& result, std::string_view message);

// "a,b" as its names; empty pieces are dropped, so "" is no name at all.
std::vector<std::string> figure_list(const std::string& text);

Response compare_history(const NamedRules& a, const NamedRules& b, const Request& request);
Response project_start(const NamedRules& chosen, const Request& request);
Response batch_caseload(const NamedRules& chosen, const Request& request, const Parameters& parameters);

} // namespace carecap::serve
