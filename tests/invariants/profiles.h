// profiles.h: the rule files the invariants run under, and what each invariant needs to know about
// each file that the rules themselves do not say in a form a test can read (which meter is the cap,
// when the reform starts, how the history bounds what may count).
#pragma once

#include "stdlib/date.h"

#include <string>
#include <vector>

namespace carecap::invariants {

// How the history bounds the rate the cap meter may count (docs/history.md, runtime/evaluation/inputs.cpp).
enum class RateBound {
    // The reform's two kinds of budget: with an independent personal budget, at most what meeting the
    // needs costs the authority (`weekly_cost`), less services met under other legislation
    // (`other_services`); with a personal budget, at most what the person is charged (`invoiced_weekly`
    // where invoices are given, else `weekly_charge`), less their own top-ups (`top_ups` paid by
    // `first_party`; a third party's is not in the charge). 004, 2.2 and 3.4.
    reform_budgets,
    // Rules that read only `weekly_cost`: at most that.
    weekly_cost,
};

struct Profile {
    std::string file;                       // relative to the source directory
    std::string cap_meter;                  // the meter with the cap; empty for rules without meters
    std::vector<std::string> after_cap;     // meters that count only once the cap is reached
    Date reform_start;                      // nothing meters before this day
    bool from_request = false;              // nor before the earlier of assessment_requested and need_identified
    RateBound bound = RateBound::weekly_cost;
    std::vector<std::string> rule_roots;    // further directories the file's amendments come from
    // Which histories are checked, to keep a run near a minute on one core (an evaluation under the
    // reform's rules costs about twenty times one under the minimal cap, most of it the statements'
    // projections): history i is checked for the invariants of the account when i % every == 0, and
    // for those of the whole result, which evaluate it twice more, when i % whole_every == 0.
    unsigned every = 1;
    unsigned whole_every = 1;
};

// Every profile, paths relative to the source directory.
const std::vector<Profile>& profiles();

} // namespace carecap::invariants
