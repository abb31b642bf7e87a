// figures.cpp: the declared outputs in a result (runtime/reports/figures.h).
#include "runtime/reports/figures.h"

#include "runtime/reports/json_fields.h"
#include "stdlib/format.h"

#include <algorithm>

namespace carecap {

std::string figure_member_name(const RuleSet& rules, const OutputName& output, const EnumValue& value) {
    auto e = rules.enums.find(output.definition->type.resolved.enumeration);
    if (e == rules.enums.end() || value.index >= e->second->members.size()) return "?";
    return e->second->members[value.index].name;
}

void put_figure(nlohmann::json& j, const std::string& key, const RuleSet& rules, const OutputName& output,
                const Value& value) {
    const Type& type = output.definition->type.resolved;
    if (const Decimal* d = std::get_if<Decimal>(&value)) {
        if (type.kind == Kind::money || type.kind == Kind::rate) put_money(j, key, *d);
        else if (type.kind == Kind::percent) j[key] = percent(*d);
        else j[key] = d->to_exact();
    } else if (const Date* day = std::get_if<Date>(&value)) {
        j[key] = day->to_string();
    } else if (const bool* b = std::get_if<bool>(&value)) {
        j[key] = *b;
    } else {
        j[key] = figure_member_name(rules, output, std::get<EnumValue>(value));
    }
}

std::vector<FigureTotal> figure_totals(const Account& account) {
    std::vector<FigureTotal> totals;
    for (const Stretch& s : account.stretches)
        for (const auto& [output, value] : s.figures) {
            const Type& type = output->definition->type.resolved;
            if (type.kind != Kind::rate || type.per == Per::year) continue;
            Decimal days(s.days());
            Decimal amount = decimal_of(value) * (type.per == Per::week ? days / Decimal(7) : days);
            // A name, not the structured binding, goes into the lambda: clang 14 (the fuzz build) refuses to
            // capture a structured binding.
            const std::string& name = output->name;
            auto it = std::find_if(totals.begin(), totals.end(), [&](const FigureTotal& t) { return t.name == name; });
            if (it == totals.end()) totals.push_back({output->name, output->role, amount});
            else it->total += amount;
        }
    return totals;
}

std::optional<Decimal> total_with_role(const std::vector<FigureTotal>& totals, const std::string& role) {
    for (const FigureTotal& t : totals)
        if (t.role == role) return t.total;
    return std::nullopt;
}

} // namespace carecap
