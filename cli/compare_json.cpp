// compare_json.cpp: see compare_json.h.
#include "cli/compare_json.h"

#include "lang/rule_set.h"

namespace carecap::cli {
namespace {

nlohmann::json rules_json(const std::string& path, const RuleSet& r) {
    return {{"file", path}, {"name", r.header().name}, {"version", r.header().version},
            {"in_force", r.header().in_force.to_string()}, {"hash", r.content_hash}};
}

nlohmann::json cause_json(const Cause& cause) {
    nlohmann::json j = {{"kind", std::string(to_string(cause.kind))}};
    if (cause.kind == Cause::Kind::earlier) {
        j["note"] = cause.note;
        return j;
    }
    j["name"] = cause.name;
    if (cause.on) j["on"] = cause.on->to_string();
    j["a"] = cause_side_json(cause.a);
    j["b"] = cause_side_json(cause.b);
    return j;
}

} // namespace

nlohmann::json cause_side_json(const CauseSide& s) {
    if (!s.declared) return nullptr;
    return {{"text", s.text}, {"where", s.where}};
}

nlohmann::json comparison_json(const Comparison& c) {
    nlohmann::json differences = nlohmann::json::array();
    for (const Difference& d : c.differences) {
        nlohmann::json causes = nlohmann::json::array();
        for (const Cause& cause : d.causes) causes.push_back(cause_json(cause));
        nlohmann::json j = {{"figure", std::string(to_string(d.figure))}, {"meter", d.meter}, {"from", d.from.to_string()},
                            {"to", d.to.to_string()}, {"a", d.a}, {"b", d.b}, {"causes", causes}};
        if (!d.item.empty()) j["item"] = d.item;
        differences.push_back(j);
    }
    return differences;
}

nlohmann::json compare_document(const std::string& path_a, const RuleSet& a, const std::string& path_b,
                                const RuleSet& b, nlohmann::json histories, bool differ) {
    nlohmann::json declarations = nlohmann::json::array();
    for (const DeclarationDifference& d : compare_declarations(a, b))
        declarations.push_back(
            {{"what", d.what}, {"name", d.name}, {"a", cause_side_json(d.a)}, {"b", cause_side_json(d.b)}});
    return {{"carecap_compare", 1},
            {"a", rules_json(path_a, a)},
            {"b", rules_json(path_b, b)},
            {"money", {{"shown_to", "0.01"}, {"rounding", "half_up"}}},
            {"declarations", declarations},
            {"histories", std::move(histories)},
            {"differ", differ}};
}

} // namespace carecap::cli
