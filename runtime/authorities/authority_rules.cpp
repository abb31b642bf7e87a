// authority_rules.cpp: binding a registry to national rules (authority_rules.h).
#include "runtime/authorities/authority_rules.h"

#include "lang/resolve.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace carecap {

namespace {

// Whether `amending` is built on the national rules: one file of its chain is theirs.
bool amends(const RuleSet& amending, const RuleSet& national) {
    return std::any_of(amending.files.begin(), amending.files.end(),
                       [&](const auto& f) { return f->header.name == national.header().name; });
}

// The amending file the registry gives an authority for the national rules in force: the one given for
// those rules, else the one given for the nearest rules they amend (a council's policy written for
// england.current applies under england.reform too). Nothing if it has none for any rules of the chain.
struct ChosenAmendment {
    std::string for_rules;         // the rule-set name the registry gives the file for
    const std::string* written;    // the file, as the registry writes it
};
std::optional<ChosenAmendment> chosen_amendment(const RegistryAuthority& a, const RuleSet& national) {
    for (auto f = national.files.rbegin(); f != national.files.rend(); ++f)
        if (const std::string* written = a.amendment_for((*f)->header.name))
            return ChosenAmendment{(*f)->header.name, written};
    return std::nullopt;
}

bool same_meters(const RuleSet& a, const RuleSet& b) {
    if (a.meter_order.size() != b.meter_order.size()) return false;
    for (std::size_t m = 0; m < a.meter_order.size(); ++m)
        if (a.meter_order[m]->name != b.meter_order[m]->name) return false;
    return true;
}

// A policy file the registry gives for other national rules (a council's for england.current, when
// england.reform is bound) is not used here, but is loaded and checked, as every file the registry names is:
// one given for rules it does not amend (a misspelt name) would otherwise leave the council's residents
// under the national rules without a word.
void check_other_amendments(const Registry& registry, const RuleSet& national, const LoadOptions& options,
                            std::vector<std::string>& errors) {
    for (const RegistryAuthority& a : registry.authorities) {
        const auto chosen = chosen_amendment(a, national);
        for (const auto& [rules_name, written] : a.amendments) {
            if (chosen && rules_name == chosen->for_rules) continue;
            const std::string where = registry.file + ": " + a.path + ".amendments (" + a.name + "): ";
            std::string why;
            auto file = confine(written, registry.file, options.rule_roots, false, why);
            if (!file) {
                errors.push_back(where + "the rule file " + written + " for " + rules_name + ": " + why);
                continue;
            }
            LoadResult loaded = load_rule_set(file->lexically_normal().string(), options);
            if (!loaded.rules) {
                errors.push_back(where + "the rule file " + written + " does not load:\n" + render(loaded.diagnostics));
                continue;
            }
            const auto& chain = loaded.rules->files;
            const std::string& wanted = rules_name; // a plain name: clang 14 cannot capture a structured binding
            if (std::none_of(chain.begin(), chain.end(), [&](const auto& f) { return f->header.name == wanted; }))
                errors.push_back(where + "the rule file " + written + " (" + loaded.rules->header().name +
                                 ") is given for " + rules_name + ", but it does not amend " + rules_name +
                                 ": no such rules in its chain (" + chain.front()->header.name + " ... " +
                                 loaded.rules->header().name + ")");
        }
    }
}

} // namespace

AuthorityRulesLoad AuthorityRules::bind(std::shared_ptr<const Registry> registry,
                                        std::shared_ptr<const RuleSet> national, const LoadOptions& given) {
    AuthorityRulesLoad out;
    // A council's file may name the rules it amends by name alone (`amends england.current`): they are looked
    // for along the host's rules path, then below the registry's own directory, where the registry keeps them.
    LoadOptions options = given;
    const std::filesystem::path registry_dir = std::filesystem::path(registry->file).parent_path();
    options.rules_path.push_back(registry_dir.empty() ? std::string(".") : registry_dir.lexically_normal().string());
    auto bound = std::make_shared<AuthorityRules>();
    const std::string& name = national->header().name;
    for (const RegistryAuthority& a : registry->authorities) {
        const auto chosen = chosen_amendment(a, *national);
        if (!chosen) continue;
        const std::string* written = chosen->written;
        const std::string where = registry->file + ": " + a.path + " (" + a.name + "): ";
        std::string why;
        // Amending files lie beside or below the registry, as amended files do beside a rule file.
        auto file = confine(*written, registry->file, options.rule_roots, false, why);
        if (!file) {
            out.errors.push_back(where + "the rule file " + *written + " for " + name + ": " + why);
            continue;
        }
        const std::string path = file->lexically_normal().string();
        const std::string key = chosen->for_rules + " " + path;
        auto found = bound->by_file_.find(key);
        if (found == bound->by_file_.end()) {
            // A file given for rules the national ones amend is read as amending the national rules.
            LoadOptions file_options = options;
            std::string read_as;
            if (chosen->for_rules != name) {
                file_options.amended_instead.emplace(chosen->for_rules, national->files.back()->source);
                read_as = " (given for " + chosen->for_rules + ", read as amending " + name + ")";
            }
            LoadResult loaded = load_rule_set(path, file_options);
            if (!loaded.rules) {
                out.errors.push_back(where + "the rule file " + *written + read_as + " does not load:\n" +
                                     render(loaded.diagnostics));
                continue;
            }
            if (!amends(*loaded.rules, *national))
                out.errors.push_back(where + "the rule file " + *written + " (" + loaded.rules->header().name +
                                     ") does not amend " + name + ": it cannot apply to its residents in place of it");
            else if (!same_meters(*loaded.rules, *national))
                out.errors.push_back(where + "the rule file " + *written + " declares other meters than " + name +
                                     ": the account could not carry on across a move");
            found = bound->by_file_.emplace(key, std::move(loaded.rules)).first;
        }
        bound->by_authority_[&a] = found->second.get();
    }
    check_other_amendments(*registry, *national, options, out.errors);
    if (!out.errors.empty()) return out;
    bound->registry_ = std::move(registry);
    bound->national_ = std::move(national);
    out.rules = std::move(bound);
    return out;
}

const RuleSet& AuthorityRules::rules_for(std::string_view authority) const {
    const RegistryAuthority* a = registry_->find(authority);
    if (!a) return *national_;
    auto found = by_authority_.find(a);
    return found == by_authority_.end() ? *national_ : *found->second;
}

RulesInForce AuthorityRules::for_history(const History& history) const {
    RulesInForce out(*national_);
    out.chosen_by_authority = true;
    std::vector<std::string> named = {history.authority};
    for (const Move& m : history.moves) named.push_back(m.to_authority);
    for (const std::string& authority : named) {
        if (const RegistryAuthority* a = registry_->find(authority)) out.names.emplace_back(authority, a->name);
        const RuleSet* rules = &rules_for(authority);
        auto at = std::find(out.sets.begin(), out.sets.end(), rules);
        if (at == out.sets.end()) at = out.sets.insert(out.sets.end(), rules);
        if (at != out.sets.begin())
            out.by_authority.emplace_back(authority, static_cast<std::uint32_t>(at - out.sets.begin()));
    }
    return out;
}

} // namespace carecap
