// selfservice_result.cpp: the last two pages of the online financial assessment: the answers to check,
// and the estimated weekly contribution with how it was worked out.
#include "cli/selfservice_pages.h"

#include "runtime/reports/svg.h" // html_escape

namespace carecap::selfservice {
namespace {

std::string date_words(const Answers& answers, const std::string& name) {
    static constexpr std::string_view months[] = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
    int month = std::stoi(answer_to(answers, name + "_month"));
    return std::to_string(std::stoi(answer_to(answers, name + "_day"))) + " " + std::string(months[month - 1]) + " " +
           answer_to(answers, name + "_year");
}

// An answer as the person reads it back; "" for a question left blank. Only for checked answers.
std::string answer_words(const Question& q, const Answers& answers) {
    std::string value = answer_to(answers, std::string(q.name));
    switch (q.kind) {
    case Kind::date: return answer_to(answers, std::string(q.name) + "_year").empty() ? "" : date_words(answers, std::string(q.name));
    case Kind::money: return value.empty() ? "" : "£" + *clean_amount(value);
    case Kind::amount_every: {
        if (value.empty()) return "";
        std::string every = answer_to(answers, std::string(q.name) + "_every");
        std::string words = "£" + *clean_amount(value) + " " + std::string(every_words(every));
        if (every != "week") words += " (£" + weekly_figure(value, every) + " a week)";
        return words;
    }
    case Kind::choice:
        for (const Option& o : q.options)
            if (o.value == value) return std::string(o.label);
        return "";
    case Kind::ticks: {
        std::string list;
        for (const Option& o : q.options)
            if (answer_to(answers, std::string(q.name) + "_" + std::string(o.value)) == "yes")
                list += (list.empty() ? "" : "; ") + std::string(o.label);
        return list.empty() ? "Nobody else" : list;
    }
    }
    return "";
}

std::string answers_table(const Answers& answers, bool with_change) {
    std::string out;
    for (int i = 0; i < step_count - 1; ++i) {
        Step step = static_cast<Step>(i);
        out += "<h2>" + html_escape(step_title(step)) + "</h2>\n<table>\n";
        for (const Question& q : questions()) {
            if (q.step != step || !is_asked(q, answers)) continue;
            std::string words = answer_words(q, answers);
            if (words.empty() && q.step == Step::income) continue;
            out += "<tr><th scope=\"row\">" + html_escape(q.label) + "</th><td>" + html_escape(words.empty() ? "Not given" : words) +
                   "</td></tr>\n";
        }
        out += "</table>\n";
        if (with_change)
            out += "<button name=\"go\" value=\"edit-" + std::string(step_name(step)) +
                   "\" class=\"secondary\">Change<span class=\"visually-hidden\"> " + html_escape(step_title(step)) +
                   "</span></button>\n";
    }
    return out;
}

constexpr std::string_view not_covered =
    "<h2>What this does not cover</h2>\n<ul>\n"
    "<li>It is an estimate from your answers alone. Your council's financial assessment checks them, and its "
    "decision is the one that counts.</li>\n"
    "<li>It is worked out for the day your care starts. Where a home is counted only after the first 12 weeks "
    "in a care home, or a benefit or pension changes, the amount changes too.</li>\n"
    "<li>Capital you own jointly, a pension paid to a partner, a temporary stay in a care home, and a deferred "
    "payment agreement are not asked about here.</li>\n"
    "<li>It does not decide whether your needs are eligible for care and support: that is the council's needs "
    "assessment.</li>\n</ul>\n";

std::string working_table(const Outcome& outcome) {
    std::string out = "<h2>How it was worked out</h2>\n<p>Worked out under " + html_escape(outcome.rules) +
                      ", with exact arithmetic; amounts are shown to the penny.</p>\n<table>\n";
    for (const WorkingLine& line : outcome.working)
        out += "<tr><th scope=\"row\">" + html_escape(line.label) + "</th><td class=\"money\">" + html_escape(line.value) + "</td></tr>\n";
    return out + "</table>\n";
}

std::string download_form(const Answers& answers, const Outcome& outcome) {
    return "<h2>Your answers</h2>\n<p>Download your answers to send to the council, or to come back to later: "
           "they open this form again.</p>\n"
           "<form method=\"post\" action=\"/self-service/answers.json\" class=\"no-print\">\n" +
           hidden_answers(answers, std::nullopt) +
           "<button name=\"go\" value=\"download\">Download your answers</button>\n</form>\n"
           "<label class=\"q\" for=\"answers\">Your answers, as the council's system reads them</label>\n"
           "<textarea id=\"answers\" rows=\"8\" readonly>" +
           html_escape(outcome.history_json) + "</textarea>\n";
}

} // namespace

std::string check_page(const Answers& answers) {
    std::string body = "<p class=\"hint\">Step " + std::to_string(step_count) + " of " + std::to_string(step_count) +
                       "</p>\n<h1>Check your answers</h1>\n<form method=\"post\" action=\"/self-service\" novalidate>\n"
                       "<input type=\"hidden\" name=\"step\" value=\"check\">\n" +
                       hidden_answers(answers, std::nullopt) + answers_table(answers, true) +
                       "<p><button name=\"go\" value=\"result\">Work out my contribution</button></p>\n</form>\n";
    return html_page("Check your answers", body, false);
}

std::string result_page(std::string_view authority, const Answers& answers, const Outcome& outcome) {
    std::string body;
    if (!outcome.ok) {
        body = "<h1>We could not work out your contribution</h1>\n<p>The rules could not be applied to these "
               "answers:</p>\n<ul>\n";
        for (const std::string& e : outcome.errors) body += "<li>" + html_escape(e) + "</li>\n";
        body += "</ul>\n<p>Please contact " + html_escape(authority) + ".</p>\n";
    } else {
        body = "<h1>Your estimated contribution</h1>\n<p>From what you told us, you would pay about</p>\n"
               "<p class=\"contribution\" id=\"contribution\">" +
               html_escape(outcome.contribution) + " a week</p>\n<p>towards the cost of your care, to " + html_escape(authority) +
               ".</p>\n" + working_table(outcome);
    }
    body += std::string(not_covered) + download_form(answers, outcome) + answers_table(answers, false) +
            "<p>To keep a copy, print this page with your browser's print command.</p>\n"
            "<p><a href=\"/self-service\">Start again</a></p>\n";
    return html_page(outcome.ok ? "Your estimated contribution" : "There is a problem", body, false);
}

} // namespace carecap::selfservice
