// serve_access.h: who may read the answers of `carecap serve` from a web page (CORS, for the origins given by
// --allow-origin only), and the access log (--access-log): one line per answer with the method, the route,
// the status, the bytes of the body and the time taken; never a body, a query string, an address or
// anything else a person could be known by. docs/serve.md, "CORS" and "Access log".
#pragma once

#include "cli/serve_handler.h"
#include "cli/serve_http.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::serve {

// Whether `origin` may be given to --allow-origin: scheme://host or scheme://host:port, http or https,
// nothing after (no path, no trailing '/'); false, with the reason, if not.
bool valid_origin(std::string_view origin, std::string& why);

// A preflight (OPTIONS with Access-Control-Request-Method) from an allowed origin: answered without the
// bearer token, which a browser never sends on one.
bool is_cors_preflight(const http::Head& head, const std::vector<std::string>& allowed);

// The CORS fields of an answer to `head`: none unless its Origin is one allowed; a preflight gets the
// methods and request fields it may use too.
void add_cors_headers(std::vector<std::pair<std::string, std::string>>& headers, const http::Head& head,
                      const std::vector<std::string>& allowed);

// One line of the access log: "2026-12-07T17:12:03Z POST /v1/evaluate 200 2817 12ms". `file` null: no log.
void log_access(std::FILE* file, std::string_view method, std::string_view path, int status, std::uint64_t bytes,
                std::chrono::milliseconds took);

} // namespace carecap::serve
