// account.h: what evaluating rules over a history produces: the timeline cut
// into stretches, what each meter accrued on each, and the events on the way.
#pragma once

#include "lang/rule_set.h"
#include "runtime/authorities/rules_in_force.h"
#include "runtime/history/history.h"
#include "stdlib/value.h"

#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

namespace carecap {

// A meter on one stretch of the timeline.
struct MeterStretch {
    bool metering = false;       // the rate was worked out: in care, rules in force, ceiling not yet reached
    Decimal rate;                // as the rule gives it (per `per`)
    Per per = Per::week;
    Decimal daily;               // the rate per day, exactly
    // `accrues by whole weeks`: the weekly rate is added on the last day of each whole week of the care
    // period (whole_weeks_ending), not a seventh of it each day.
    bool whole_weeks = false;
    Decimal ceiling;
    // False for a meter that only records (no ceiling), and on stretches before the rules are in force,
    // when no ceiling has a value yet (the result shows null, not £0, which a host could read as reached).
    bool has_ceiling = false;
    Decimal total_start;         // after any rescaling and adjustments on the first day
    Decimal accrued;             // on this stretch
    std::optional<Date> reached_on;
    // A meter that charges interest (a loan such as a deferred payment): the yearly rate on this
    // stretch, and the interest it earned here, added to the total at the start of the next month.
    bool charges_interest = false;
    Decimal interest_rate;
    Decimal interest;
};

// The days from `first` to `last` that end a whole week of the care period `care` (the 7th, 14th, ... day
// counted from its start): when a meter that accrues by whole weeks adds its rate. 0 without a care period.
std::int64_t whole_weeks_ending(const CarePeriod* care, Date first, Date last);

// A stretch of the timeline over which no input or parameter changes.
struct Stretch {
    Date first, last;            // inclusive
    std::int64_t days() const { return last - first + 1; }
    const CarePeriod* care = nullptr;
    std::string authority;
    bool rules_in_force = false;
    std::uint32_t rule_set = 0;            // the position in Account::rule_sets of the rules this stretch is under
    std::vector<MeterStretch> meters;      // by RuleSet::meter_order
    // The outputs of the stretch's rules (`outputs`, docs/language.md) chosen for the evaluation, in
    // their declared order, with their values; only on stretches in care under rules in force.
    std::vector<std::pair<const OutputName*, Value>> figures;
};

struct MeterEvent {
    enum class Kind { started, ceiling_changed, adjusted, adjustment_refused, reached, moved, interest_added,
                      fee_added } kind;
    Date date;
    std::string text;            // one plain sentence
    std::string source;          // the JSON path or rule location behind it
    Decimal before, after;       // the running total around the event
};

// The kind as the result's JSON names it: "started", "ceiling_changed" ...
constexpr std::string_view to_string(MeterEvent::Kind k) {
    switch (k) {
    case MeterEvent::Kind::started: return "started";
    case MeterEvent::Kind::ceiling_changed: return "ceiling_changed";
    case MeterEvent::Kind::adjusted: return "adjusted";
    case MeterEvent::Kind::adjustment_refused: return "adjustment_refused";
    case MeterEvent::Kind::reached: return "reached";
    case MeterEvent::Kind::moved: return "moved";
    case MeterEvent::Kind::interest_added: return "interest_added";
    case MeterEvent::Kind::fee_added: return "fee_added";
    }
    return "event";
}

struct MeterTotal {
    const MeterDecl* meter = nullptr;
    Decimal total;
    std::optional<Decimal> ceiling; // none for a meter that only records
    std::optional<Date> reached_on;
    std::vector<MeterEvent> events;
    // A meter that charges interest: what the total holds of interest and of the deferred payment's
    // fees, and the interest earned in the last month, not yet added (it is added on the 1st).
    Decimal interest_added, fees_added, interest_pending;
};

// A care account statement (004, 3.7), or why one was not issued on its date.
struct Statement {
    Date date;
    bool issued = false;
    std::string not_issued_because;     // when not issued
    std::string authority;
    std::string budget;                 // the kind of budget on the date
    Decimal cap_level;                  // 1. the current level of the cap
    Decimal total_cost;                 // 2. the total weekly cost of meeting needs
    Decimal rate;                       // 3. the current rate of progress (a week)
    Decimal living_costs;               // 4. daily living costs (a week)
    Decimal accrued;                    // 5. the accrued costs
    std::vector<MeterEvent> adjustments; // 6. adjustments since the last statement
    std::optional<Date> expected_on;    // 7. when the cap is expected to be reached ...
    bool expected_shown = false;        //    ... shown only within the version's window
    std::string expected_by;            //    how the date was found (a projection, or the current rate)
    std::string caveat;                 // 8. the caveat for the kind of budget
};

struct Account {
    const RuleSet* rules = nullptr;        // the rules asked for (the national rules): rule_sets[0]
    // Every rule set the history may be evaluated under, by Stretch::rule_set: one, unless the
    // rules were chosen through a registry (runtime/authorities/rules_in_force.h), when chosen_by_authority is set.
    std::vector<const RuleSet*> rule_sets;
    bool chosen_by_authority = false;
    std::vector<std::pair<std::string, std::uint32_t>> by_authority; // as RulesInForce::by_authority
    // An authority as the history writes it -> its name in the registry; empty without a registry.
    std::vector<std::pair<std::string, std::string>> authority_names;
    const History* history = nullptr;
    std::vector<Stretch> stretches;
    std::vector<MeterTotal> meters;
    std::vector<Statement> statements; // when the rules declare statements

    // The running total of meter `m` at the end of `day`.
    Decimal total_at_end_of(std::size_t m, Date day) const;
    // The registry's name for an authority the history writes as `word` (a GSS code, say); `word` itself
    // when there is no registry or it gives no name.
    const std::string& authority_name(const std::string& word) const {
        for (auto& [written, name] : authority_names)
            if (written == word) return name;
        return word;
    }
    // Which stretch holds `day`, if any.
    const Stretch* stretch_on(Date day) const;
    // The rules a stretch was evaluated under, and those in force on `day` (the
    // rules asked for on a day outside every stretch).
    const RuleSet& rules_of(const Stretch& s) const { return *rule_sets.at(s.rule_set); }
    const RuleSet& rules_on(Date day) const;
    // reached(m) as rules read it on `day`: the total at the end of the day before
    // has reached the ceiling in force on `day`.
    std::vector<char> reached_on(Date day) const;
    // The rules the account was evaluated under, to evaluate its history again.
    RulesInForce rules_in_force() const;
};

} // namespace carecap
