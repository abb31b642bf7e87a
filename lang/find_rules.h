// find_rules.h: finding the rule file that declares a rule set, for `amends NAME` without `in "file"`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace carecap {

struct FoundRuleSet {
    std::optional<std::filesystem::path> path; // the one file that declares the name
    std::string error;                         // otherwise: none or several, and where carecap looked
    std::string hint;
};

// Looks for a `.rules` file whose header declares `rules NAME`: first the files beside `amending_file`,
// then each directory of `rules_path` in order, with the directories below it (to a bounded depth and
// number of entries). The first place with a match decides; two matches there are an error. Files over
// `max_bytes` are skipped.
FoundRuleSet find_rule_set(const std::string& name, const std::string& amending_file,
                           const std::vector<std::string>& rules_path, std::size_t max_bytes);

} // namespace carecap
