// load.cpp: the front end of carecap in one place. Each phase has its own file:
//   read (resolve.cpp) -> parse (parse.cpp) -> resolve amendments and names
//   (resolve.cpp) -> check (check.cpp, check_exceptions.cpp)
#include "lang/rule_set.h"

#include "lang/check.h"
#include "lang/resolve.h"
#include "stdlib/sha256.h"

#include <algorithm>
#include <optional>
#include <set>

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

// A date parameter that `today` is compared with (directly or through definitions), restated by an
// amending file to a day before the rule set is in force: no day before then is ever worked out under
// these rules, so the change reaches no figure, silently. A warning: the rules are not wrong, but the
// author probably meant to move the rule set's `in force from`.
void warn_dates_before_in_force(const RuleSet& rules, Diagnostics& diagnostics) {
    const Header& top = rules.header();
    std::set<const ParameterDecl*> compared;
    for (const Reads& r : rules.boundary_reads) compared.insert(r.parameters.begin(), r.parameters.end());
    for (const ParameterDecl* p : compared) {
        if (p->type.resolved.kind != Kind::date || p->span.file == rules.files.front()->source) continue;
        for (const ParameterValue& v : p->values) {
            const Date* day = std::get_if<Date>(&v.constant);
            if (!day || !(*day < top.in_force)) continue;
            diagnostics.push_back(
                {Severity::warning, v.value->span,
                 "`" + p->name + "` is set to " + day->to_string() + ", before this rule set is in force (" +
                     top.in_force.to_string() + "): no earlier day is worked out under these rules, so any day up to " +
                     top.in_force.to_string() + " gives the same figures and this date does nothing of its own",
                 "to apply these rules from " + day->to_string() + ", move the rule set's `in force from` (" +
                     top.in_force_span.where() + ") to " + day->to_string(),
                 {}});
        }
    }
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
    warn_dates_before_in_force(*rules, result.diagnostics);
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
