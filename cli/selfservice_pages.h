// selfservice_pages.h: the HTML pages of the online financial assessment (docs/self-service.md).
// Server-rendered forms that work without JavaScript; every field labelled; errors beside the question
// and in a summary at the top; everything shown is escaped.
#pragma once

#include "cli/selfservice_questions.h"

#include <string>
#include <string_view>
#include <vector>

namespace carecap::selfservice {

// One line of "how it was worked out": a plain label and the figure.
struct WorkingLine {
    std::string label;
    std::string value;
};

// What the rules made of the answers.
struct Outcome {
    bool ok = false;
    std::string contribution;              // "£61.55": the estimated weekly contribution
    std::string rules;                     // the rules it was worked out under, as a person reads them
    std::vector<WorkingLine> working;      // how, in plain words
    std::vector<std::string> errors;       // why it could not be worked out, when not ok
    std::string history_json;              // the answers as a care history, to download
};

std::string start_page(std::string_view authority, std::string_view reopen_error);
std::string step_page(Step step, const Answers& answers, const Errors& errors);
std::string check_page(const Answers& answers);
std::string result_page(std::string_view authority, const Answers& answers, const Outcome& outcome);
// A page for a form that could not be read at all (sent twice, broken encoding).
std::string broken_form_page(std::string_view message);

// A whole page: the title ("Error: " before it when the page shows errors), the style, the body in <main>.
// `service` names the service in the title ("... - financial assessment").
std::string html_page(std::string_view title, std::string_view body, bool has_errors,
                      std::string_view service = "financial assessment");

// The fields of every answer given, as hidden inputs (the answers travel with the form). Only the
// questions' own fields, and only values no longer than longest_field.
std::string hidden_answers(const Answers& answers, std::optional<Step> except);

} // namespace carecap::selfservice
