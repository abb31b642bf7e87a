// selfservice_pages.cpp: the pages of the online financial assessment, one topic at a time.
#include "cli/selfservice_pages.h"

#include "runtime/reports/svg.h" // html_escape

namespace carecap::selfservice {
namespace {

// An answer to show back in its field: "" for one too long to have been accepted.
std::string shown_answer(const Answers& answers, const std::string& name) {
    auto found = answers.find(name);
    return found == answers.end() || found->second.size() > longest_field ? "" : found->second;
}

// Plain, high-contrast, one column: readable at 390 px and printable. No script anywhere.
constexpr std::string_view style = R"(
body{font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;margin:0;background:#fff}
main{max-width:40em;margin:0 auto;padding:1em}
h1{font-size:1.6em;margin:.5em 0}
fieldset{border:0;padding:0;margin:0 0 1.2em}
legend,label.q{font-weight:bold;display:block;margin-bottom:.2em}
.hint{color:#505a5f;margin:0 0 .3em}
.error{color:#d4351c;font-weight:bold;margin:0 0 .3em}
.group{margin-bottom:1.2em}
.group-error{border-left:5px solid #d4351c;padding-left:.8em}
input[type=text],select,textarea{font-size:1em;border:2px solid #0b0c0c;padding:.2em}
input[type=text]{width:9em}
input.short{width:3.5em}
textarea{width:100%;box-sizing:border-box}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #fd0;box-shadow:0 0 0 5px #0b0c0c}
.option{margin:.3em 0}
.option input{font-size:inherit;width:1.3em;height:1.3em;vertical-align:middle}
.date span{display:inline-block;margin-right:1em}
.date label{display:block;font-weight:normal}
.part{display:inline-block;margin:0 1em .3em 0}
.part label{display:block}
button{font-size:1em;padding:.4em .8em;margin:.3em .5em .3em 0;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.summary{border:5px solid #d4351c;padding:1em;margin-bottom:1.2em}
.summary a{color:#d4351c;font-weight:bold}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.4em .3em;vertical-align:top}
td.money{text-align:right;white-space:nowrap}
.contribution{font-size:2em;font-weight:bold}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media print{button,form.no-print{display:none}}
)";

} // namespace

std::string html_page(std::string_view title, std::string_view body, bool has_errors, std::string_view service) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           std::string(has_errors ? "Error: " : "") + html_escape(title) +
           " - " + html_escape(service) + "</title>\n<style>" + std::string(style) + "</style>\n</head>\n<body>\n<main>\n" +
           std::string(body) + "</main>\n</body>\n</html>\n";
}

namespace {

// The id the error summary links to: the question's first input.
std::string first_input_id(const Question& q) {
    switch (q.kind) {
    case Kind::date: return std::string(q.name) + "_day";
    case Kind::choice: return std::string(q.name) + "-" + std::string(q.options.front().value);
    case Kind::ticks: return std::string(q.name) + "_" + std::string(q.options.front().value);
    default: return std::string(q.name);
    }
}

std::string hint_and_error(const Question& q, const std::string* error) {
    std::string out;
    if (!q.hint.empty()) out += "<p class=\"hint\" id=\"" + std::string(q.name) + "-hint\">" + html_escape(q.hint) + "</p>\n";
    if (error)
        out += "<p class=\"error\" id=\"" + std::string(q.name) + "-error\"><span class=\"visually-hidden\">Error:</span> " +
               html_escape(*error) + "</p>\n";
    return out;
}

std::string described_by(const Question& q, const std::string* error) {
    std::string ids;
    if (!q.hint.empty()) ids += std::string(q.name) + "-hint";
    if (error) ids += (ids.empty() ? "" : " ") + std::string(q.name) + "-error";
    return ids.empty() ? "" : " aria-describedby=\"" + ids + "\"";
}

std::string text_input(const std::string& id, const Answers& answers, std::string_view mode, std::string_view css,
                       std::string_view extra) {
    return "<input type=\"text\" id=\"" + id + "\" name=\"" + id + "\" inputmode=\"" + std::string(mode) + "\"" +
           (css.empty() ? "" : " class=\"" + std::string(css) + "\"") + " value=\"" + html_escape(shown_answer(answers, id)) + "\"" +
           std::string(extra) + ">";
}

std::string date_inputs(const Question& q, const Answers& answers) {
    std::string out = "<div class=\"date\">";
    for (auto [part, label] : {std::pair{"_day", "Day"}, std::pair{"_month", "Month"}, std::pair{"_year", "Year"}}) {
        std::string id = std::string(q.name) + part;
        // The person's own date of birth says what it is, so a browser can fill it in (WCAG 2.2 1.3.5).
        std::string purpose = q.name == "birth" ? " autocomplete=\"bday-" + std::string(part + 1) + "\"" : "";
        out += "<span><label for=\"" + id + "\">" + label + "</label>" +
               text_input(id, answers, "numeric", "short", purpose) + "</span>";
    }
    return out + "</div>\n";
}

std::string every_select(const Question& q, const Answers& answers) {
    std::string id = std::string(q.name) + "_every", chosen = shown_answer(answers, id);
    if (chosen.empty()) chosen = "week";
    std::string out = "<div class=\"part\"><label for=\"" + id + "\">How often</label><select id=\"" + id + "\" name=\"" +
                      id + "\">";
    for (std::string_view every : {"week", "2weeks", "4weeks", "month", "year"})
        out += "<option value=\"" + std::string(every) + "\"" + (chosen == every ? " selected" : "") + ">" +
               std::string(every_words(every)) + "</option>";
    return out + "</select></div>\n";
}

std::string options_inputs(const Question& q, const Answers& answers) {
    std::string out;
    for (const Option& o : q.options) {
        bool radio = q.kind == Kind::choice;
        std::string id = std::string(q.name) + (radio ? "-" : "_") + std::string(o.value);
        std::string name = radio ? std::string(q.name) : id;
        bool on = radio ? shown_answer(answers, name) == o.value : shown_answer(answers, name) == "yes";
        out += "<div class=\"option\"><input type=\"" + std::string(radio ? "radio" : "checkbox") + "\" id=\"" + id +
               "\" name=\"" + name + "\" value=\"" + (radio ? std::string(o.value) : "yes") + "\"" +
               (on ? " checked" : "") + "> <label for=\"" + id + "\">" + html_escape(o.label) + "</label></div>\n";
    }
    return out;
}

// One question: a fieldset with a legend where it has several inputs, a label where it has one.
std::string question_html(const Question& q, const Answers& answers, const Errors& errors) {
    auto found = errors.find(std::string(q.name));
    const std::string* error = found == errors.end() ? nullptr : &found->second;
    std::string group = "<div class=\"group" + std::string(error ? " group-error" : "") + "\">\n";
    if (q.kind == Kind::money) {
        return group + "<label class=\"q\" for=\"" + std::string(q.name) + "\">" + html_escape(q.label) + "</label>\n" +
               hint_and_error(q, error) + "£ " +
               text_input(std::string(q.name), answers, "decimal", "", described_by(q, error)) + "\n</div>\n";
    }
    std::string inputs;
    if (q.kind == Kind::date) inputs = date_inputs(q, answers);
    else if (q.kind == Kind::amount_every)
        inputs = "<div class=\"part\"><label for=\"" + std::string(q.name) + "\">Amount in pounds</label>£ " +
                 text_input(std::string(q.name), answers, "decimal", "", "") + "</div>\n" + every_select(q, answers);
    else inputs = options_inputs(q, answers);
    return group + "<fieldset" + described_by(q, error) + "><legend>" + html_escape(q.label) + "</legend>\n" +
           hint_and_error(q, error) + inputs + "</fieldset>\n</div>\n";
}

std::string error_summary(const Errors& errors, Step step) {
    if (errors.empty()) return "";
    std::string out = "<div class=\"summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>\n";
    for (const Question& q : questions()) {
        auto found = errors.find(std::string(q.name));
        if (q.step != step || found == errors.end()) continue;
        out += "<li><a href=\"#" + first_input_id(q) + "\">" + html_escape(q.label) + ": " + html_escape(found->second) + "</a></li>\n";
    }
    return out + "</ul></div>\n";
}

std::string form_open(std::string_view step) {
    return "<form method=\"post\" action=\"/self-service\" novalidate>\n<input type=\"hidden\" name=\"step\" value=\"" +
           std::string(step) + "\">\n";
}

} // namespace

std::string hidden_answers(const Answers& answers, std::optional<Step> except) {
    std::string out;
    for (const Question& q : questions()) {
        if (except && q.step == *except) continue;
        for (const std::string& field : field_names(q)) {
            std::string value = shown_answer(answers, field);
            if (!value.empty())
                out += "<input type=\"hidden\" name=\"" + field + "\" value=\"" + html_escape(value) + "\">\n";
        }
    }
    return out;
}

std::string start_page(std::string_view authority, std::string_view reopen_error) {
    std::string body = "<h1>Work out what you may pay towards your care</h1>\n<p>" + html_escape(authority) +
                       " asks these questions to estimate how much you would pay each week towards the cost of "
                       "your care, under the national rules for charging. It takes about 10 minutes. Have to hand "
                       "your bank statements and the letters about your pensions and benefits.</p>\n"
                       "<p>Nothing you enter is kept: your answers travel with each page, and you can download "
                       "them at the end.</p>\n" +
                       form_open("start") + "<button name=\"go\" value=\"next\">Start now</button>\n</form>\n";
    body += "<h2>Carry on with answers you downloaded</h2>\n" + form_open("start");
    std::string error = reopen_error.empty() ? "" : "<p class=\"error\" id=\"answers_json-error\"><span class=\"visually-hidden\">Error:</span> " + html_escape(reopen_error) + "</p>\n";
    body += std::string("<div class=\"group") + (error.empty() ? "" : " group-error") +
            "\"><label class=\"q\" for=\"answers_json\">Paste the answers you downloaded</label>\n" + error +
            "<textarea id=\"answers_json\" name=\"answers_json\" rows=\"6\"" +
            (error.empty() ? "" : " aria-describedby=\"answers_json-error\"") + "></textarea></div>\n" +
            "<button name=\"go\" value=\"reopen\" class=\"secondary\">Open my answers</button>\n</form>\n";
    if (!error.empty())
        body = "<div class=\"summary\" role=\"alert\"><h2>There is a problem</h2><ul><li><a href=\"#answers_json\">" +
               html_escape(reopen_error) + "</a></li></ul></div>\n" + body;
    return html_page("Start", body, !error.empty());
}

std::string step_page(Step step, const Answers& answers, const Errors& errors) {
    int number = static_cast<int>(step) + 1;
    std::string body = error_summary(errors, step) + "<p class=\"hint\">Step " + std::to_string(number) + " of " +
                       std::to_string(step_count) + "</p>\n<h1>" + html_escape(step_title(step)) + "</h1>\n";
    if (step == Step::income)
        body += "<p>Enter each amount as it is paid, before any deductions, and say how often. Leave blank what "
                "you do not receive.</p>\n";
    body += form_open(step_name(step)) + hidden_answers(answers, step);
    for (const Question& q : questions())
        if (q.step == step && is_asked(q, answers)) body += question_html(q, answers, errors);
    body += "<button name=\"go\" value=\"next\">Continue</button>\n"
            "<button name=\"go\" value=\"back\" class=\"secondary\">Back</button>\n</form>\n";
    return html_page(step_title(step), body, !errors.empty());
}

std::string broken_form_page(std::string_view message) {
    return html_page("There is a problem",
                "<h1>There is a problem</h1>\n<p class=\"error\">" + html_escape(message) +
                    "</p>\n<p><a href=\"/self-service\">Start again</a></p>\n",
                true);
}

} // namespace carecap::selfservice
