// lsp_documents.h: the rule files open in the editor, each checked as `carecap check` checks it, and its
// diagnostics as the protocol publishes them.
#pragma once

#include "cli/lsp_protocol.h"
#include "lang/rule_set.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace carecap::lsp {

struct LspDocument {
    std::string uri;
    std::string path;   // the file's path (from a file: URI), or the URI itself for an unsaved document
    std::string text;
    // The text checked: null while it has errors.
    std::shared_ptr<const RuleSet> checked;
    // The amended chain and its names, from the latest text that parsed (which may be older than `text`
    // while the author is half-way through a line): what hover, definition and completion look names up in.
    std::shared_ptr<const RuleSet> names;
    bool names_current = false; // `names` was read from `text` itself (its places in this file are true)
    Diagnostics diagnostics;    // of the latest check, every file of the chain
    std::set<std::string> other_uris; // the other files' URIs this document published diagnostics to
};

// What the documents are checked with: `carecap check`'s options (--rules-dir, --rules-path, --limit).
struct LspCheckOptions {
    std::vector<std::string> rule_roots;
};

// Checks the document's text (as `carecap check` would check the file holding it) and refreshes its
// names when the text parses.
void check_document(LspDocument& doc, const LspCheckOptions& options);

// The `textDocument/publishDiagnostics` notifications for the document's latest check: one for its own
// URI, one for each other file of its chain with diagnostics (an amended file that does not check), and an
// empty one for each other URI that had some before and has none now (unless `open` holds it: an open
// document publishes its own). Updates doc.other_uris.
std::vector<json> publish_diagnostics(LspDocument& doc, const std::set<std::string>& open);

// The notifications that clear every diagnostic the document published (when it is closed).
std::vector<json> clear_diagnostics(LspDocument& doc, const std::set<std::string>& open);

// The URI of a file of a document's chain: the document's own URI for its own file.
std::string uri_of_file(const LspDocument& doc, const SourceFile* file);

} // namespace carecap::lsp
