// explain_render.h: `carecap explain`'s renderings of the derivation of every figure
// (docs/explain.md): as text, as the versioned JSON tree, and the text around the stretches.
#pragma once

#include "runtime/evaluation/account.h"

#include <nlohmann/json.hpp>
#include <string>

namespace carecap {

struct Explanation;

// The version of the JSON tree `carecap explain --format json` writes ("carecap_explain": 1).
inline constexpr int explain_format_version = 1;

// The explanation as text, and as the versioned JSON tree.
std::string explain_to_text(const Explanation& explanation);
nlohmann::json explain_to_json(const Explanation& explanation);

// The parts of the text around the stretches: whose account, under which rules; the answer (each
// meter's total, before the stretches); and after them the statements and the sources cited.
std::string explain_heading(const Account& account);
std::string explain_answer(const Account& account);
std::string explain_statements(const Account& account);
std::string explain_sources(const Account& account);

// The whole account explained as text (heading, every stretch, closing): each figure with the rule,
// file:line and citation behind it. An account explain cannot work out gets its heading and the errors.
std::string explain_account(const Account& account);

} // namespace carecap
