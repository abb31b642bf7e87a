// selfservice_history.cpp: the answers of the online financial assessment as a care history
// (docs/history.md), and back: the downloaded answers re-open the form (docs/self-service.md).
#include "cli/selfservice_questions.h"

#include "stdlib/date.h"

namespace carecap::selfservice {
namespace {

// The ISO date of a date question whose answer has been checked.
std::string iso_date(const Answers& answers, const std::string& name) {
    auto date = Date::from_ymd(std::stoi(answer_to(answers, name + "_year")), std::stoi(answer_to(answers, name + "_month")),
                               std::stoi(answer_to(answers, name + "_day")));
    return date->to_string();
}

std::string weekly(const Answers& answers, const std::string& name) {
    std::string amount = answer_to(answers, name);
    return amount.empty() ? "0.00" : weekly_figure(amount, answer_to(answers, name + "_every"));
}

// The money the person receives, each kind weekly; an income left blank or nought is left out.
nlohmann::json income_of(const Answers& answers) {
    nlohmann::json income = nlohmann::json::array();
    for (const Question& q : questions()) {
        if (q.step != Step::income || answer_to(answers, std::string(q.name)).empty()) continue;
        std::string figure = weekly(answers, std::string(q.name));
        if (figure != "0.00") income.push_back({{"kind", q.name}, {"weekly", figure}});
    }
    return income;
}

nlohmann::json assessment_of(const Answers& answers, const std::string& start) {
    nlohmann::json a = {{"date", start}, {"capital", *clean_amount(answer_to(answers, "capital"))}};
    if (answer_to(answers, "owns_home") == "yes") a["property"] = *clean_amount(answer_to(answers, "home_value"));
    a["income"] = income_of(answers);
    a["disability_related_expenditure"] = weekly(answers, "dre");
    a["housing_costs"] = weekly(answers, "housing");
    nlohmann::json occupants = nlohmann::json::array();
    for (const Option& o : question_named("occupied")->options)
        if (answer_to(answers, "occupied_" + std::string(o.value)) == "yes") occupants.push_back(o.value);
    if (answer_to(answers, "owns_home") == "yes" && !occupants.empty()) a["home_occupied_by"] = occupants;
    if (answer_to(answers, "partner") == "yes") {
        nlohmann::json partner = {{"date_of_birth", iso_date(answers, "partner_birth")}};
        if (answer_to(answers, "setting") == "residential") partner["in_same_care_home"] = answer_to(answers, "partner_same_home") == "yes";
        a["partner"] = partner;
    }
    if (answer_to(answers, "setting") == "home") a["night_care_at_home"] = answer_to(answers, "night_care") == "yes";
    return a;
}

// One date answer from the history's ISO date; false when it is not one.
bool put_date(const nlohmann::json& text, const std::string& name, Answers& answers) {
    if (!text.is_string()) return false;
    auto date = Date::parse(text.get<std::string>());
    if (!date) return false;
    std::string iso = date->to_string();
    answers[name + "_year"] = iso.substr(0, 4);
    answers[name + "_month"] = std::to_string(std::stoi(iso.substr(5, 2)));
    answers[name + "_day"] = std::to_string(std::stoi(iso.substr(8, 2)));
    return true;
}

// Money of the history (a string or a number as written) as the text of an answer.
std::string money_text(const nlohmann::json& amount) {
    return amount.is_string() ? amount.get<std::string>() : amount.is_number() ? amount.dump() : "";
}

// A weekly amount of the history as an answer paid weekly; nought is left blank.
void put_weekly(const nlohmann::json& amount, const std::string& name, Answers& answers) {
    std::string text = money_text(amount);
    if (text.empty() || text == "0.00" || text == "0") return;
    answers[name] = text;
    answers[name + "_every"] = "week";
}

void put_assessment(const nlohmann::json& a, Answers& answers) {
    if (a.contains("capital")) answers["capital"] = money_text(a["capital"]);
    bool owns = a.contains("property");
    answers["owns_home"] = owns ? "yes" : "no";
    if (owns) answers["home_value"] = money_text(a["property"]);
    for (const auto& item : a.value("income", nlohmann::json::array()))
        if (item.is_object() && item.contains("kind") && item["kind"].is_string() && item.contains("weekly")) {
            const Question* q = question_named(item["kind"].get<std::string>());
            if (q && q->step == Step::income) put_weekly(item["weekly"], std::string(q->name), answers);
        }
    if (a.contains("disability_related_expenditure")) put_weekly(a["disability_related_expenditure"], "dre", answers);
    if (a.contains("housing_costs")) put_weekly(a["housing_costs"], "housing", answers);
    for (const auto& who : a.value("home_occupied_by", nlohmann::json::array()))
        if (who.is_string() && question_named("occupied")) answers["occupied_" + who.get<std::string>()] = "yes";
    answers["partner"] = a.contains("partner") ? "yes" : "no";
    if (a.contains("partner") && a["partner"].is_object()) {
        const auto& p = a["partner"];
        if (p.contains("date_of_birth")) put_date(p["date_of_birth"], "partner_birth", answers);
        if (p.value("in_same_care_home", false)) answers["partner_same_home"] = "yes";
        else answers["partner_same_home"] = "no";
    }
    if (a.contains("night_care_at_home") && a["night_care_at_home"].is_boolean())
        answers["night_care"] = a["night_care_at_home"].get<bool>() ? "yes" : "no";
}

} // namespace

nlohmann::json history_of(const Answers& answers, std::string_view authority) {
    std::string start = iso_date(answers, "care_start");
    nlohmann::json care = {{"id", "care"},
                           {"start", start},
                           {"setting", answer_to(answers, "setting")},
                           {"budget", "personal"},
                           {"weekly_cost", weekly(answers, "cost")}};
    return {{"carecap_history", 1},
            {"person", {{"id", "self-service"}, {"date_of_birth", iso_date(answers, "birth")}}},
            {"authority", authority},
            {"as_of", start},
            {"care_periods", nlohmann::json::array({care})},
            {"financial_assessments", nlohmann::json::array({assessment_of(answers, start)})}};
}

bool answers_of(std::string_view history_text, Answers& answers, std::string& why) try {
    nlohmann::json h = nlohmann::json::parse(history_text, nullptr, false);
    why = "These are not answers downloaded from this service: paste the whole file you downloaded";
    if (h.is_discarded() || !h.is_object() || h.value("carecap_history", 0) != 1) return false;
    const auto& periods = h.value("care_periods", nlohmann::json::array());
    const auto& assessments = h.value("financial_assessments", nlohmann::json::array());
    if (periods.size() != 1 || assessments.size() != 1 || !periods[0].is_object() || !assessments[0].is_object())
        return false;
    const auto& care = periods[0];
    if (care.contains("setting") && care["setting"].is_string()) answers["setting"] = care["setting"].get<std::string>();
    if (care.contains("start")) put_date(care["start"], "care_start", answers);
    if (care.contains("weekly_cost")) put_weekly(care["weekly_cost"], "cost", answers);
    if (h.contains("person") && h["person"].is_object() && h["person"].contains("date_of_birth"))
        put_date(h["person"]["date_of_birth"], "birth", answers);
    put_assessment(assessments[0], answers);
    why.clear();
    return true;
} catch (const nlohmann::json::exception&) { // a field of another type than these pages write
    answers.clear();
    return false;
}

} // namespace carecap::selfservice
