// lsp.cpp: `carecap lsp`, a language server for rule files over standard input and output (docs/lsp.md):
// diagnostics as `carecap check` gives them, hover, go to definition, completion and formatting as
// `carecap fmt` lays files out.
#include "carecap/carecap.h"

#include "cli/command.h"
#include "cli/lsp_documents.h"
#include "cli/lsp_names.h"
#include "cli/lsp_protocol.h"
#include "lang/layout.h"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace carecap::cli {
namespace {

using lsp::json;

// A request that cannot be answered, with the JSON-RPC error code to answer it with.
struct LspRequestError : std::runtime_error {
    LspRequestError(int error_code, const std::string& message) : std::runtime_error(message), code(error_code) {}
    int code;
};

// Params that are not what the method needs: answered with InvalidParams.
LspRequestError bad_params(const std::string& message) { return LspRequestError(lsp::invalid_params, message); }

const json& member(const json& object, const char* name, json::value_t type, const char* what) {
    if (!object.is_object() || !object.contains(name) || object[name].type() != type)
        throw bad_params(std::string("params: expected ") + what);
    return object[name];
}

class LspServer {
public:
    LspServer(lsp::LspCheckOptions options, Date today) : options_(std::move(options)), today_(today) {}
    int run(int in_fd);

private:
    void handle(const std::string& body);
    void request(const json& id, const std::string& method, const json& params);
    json answer(const std::string& method, const json& params);
    void notified(const std::string& method, const json& params);
    void open(const json& params);
    void change(const json& params);
    lsp::LspDocument& document(const json& params);
    std::size_t offset(const lsp::LspDocument& doc, const json& params);
    json format(const lsp::LspDocument& doc);
    void publish(lsp::LspDocument& doc);
    void send(const json& message);
    std::set<std::string> open_uris(const std::string& except) const;

    lsp::LspCheckOptions options_;
    Date today_;
    std::map<std::string, lsp::LspDocument> documents_;
    bool initialized_ = false, shut_down_ = false, exited_ = false;
};

int LspServer::run(int in_fd) {
    lsp::LspFrameReader reader(in_fd);
    while (!exited_) {
        lsp::LspFrame frame = reader.next();
        if (frame.status == lsp::LspFrame::Status::end) return shut_down_ ? exit_ok : exit_failed;
        if (frame.status == lsp::LspFrame::Status::bad_header) {
            std::cerr << "carecap lsp: a message was dropped: " << frame.error << "\n";
            continue;
        }
        handle(frame.body);
    }
    // The protocol: exit status 0 after a shutdown request, 1 without one.
    return shut_down_ ? exit_ok : exit_failed;
}

void LspServer::handle(const std::string& body) {
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) return send(lsp::error_response(nullptr, lsp::parse_error, "the message is not JSON"));
    if (!message.is_object())
        return send(lsp::error_response(nullptr, lsp::invalid_request, "a message is a JSON object"));
    json id = message.contains("id") ? message["id"] : json();
    bool has_id = message.contains("id");
    if (has_id && !id.is_number_integer() && !id.is_string())
        return send(lsp::error_response(nullptr, lsp::invalid_request, "`id` must be a number or a string"));
    if (!message.contains("method") || !message["method"].is_string()) {
        if (has_id && (message.contains("result") || message.contains("error"))) return; // a reply; we ask nothing
        return send(lsp::error_response(id, lsp::invalid_request, "a request needs a `method` (a string)"));
    }
    if (message.contains("jsonrpc") && message["jsonrpc"] != "2.0")
        return send(lsp::error_response(id, lsp::invalid_request, "`jsonrpc` must be \"2.0\""));
    const std::string method = message["method"].get<std::string>();
    const json params = message.contains("params") ? message["params"] : json::object();
    if (has_id) request(id, method, params);
    else notified(method, params);
}

