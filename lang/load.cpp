// load.cpp: the front end of carecap in one place. Each phase has its own file:
//   read (resolve.cpp) -> parse (parse.cpp) -> resolve amendments and names
//   (resolve.cpp) -> check (check.cpp, check_exceptions.cpp)
#include "lang/rule_set.h"

#include "lang/check.h"
#include "lang/resolve.h"
#include "runtime/sha256.h"

#include <algorithm>
#include <optional>

namespace carecap {

namespace {

// Rule files are UTF-8 text. A byte-order mark is dropped (editors add it); any
// other byte that is not UTF-8 is an error naming its place, and the line is not
// echoed, so a binary file does not spill onto the terminal.
std::optional<Diagnostic> text_problem(SourceFile& source) {
    if (source.text.starts_with("\xEF\xBB\xBF")) source.text.erase(0, 3);
    const std::string& t = source.text;
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < t.size();) {
        auto c = static_cast<unsigned char>(t[i]);
        std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = length > 0 && i + length <= t.size() && (c != 0 || false);
        for (std::size_t k = 1; ok && k < length; ++k) ok = (static_cast<unsigned char>(t[i + k]) & 0xC0) == 0x80;
        if (!ok) {
            auto file = std::make_shared<SourceFile>();
            file->name = source.name;
            Span span;
            span.file = file; // no text: the place is named, the line is not shown
            span.line = line;
            span.column = column;
            span.begin = span.end = static_cast<std::uint32_t>(i);
            bool utf16 = t.starts_with("\xFF\xFE") || t.starts_with("\xFE\xFF");
            return Diagnostic{Severity::error, span,
                              utf16 ? "this is UTF-16 text, not UTF-8"
                                    : std::string("this is not UTF-8 text") +
                                          (c == 0 ? " (a zero byte: is it a binary file?)" : ""),
                              "save the rule file as UTF-8", {}};
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += length;
    }
    return std::nullopt;
}

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

// Errors are listed in the order of the files of the chain and of their text.
void sort_by_place(const RuleSet& rules, Diagnostics& ds) {
    auto file_rank = [&](const Diagnostic& d) {
        for (std::size_t i = 0; i < rules.files.size(); ++i)
            if (rules.files[i]->source == d.span.file) return i;
        return rules.files.size();
    };
    std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto fa = file_rank(a), fb = file_rank(b);
        return fa != fb ? fa > fb : a.span.begin < b.span.begin; // the loaded file first
    });
}

LoadResult load_source(std::shared_ptr<const SourceFile> source, const LoadOptions& options) {
    LoadResult result;
    auto rules = std::make_shared<RuleSet>();
    read_amended_chain(std::move(source), options, *rules, result.diagnostics);  // read + parse
    if (rules->files.empty() || has_errors(result.diagnostics)) return result;
    merge_names(*rules, result.diagnostics);                                     // resolve
    if (has_errors(result.diagnostics)) return result;
    check_rule_set(*rules, options, result.diagnostics);                         // check
    sort_by_place(*rules, result.diagnostics);
    if (has_errors(result.diagnostics)) return result;
    rules->content_hash = content_hash(*rules);
    rules->limits = options.limits;
    rules->reads = what_definitions_read(*rules);                                // for the evaluator
    rules->boundary_reads = what_boundaries_read(*rules);
    rules->input_sources = input_sources(*rules);
    rules->parameter_changes = parameter_changes(*rules);
    result.rules = std::move(rules);
    return result;
}

} // namespace

LoadResult load_rule_set(const std::string& path, const LoadOptions& options) {
    std::string why;
    auto text = read_text_file(path, options.limits.rule_file_bytes, why, "rule_file_bytes");
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
    if (source->text.size() > options.limits.rule_file_bytes) {
        LoadResult result;
        Span span;
        span.file = std::make_shared<SourceFile>(SourceFile{source->name, {}});
        result.diagnostics.push_back({Severity::error, span,
                                      "the rule file is " + std::to_string(source->text.size()) +
                                          " bytes, over the limit of " + std::to_string(options.limits.rule_file_bytes) +
                                          " bytes (the limit rule_file_bytes)", "", {}});
        return result;
    }
    if (auto problem = text_problem(*source)) {
        LoadResult result;
        result.diagnostics.push_back(std::move(*problem));
        return result;
    }
    return load_source(std::move(source), options);
}

} // namespace carecap
