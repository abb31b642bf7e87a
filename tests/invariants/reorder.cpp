// reorder.cpp: shuffles what the history format leaves unordered, and keeps a map of the paths.
#include "tests/invariants/reorder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <vector>

namespace carecap::invariants {

namespace {

using ordered = nlohmann::ordered_json;

class Shuffler {
public:
    explicit Shuffler(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, n): mt19937_64's output is fixed by the standard, unlike the distributions.
    std::size_t below(std::size_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do x = engine_(); while (x >= limit);
        return static_cast<std::size_t>(x % n);
    }

    // order[j] = the original index of the item placed at j. Items with the same key keep their
    // relative order: each group's new places are handed out to it in its original order.
    std::vector<std::size_t> order(const std::vector<std::string>& keys) {
        std::vector<std::size_t> order(keys.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[below(i)]);
        std::map<std::string, std::vector<std::size_t>> places; // key -> new places, ascending
        for (std::size_t j = 0; j < order.size(); ++j) places[keys[order[j]]].push_back(j);
        std::map<std::string, std::size_t> next;
        for (std::size_t i = 0; i < keys.size(); ++i) order[places[keys[i]][next[keys[i]]++]] = i;
        return order;
    }

    // Members of every object in a random order, all the way down (arrays' items stay put here).
    void shuffle_members(ordered& j) {
        if (j.is_array()) {
            for (auto& item : j) shuffle_members(item);
            return;
        }
        if (!j.is_object()) return;
        std::vector<std::string> names;
        for (auto it = j.begin(); it != j.end(); ++it) names.push_back(it.key());
        ordered out = ordered::object();
        for (std::size_t i : order(names)) { // the names are distinct, so any order
            shuffle_members(j[names[i]]);
            out[names[i]] = std::move(j[names[i]]);
        }
        j = std::move(out);
    }

    // Reorders the array at j[name] (if there is one) by `key_member` ("" for no key: any order), and
    // records the paths of its items; `inner` are the unordered arrays inside each item.
    void reorder_array(ordered& j, const std::string& name, const std::string& key_member, const std::string& new_prefix,
                       const std::string& old_prefix, const std::vector<std::string>& inner, Reordered& out) {
        if (!j.is_object() || !j.contains(name) || !j[name].is_array()) return;
        ordered& array = j[name];
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < array.size(); ++i) {
            const ordered& item = array[i];
            const bool keyed = !key_member.empty() && item.is_object() && item.contains(key_member);
            keys.push_back(keyed ? item[key_member].dump() : "#" + std::to_string(i));
        }
        std::vector<std::size_t> order = this->order(keys);
        ordered shuffled = ordered::array();
        for (std::size_t k = 0; k < order.size(); ++k) {
            const std::string new_path = new_prefix + name + "[" + std::to_string(k) + "]";
            const std::string old_path = old_prefix + name + "[" + std::to_string(order[k]) + "]";
            out.original_path[new_path] = old_path;
            ordered item = array[order[k]];
            for (const std::string& nested : inner) reorder_array(item, nested, "", new_path + ".", old_path + ".", {}, out);
            shuffled.push_back(std::move(item));
        }
        array = std::move(shuffled);
    }

private:
    std::mt19937_64 engine_;
};

// Every string in the result that is, or starts with, a path of the reordered document.
void restore(nlohmann::json& j, const std::map<std::string, std::string>& paths) {
    if (j.is_structured()) {
        for (auto& item : j) restore(item, paths);
        return;
    }
    if (!j.is_string()) return;
    const std::string s = j.get<std::string>();
    for (std::size_t cut = s.size(); cut > 0; --cut) {
        if (cut < s.size() && s[cut] != '.' && s[cut] != '[') continue;
        auto it = paths.find(s.substr(0, cut));
        if (it != paths.end()) {
            j = it->second + s.substr(cut);
            return;
        }
    }
}

} // namespace

Reordered reorder(std::string_view json, std::uint64_t seed) {
    Reordered out;
    ordered doc = ordered::parse(json);
    Shuffler shuffler(seed);
    shuffler.reorder_array(doc, "eligibility", "date", "", "", {}, out);
    shuffler.reorder_array(doc, "care_periods", "start", "", "", {"top_ups", "other_services"}, out);
    shuffler.reorder_array(doc, "financial_assessments", "date", "", "", {"income", "premiums"}, out);
    shuffler.reorder_array(doc, "moves", "date", "", "", {}, out);
    shuffler.reorder_array(doc, "adjustments", "date", "", "", {}, out);
    shuffler.shuffle_members(doc);
    out.json = doc.dump();
    return out;
}

std::string with_original_paths(std::string_view result, const Reordered& reordered) {
    nlohmann::json j = nlohmann::json::parse(result);
    restore(j, reordered.original_path);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace carecap::invariants