void LspServer::request(const json& id, const std::string& method, const json& params) {
    if (method != "initialize" && !initialized_)
        return send(lsp::error_response(id, lsp::server_not_initialized, "initialize first"));
    if (shut_down_) return send(lsp::error_response(id, lsp::invalid_request, "the server is shut down"));
    try {
        send(lsp::response(id, answer(method, params)));
    } catch (const LspRequestError& e) {
        send(lsp::error_response(id, e.code, e.what()));
    } catch (const json::exception& e) {
        send(lsp::error_response(id, lsp::invalid_params, std::string("params: ") + e.what()));
    } catch (const std::exception& e) {
        send(lsp::error_response(id, lsp::internal_error, e.what()));
    }
}

// The result of a request, or an LspRequestError saying why there is none.
json LspServer::answer(const std::string& method, const json& params) {
    if (method == "initialize") {
        initialized_ = true;
        json sync = {{"openClose", true}, {"change", 1}, {"save", true}}; // 1: the whole text on each change
        json capabilities = {{"positionEncoding", "utf-16"},
                             {"textDocumentSync", sync},
                             {"hoverProvider", true},
                             {"definitionProvider", true},
                             {"completionProvider", {{"triggerCharacters", {"."}}}},
                             {"documentFormattingProvider", true}};
        return {{"capabilities", capabilities}, {"serverInfo", {{"name", "carecap"}, {"version", CARECAP_VERSION}}}};
    }
    if (method == "shutdown") {
        shut_down_ = true;
        return nullptr;
    }
    if (method == "textDocument/hover") {
        auto& doc = document(params);
        return lsp::hover(doc, offset(doc, params), today_);
    }
    if (method == "textDocument/definition") {
        auto& doc = document(params);
        return lsp::definition(doc, offset(doc, params));
    }
    if (method == "textDocument/completion") {
        auto& doc = document(params);
        return lsp::completion(doc, offset(doc, params));
    }
    if (method == "textDocument/formatting") return format(document(params));
    throw LspRequestError(lsp::method_not_found, "no such method: " + method);
}

void LspServer::notified(const std::string& method, const json& params) {
    if (method == "exit") {
        exited_ = true;
        return;
    }
    if (!initialized_ || shut_down_) return; // the protocol drops notifications then
    try {
        if (method == "textDocument/didOpen") open(params);
        else if (method == "textDocument/didChange") change(params);
        else if (method == "textDocument/didClose") {
            auto& doc = document(params);
            for (const json& n : lsp::clear_diagnostics(doc, open_uris(doc.uri))) send(n);
            documents_.erase(doc.uri);
        } else if (method == "textDocument/didSave") {
            // A saved file may be one that other open files amend: check them all again.
            for (auto& [uri, doc] : documents_) {
                lsp::check_document(doc, options_);
                publish(doc);
            }
        }
        // Anything else (initialized, $/cancelRequest, settings) needs nothing from this server.
    } catch (const std::exception& e) {
        std::cerr << "carecap lsp: " << method << " was ignored: " << e.what() << "\n";
    }
}

void LspServer::open(const json& params) {
    const json& item = member(params, "textDocument", json::value_t::object, "textDocument (an object)");
    std::string uri = member(item, "uri", json::value_t::string, "textDocument.uri (a string)").get<std::string>();
    lsp::LspDocument doc;
    doc.uri = uri;
    doc.path = lsp::path_of_uri(uri).value_or(uri);
    doc.text = member(item, "text", json::value_t::string, "textDocument.text (a string)").get<std::string>();
    auto& stored = documents_[uri] = std::move(doc);
    lsp::check_document(stored, options_);
    publish(stored);
}

void LspServer::change(const json& params) {
    auto& doc = document(params);
    const json& changes = member(params, "contentChanges", json::value_t::array, "contentChanges (an array)");
    for (const json& c : changes) {
        std::string text = member(c, "text", json::value_t::string, "contentChanges[].text (a string)").get<std::string>();
        if (!c.contains("range")) {
            doc.text = std::move(text);
            continue;
        }
        // A client may send ranges although the server asked for whole texts: apply them.
        const json& range = c["range"];
        std::size_t begin = offset(doc, {{"position", range.at("start")}});
        std::size_t end = std::max(begin, offset(doc, {{"position", range.at("end")}}));
        doc.text.replace(begin, end - begin, text);
    }
    lsp::check_document(doc, options_);
    publish(doc);
}

