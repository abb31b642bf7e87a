// registry.h: the authorities carecap knows, each by its GSS code with its name beside it,
// and the rule files that amend a national rule set for its residents (docs/authorities.md).
// The registry is data: a JSON file (rules/authorities.json) loaded with every problem named
// by its JSON path, like a care history.
#pragma once

#include "runtime/history/history.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carecap {

inline constexpr int registry_format_version = 1;

struct RegistryAuthority {
    std::string code;   // the GSS code, e.g. E08000031
    std::string name;   // e.g. Wolverhampton
    std::string path;   // where it is in the registry: authorities[0]
    std::string plan;   // the named plan its amendments come from, if any
    // For a national rule set (by rule-set name, e.g. england.reform), the rule file that amends
    // it for this authority's residents, as the registry writes it (relative to the registry).
    std::vector<std::pair<std::string, std::string>> amendments;
    // The amending file for `national`, if any.
    const std::string* amendment_for(std::string_view national) const;
};

struct Registry {
    std::string file;                           // as given; amending files are found relative to it
    std::vector<RegistryAuthority> authorities; // in the order the registry lists them

    // The authority a history names, by GSS code or by name (exactly as the registry writes
    // either); nothing for an authority not in the registry (it is under the national rules).
    const RegistryAuthority* find(std::string_view code_or_name) const;
};

struct RegistryLoad {
    std::optional<Registry> registry;  // set only when errors is empty
    std::vector<HistoryError> errors;  // each with the JSON path of the value at fault
};

// Parses and checks a registry; `file` names it in messages and places its amending files.
RegistryLoad load_registry(std::string_view json_text, const std::string& file);
// Reads the file first (its size bounded by `max_bytes`).
RegistryLoad load_registry_file(const std::string& file, std::size_t max_bytes = std::size_t{16} << 20);

// "registry.json: authorities[2].code: expected ...", one line per problem.
std::vector<std::string> render_registry_errors(const RegistryLoad& load, const std::string& file);

} // namespace carecap
