// registry.cpp: reading the authorities registry (registry.h) from its JSON, every problem
// named by its JSON path: a wrong code or a duplicate name would otherwise put a person
// under the wrong authority's rules without a word.
#include "runtime/authorities/registry.h"

#include "lang/resolve.h"
#include "runtime/history/json_tree.h"

#include <map>
#include <set>

namespace carecap {

namespace {

using history_json::Node;
using history_json::in_quotes;
using history_json::item_path;
using history_json::kind_of;
using history_json::member_path;

// A GSS code: a country letter (E, W, S, N) and eight digits.
bool is_gss_code(std::string_view s) {
    if (s.size() != 9 || std::string_view("EWSN").find(s[0]) == std::string_view::npos) return false;
    for (char c : s.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

class Reader {
public:
    explicit Reader(std::vector<HistoryError>& errors) : errors_(errors) {}

    void fail(const std::string& path, std::string message) { errors_.push_back({path, std::move(message)}); }

    // The members of an object, each checked against the names allowed there.
    bool object(const Node& n, const std::string& path, std::initializer_list<std::string_view> allowed) {
        if (n.kind != Node::Kind::object) {
            fail(path, "expected an object, found " + kind_of(n));
            return false;
        }
        for (const std::string& key : n.keys) {
            bool known = false;
            for (std::string_view a : allowed) known = known || key == a;
            if (!known) fail(member_path(path, key), "unknown member " + in_quotes(key) + " (nothing is ignored here)");
        }
        return true;
    }
    const Node* member(const Node& n, std::string_view key) const {
        for (std::size_t i = 0; i < n.keys.size(); ++i)
            if (n.keys[i] == key) return &n.items[i];
        return nullptr;
    }
    std::optional<std::string> text(const Node* n, const std::string& path, bool required) {
        if (!n) {
            if (required) fail(path, "missing: expected a string");
            return std::nullopt;
        }
        if (n->kind != Node::Kind::string || n->text.empty()) {
            fail(path, "expected a non-empty string, found " + kind_of(*n));
            return std::nullopt;
        }
        return n->text;
    }
    // {"england.reform": "england/trailblazers-april-2023.rules", ...}
    std::vector<std::pair<std::string, std::string>> amendments(const Node& n, const std::string& path) {
        std::vector<std::pair<std::string, std::string>> out;
        if (n.kind != Node::Kind::object) {
            fail(path, "expected an object mapping a national rule set's name to the rule file amending it, found " +
                           kind_of(n));
            return out;
        }
        for (std::size_t i = 0; i < n.keys.size(); ++i) {
            const std::string where = member_path(path, n.keys[i]);
            auto file = text(&n.items[i], where, true);
            if (file && !file->ends_with(".rules")) fail(where, "expected a rule file (NAME.rules), found " + in_quotes(*file));
            else if (file) out.emplace_back(n.keys[i], *file);
        }
        return out;
    }

private:
    std::vector<HistoryError>& errors_;
};

using Plans = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;

std::optional<RegistryAuthority> authority(Reader& read, const Node& n, const std::string& path, const Plans& plans) {
    if (!read.object(n, path, {"code", "name", "plan", "amendments", "note"})) return std::nullopt;
    RegistryAuthority a;
    a.path = path;
    auto code = read.text(read.member(n, "code"), member_path(path, "code"), true);
    auto name = read.text(read.member(n, "name"), member_path(path, "name"), true);
    if (code && !is_gss_code(*code))
        read.fail(member_path(path, "code"), "expected a GSS code (a letter E, W, S or N and eight digits, e.g. "
                                             "E08000031), found " + in_quotes(*code));
    if (const Node* note = read.member(n, "note")) read.text(note, member_path(path, "note"), true);
    if (!code || !name) return std::nullopt;
    a.code = *code;
    a.name = *name;
    if (auto plan = read.text(read.member(n, "plan"), member_path(path, "plan"), false)) {
        auto found = plans.find(*plan);
        if (found == plans.end()) read.fail(member_path(path, "plan"), "no plan " + in_quotes(*plan) + " in plans");
        else a.amendments = found->second;
        a.plan = *plan;
    }
    // The authority's own amendments come after the plan's and replace them for the same national rules.
    if (const Node* own = read.member(n, "amendments"))
        for (auto& amendment : read.amendments(*own, member_path(path, "amendments"))) {
            const std::string& national = amendment.first; // a name, not a structured binding: clang 14 cannot capture those
            std::erase_if(a.amendments, [&](const auto& p) { return p.first == national; });
            a.amendments.emplace_back(national, amendment.second);
        }
    return a;
}

} // namespace

const std::string* RegistryAuthority::amendment_for(std::string_view national) const {
    for (auto& [rules_name, file] : amendments)
        if (rules_name == national) return &file;
    return nullptr;
}

const RegistryAuthority* Registry::find(std::string_view code_or_name) const {
    for (const RegistryAuthority& a : authorities)
        if (a.code == code_or_name || a.name == code_or_name) return &a;
    return nullptr;
}

RegistryLoad load_registry(std::string_view json_text, const std::string& file) {
    RegistryLoad out;
    HistoryError failure;
    auto root = history_json::parse_tree(json_text, file, Limits{}, failure);
    if (!root) {
        out.errors.push_back(failure);
        return out;
    }
    Reader read(out.errors);
    if (!read.object(*root, "", {"carecap_registry", "note", "plans", "authorities"})) return out;
    const Node* version = read.member(*root, "carecap_registry");
    if (!version || version->kind != Node::Kind::number || version->text != std::to_string(registry_format_version))
        read.fail("carecap_registry", "expected the registry format version " + std::to_string(registry_format_version));
    if (const Node* note = read.member(*root, "note")) read.text(note, "note", true);
    Plans plans;
    if (const Node* p = read.member(*root, "plans")) {
        if (p->kind != Node::Kind::object) read.fail("plans", "expected an object of named plans, found " + kind_of(*p));
        for (std::size_t i = 0; p->kind == Node::Kind::object && i < p->keys.size(); ++i)
            plans[p->keys[i]] = read.amendments(p->items[i], member_path("plans", p->keys[i]));
    }
    Registry registry;
    registry.file = file;
    const Node* list = read.member(*root, "authorities");
    if (!list || list->kind != Node::Kind::array)
        read.fail("authorities", "expected an array of authorities, found " + (list ? kind_of(*list) : std::string("nothing")));
    std::set<std::string> seen; // codes and names: a history's word must find one authority
    for (std::size_t i = 0; list && list->kind == Node::Kind::array && i < list->items.size(); ++i) {
        const std::string path = item_path("authorities", i);
        auto a = authority(read, list->items[i], path, plans);
        if (!a) continue;
        for (const std::string* word : {&a->code, &a->name})
            if (!seen.insert(*word).second)
                read.fail(path, in_quotes(*word) + " names two authorities: each code and name must name one");
        registry.authorities.push_back(std::move(*a));
    }
    if (out.errors.empty()) out.registry = std::move(registry);
    return out;
}

RegistryLoad load_registry_file(const std::string& file, std::size_t max_bytes) {
    std::string why;
    auto text = read_text_file(file, max_bytes, why);
    if (!text) {
        RegistryLoad out;
        out.errors.push_back({"", "cannot read the registry: " + why});
        return out;
    }
    return load_registry(*text, file);
}

std::vector<std::string> render_registry_errors(const RegistryLoad& load, const std::string& file) {
    std::vector<std::string> out;
    for (auto& e : load.errors) out.push_back(file + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message);
    return out;
}

} // namespace carecap
