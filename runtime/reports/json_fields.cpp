// json_fields.cpp: money and the rules' header, as every JSON form writes them.
#include "runtime/reports/json_fields.h"

#include "stdlib/format.h"

namespace carecap {

void put_money(nlohmann::json& j, const std::string& key, const Decimal& amount) {
    j[key] = plain_money(amount);
    if (!(amount * Decimal(100)).is_integer()) j[key + "_exact"] = amount.to_exact();
}

nlohmann::json rules_to_json(const RuleSet& rules) {
    const Header& h = rules.header();
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : rules.files) files.push_back(f->source->name);
    return {{"name", h.name},     {"version", h.version},       {"in_force", h.in_force.to_string()},
            {"source", h.source}, {"hash", rules.content_hash}, {"files", files}};
}

} // namespace carecap
