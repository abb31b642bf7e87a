// selfservice_account.cpp: the care account view served beside the online financial assessment
// (docs/care-account-view.md). The authority's system POSTs a care history to /v1/account and gets the
// page back to show the person; on the self-service site, /self-service/account is a form where a history
// can be pasted or its file chosen. Nothing is kept or logged: the history comes with the request and goes.
#include "cli/selfservice.h"
#include "cli/selfservice_pages.h"

#include "lang/rule_set.h"
#include "runtime/api/account_page.h"
#include "runtime/reports/svg.h" // html_escape

namespace carecap::selfservice {
namespace {

constexpr std::string_view form_path = "/self-service/account", api_path = "/v1/account";

// The rules the account is worked out under: the first loaded that keeps care account statements (a
// service may load the current rules first, for the assessment), else the first.
const serve::NamedRules& account_rules(const serve::RuleSets& rule_sets) {
    for (const serve::NamedRules& named : rule_sets)
        if (named.rules && named.rules->statements) return named;
    return rule_sets.front();
}

JsonResult account_page(const serve::RuleSets& rule_sets, std::string_view history, std::string& html) {
    const serve::NamedRules& named = account_rules(rule_sets);
    RuleChoice choice = named.by_authority ? RuleChoice(*named.by_authority) : RuleChoice(*named.rules);
    return account_html(choice, history, html, "history");
}

// The form, with the errors of the history sent (each with its JSON path), and the text sent shown back
// to correct; everything escaped.
std::string form_page(const std::vector<std::string>& errors, std::string_view sent) {
    std::string body;
    if (!errors.empty())
        body += "<div class=\"summary\" role=\"alert\"><h2>There is a problem</h2><ul><li><a href=\"#history\">"
                "The care history could not be read: see the errors below it</a></li></ul></div>\n";
    body += "<h1>See a care account</h1>\n<p>Your council can give you your care history as a file. Choose the "
            "file, or paste what it holds, to see your care account: what has counted towards the cap on care "
            "costs, line by line, and your latest statement.</p>\n<p>Nothing you send is kept.</p>\n"
            "<form method=\"post\" action=\"/self-service/account\" enctype=\"multipart/form-data\" novalidate>\n"
            "<div class=\"group\"><label class=\"q\" for=\"history_file\">Choose the file of your care history</label>\n"
            "<p class=\"hint\" id=\"history_file-hint\">A file ending in .json</p>\n"
            "<input type=\"file\" id=\"history_file\" name=\"history_file\" accept=\".json,application/json\" "
            "aria-describedby=\"history_file-hint\"></div>\n";
    std::string described = "history-hint";
    std::string error_html;
    if (!errors.empty()) {
        described += " history-error";
        error_html = "<div class=\"error\" id=\"history-error\"><span class=\"visually-hidden\">Error:</span> "
                     "The care history could not be read:<ul>";
        for (const std::string& e : errors) error_html += "<li>" + html_escape(e) + "</li>";
        error_html += "</ul></div>\n";
    }
    body += std::string("<div class=\"group") + (errors.empty() ? "" : " group-error") +
            "\"><label class=\"q\" for=\"history\">Or paste your care history</label>\n"
            "<p class=\"hint\" id=\"history-hint\">The text of the file, beginning with {</p>\n" + error_html +
            "<textarea id=\"history\" name=\"history\" rows=\"10\" spellcheck=\"false\" aria-describedby=\"" + described +
            "\">" + html_escape(sent) + "</textarea></div>\n"
            "<button name=\"go\" value=\"show\">Show the care account</button>\n</form>\n";
    return html_page("See a care account", body, !errors.empty(), "care account");
}

// One part of a multipart/form-data body: its field name and its content.
struct FormPart {
    std::string name;
    std::string_view content;
};

// Reads a multipart/form-data body (RFC 7578) by the delimiter its first line gives; the header's
// boundary is the same, and the request handed here carries no headers. False when it is not one.
bool read_multipart(std::string_view body, std::vector<FormPart>& parts) {
    std::size_t eol = body.find("\r\n");
    if (!body.starts_with("--") || eol == std::string_view::npos || eol > 72) return false;
    const std::string delimiter = "\r\n" + std::string(body.substr(0, eol));
    std::size_t at = eol + 2;
    while (true) {
        std::size_t end = body.find(delimiter, at);
        if (end == std::string_view::npos) return false;
        std::string_view part = body.substr(at, end - at);
        std::size_t blank = part.find("\r\n\r\n");
        if (blank == std::string_view::npos) return false;
        std::string_view head = part.substr(0, blank);
        std::size_t name = head.find("name=\"");
        if (name == std::string_view::npos) return false;
        std::size_t close = head.find('"', name + 6);
        if (close == std::string_view::npos) return false;
        parts.push_back({std::string(head.substr(name + 6, close - name - 6)), part.substr(blank + 4)});
        at = end + delimiter.size();
        if (body.substr(at).starts_with("--")) return true;
        if (!body.substr(at).starts_with("\r\n")) return false;
        at += 2;
    }
}

// The history sent: the file chosen if any, else the text pasted. False when the form could not be read.
bool history_sent(std::string_view body, std::string& history) {
    std::vector<FormPart> parts;
    if (read_multipart(body, parts)) {
        std::string pasted;
        for (const FormPart& p : parts) {
            if (p.name == "history_file" && !p.content.empty()) history = p.content;
            if (p.name == "history") pasted = p.content;
        }
        if (history.empty()) history = pasted;
        return true;
    }
    Answers fields;
    std::string why;
    if (!parse_form(body, fields, why)) return false;
    history = fields.contains("history") ? fields["history"] : "";
    return true;
}

serve::Response on_form(const serve::RuleSets& rule_sets, const serve::Request& request) {
    if (request.method == "GET" || request.method == "HEAD") return html_response(200, form_page({}, ""));
    if (request.method != "POST") {
        serve::Response r = html_response(405, broken_form_page("This page takes a form."));
        r.headers.emplace_back("Allow", "GET, HEAD, POST");
        return r;
    }
    std::string history;
    if (!history_sent(request.body, history))
        return html_response(400, broken_form_page("The form was not sent correctly. Please start again."));
    if (history.find_first_not_of(" \t\r\n") == std::string::npos)
        return html_response(200, form_page({"Choose the file of your care history, or paste it"}, ""));
    std::string page;
    JsonResult result = account_page(rule_sets, history, page);
    if (!result.ok) return html_response(200, form_page(result.errors, history));
    return html_response(200, std::move(page));
}

serve::Response on_api(const serve::RuleSets& rule_sets, const serve::Request& request) {
    if (request.method != "POST") {
        serve::Response r = serve::error_response(405, std::string(api_path) + " takes POST, with the care history as JSON");
        r.headers.emplace_back("Allow", "POST");
        return r;
    }
    if (!request.query.empty())
        return serve::error_response(400, std::string(api_path) + " takes no query parameters");
    if (request.body.empty()) return serve::error_response(400, "the request body is empty: send the care history as JSON");
    std::string page;
    JsonResult result = account_page(rule_sets, request.body, page);
    if (!result.ok) {
        std::vector<std::string> errors;
        for (std::string e : result.errors) {
            while (!e.empty() && e.back() == '\n') e.pop_back();
            errors.push_back(std::move(e));
        }
        return serve::error_response(400, "no care account could be shown", errors);
    }
    return html_response(200, std::move(page));
}

} // namespace

std::optional<serve::Response> account_route(const serve::RuleSets& rule_sets, const serve::Request& request) {
    const bool form = request.path == form_path, api = request.path == api_path;
    if (!form && !api) return std::nullopt;
    if (rule_sets.empty()) return html_response(503, broken_form_page("No rules are loaded."));
    return form ? on_form(rule_sets, request) : on_api(rule_sets, request);
}

} // namespace carecap::selfservice
