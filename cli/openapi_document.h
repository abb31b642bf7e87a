// openapi_document.h: docs/openapi.json, the OpenAPI 3.1 description of `carecap serve`, as the service
// serves it at GET /v1/openapi.json. The text is embedded at build time from that file (CMake writes
// openapi_document.cpp from cli/openapi_document.cpp.in), so the document kept in docs/ and the one served
// are the same bytes.
#pragma once

#include <string_view>

namespace carecap::serve {

std::string_view openapi_document();

} // namespace carecap::serve
