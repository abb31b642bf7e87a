// selfservice_questions.h: the questions of the online financial assessment (`carecap serve
// --self-service`, docs/self-service.md), the checks on each answer, and the care history the answers
// become. No HTML here (cli/selfservice_pages.cpp) and no HTTP (cli/selfservice.cpp).
//
// The answers travel between the steps in hidden form fields: carecap keeps nothing, so every answer
// is checked again on every request, whichever step sent it.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::selfservice {

// The topics, one page each, in the order they are asked; `check` is the summary before the result.
enum class Step { care, you, savings, home, income, costs, check };
constexpr int step_count = 7;
std::string_view step_name(Step step);  // "care", used in forms
std::string_view step_title(Step step); // "Your care"
std::optional<Step> step_named(std::string_view name);

// What a field holds: a date (three inputs: _day, _month, _year), an amount of money, an amount paid
// at some frequency (the amount and name_every), a choice among options (radio buttons), tick boxes
// (one field name_VALUE for each option ticked).
enum class Kind { date, money, amount_every, choice, ticks };

struct Option {
    std::string_view value;
    std::string_view label;
};

struct Question {
    std::string_view name; // the form field's name (and the prefix of a date's or an amount's inputs)
    Step step;
    Kind kind;
    std::string_view label; // the question, in plain English
    std::string_view hint;  // what to include, or "" for none
    std::vector<Option> options; // for a choice or tick boxes
    bool required = false;       // must be answered whenever it is asked (check_step adds the conditional ones)
};

const std::vector<Question>& questions();
const Question* question_named(std::string_view name);

// The raw answers as the form sent them, field by field ("capital" -> "12,000"). Nothing is trusted.
using Answers = std::map<std::string, std::string>;

// The answer to the question `name`, or "" if it has not been given.
std::string answer_to(const Answers& answers, const std::string& name);
// An error beside a question, by the question's name: "Enter the amount as pounds and pence, like 75.50".
using Errors = std::map<std::string, std::string>;

// Whether the question is asked, given the answers of the steps before its own (the partner's care home
// only of someone in a care home; night care only at home).
bool is_asked(const Question& question, const Answers& answers);

// The names of the form fields a question's answer is sent in ("birth_day", "birth_month", ...).
std::vector<std::string> field_names(const Question& question);

// The longest a single field may be; a longer one is an error beside its question (never echoed whole).
constexpr std::size_t longest_field = 40;

// Reads an application/x-www-form-urlencoded body into fields. A field that is not valid percent-encoding,
// or is given twice, is an error in `why`. The pasted answers (reopen) may be as long as the body; every
// other field longer than longest_field is kept cut short and reported by check_step.
bool parse_form(std::string_view body, Answers& fields, std::string& why);

// Checks the answers to the questions of one step, putting an error for each one that is wrong.
void check_step(Step step, const Answers& answers, Errors& errors);

// The weekly figure of an amount paid at a frequency, exactly in pounds and pence ("300.00" a month is
// "69.23" a week: 300 x 12 / 52 = 69.2307..., to the nearest penny). How each frequency is converted
// (docs/self-service.md): a week as it is; 2 and 4 weeks divided by 2 and 4; a month x 12 / 52; a year
// / 52 (the State Pension Credit Regulations 2002 reg 17(1)); the result to the nearest penny, half a
// penny up (assumption: no regulation rounds it; the history format takes pence).
std::string weekly_figure(std::string_view amount, std::string_view every);

// How a frequency reads in a sentence ("a month"), for the summary.
std::string_view every_words(std::string_view every);

// The amount as typed, cleaned of a leading '£' and of commas between digits ("£1,200.50" -> "1200.50"),
// or nothing when it is not an amount of money.
std::optional<std::string> clean_amount(std::string_view typed);

// The care history (docs/history.md) the answers describe, for `authority`. Only for answers that
// passed check_step for every step.
nlohmann::json history_of(const Answers& answers, std::string_view authority);

// The answers a care history holds, to re-open the form with; false, with the reason, when the text is
// not a history these pages wrote (the weekly figures come back as paid weekly).
bool answers_of(std::string_view history_text, Answers& answers, std::string& why);

} // namespace carecap::selfservice