lsp::LspDocument& LspServer::document(const json& params) {
    const json& item = member(params, "textDocument", json::value_t::object, "textDocument (an object)");
    const json& uri = member(item, "uri", json::value_t::string, "textDocument.uri (a string)");
    auto it = documents_.find(uri.get<std::string>());
    if (it == documents_.end())
        throw bad_params("the document " + uri.get<std::string>() + " is not open (textDocument/didOpen first)");
    return it->second;
}

std::size_t LspServer::offset(const lsp::LspDocument& doc, const json& params) {
    const json& position = member(params, "position", json::value_t::object, "position (an object)");
    auto number = [&](const char* name) {
        if (!position.contains(name) || !position[name].is_number_unsigned())
            throw bad_params(std::string("params: expected position.") + name + " (a number from 0)");
        return position[name].get<std::uint32_t>();
    };
    return lsp::offset_at(doc.text, number("line"), number("character"));
}

// The same layout as `carecap fmt`: one edit replacing the whole text, none when it is laid out already.
json LspServer::format(const lsp::LspDocument& doc) {
    FormatResult formatted = format_rules(doc.path, doc.text);
    if (!formatted.ok) throw LspRequestError(lsp::request_failed, doc.path + ": not formatted: it has errors");
    json edits = json::array();
    if (formatted.text != doc.text)
        edits.push_back({{"range", {{"start", lsp::position_at(doc.text, 0)}, {"end", lsp::position_at(doc.text, doc.text.size())}}},
                         {"newText", formatted.text}});
    return edits;
}

void LspServer::publish(lsp::LspDocument& doc) {
    for (const json& n : lsp::publish_diagnostics(doc, open_uris(doc.uri))) send(n);
}

std::set<std::string> LspServer::open_uris(const std::string& except) const {
    std::set<std::string> out;
    for (const auto& [uri, doc] : documents_)
        if (uri != except) out.insert(uri);
    return out;
}

void LspServer::send(const json& message) {
    std::cout << lsp::frame(message) << std::flush;
    if (!std::cout) exited_ = true; // the editor has gone: nobody is left to answer
}

// Today by the clock (UTC), unless CARECAP_TODAY or --today fixes it (for tests, and to see the values
// in force on another day).
std::optional<Date> choose_today(const std::string& option) {
    std::string written = option;
    if (written.empty())
        if (const char* env = std::getenv("CARECAP_TODAY")) written = env;
    if (!written.empty()) return Date::parse(written);
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    return Date::from_days(static_cast<std::int32_t>(days));
}

int run_lsp(const std::string& today_option, const CommandContext& context) {
    auto today = choose_today(today_option);
    if (!today) {
        std::cerr << "carecap lsp: error: --today (or CARECAP_TODAY) must be a date like 2025-04-01\n";
        return exit_usage;
    }
    std::ios::sync_with_stdio(false);
    std::signal(SIGPIPE, SIG_IGN); // an editor that goes away ends the loop, not the process by a signal
    LspServer server(lsp::LspCheckOptions{context.rule_roots}, *today);
    return server.run(STDIN_FILENO);
}

CommandRun setup_lsp(CLI::App& app) {
    auto today = std::make_shared<std::string>();
    auto* lsp = app.add_subcommand("lsp", "a language server for editors: the Language Server Protocol over standard "
                                          "input and output (docs/lsp.md)");
    lsp->add_option("--today", *today, "the day whose parameter values hover shows (default: today, or CARECAP_TODAY)");
    return [today](const CommandContext& context) { return run_lsp(*today, context); };
}

const CommandRegistration lsp_registration{90, "lsp", setup_lsp};

} // namespace
} // namespace carecap::cli
