// selfservice.h: `carecap serve --self-service AUTHORITY`, the online financial assessment served beside
// the API (docs/self-service.md).
#pragma once

#include "cli/serve_handler.h"

#include <optional>
#include <string>

namespace carecap::selfservice {

// Serves the assessment's pages (/self-service) for `authority`, whose rules the registry names. Call
// once, before serving starts.
void enable(std::string authority);

// A page as every self-service page is sent: never cached or sent on, no script, nothing sniffed.
serve::Response html_response(int status, std::string body);

// The care account view (cli/selfservice_account.cpp, docs/care-account-view.md): the form at
// /self-service/account and POST /v1/account. Nothing for any other path.
std::optional<serve::Response> account_route(const serve::RuleSets& rule_sets, const serve::Request& request);

} // namespace carecap::selfservice
