// api_statement.cpp: statement_json of include/carecap/carecap.hpp, the care account statement on a date.
#include "carecap/carecap.hpp"

#include "runtime/date.h"

namespace carecap {

JsonResult statement_json(const RuleSet& rules, std::string_view history_json, std::string_view on_date,
                          std::string_view source_name) {
    std::optional<Date> on;
    if (!on_date.empty()) {
        on = Date::parse(std::string(on_date));
        if (!on) {
            JsonResult bad;
            bad.errors.push_back("on: expected a date YYYY-MM-DD, not \"" + std::string(on_date) + "\"");
            return bad;
        }
    }
    JsonResult result = evaluate_json(rules, history_json, source_name);
    if (!result.ok) return result;
    // Statements are in date order; take the last one issued on or before the date asked for.
    const nlohmann::json* chosen = nullptr;
    for (const auto& s : result.json["statements"]) {
        if (!s.value("issued", false)) continue;
        if (on && s["date"].get<std::string>() > on->to_string()) break;
        chosen = &s;
    }
    JsonResult out;
    if (!chosen) {
        out.errors.push_back(std::string(source_name) + ": no care account statement is issued " +
                             (on ? "on or before " + on->to_string() : std::string("in this history")));
        return out;
    }
    out.json = {{"carecap_statement", 1},
                {"rules", result.json["rules"]},
                {"person", result.json["person"]},
                {"statement", *chosen}};
    out.ok = true;
    return out;
}

} // namespace carecap
