// selfservice_questions.cpp: the questions of the online financial assessment and the checks on each
// answer (docs/self-service.md). Money is read into exact decimals, never a double.
#include "cli/selfservice_questions.h"
#include "cli/percent_decode.h"

#include "stdlib/date.h"
#include "stdlib/decimal.h"

#include <algorithm>

namespace carecap::selfservice {
namespace {

const std::vector<Option> yes_no = {{"yes", "Yes"}, {"no", "No"}};

// Each income the means test treats in its own way, by the word the history (and the rules) use for it.
const std::vector<Option>& incomes() {
    static const std::vector<Option> all = {
        {"state_pension", "State Pension"},
        {"pension_credit", "Pension Credit: guarantee credit"},
        {"savings_credit", "Pension Credit: savings credit"},
        {"occupational_pension", "A pension from a former employer"},
        {"private_pension", "A private or personal pension"},
        {"attendance_allowance_higher", "Attendance Allowance at the higher rate"},
        {"attendance_allowance_lower", "Attendance Allowance at the lower rate"},
        {"pip_daily_living_enhanced", "Personal Independence Payment (PIP) daily living, enhanced rate"},
        {"pip_daily_living_standard", "Personal Independence Payment (PIP) daily living, standard rate"},
        {"pip_mobility", "Personal Independence Payment (PIP) mobility"},
        {"dla_care_highest", "Disability Living Allowance (DLA) care, highest rate"},
        {"dla_care_middle", "Disability Living Allowance (DLA) care, middle rate"},
        {"dla_care_lowest", "Disability Living Allowance (DLA) care, lowest rate"},
        {"dla_mobility", "Disability Living Allowance (DLA) mobility"},
        {"universal_credit", "Universal Credit"},
        {"employment_and_support_allowance", "Employment and Support Allowance"},
        {"carers_allowance", "Carer's Allowance"},
        {"earnings", "Earnings from work"},
        {"other_income", "Any other income"},
    };
    return all;
}

std::vector<Question> make_questions() {
    std::vector<Question> q = {
        {"setting", Step::care, Kind::choice, "Where do you receive care, or will you?", "",
         {{"residential", "In a care home"}, {"home", "In my own home"}}, true},
        {"care_start", Step::care, Kind::date, "When does (or did) your care start?",
         "We work out your contribution from this day. For example, 2 6 2025.", {}, true},
        {"cost", Step::care, Kind::amount_every, "How much does your care cost?",
         "The care home's fee, or the cost of the care at home in your care plan. Your council can tell you.", {},
         true},
        {"birth", Step::you, Kind::date, "What is your date of birth?", "For example, 27 3 1950.", {}, true},
        {"partner", Step::you, Kind::choice, "Do you have a husband, wife or partner?",
         "Someone you live with, or lived with before you moved into a care home.", yes_no, true},
        {"partner_birth", Step::you, Kind::date, "If you have a partner: what is their date of birth?", "", {}, false},
        {"partner_same_home", Step::you, Kind::choice,
         "If you have a partner: do they live in the same care home as you?", "", yes_no, false},
        {"capital", Step::savings, Kind::money, "How much do you have in savings and investments?",
         "Your own share of bank and building society accounts, ISAs, bonds, shares and cash. Do not include "
         "the home you live in, or lived in. Enter 0 if you have none.",
         {}, true},
        {"owns_home", Step::home, Kind::choice, "Do you own, or part-own, your home?",
         "The home you live in, or lived in before moving into a care home.", yes_no, true},
        {"home_value", Step::home, Kind::money, "If you own your home: what is your share of it worth?",
         "What your share would sell for, less any mortgage or loan secured on it.", {}, false},
        {"occupied", Step::home, Kind::ticks, "Who else lives in your home?", "Tick all that apply.",
         {{"partner", "My husband, wife or partner"},
          {"relative_aged_60_or_over", "A relative aged 60 or over"},
          {"incapacitated_relative", "A relative who is disabled"}},
         false},
    };
    for (const Option& income : incomes())
        q.push_back({income.value, Step::income, Kind::amount_every, income.label, "", {}, false});
    q.push_back({"dre", Step::costs, Kind::amount_every, "How much do you spend because of a disability or illness?",
                 "For example extra heating or laundry, a community alarm, a special diet. Leave it blank if nothing.",
                 {}, false});
    q.push_back({"housing", Step::costs, Kind::amount_every, "How much do you pay for your home?",
                 "Rent, mortgage interest and council tax, less any help you get with them (housing benefit, "
                 "council tax reduction). Leave it blank if nothing.",
                 {}, false});
    q.push_back({"night_care", Step::costs, Kind::choice, "Does anyone give you care during the night at home?", "",
                 yes_no, false});
    return q;
}

constexpr std::string_view amount_error = "Enter an amount in pounds and pence, like 75.50";

// An amount of money: an error for a wrong one, or nothing. Up to `most` pounds.
std::optional<std::string> money_error(const std::string& typed, const Decimal& most, std::string_view most_words) {
    auto cleaned = clean_amount(typed);
    if (!cleaned) {
        if (!typed.empty() && typed.front() == '-') return "Enter an amount of £0 or more";
        return std::string(amount_error);
    }
    auto value = Decimal::parse(*cleaned);
    if (!value) return std::string(amount_error);
    if (value->is_negative()) return "Enter an amount of £0 or more";
    if (*value > most) return "Enter an amount of " + std::string(most_words) + " or less";
    return std::nullopt;
}

// Three inputs for a date: the date, or an error.
std::optional<std::string> date_error(const Answers& answers, const Question& q, std::optional<Date>& date) {
    std::string n(q.name);
    std::string day = answer_to(answers, n + "_day"), month = answer_to(answers, n + "_month"), year = answer_to(answers, n + "_year");
    auto number = [](const std::string& text, int& out) {
        if (text.empty() || text.size() > 4 || !std::all_of(text.begin(), text.end(), ::isdigit)) return false;
        out = std::stoi(text);
        return true;
    };
    int d = 0, m = 0, y = 0;
    if (!number(day, d) || !number(month, m) || !number(year, y))
        return "Enter the date as numbers: a day, a month and a year of 4 digits";
    if (year.size() != 4) return "Enter the year with 4 digits, like 1950";
    date = Date::from_ymd(y, m, d);
    if (!date) return "Enter a real date: that day does not exist";
    return std::nullopt;
}

bool is_answered(const Question& q, const Answers& answers) {
    for (const std::string& field : field_names(q)) {
        if (q.kind == Kind::amount_every && field.ends_with("_every")) continue; // it has a default
        if (!answer_to(answers, field).empty()) return true;
    }
    return false;
}

// Whether a question asked only in some cases must be answered in this one.
bool is_required(const Question& q, const Answers& answers) {
    if (q.required) return true;
    if (q.name == "partner_birth") return answer_to(answers, "partner") == "yes";
    if (q.name == "partner_same_home") return answer_to(answers, "partner") == "yes";
    if (q.name == "home_value") return answer_to(answers, "owns_home") == "yes";
    if (q.name == "night_care") return true; // asked only at home, and then needed (the night-care disregard)
    return false;
}

// The date's own bounds: care from the means test in force (April 2015), a birth after 1900.
std::optional<std::string> date_bounds(const Question& q, const Date& date, const Answers& answers) {
    if (q.name == "care_start") {
        if (date < *Date::from_ymd(2015, 4, 1) || date > *Date::from_ymd(2099, 12, 31))
            return "Enter a date from 1 April 2015 to 31 December 2099";
        return std::nullopt;
    }
    if (date < *Date::from_ymd(1900, 1, 1)) return "Enter a date of birth after 1 January 1900";
    std::optional<Date> start;
    for (const Question& c : questions())
        if (c.name == "care_start" && !date_error(answers, c, start) && start && date > *start)
            return "Enter a date of birth before your care starts";
    return std::nullopt;
}

std::optional<std::string> answer_error(const Question& q, const Answers& answers) {
    for (const std::string& field : field_names(q))
        if (answer_to(answers, field).size() > longest_field)
            return "This answer is too long: enter at most " + std::to_string(longest_field) + " characters";
    if (!is_answered(q, answers))
        return is_required(q, answers) ? std::optional<std::string>("Answer this question") : std::nullopt;
    std::string value = answer_to(answers, std::string(q.name));
    switch (q.kind) {
    case Kind::money: return money_error(value, Decimal(1'000'000'000), "£1,000,000,000");
    case Kind::amount_every: {
        std::string every = answer_to(answers, std::string(q.name) + "_every");
        if (every_words(every).empty()) return "Choose how often it is paid";
        return money_error(value, Decimal(10'000'000), "£10,000,000");
    }
    case Kind::choice:
        for (const Option& o : q.options)
            if (o.value == value) return std::nullopt;
        return "Choose one of the answers";
    case Kind::ticks:
        for (const Option& o : q.options) {
            std::string ticked = answer_to(answers, std::string(q.name) + "_" + std::string(o.value));
            if (!ticked.empty() && ticked != "yes") return "Tick the boxes that apply, or none";
        }
        return std::nullopt;
    case Kind::date: {
        std::optional<Date> date;
        if (auto wrong = date_error(answers, q, date)) return wrong;
        return date_bounds(q, *date, answers);
    }
    }
    return std::nullopt;
}

} // namespace

std::string_view step_name(Step step) {
    static constexpr std::string_view names[] = {"care", "you", "savings", "home", "income", "costs", "check"};
    return names[static_cast<int>(step)];
}

std::string_view step_title(Step step) {
    static constexpr std::string_view titles[] = {"Your care",       "About you",  "Savings and investments",
                                                  "Your home",       "Your income", "Costs you pay",
                                                  "Check your answers"};
    return titles[static_cast<int>(step)];
}

std::optional<Step> step_named(std::string_view name) {
    for (int i = 0; i < step_count; ++i)
        if (step_name(static_cast<Step>(i)) == name) return static_cast<Step>(i);
    return std::nullopt;
}

const std::vector<Question>& questions() {
    static const std::vector<Question> all = make_questions();
    return all;
}

const Question* question_named(std::string_view name) {
    for (const Question& q : questions())
        if (q.name == name) return &q;
    return nullptr;
}

bool is_asked(const Question& question, const Answers& answers) {
    std::string setting = answer_to(answers, "setting");
    if (question.name == "partner_same_home") return setting == "residential";
    if (question.name == "night_care") return setting == "home";
    return true;
}

std::vector<std::string> field_names(const Question& question) {
    std::string n(question.name);
    switch (question.kind) {
    case Kind::date: return {n + "_day", n + "_month", n + "_year"};
    case Kind::amount_every: return {n, n + "_every"};
    case Kind::ticks: {
        std::vector<std::string> names;
        for (const Option& o : question.options) names.push_back(n + "_" + std::string(o.value));
        return names;
    }
    default: return {n};
    }
}

bool parse_form(std::string_view body, Answers& fields, std::string& why) {
    while (!body.empty()) {
        std::size_t amp = body.find('&');
        std::string_view piece = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (piece.empty()) continue;
        std::size_t eq = piece.find('=');
        auto key = serve::percent_decode(piece.substr(0, eq), serve::PlusMeans::space);
        auto value = serve::percent_decode(eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1),
                                           serve::PlusMeans::space);
        if (!key || !value) {
            why = "The form was not sent correctly ('%' must be followed by two hex digits). Please start again.";
            return false;
        }
        // Spaces around an answer are never meant (a copied amount often has them).
        std::string trimmed = *value;
        while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.pop_back();
        trimmed.erase(0, std::min(trimmed.find_first_not_of(" \t"), trimmed.size()));
        if (!fields.emplace(*key, std::move(trimmed)).second) {
            why = "The form sent one of its answers twice. Please start again.";
            return false;
        }
    }
    return true;
}

void check_step(Step step, const Answers& answers, Errors& errors) {
    for (const Question& q : questions()) {
        if (q.step != step || !is_asked(q, answers)) continue;
        if (auto wrong = answer_error(q, answers)) errors.emplace(std::string(q.name), *wrong);
    }
    if (step == Step::home && answer_to(answers, "owns_home") != "yes" && !answer_to(answers, "home_value").empty() &&
        !errors.contains("home_value"))
        errors.emplace("home_value", "You said you do not own your home: leave this blank, or answer Yes above");
}

std::optional<std::string> clean_amount(std::string_view typed) {
    if (typed.starts_with("\xC2\xA3")) typed.remove_prefix(2); // '£' in UTF-8
    std::string out;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        char c = typed[i];
        bool between_digits = c == ',' && i > 0 && i + 1 < typed.size() && ::isdigit(typed[i - 1]) && ::isdigit(typed[i + 1]);
        if (between_digits) continue;
        if (!::isdigit(c) && c != '.') return std::nullopt;
        out += c;
    }
    std::size_t dot = out.find('.');
    if (out.empty() || out.front() == '.' || out.back() == '.') return std::nullopt;
    if (dot != std::string::npos && (out.find('.', dot + 1) != std::string::npos || out.size() - dot - 1 > 2))
        return std::nullopt;
    return out;
}

std::string_view every_words(std::string_view every) {
    if (every == "week") return "a week";
    if (every == "2weeks") return "every 2 weeks";
    if (every == "4weeks") return "every 4 weeks";
    if (every == "month") return "a month";
    if (every == "year") return "a year";
    return "";
}

std::string weekly_figure(std::string_view amount, std::string_view every) {
    Decimal paid = *Decimal::parse(*clean_amount(amount));
    Decimal weekly = paid;
    if (every == "2weeks") weekly = paid / Decimal(2);
    else if (every == "4weeks") weekly = paid / Decimal(4);
    else if (every == "month") weekly = paid * Decimal(12) / Decimal(52);
    else if (every == "year") weekly = paid / Decimal(52);
    return weekly.to_fixed(2, Rounding::half_up);
}

std::string answer_to(const Answers& answers, const std::string& name) {
    auto found = answers.find(name);
    return found == answers.end() ? "" : found->second;
}

} // namespace carecap::selfservice
