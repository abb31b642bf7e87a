// result.h: the result of evaluating a care history (docs/result.md) and of a projection:
// as JSON (for hosts) and as plain English (for people).
#pragma once

#include "runtime/evaluation/account.h"
#include "runtime/evaluation/projection.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace carecap {

inline constexpr int result_format_version = 1;

// JSON as the command line, the service and the C interface print it, so that each gives the same bytes:
// indented by two spaces (or on one line when compact), a final newline, and any byte that is not UTF-8 (a
// message may quote the input) replaced rather than thrown over. Json is nlohmann::json or ordered_json.
template <class Json>
std::string json_text(const Json& json, bool compact = false) {
    return json.dump(compact ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The versioned JSON result; its fields are documented in docs/result.md.
nlohmann::json account_to_json(const Account& account);

// The same result as one line of JSON with its newline, written directly rather than through a JSON tree:
// byte for byte json_text(account_to_json(account), true) (runtime/reports/report_stream.cpp).
std::string account_to_json_line(const Account& account);

// One line of `carecap batch --compact` (docs/batch.md): the person, each meter's total and the day it
// reached its ceiling (or -), then the total of each output in `figures` (or -), separated by tabs.
std::string account_to_compact_line(const Account& account, const std::vector<std::string>& figures);

// Every rule set an account was evaluated under, with the authorities and stretches each
// covered: only for rules chosen through a registry (Account::chosen_by_authority), else null.
nlohmann::json rule_sets_to_json(const Account& account);

// A projection: the summary, and every week when asked.
nlohmann::json projection_to_json(const ProjectionResult& projection);
std::string projection_to_text(const ProjectionResult& projection, bool every_week);

} // namespace carecap
