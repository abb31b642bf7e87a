// shrink.cpp: greedy removal (one part at a time, keep it if the failure remains), as in delta
// debugging's simplest form; a care history has a few hundred parts at most, so this is quick.
#include "tests/invariants/shrink.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace carecap::invariants {

namespace {

using ordered = nlohmann::ordered_json;

// Every member and item below the root, by depth: removing a whole care period first saves trying
// its fields one by one.
std::vector<ordered::json_pointer> parts(const ordered& doc) {
    std::vector<ordered::json_pointer> out, level{ordered::json_pointer()};
    while (!level.empty()) {
        std::vector<ordered::json_pointer> next;
        for (const auto& at : level) {
            const ordered& j = doc.at(at);
            if (j.is_object())
                for (auto it = j.begin(); it != j.end(); ++it) next.push_back(at / it.key());
            else if (j.is_array())
                for (std::size_t i = j.size(); i-- > 0;) next.push_back(at / i); // from the end: indexes stay valid
        }
        out.insert(out.end(), next.begin(), next.end());
        level = std::move(next);
    }
    return out;
}

ordered without(const ordered& doc, const ordered::json_pointer& at) {
    ordered copy = doc;
    ordered& parent = copy.at(at.parent_pointer());
    if (parent.is_object()) parent.erase(at.back());
    else parent.erase(static_cast<std::size_t>(std::stoul(at.back())));
    return copy;
}

} // namespace

std::string shrink(std::string_view json, const std::function<bool(const std::string&)>& still_fails, std::size_t max_tries) {
    ordered doc = ordered::parse(json);
    std::size_t tries = 0;
    // Passes over the parts until one removes nothing. After a removal the list is made again and
    // the pass goes on at the same place: the parts before it were tried already.
    for (bool smaller = true; smaller && tries < max_tries;) {
        smaller = false;
        std::vector<ordered::json_pointer> list = parts(doc);
        for (std::size_t i = 0; i < list.size() && tries < max_tries; ++tries) {
            ordered candidate = without(doc, list[i]);
            if (still_fails(candidate.dump())) {
                doc = std::move(candidate);
                list = parts(doc);
                smaller = true;
            } else {
                ++i;
            }
        }
    }
    return doc.dump(2);
}

} // namespace carecap::invariants
