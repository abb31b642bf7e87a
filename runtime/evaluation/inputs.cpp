// inputs.cpp: the catalogue of history facts and how each is read on a day.
// Adding a fact to the history format means a row in one of the groups rows() joins, below.
#include "runtime/evaluation/inputs.h"

#include "runtime/evaluation/residence.h"

#include <algorithm>
#include <unordered_map>

namespace carecap {

namespace {

const Type any_enum = Type::enum_named("");
const Type money_per_week = Type::rate_per(Per::week);

// What a row reads: a value, or an enumeration word with its JSON path, or a list
// of (word, weekly amount) items for inputs read by kind. Nothing if the history
// has no such fact on the day.
struct Reading {
    std::optional<Value> value;
    const EnumWord* word = nullptr;
    std::vector<std::pair<const EnumWord*, Decimal>> items;
    bool present = false;
};

using Reader = Reading (*)(const History&, const HistoryState&);

struct InputRow {
    InputSpec spec;
    Reader read;
};

Reading value(Value v) {
    Reading r;
    r.value = std::move(v);
    r.present = true;
    return r;
}
Reading word(const EnumWord& w) {
    Reading r;
    r.word = &w;
    r.present = !w.word.empty();
    return r;
}
// The last care period holding any day from `from` to `to` (care periods are in order of start).
const CarePeriod* last_care_within(const History& h, Date from, Date to) {
    const CarePeriod* last = nullptr;
    for (const CarePeriod& p : h.care_periods)
        if (p.start <= to && (!p.end || *p.end >= from)) last = &p;
    return last;
}
template <typename Item, typename Pick>
Reading items(const std::vector<Item>& list, Pick pick) {
    Reading r;
    r.present = true;
    for (const Item& item : list) r.items.emplace_back(&pick(item), item.weekly);
    return r;
}
// Each word of a list, for an input read by kind that says whether the word is there.
Reading each_word(const std::vector<EnumWord>& words) {
    Reading r;
    r.present = true;
    for (const EnumWord& w : words) r.items.emplace_back(&w, Decimal(1));
    return r;
}
// The total of one amount over a list (top-ups a week, shares of joint capital).
template <typename Item>
Reading sum_of(const std::vector<Item>& list, Decimal Item::*amount) {
    Decimal sum;
    for (const Item& item : list) sum += item.*amount;
    return value(sum);
}

// The care period in force.
std::vector<InputRow> care_period_rows() {
    return {
        {{"setting", any_enum, "the care setting of the care period in force (care_periods[].setting)"},
         [](const History&, const HistoryState& s) { return s.care ? word(s.care->setting) : Reading{}; }},
        {{"budget", any_enum, "the kind of budget of the care period in force (care_periods[].budget)"},
         [](const History&, const HistoryState& s) { return s.care ? word(s.care->budget) : Reading{}; }},
        {{"weekly_cost", money_per_week, "what meeting eligible needs costs the authority a week (care_periods[].weekly_cost)"},
         [](const History&, const HistoryState& s) { return s.care ? value(s.care->weekly_cost) : Reading{}; }},
        {{"weekly_charge", money_per_week, "what the person is charged a week (care_periods[].weekly_charge)"},
         [](const History&, const HistoryState& s) { return s.care ? value(s.care->weekly_charge) : Reading{}; }},
        {{"has_invoices", Type::of(Kind::boolean), "whether invoices differ from the budget (care_periods[].invoiced_weekly given)"},
         [](const History&, const HistoryState& s) {
             return s.care ? value(s.care->invoiced_weekly.has_value()) : Reading{};
         }},
        {{"invoiced_weekly", money_per_week, "what invoices show a week (care_periods[].invoiced_weekly)"},
         [](const History&, const HistoryState& s) {
             return s.care && s.care->invoiced_weekly ? value(*s.care->invoiced_weekly) : Reading{};
         }},
        {{"top_ups", money_per_week, "all top-ups a week, first and third party (care_periods[].top_ups)"},
         [](const History&, const HistoryState& s) {
             return s.care ? sum_of(s.care->top_ups, &TopUp::weekly) : Reading{};
         }},
        {{"top_ups_of", money_per_week, "top-ups a week by payer (care_periods[].top_ups[].payer)", true},
         [](const History&, const HistoryState& s) {
             return s.care ? items(s.care->top_ups, [](const TopUp& t) -> const EnumWord& { return t.payer; }) : Reading{};
         }},
        {{"other_services", money_per_week,
          "services in the package met under other legislation or not counting, a week (care_periods[].other_services)"},
         [](const History&, const HistoryState& s) {
             return s.care ? sum_of(s.care->other_services, &OtherService::weekly) : Reading{};
         }},
        {{"other_services_of", money_per_week, "such services a week by kind (care_periods[].other_services[].kind)", true},
         [](const History&, const HistoryState& s) {
             return s.care ? items(s.care->other_services, [](const OtherService& o) -> const EnumWord& { return o.kind; })
                           : Reading{};
         }},
        {{"services_of", money_per_week,
          "the package's services of one kind, a week (care_periods[].services[].kind); £0 if the package is not itemised",
          true},
         [](const History&, const HistoryState& s) {
             return s.care ? items(s.care->services, [](const OtherService& o) -> const EnumWord& { return o.kind; })
                           : Reading{};
         }},
        {{"pays_accommodation_separately", Type::of(Kind::boolean),
          "housing benefit, owns the home or pays rent (care_periods[].pays_accommodation_separately)"},
         [](const History&, const HistoryState& s) {
             return s.care ? value(s.care->pays_accommodation_separately) : Reading{};
         }},
        {{"arrangement_fee", money_per_week,
          "the fee a week for arranging a self-funder's care (care_periods[].arrangement_fee); £0 if not given"},
         [](const History&, const HistoryState& s) { return s.care ? value(s.care->arrangement_fee) : Reading{}; }},
        {{"care_start", Type::of(Kind::date), "the first day of the care period in force (care_periods[].start)"},
         [](const History&, const HistoryState& s) { return s.care ? value(s.care->start) : Reading{}; }},
    };
}

// The residence the care period in force belongs to (runtime/evaluation/residence.h).
std::vector<InputRow> residence_rows() {
    return {
        {{"residence", any_enum, "whether the stay in force is permanent or temporary (care_periods[].residence)"},
         [](const History&, const HistoryState& s) { return s.care ? word(s.care->residence) : Reading{}; }},
        {{"permanent_residence_from", Type::of(Kind::date),
          "the first day of the permanent residence in force (care_periods[], permanent_residence_from)"},
         [](const History& h, const HistoryState& s) {
             auto run = s.care ? permanent_run_to(h, *s.care) : std::nullopt;
             return run ? value(run->from) : Reading{};
         }},
        {{"has_earlier_permanent_residence", Type::of(Kind::boolean),
          "whether a permanent residence in the same setting ended before the one in force (care_periods[])"},
         [](const History& h, const HistoryState& s) {
             return s.care ? value(earlier_permanent_run(h, *s.care).has_value()) : Reading{};
         }},
        {{"earlier_permanent_residence_to", Type::of(Kind::date),
          "the last day of the permanent residence before the one in force (care_periods[])"},
         [](const History& h, const HistoryState& s) {
             auto run = s.care ? earlier_permanent_run(h, *s.care) : std::nullopt;
             return run && run->to ? value(*run->to) : Reading{};
         }},
        {{"earlier_permanent_residence_days", Type::of(Kind::duration),
          "the days of the permanent residence before the one in force, both ends counted (care_periods[])"},
         [](const History& h, const HistoryState& s) {
             auto run = s.care ? earlier_permanent_run(h, *s.care) : std::nullopt;
             return run && run->to ? value(Decimal(*run->to - run->from + 1)) : Reading{};
         }},
    };
}

// The person and the requests.
std::vector<InputRow> person_rows() {
    return {
        {{"assessment_requested", Type::of(Kind::date), "the day the person asked for an assessment (assessment_requested)"},
         [](const History& h, const HistoryState&) {
             return h.assessment_requested ? value(*h.assessment_requested) : Reading{};
         }},
        {{"need_identified", Type::of(Kind::date), "the day the authority identified a possible need (need_identified)"},
         [](const History& h, const HistoryState&) { return h.need_identified ? value(*h.need_identified) : Reading{}; }},
        {{"asked_or_identified", Type::of(Kind::date),
          "the earlier of assessment_requested and need_identified (either may be given)"},
         [](const History& h, const HistoryState&) {
             if (h.assessment_requested && h.need_identified)
                 return value(std::min(*h.assessment_requested, *h.need_identified));
             if (h.assessment_requested) return value(*h.assessment_requested);
             return h.need_identified ? value(*h.need_identified) : Reading{};
         }},
        {{"has_asked_or_identified", Type::of(Kind::boolean),
          "whether the history gives assessment_requested or need_identified"},
         [](const History& h, const HistoryState&) {
             return value(h.assessment_requested.has_value() || h.need_identified.has_value());
         }},
        {{"first_care_start", Type::of(Kind::date), "the first day of the history's first care period (care_periods[0].start)"},
         [](const History& h, const HistoryState&) {
             return h.care_periods.empty() ? Reading{} : value(h.care_periods.front().start);
         }},
        {{"date_of_birth", Type::of(Kind::date), "the person's date of birth (person.date_of_birth)"},
         [](const History& h, const HistoryState&) { return h.date_of_birth ? value(*h.date_of_birth) : Reading{}; }},
        {{"eligible", Type::of(Kind::boolean), "the latest eligibility decision on or before the day (eligibility[])"},
         [](const History&, const HistoryState& s) {
             return value(s.eligibility != nullptr && s.eligibility->eligible);
         }},
        {{"eligible_needs", Type::of(Kind::boolean),
          "false only where the latest eligibility decision on or before the day says the needs are not eligible "
          "(eligibility[]); true where none has been made"},
         [](const History&, const HistoryState& s) {
             return value(s.eligibility == nullptr || s.eligibility->eligible);
         }},
    };
}

// The deferred payment agreement.
std::vector<InputRow> deferred_payment_rows() {
    return {
        {{"deferred_payment_open", Type::of(Kind::boolean),
          "whether a deferred payment agreement runs on the day (deferred_payment.start, end)"},
         [](const History&, const HistoryState& s) { return value(s.deferred_payment != nullptr); }},
        {{"defers_whole_charge", Type::of(Kind::boolean),
          "whether the agreement defers the whole charge (deferred_payment.weekly is \"whole_charge\")"},
         [](const History& h, const HistoryState&) {
             return value(h.deferred_payment.has_value() && !h.deferred_payment->weekly);
         }},
        {{"deferred_weekly", money_per_week, "the fixed amount the agreement defers a week (deferred_payment.weekly)"},
         [](const History& h, const HistoryState&) {
             return h.deferred_payment && h.deferred_payment->weekly ? value(*h.deferred_payment->weekly) : Reading{};
         }},
    };
}

// The financial assessment in force.
std::vector<InputRow> assessment_rows() {
    return {
        {{"capital", Type::of(Kind::money), "capital in the financial assessment in force (financial_assessments[].capital)"},
         [](const History&, const HistoryState& s) { return s.assessment ? value(s.assessment->capital) : Reading{}; }},
        {{"property_value", Type::of(Kind::money),
          "the value of the main home in the financial assessment in force (financial_assessments[].property)"},
         [](const History&, const HistoryState& s) { return s.assessment ? value(s.assessment->property) : Reading{}; }},
        {{"disability_related_expenditure", money_per_week,
          "disability-related expenditure a week (financial_assessments[].disability_related_expenditure)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? value(s.assessment->disability_related_expenditure) : Reading{};
         }},
        {{"housing_costs", money_per_week, "allowed housing costs a week (financial_assessments[].housing_costs)"},
         [](const History&, const HistoryState& s) { return s.assessment ? value(s.assessment->housing_costs) : Reading{}; }},
        {{"has_premium", Type::of(Kind::boolean), "whether the person qualifies for a premium (financial_assessments[].premiums)",
          true},
         [](const History&, const HistoryState& s) {
             return s.assessment ? each_word(s.assessment->premiums) : Reading{};
         }},
        {{"home_occupied_by", Type::of(Kind::boolean),
          "whether someone of a kind lives in the person's home (financial_assessments[].home_occupied_by)", true},
         [](const History&, const HistoryState& s) {
             return s.assessment ? each_word(s.assessment->home_occupied_by) : Reading{};
         }},
        {{"weekly_income", money_per_week, "income a week in the financial assessment in force (financial_assessments[].income)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? sum_of(s.assessment->income, &IncomeItem::weekly) : Reading{};
         }},
        {{"income_of", money_per_week, "income a week by kind (financial_assessments[].income[].kind)", true},
         [](const History&, const HistoryState& s) {
             return s.assessment ? items(s.assessment->income, [](const IncomeItem& i) -> const EnumWord& { return i.kind; })
                                 : Reading{};
         }},
    };
}

// Couples, joint capital and night care, in the financial assessment in force.
std::vector<InputRow> couple_rows() {
    return {
        {{"joint_capital", Type::of(Kind::money),
          "the person's shares of capital owned jointly (financial_assessments[].joint_capital)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? sum_of(s.assessment->joint_capital, &JointCapital::share) : Reading{};
         }},
        {{"has_partner", Type::of(Kind::boolean), "whether the assessment declares a partner (financial_assessments[].partner)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? value(s.assessment->partner.has_value()) : Reading{};
         }},
        {{"partner_date_of_birth", Type::of(Kind::date),
          "the partner's date of birth (financial_assessments[].partner.date_of_birth)"},
         [](const History&, const HistoryState& s) {
             return s.assessment && s.assessment->partner && s.assessment->partner->date_of_birth
                        ? value(*s.assessment->partner->date_of_birth)
                        : Reading{};
         }},
        {{"partner_in_same_care_home", Type::of(Kind::boolean),
          "whether the partner is in the same care home (financial_assessments[].partner.in_same_care_home)"},
         [](const History&, const HistoryState& s) {
             if (!s.assessment) return Reading{};
             return value(s.assessment->partner && s.assessment->partner->in_same_care_home);
         }},
        {{"partner_income", money_per_week, "the partner's income a week, never assessed (financial_assessments[].partner_income)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? sum_of(s.assessment->partner_income, &IncomeItem::weekly) : Reading{};
         }},
        {{"pension_passed_to_partner", money_per_week,
          "pension paid over to the partner a week (financial_assessments[].pension_passed_to_partner)"},
         [](const History&, const HistoryState& s) {
             return s.assessment ? value(s.assessment->pension_passed_to_partner) : Reading{};
         }},
        {{"night_care_at_home", Type::of(Kind::boolean),
          "whether night care is provided at home (financial_assessments[].night_care_at_home)"},
         [](const History&, const HistoryState& s) {
             return s.assessment && s.assessment->night_care_at_home ? value(*s.assessment->night_care_at_home)
                                                                     : Reading{};
         }},
    };
}

// The adjustment being considered (only in `accepts adjustments when`).
std::vector<InputRow> adjustment_rows() {
    return {
        {{"adjustment_kind", any_enum, "the kind of the adjustment being considered (adjustments[].kind)", false, true},
         [](const History&, const HistoryState& s) { return s.adjustment ? word(s.adjustment->kind) : Reading{}; }},
        {{"adjustment_amount", Type::of(Kind::money), "the amount of the adjustment being considered (adjustments[].amount)",
          false, true},
         [](const History&, const HistoryState& s) { return s.adjustment ? value(s.adjustment->amount) : Reading{}; }},
        {{"adjustment_days", Type::of(Kind::duration),
          "the days the adjustment being considered covers, both ends counted (adjustments[].covers_from, covers_to)",
          false, true},
         [](const History&, const HistoryState& s) {
             if (!s.adjustment || !s.adjustment->covers_from || !s.adjustment->covers_to) return Reading{};
             return value(Decimal(*s.adjustment->covers_to - *s.adjustment->covers_from + 1));
         }},
        {{"adjustment_covers_from", Type::of(Kind::date),
          "the first day of the period the adjustment being considered corrects (adjustments[].covers_from)", false, true},
         [](const History&, const HistoryState& s) {
             return s.adjustment && s.adjustment->covers_from ? value(*s.adjustment->covers_from) : Reading{};
         }},
        {{"adjustment_covers_to", Type::of(Kind::date),
          "the last day of the period the adjustment being considered corrects (adjustments[].covers_to)", false, true},
         [](const History&, const HistoryState& s) {
             return s.adjustment && s.adjustment->covers_to ? value(*s.adjustment->covers_to) : Reading{};
         }},
        {{"adjustment_covers_care", Type::of(Kind::boolean),
          "whether a care period holds any of the days the adjustment being considered covers (adjustments[], care_periods[])",
          false, true},
         [](const History& h, const HistoryState& s) {
             if (!s.adjustment || !s.adjustment->covers_from || !s.adjustment->covers_to) return Reading{};
             return value(last_care_within(h, *s.adjustment->covers_from, *s.adjustment->covers_to) != nullptr);
         }},
        {{"adjustment_budget", any_enum,
          "the kind of budget of the last care period holding a day the adjustment being considered covers "
          "(care_periods[].budget)", false, true},
         [](const History& h, const HistoryState& s) {
             if (!s.adjustment || !s.adjustment->covers_from || !s.adjustment->covers_to) return Reading{};
             const CarePeriod* p = last_care_within(h, *s.adjustment->covers_from, *s.adjustment->covers_to);
             return p ? word(p->budget) : Reading{};
         }},
        {{"adjustment_has_covered_period", Type::of(Kind::boolean),
          "whether the adjustment being considered gives both covers_from and covers_to (adjustments[])", false, true},
         [](const History&, const HistoryState& s) {
             if (!s.adjustment) return Reading{};
             return value(s.adjustment->covers_from.has_value() && s.adjustment->covers_to.has_value());
         }},
    };
}

// Every fact, in the order `carecap check` lists them.
const std::vector<InputRow>& rows() {
    static const std::vector<InputRow> table = [] {
        std::vector<InputRow> all;
        for (auto group : {care_period_rows, residence_rows, person_rows, deferred_payment_rows, assessment_rows,
                           couple_rows, adjustment_rows}) {
            std::vector<InputRow> rows = group();
            all.insert(all.end(), rows.begin(), rows.end());
        }
        return all;
    }();
    return table;
}

// By name: rules read inputs on every stretch, so this is on the interpreter's hot path.
const InputRow* find_row(const std::string& name) {
    static const std::unordered_map<std::string, const InputRow*> by_name = [] {
        std::unordered_map<std::string, const InputRow*> m;
        for (auto& r : rows()) m.emplace(r.spec.name, &r);
        return m;
    }();
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : it->second;
}

std::optional<std::uint32_t> member_index(const EnumDecl& e, const std::string& w) {
    for (std::size_t i = 0; i < e.members.size(); ++i)
        if (e.members[i].name == w) return static_cast<std::uint32_t>(i);
    return std::nullopt;
}

EvalError not_a_member(const EnumDecl& e, const EnumWord& w) {
    std::string members;
    for (auto& m : e.members) members += (members.empty() ? "" : ", ") + m.name;
    bool vowel = std::string("aeiou").find(e.name.front()) != std::string::npos;
    return EvalError(e.name_span,
                     "\"" + w.word + "\" is not " + (vowel ? "an " : "a ") + e.name + " (expected one of " + members + ")",
                     w.path);
}

const EnumDecl& enum_of(const RuleSet& rules, const TypeRef& t) { return *rules.enums.at(t.resolved.enumeration); }

} // namespace

// Each row above reads one part of the history state (or only the history itself); the
// checker copies it into each input (InputDecl::source), so that the timeline knows when a
// date worked out from inputs may have changed and the evaluator which values it can keep
// from one stretch to the next. A row missing here is treated as reading anything (always safe).
static InputSource input_source(const std::string& name) {
    static const std::unordered_map<std::string, InputSource> sources = {
        {"setting", InputSource::care_period}, {"budget", InputSource::care_period},
        {"weekly_cost", InputSource::care_period}, {"weekly_charge", InputSource::care_period},
        {"has_invoices", InputSource::care_period}, {"invoiced_weekly", InputSource::care_period},
        {"top_ups", InputSource::care_period}, {"top_ups_of", InputSource::care_period},
        {"other_services", InputSource::care_period}, {"other_services_of", InputSource::care_period},
        {"services_of", InputSource::care_period},
        {"pays_accommodation_separately", InputSource::care_period}, {"care_start", InputSource::care_period},
        {"residence", InputSource::care_period}, {"permanent_residence_from", InputSource::care_period},
        {"has_earlier_permanent_residence", InputSource::care_period},
        {"earlier_permanent_residence_to", InputSource::care_period},
        {"earlier_permanent_residence_days", InputSource::care_period},
        {"assessment_requested", InputSource::history}, {"need_identified", InputSource::history},
        {"asked_or_identified", InputSource::history}, {"date_of_birth", InputSource::history},
        {"has_asked_or_identified", InputSource::history}, {"first_care_start", InputSource::history},
        {"eligible", InputSource::eligibility}, {"eligible_needs", InputSource::eligibility},
        {"capital", InputSource::assessment}, {"property_value", InputSource::assessment},
        {"disability_related_expenditure", InputSource::assessment}, {"housing_costs", InputSource::assessment},
        {"has_premium", InputSource::assessment}, {"weekly_income", InputSource::assessment},
        {"income_of", InputSource::assessment}, {"home_occupied_by", InputSource::assessment},
        {"joint_capital", InputSource::assessment}, {"has_partner", InputSource::assessment},
        {"partner_date_of_birth", InputSource::assessment}, {"partner_in_same_care_home", InputSource::assessment},
        {"partner_income", InputSource::assessment}, {"pension_passed_to_partner", InputSource::assessment},
        {"night_care_at_home", InputSource::assessment},
        {"adjustment_kind", InputSource::adjustment}, {"adjustment_amount", InputSource::adjustment},
        {"adjustment_days", InputSource::adjustment}, {"adjustment_covers_from", InputSource::adjustment},
        {"adjustment_covers_to", InputSource::adjustment}, {"adjustment_has_covered_period", InputSource::adjustment},
        {"adjustment_budget", InputSource::adjustment}, {"adjustment_covers_care", InputSource::adjustment},
    };
    auto it = sources.find(name);
    return it == sources.end() ? InputSource::unknown : it->second;
}

const std::vector<InputSpec>& history_inputs() {
    static const std::vector<InputSpec> specs = [] {
        std::vector<InputSpec> out;
        for (auto& r : rows()) {
            out.push_back(r.spec);
            out.back().source = input_source(r.spec.name);
        }
        return out;
    }();
    return specs;
}

HistoryState history_state_on(const History& h, Date day) {
    HistoryState s;
    // Periods are sorted and never overlap: the last one starting on or before the day.
    auto care = std::upper_bound(h.care_periods.begin(), h.care_periods.end(), day,
                                 [](Date d, const CarePeriod& c) { return d < c.start; });
    if (care != h.care_periods.begin()) {
        const CarePeriod& c = *std::prev(care);
        if (!c.end || day <= *c.end) s.care = &c;
    }
    for (auto& a : h.financial_assessments)
        if (a.date <= day) s.assessment = &a;
    for (auto& e : h.eligibility)
        if (e.date <= day) s.eligibility = &e;
    s.authority = h.authority;
    for (auto& m : h.moves)
        if (m.date <= day) s.authority = m.to_authority;
    if (h.deferred_payment && h.deferred_payment->open_on(day)) s.deferred_payment = &*h.deferred_payment;
    return s;
}

Value input_value(const RuleSet& rules, const InputDecl& input, const History& history, const HistoryState& state,
                  Date day, const Span& where, const EnumValue* key) {
    const InputRow* row = find_row(input.name);
    if (!row) throw EvalError(where, "the care history has no input called `" + input.name + "`");
    Reading r = row->read(history, state);
    if (!r.present)
        throw EvalError(where, "`" + input.name + "` has no value on " + day.to_string() +
                                   ": the history has nothing in force then for " + row->spec.description);
    if (key) { // a sum over the items of one kind
        const EnumDecl& e = enum_of(rules, input.key);
        const std::string& member = e.members.at(key->index).name;
        Decimal sum;
        bool any = false;
        for (auto& [w, weekly] : r.items) {
            if (!member_index(e, w->word)) throw not_a_member(e, *w);
            if (w->word == member) {
                sum += weekly;
                any = true;
            }
        }
        if (input.type.resolved.kind == Kind::boolean) return any; // read by kind as yes or no
        return sum;
    }
    if (r.word) {
        const EnumDecl& e = enum_of(rules, input.type);
        auto index = member_index(e, r.word->word);
        if (!index) throw not_a_member(e, *r.word);
        return EnumValue{*index};
    }
    return *r.value;
}

std::vector<EvalError> check_history_words(const RuleSet& rules, const History& history) {
    std::vector<EvalError> errors;
    auto enum_for = [&](const char* input, bool keyed) -> const EnumDecl* {
        auto it = rules.inputs.find(input);
        if (it == rules.inputs.end()) return nullptr;
        const TypeRef& t = keyed ? it->second->key : it->second->type;
        return t.resolved.kind == Kind::enumeration ? &enum_of(rules, t) : nullptr;
    };
    auto check = [&](const EnumDecl* e, const EnumWord& w) {
        if (e && !w.word.empty() && !member_index(*e, w.word)) errors.push_back(not_a_member(*e, w));
    };
    const EnumDecl* setting = enum_for("setting", false);
    const EnumDecl* budget = enum_for("budget", false);
    const EnumDecl* payer = enum_for("top_ups_of", true);
    const EnumDecl* service = enum_for("other_services_of", true);
    const EnumDecl* package_service = enum_for("services_of", true);
    const EnumDecl* income = enum_for("income_of", true);
    const EnumDecl* adjustment = enum_for("adjustment_kind", false);
    const EnumDecl* premium = enum_for("has_premium", true);
    const EnumDecl* residence = enum_for("residence", false);
    const EnumDecl* occupant = enum_for("home_occupied_by", true);
    for (auto& c : history.care_periods) {
        check(setting, c.setting);
        check(budget, c.budget);
        check(residence, c.residence);
        for (auto& t : c.top_ups) check(payer, t.payer);
        for (auto& o : c.other_services) check(service, o.kind);
        for (auto& o : c.services) check(package_service, o.kind);
    }
    for (auto& a : history.financial_assessments) {
        for (auto& i : a.income) check(income, i.kind);
        for (auto& i : a.partner_income) check(income, i.kind);
        for (auto& p : a.premiums) check(premium, p);
        for (auto& o : a.home_occupied_by) check(occupant, o);
    }
    for (auto& a : history.adjustments) check(adjustment, a.kind);
    return errors;
}

LoadResult load_rules_for_histories(const std::string& path, std::vector<std::string> rule_roots,
                                    const Limits& limits, std::vector<std::string> rules_path) {
    LoadOptions options;
    options.inputs = history_inputs();
    options.rule_roots = std::move(rule_roots);
    options.limits = limits;
    options.rules_path = std::move(rules_path);
    return load_rule_set(path, options);
}

} // namespace carecap
