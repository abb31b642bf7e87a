// show.cpp: values worded for people, each kind in its own way.
#include "lang/show.h"

#include "lang/rule_set.h"

namespace carecap {

std::string show(const Value& v, const Type& t, const RuleSet* rules) {
    switch (t.kind) {
    case Kind::money: return money(std::get<Decimal>(v));
    case Kind::rate: return money(std::get<Decimal>(v)) + " per " + to_string(t.per);
    case Kind::percent: return percent(std::get<Decimal>(v));
    case Kind::duration: {
        const Decimal& days = std::get<Decimal>(v);
        return days.to_exact() + (days == Decimal(1) ? " day" : " days");
    }
    case Kind::date: return std::get<Date>(v).to_string();
    case Kind::boolean: return std::get<bool>(v) ? "true" : "false";
    case Kind::enumeration: {
        auto index = std::get<EnumValue>(v).index;
        if (rules) {
            auto it = rules->enums.find(t.enumeration);
            if (it != rules->enums.end() && index < it->second->members.size()) return it->second->members[index].name;
        }
        return t.enumeration + "#" + std::to_string(index);
    }
    case Kind::decimal:
    case Kind::integer: return std::get<Decimal>(v).to_exact();
    case Kind::unknown: break;
    }
    return "?";
}

} // namespace carecap
