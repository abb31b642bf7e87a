// selfservice.h: `carecap serve --self-service AUTHORITY`, the online financial assessment served beside
// the API (docs/self-service.md).
#pragma once

#include "cli/serve_handler.h"

#include <string>

namespace carecap::selfservice {

// Serves the assessment's pages (/self-service) for `authority`, whose rules the registry names. Call
// once, before serving starts.
void enable(std::string authority);

} // namespace carecap::selfservice
