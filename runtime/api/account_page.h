// account_page.h: the care account view for a host that holds a history as JSON text
// (docs/care-account-view.md); what `carecap serve` answers on /v1/account and /self-service/account.
#pragma once

#include "carecap/carecap.hpp"

#include <string>
#include <string_view>

namespace carecap {

// The care account as a page that reads like a bank statement: each entry with its dates, what counted
// towards the cap and why, the running total, the adjustments and their reasons, the council's spending,
// and the latest statement's seven items with its chart. `html` is set when ok; a history that cannot be
// read or evaluated gives its errors, each with its JSON path or rule location.
JsonResult account_html(const RuleChoice& rules, std::string_view history_json, std::string& html,
                        std::string_view source_name = "history");

} // namespace carecap
