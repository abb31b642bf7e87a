// lsp_documents.cpp: checking the open rule files and publishing their diagnostics (lsp_documents.h).
#include "cli/lsp_documents.h"

#include "cli/command.h"
#include "lang/resolve.h"
#include "runtime/evaluation/inputs.h"

namespace carecap::lsp {

namespace {

LoadOptions load_options(const LspCheckOptions& options) {
    // What load_rules_for_histories gives `carecap check`, for text in memory.
    LoadOptions o;
    o.inputs = history_inputs();
    o.rule_roots = options.rule_roots;
    o.limits = cli::cli_limits();
    o.rules_path = cli::cli_rules_path();
    return o;
}

// The chain read from `text` and its names merged, without the checker: enough to find what a name
// means while the rules do not yet check. Null when the text itself does not parse.
std::shared_ptr<const RuleSet> read_names(const std::string& path, const std::string& text, const LoadOptions& o) {
    auto source = std::make_shared<SourceFile>(SourceFile{path, text});
    if (text.size() > o.limits.rule_file_bytes || text_problem(*source)) return nullptr;
    auto rules = std::make_shared<RuleSet>();
    Diagnostics ignored;
    read_amended_chain(source, o, *rules, ignored);
    if (rules->files.empty() || rules->files.back()->source != source) return nullptr;
    merge_names(*rules, ignored);
    return rules;
}

int severity_code(Severity s) {
    switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::note: return 3;
    }
    return 1;
}

json diagnostic_json(const LspDocument& doc, const Diagnostic& d) {
    // The message is check's; its hint follows on a line of its own, as check prints it.
    std::string message = d.message;
    if (!d.hint.empty()) message += "\nhint: " + d.hint;
    json out = {{"range", range_of(d.span)}, {"severity", severity_code(d.severity)}, {"source", "carecap"},
                {"message", message}};
    json related = json::array();
    for (const Diagnostic& note : d.notes)
        related.push_back({{"location", {{"uri", uri_of_file(doc, note.span.file.get())}, {"range", range_of(note.span)}}},
                           {"message", note.message}});
    if (!related.empty()) out["relatedInformation"] = std::move(related);
    return out;
}

json publish(const std::string& uri, json diagnostics) {
    return notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", std::move(diagnostics)}});
}

} // namespace

void check_document(LspDocument& doc, const LspCheckOptions& options) {
    LoadOptions o = load_options(options);
    LoadResult loaded = load_rule_set_text(doc.path, doc.text, o);
    doc.diagnostics = std::move(loaded.diagnostics);
    doc.checked = loaded.rules;
    if (doc.checked) {
        doc.names = doc.checked;
        doc.names_current = true;
    } else if (auto names = read_names(doc.path, doc.text, o)) {
        doc.names = std::move(names);
        doc.names_current = true;
    } else {
        doc.names_current = false; // keep the names of the last text that parsed
    }
}

std::string uri_of_file(const LspDocument& doc, const SourceFile* file) {
    if (!file || file->name == doc.path) return doc.uri;
    return uri_of_path(file->name);
}

std::vector<json> publish_diagnostics(LspDocument& doc, const std::set<std::string>& open) {
    std::map<std::string, json> by_uri;
    by_uri[doc.uri] = json::array();
    for (const Diagnostic& d : doc.diagnostics)
        by_uri[uri_of_file(doc, d.span.file.get())].push_back(diagnostic_json(doc, d));
    std::vector<json> out;
    std::set<std::string> others;
    for (auto& [uri, list] : by_uri) {
        if (uri != doc.uri) {
            if (open.count(uri)) continue; // that document publishes its own
            others.insert(uri);
        }
        out.push_back(publish(uri, std::move(list)));
    }
    for (const std::string& uri : doc.other_uris)
        if (!others.count(uri) && !open.count(uri)) out.push_back(publish(uri, json::array()));
    doc.other_uris = std::move(others);
    return out;
}

std::vector<json> clear_diagnostics(LspDocument& doc, const std::set<std::string>& open) {
    std::vector<json> out{publish(doc.uri, json::array())};
    for (const std::string& uri : doc.other_uris)
        if (!open.count(uri)) out.push_back(publish(uri, json::array()));
    doc.other_uris.clear();
    return out;
}

} // namespace carecap::lsp
