// serve_fixtures.h: what the service's doctest files share: a file of the source tree as text, and the two
// rule sets they serve (the minimal cap as "cap", England's reform as "reform"), loaded once.
#pragma once

#include "carecap/carecap.hpp"

#include "cli/serve_handler.h"
#include "lang/rule_set.h"
#include "runtime/evaluation/inputs.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace serve_fixtures {

inline std::string source_text(const std::string& relative) {
    std::ifstream in(std::string(CARECAP_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline const carecap::serve::RuleSets& cap_and_reform() {
    static const carecap::serve::RuleSets all = [] {
        carecap::serve::RuleSets sets;
        for (auto [name, file] : {std::pair{"cap", "rules/minimal/cap.rules"}, {"reform", "rules/england/reform.rules"}}) {
            auto loaded = carecap::load_rules_for_histories(std::string(CARECAP_SOURCE_DIR) + "/" + file);
            REQUIRE(loaded.rules);
            sets.push_back({name, file, loaded.rules, nullptr});
        }
        return sets;
    }();
    return all;
}

} // namespace serve_fixtures
