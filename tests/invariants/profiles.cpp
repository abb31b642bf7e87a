// profiles.cpp: the rule files the invariants run under. Each date here is the rule file's own start
// (its `in force from` and `reform_start`), restated so that the test does not take it from the engine.
#include "tests/invariants/profiles.h"

namespace carecap::invariants {

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// A rule file of the reform's family: the cap meter, the authority's record after the cap, metering
// from the request or the identified need but never before the reform (004, 2.2).
Profile reform(std::string file, Date start, unsigned every, unsigned whole_every, std::vector<std::string> roots = {}) {
    return {std::move(file), "care_account", {"authority_spend_after_cap"}, start, true, RateBound::reform_budgets,
            std::move(roots), every, whole_every};
}

// The 2015 scheme: the reform's family, but every budget meters the cost of the care (004, 1.3).
Profile scheme_2015() {
    Profile p = reform("rules/england/scheme-2015.rules", ymd(2016, 4, 1), 50, 200);
    p.bound = RateBound::weekly_cost;
    return p;
}

// The minimal cap: a self-funder's weekly cost, less daily living costs, from the day the rules are in force.
Profile minimal(std::string file, unsigned every, unsigned whole_every) {
    return {std::move(file), "care_account", {}, ymd(2023, 10, 1), false, RateBound::weekly_cost, {}, every, whole_every};
}

// Rules without a meter: only the invariants about the result as a whole apply.
Profile no_meter(std::string file, Date in_force, unsigned every) {
    return {std::move(file), "", {}, in_force, false, RateBound::weekly_cost, {}, every, every};
}

} // namespace

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> all = {
        // Every history: the reform and the minimal cap, the two the invariants are written for. The
        // reform's whole result (twice more, with its statements) one history in twenty.
        reform("rules/england/reform.rules", ymd(2023, 10, 1), 1, 20),
        minimal("rules/minimal/cap.rules", 1, 1),
        // The cap rising by 3% in October 2024 (keeps percentage upwards).
        reform("rules/england/cap-uprating-illustration.rules", ymd(2023, 10, 1), 50, 200),
        // Test-only amendments (tests/invariants/rules/): the cap rising then falling, progress kept as a
        // percentage both ways; and the cap rising on a meter that does not keep its percentage.
        reform("tests/invariants/rules/cap-rises-and-falls.rules", ymd(2023, 10, 1), 50, 200, {"rules"}),
        reform("tests/invariants/rules/cap-rises-not-kept.rules", ymd(2023, 10, 1), 50, 200, {"rules"}),
        // Variants that change figures or dates of the reform.
        reform("rules/england/trailblazers-january-2023.rules", ymd(2023, 1, 1), 50, 200),
        reform("rules/england/trailblazers-april-2023.rules", ymd(2023, 4, 1), 50, 200),
        reform("rules/england/reform-october-2025.rules", ymd(2025, 10, 1), 50, 200),
        // The 2015 scheme metered a personal budget's whole cost, not the person's charge (004, 1.3), so its
        // rate is bounded by the weekly cost alone.
        scheme_2015(),
        reform("rules/england/care-account-specification.rules", ymd(2023, 10, 1), 50, 200),
        reform("rules/england/figure-2-reform.rules", ymd(2023, 10, 1), 50, 200),
        minimal("rules/minimal/cap-2015-figures.rules", 4, 4),
        no_meter("rules/england/current.rules", ymd(2015, 4, 1), 4),
        no_meter("rules/england/figure-2-current.rules", ymd(2015, 4, 1), 4),
    };
    return all;
}

} // namespace carecap::invariants
