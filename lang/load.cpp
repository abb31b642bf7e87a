// load.cpp: the front end of carecap in one place. Each phase has its own file:
//   read (resolve.cpp) -> parse (parse.cpp) -> resolve amendments and names
//   (resolve.cpp) -> check (check.cpp, check_exceptions.cpp)
#include "lang/rule_set.h"

#include "lang/check.h"
#include "lang/resolve.h"
#include "runtime/sha256.h"

namespace carecap {

namespace {

// The hash names exactly the text that was checked: every file of the chain,
// base first, each preceded by its length so that no two chains collide.
std::string content_hash(const RuleSet& rules) {
    std::string all;
    for (const auto& f : rules.files) {
        all += std::to_string(f->source->text.size());
        all += ':';
        all += f->source->text;
    }
    return "sha256:" + sha256_hex(all);
}

LoadResult load_source(std::shared_ptr<const SourceFile> source, const LoadOptions& options) {
    LoadResult result;
    auto rules = std::make_shared<RuleSet>();
    read_amended_chain(std::move(source), options, *rules, result.diagnostics);  // read + parse
    if (rules->files.empty() || has_errors(result.diagnostics)) return result;
    merge_names(*rules, result.diagnostics);                                     // resolve
    if (has_errors(result.diagnostics)) return result;
    check_rule_set(*rules, options, result.diagnostics);                         // check
    if (has_errors(result.diagnostics)) return result;
    rules->content_hash = content_hash(*rules);
    result.rules = std::move(rules);
    return result;
}

} // namespace

LoadResult load_rule_set(const std::string& path, const LoadOptions& options) {
    std::string why;
    auto text = read_text_file(path, options.max_file_bytes, why);
    if (!text) {
        LoadResult result;
        auto file = std::make_shared<SourceFile>();
        file->name = path;
        Span span;
        span.file = file;
        result.diagnostics.push_back({Severity::error, span, "cannot read the rule file: " + why, "", {}});
        return result;
    }
    return load_rule_set_text(path, std::move(*text), options);
}

LoadResult load_rule_set_text(std::string name, std::string text, const LoadOptions& options) {
    auto source = std::make_shared<SourceFile>();
    source->name = std::move(name);
    source->text = std::move(text);
    return load_source(std::move(source), options);
}

} // namespace carecap
