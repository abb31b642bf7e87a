// workbench_amendment.cpp: see workbench_amendment.h.
#include "cli/workbench_amendment.h"

#include "cli/command.h"
#include "lang/parse.h"
#include "lang/resolve.h"
#include "runtime/evaluation/inputs.h"

namespace carecap::workbench {

LoadResult load_amendment(const serve::NamedRules& base, std::string text, const std::vector<std::string>& roots) {
    // What load_rules_for_histories gives `carecap check`, for text in memory.
    LoadOptions options;
    options.inputs = history_inputs();
    options.rule_roots = roots;
    options.limits = cli::cli_limits();
    options.rules_path = cli::cli_rules_path();

    // Text over the size limit, or not UTF-8, is refused by the loader before anything is parsed or read.
    auto source = std::make_shared<SourceFile>(SourceFile{amendment_file, text});
    if (text.size() > options.limits.rule_file_bytes || text_problem(*source))
        return load_rule_set_text(amendment_file, std::move(text), options);
    // The header is read first, so that an `amends` naming other rules (or a file) is refused before the
    // loader would look for them on disk.
    ParseResult parsed = parse_rule_file(source, options.limits.nesting_depth);
    if (!parsed.file) return LoadResult{nullptr, std::move(parsed.diagnostics)};
    const Header& header = parsed.file->header;
    const std::string& offered = base.rules->header().name;
    if (header.amends_name != offered) {
        LoadResult refused{nullptr, std::move(parsed.diagnostics)};
        bool amends = !header.amends_name.empty();
        refused.diagnostics.push_back(
            {Severity::error, amends ? header.amends_span : header.name_span,
             amends ? "the workbench compares amendments of the rule set chosen, `" + offered + "`, not of `" +
                          header.amends_name + "`"
                    : "this rule set amends nothing: the workbench compares amendments of the rule set chosen, `" +
                          offered + "`",
             "write `amends " + offered + "` under the `rules` line, or choose the rule set it amends",
             {}});
        return refused;
    }
    options.amended_instead.emplace(offered, base.rules->files.back()->source);
    return load_rule_set_text(amendment_file, std::move(text), options);
}

} // namespace carecap::workbench
