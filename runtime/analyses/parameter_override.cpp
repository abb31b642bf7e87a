// parameter_override.cpp: a rule parameter held at one value (parameter_override.h).
#include "runtime/analyses/parameter_override.h"

#include "lang/diagnostic.h"

namespace carecap {

std::string parameter_cannot_vary(const RuleSet& rules, const std::string& name) {
    auto it = rules.parameters.find(name);
    if (it == rules.parameters.end()) {
        std::vector<std::string> names;
        for (auto& [declared, parameter] : rules.parameters) names.push_back(declared);
        std::string near = closest_name(name, names);
        return "the rule set " + rules.header().name + " declares no parameter `" + name + "`" +
               (near.empty() ? "" : ": did you mean `" + near + "`?");
    }
    const ParameterDecl& p = *it->second;
    switch (p.type.resolved.kind) {
    case Kind::money:
    case Kind::rate:
    case Kind::decimal:
    case Kind::percent: break;
    default:
        return "`" + name + "` is not a number, a percentage or an amount of money, so it cannot be varied by --from, --to and --step";
    }
    if (p.values.empty()) return "`" + name + "` has no value to replace";
    return {};
}

bool parameter_is_money(const RuleSet& rules, const std::string& name) {
    auto it = rules.parameters.find(name);
    if (it == rules.parameters.end()) return false;
    Kind k = it->second->type.resolved.kind;
    return k == Kind::money || k == Kind::rate;
}

std::shared_ptr<const RuleSet> with_parameter(std::shared_ptr<const RuleSet> rules, const std::string& name,
                                              const Decimal& value) {
    // load_rule_set makes the rule set as a non-const object and hands it out as const; the caller
    // guarantees nobody else holds it yet, so rewriting it here is both legal and unseen by others.
    auto& parameter = const_cast<ParameterDecl&>(*rules->parameters.at(name));
    const bool percent = parameter.type.resolved.kind == Kind::percent;
    parameter.values.resize(1);
    parameter.values.front().constant = percent ? value / Decimal(100) : value;
    parameter.values.front().cite.text = "--vary-parameter " + name + " (held at this value throughout)";
    return rules;
}

} // namespace carecap
