// authority_rules.h: choosing rules through the registry. A national rule set bound to a
// registry gives, for each history, the rule set of every authority the history names (its
// own and each move's): the national rules, or the rule file the registry names to amend
// them for that authority's residents; failing that, the file it names for the nearest rules
// the national ones amend, read as amending the national rules (a council's policy written for
// england.current applies under england.reform). Bound once (every amending file is loaded and
// checked then), it is immutable and may be shared between threads, like a RuleSet.
#pragma once

#include "carecap/options.hpp"
#include "lang/diagnostic.h"
#include "lang/rule_set.h"
#include "runtime/authorities/registry.h"
#include "runtime/authorities/rules_in_force.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace carecap {

class AuthorityRules {
public:
    // Loads each rule file `registry` names to amend `national` (by its rule-set name, or the name of
    // rules it amends: docs/authorities.md, "Which file for which rules"), with
    // the same options the national rules were loaded with. Each must amend the national
    // rules (directly or through others) and keep their meters.
    static AuthorityRulesLoad bind(std::shared_ptr<const Registry> registry, std::shared_ptr<const RuleSet> national,
                                   const LoadOptions& options);

    const RuleSet& national() const { return *national_; }
    const Registry& registry() const { return *registry_; }
    // The rule set for residents of `authority` (a GSS code or a registry name): the national
    // rules for an authority not in the registry or without amendments to them.
    const RuleSet& rules_for(std::string_view authority) const;
    // The rule sets a history is evaluated under: the national rules first, then those of the
    // authorities it names that have their own.
    RulesInForce for_history(const History& history) const;

private:
    std::shared_ptr<const Registry> registry_;
    std::shared_ptr<const RuleSet> national_;
    // Each amending file loaded once, by the rules it is given for and its path.
    std::map<std::string, std::shared_ptr<const RuleSet>> by_file_;
    std::map<const RegistryAuthority*, const RuleSet*> by_authority_;
};

} // namespace carecap
