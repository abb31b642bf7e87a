// inputs.cpp: the catalogue of history facts and how each is read on a day.
#include "runtime/inputs.h"

#include <algorithm>

namespace carecap {

namespace {

const Type any_enum = Type::enum_named("");
const Type money_per_week = Type::rate_per(Per::week);

// The one table of inputs: adding a fact to the history format means a row here.
struct InputRow {
    InputSpec spec;
    // The word (for enumerations) or value, or nothing if the history has none on that day.
    std::optional<Value> (*read)(const History&, const HistoryState&, std::string& path, std::string& word);
};

std::optional<Value> week_sum(const CarePeriod* c, Decimal (*pick)(const CarePeriod&)) {
    if (!c) return std::nullopt;
    return pick(*c);
}

const std::vector<InputRow>& rows() {
    static const std::vector<InputRow> table = {
        {{"setting", any_enum, "the care setting of the care period in force (care_periods[].setting)"},
         [](const History&, const HistoryState& s, std::string& path, std::string& word) -> std::optional<Value> {
             if (!s.care) return std::nullopt;
             path = s.care->setting.path;
             word = s.care->setting.word;
             return Value{EnumValue{}};
         }},
        {{"budget", any_enum, "the kind of budget of the care period in force (care_periods[].budget)"},
         [](const History&, const HistoryState& s, std::string& path, std::string& word) -> std::optional<Value> {
             if (!s.care) return std::nullopt;
             path = s.care->budget.path;
             word = s.care->budget.word;
             return Value{EnumValue{}};
         }},
        {{"weekly_cost", money_per_week, "what meeting eligible needs costs the authority a week (care_periods[].weekly_cost)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) {
             return week_sum(s.care, [](const CarePeriod& c) { return c.weekly_cost; });
         }},
        {{"weekly_charge", money_per_week, "what the person is charged a week (care_periods[].weekly_charge)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) {
             return week_sum(s.care, [](const CarePeriod& c) { return c.weekly_charge; });
         }},
        {{"top_ups", money_per_week, "all top-ups a week, first and third party (care_periods[].top_ups)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) {
             return week_sum(s.care, [](const CarePeriod& c) {
                 Decimal sum;
                 for (auto& t : c.top_ups) sum += t.weekly;
                 return sum;
             });
         }},
        {{"other_services", money_per_week,
          "services in the package met under other legislation, a week (care_periods[].other_services)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) {
             return week_sum(s.care, [](const CarePeriod& c) {
                 Decimal sum;
                 for (auto& t : c.other_services) sum += t.weekly;
                 return sum;
             });
         }},
        {{"pays_accommodation_separately", Type::of(Kind::boolean),
          "housing benefit, owns the home or pays rent (care_periods[].pays_accommodation_separately)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) -> std::optional<Value> {
             if (!s.care) return std::nullopt;
             return Value{s.care->pays_accommodation_separately};
         }},
        {{"care_start", Type::of(Kind::date), "the first day of the care period in force (care_periods[].start)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) -> std::optional<Value> {
             if (!s.care) return std::nullopt;
             return Value{s.care->start};
         }},
        {{"assessment_requested", Type::of(Kind::date), "the day the person asked for an assessment (assessment_requested)"},
         [](const History& h, const HistoryState&, std::string&, std::string&) -> std::optional<Value> {
             if (!h.assessment_requested) return std::nullopt;
             return Value{*h.assessment_requested};
         }},
        {{"date_of_birth", Type::of(Kind::date), "the person's date of birth (person.date_of_birth)"},
         [](const History& h, const HistoryState&, std::string&, std::string&) -> std::optional<Value> {
             if (!h.date_of_birth) return std::nullopt;
             return Value{*h.date_of_birth};
         }},
        {{"capital", Type::of(Kind::money), "capital in the financial assessment in force (financial_assessments[].capital)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) -> std::optional<Value> {
             if (!s.assessment) return std::nullopt;
             return Value{s.assessment->capital};
         }},
        {{"weekly_income", money_per_week, "income a week in the financial assessment in force (financial_assessments[].income)"},
         [](const History&, const HistoryState& s, std::string&, std::string&) -> std::optional<Value> {
             if (!s.assessment) return std::nullopt;
             Decimal sum;
             for (auto& i : s.assessment->income) sum += i.weekly;
             return Value{sum};
         }},
        {{"eligible", Type::of(Kind::boolean), "the latest eligibility decision on or before the day (eligibility[])"},
         [](const History&, const HistoryState& s, std::string&, std::string&) -> std::optional<Value> {
             return Value{s.eligibility != nullptr && s.eligibility->eligible};
         }},
    };
    return table;
}

const InputRow* find_row(const std::string& name) {
    for (auto& r : rows())
        if (r.spec.name == name) return &r;
    return nullptr;
}

std::optional<std::uint32_t> member_index(const EnumDecl& e, const std::string& word) {
    for (std::size_t i = 0; i < e.members.size(); ++i)
        if (e.members[i].name == word) return static_cast<std::uint32_t>(i);
    return std::nullopt;
}

EvalError not_a_member(const EnumDecl& e, const EnumWord& w) {
    std::string members;
    for (auto& m : e.members) members += (members.empty() ? "" : ", ") + m.name;
    return EvalError(e.name_span, "\"" + w.word + "\" is not a " + e.name + " (expected one of " + members + ")", w.path);
}

} // namespace

const std::vector<InputSpec>& history_inputs() {
    static const std::vector<InputSpec> specs = [] {
        std::vector<InputSpec> out;
        for (auto& r : rows()) out.push_back(r.spec);
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
    return s;
}

Value input_value(const RuleSet& rules, const InputDecl& input, const History& history, const HistoryState& state,
                  Date day, const Span& where) {
    const InputRow* row = find_row(input.name);
    if (!row) throw EvalError(where, "the care history has no input called `" + input.name + "`");
    std::string path, word;
    auto value = row->read(history, state, path, word);
    if (!value)
        throw EvalError(where, "`" + input.name + "` has no value on " + day.to_string() +
                                   ": the history has nothing in force then for " + row->spec.description);
    if (input.type.resolved.kind == Kind::enumeration) {
        const EnumDecl& e = *rules.enums.at(input.type.resolved.enumeration);
        auto index = member_index(e, word);
        if (!index) throw not_a_member(e, EnumWord{word, path});
        return EnumValue{*index};
    }
    return *value;
}

std::vector<EvalError> check_history_words(const RuleSet& rules, const History& history) {
    std::vector<EvalError> errors;
    auto check = [&](const char* input, const EnumWord& w) {
        auto it = rules.inputs.find(input);
        if (it == rules.inputs.end() || it->second->type.resolved.kind != Kind::enumeration) return;
        const EnumDecl& e = *rules.enums.at(it->second->type.resolved.enumeration);
        if (!member_index(e, w.word)) errors.push_back(not_a_member(e, w));
    };
    for (auto& c : history.care_periods) {
        check("setting", c.setting);
        check("budget", c.budget);
    }
    return errors;
}

} // namespace carecap
