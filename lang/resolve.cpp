// resolve.cpp: phase 2, the chain of amended rule files and the names in force.
#include "lang/resolve.h"

#include "lang/amend_meter.h"
#include "lang/find_rules.h"
#include "lang/parse.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace carecap {

namespace fs = std::filesystem;

std::optional<std::string> read_text_file(const std::string& path, std::size_t max_bytes, std::string& error,
                                          const char* limit_name) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        error = fs::exists(path, ec) ? "is not a regular file" : "no such file";
        return std::nullopt;
    }
    auto size = fs::file_size(path, ec);
    if (ec) {
        error = ec.message();
        return std::nullopt;
    }
    if (size > max_bytes) {
        error = "is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(max_bytes) + " bytes";
        if (limit_name) error += std::string(" (the limit ") + limit_name + ")";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot be opened";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Rule files are UTF-8 text. A byte-order mark is dropped (editors add it); any
// other byte that is not UTF-8 is an error naming its place, and the line is not
// echoed, so a binary file does not spill onto the terminal.
std::optional<Diagnostic> text_problem(SourceFile& source) {
    if (source.text.starts_with("\xEF\xBB\xBF")) source.text.erase(0, 3);
    const std::string& t = source.text;
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < t.size();) {
        auto c = static_cast<unsigned char>(t[i]);
        std::size_t length = utf8_sequence_length(t, i);
        bool ok = length > 0 && c != 0;
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

namespace {

fs::path normalised(const fs::path& p) {
    fs::path n = fs::weakly_canonical(fs::absolute(p)).lexically_normal();
    return n.filename().empty() ? n.parent_path() : n; // "dir/" and "dir" alike
}

bool is_inside(const fs::path& file, const fs::path& dir) {
    auto f = normalised(file);
    auto d = normalised(dir);
    auto rel = f.lexically_relative(d);
    return !rel.empty() && *rel.begin() != "..";
}

// Every declaration of a file, for the limit on their number.
std::size_t declaration_count(const RuleFile& f) {
    return f.enums.size() + f.inputs.size() + f.parameters.size() + f.definitions.size() + f.exceptions.size() +
           f.meters.size() + f.meter_amendments.size() + f.projections.size() + f.statements.size() + f.examples.size();
}

} // namespace

std::optional<fs::path> confine(const std::string& written, const std::string& from_file,
                                const std::vector<std::string>& roots, bool allow_absolute, std::string& why) {
    fs::path named(written);
    if (written.empty()) {
        why = "the file name is empty";
        return std::nullopt;
    }
    if (named.is_absolute() && !allow_absolute) {
        why = "`" + written + "` is an absolute path; name the file relative to this one";
        return std::nullopt;
    }
    fs::path dir = fs::path(from_file).parent_path();
    fs::path target = named.is_absolute() ? named.lexically_normal() : (dir / named).lexically_normal();
    bool allowed = is_inside(target, dir.empty() ? fs::path(".") : dir);
    for (const auto& root : roots) allowed = allowed || is_inside(target, root);
    if (!allowed) {
        why = "`" + written + "` is outside the rule directories: a file named in a rule file must sit beside "
              "it or below it, or below a directory allowed with --rules-dir";
        return std::nullopt;
    }
    return target;
}

namespace {

// The file an `amends` clause names: the one written after `in`, or the one found by the rule set's
// name (lang/find_rules.h). Either must lie where a rule file may reach (confine). Nothing, with an
// error, if there is none.
std::optional<fs::path> amended_file(const Header& h, const std::string& amending_file, const LoadOptions& options,
                                     Diagnostics& diagnostics) {
    auto error = [&](std::string message, std::string hint = {}) {
        diagnostics.push_back({Severity::error, h.amends_span, std::move(message), std::move(hint), {}});
    };
    std::string refused;
    if (h.amends_path_given) {
        auto found = confine(h.amends_path, amending_file, options.rule_roots, options.allow_absolute_paths, refused);
        if (!found) error("the amended file cannot be read: " + refused);
        return found;
    }
    FoundRuleSet lookup = find_rule_set(h.amends_name, amending_file, options.rules_path, options.limits.rule_file_bytes);
    if (!lookup.path) {
        error(lookup.error, lookup.hint);
        return std::nullopt;
    }
    // The rules path is a place rule files may come from, as the --rules-dir roots are.
    std::vector<std::string> roots = options.rule_roots;
    roots.insert(roots.end(), options.rules_path.begin(), options.rules_path.end());
    auto found = confine(fs::absolute(*lookup.path).string(), amending_file, roots, true, refused);
    if (!found) {
        error("the rule file found for `" + h.amends_name + "` cannot be read: " + refused);
        return std::nullopt;
    }
    return lookup.path; // as found: relative to where the amending file was named from, if it was
}

// A policy read as amending other rules (LoadOptions::amended_instead) is in force only once they are
// too: a council's policy of 2015 read as amending the reform works nothing out before the reform's first
// day. `chain` is top first; `replaced` is the file whose amended rules were replaced.
void in_force_with_replaced_base(std::vector<std::unique_ptr<RuleFile>>& chain, std::size_t replaced) {
    if (replaced + 1 >= chain.size()) return;
    const Date base = chain[replaced + 1]->header.in_force;
    for (std::size_t i = 0; i <= replaced; ++i) chain[i]->header.in_force = std::max(chain[i]->header.in_force, base);
}

} // namespace

void read_amended_chain(std::shared_ptr<const SourceFile> top, const LoadOptions& options, RuleSet& rules,
                        Diagnostics& diagnostics) {
    std::vector<std::unique_ptr<RuleFile>> chain; // top first, reversed at the end
    std::vector<std::string> seen;
    auto source = std::move(top);
    std::size_t declarations = 0;
    std::optional<std::size_t> read_instead; // the file of `chain` whose amended rules were replaced
    while (source) {
        ParseResult parsed = parse_rule_file(source, options.limits.nesting_depth);
        diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
        if (!parsed.file) break;
        RuleFile& file = *parsed.file;
        chain.push_back(std::move(parsed.file));
        source = nullptr;
        const Header& h = file.header;
        declarations += declaration_count(file);
        if (declarations > options.limits.declarations) {
            diagnostics.push_back({Severity::error, h.name_span,
                                   "this rule set has more than " + std::to_string(options.limits.declarations) +
                                       " declarations (the limit declarations)",
                                   "split it, or ask whoever runs carecap to raise the limit", {}});
            break;
        }
        if (h.amends_name.empty()) break;

        auto error = [&](std::string message, std::string hint = {}) {
            diagnostics.push_back({Severity::error, h.amends_span, std::move(message), std::move(hint), {}});
        };
        if (chain.size() > options.limits.amends_depth) {
            error("amendments nest more than " + std::to_string(options.limits.amends_depth) +
                  " files deep (the limit amends_depth)");
            break;
        }
        if (options.amended_instead && !read_instead && h.amends_name == options.amended_instead->first) {
            read_instead = chain.size() - 1; // the host's rules in place of the ones named: read already
            source = options.amended_instead->second;
            std::error_code ignored;
            seen.push_back(fs::weakly_canonical(source->name, ignored).string());
            continue;
        }
        auto found = amended_file(h, file.source->name, options, diagnostics);
        if (!found) break;
        const fs::path& target = *found;
        std::string key = fs::weakly_canonical(target).string();
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            error("the amendments go round in a circle back to `" + h.amends_path + "`");
            break;
        }
        seen.push_back(key);
        std::string why;
        auto text = read_text_file(target.string(), options.limits.rule_file_bytes, why, "rule_file_bytes");
        if (!text) {
            error("cannot read the amended file `" + target.string() + "`: " + why);
            break;
        }
        auto next = std::make_shared<SourceFile>();
        next->name = target.string();
        next->text = std::move(*text);
        if (auto problem = text_problem(*next)) { // the same checks as for the first file
            diagnostics.push_back(std::move(*problem));
            break;
        }
        source = next;
    }
    // The amended file must call itself what the amending file says it is.
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        const Header& h = chain[i]->header;
        const Header& base = chain[i + 1]->header;
        if (h.amends_path_given && h.amends_name != base.name && read_instead != i)
            diagnostics.push_back({Severity::error, h.amends_span,
                                   "`" + h.amends_path + "` holds the rule set `" + base.name + "`, not `" +
                                       h.amends_name + "`",
                                   "write `amends " + base.name + " in \"" + h.amends_path + "\"`",
                                   {}});
    }
    if (read_instead) in_force_with_replaced_base(chain, *read_instead);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) rules.files.push_back(std::move(*it));
}

namespace {

// A later file may restate a name only as the same kind of declaration.
template <typename Decl, typename Map>
void declare(Map& table, const char* kind, Decl* decl, std::map<std::string, std::pair<const char*, Span>>& kinds,
             Diagnostics& diagnostics, const RuleFile& file, const RuleFile& top) {
    auto [it, fresh] = kinds.try_emplace(decl->name, kind, decl->name_span);
    if (!fresh && std::string(it->second.first) != kind) {
        diagnostics.push_back({Severity::error, decl->name_span,
                               "`" + decl->name + "` is already " + it->second.first + " and cannot also be " + kind,
                               "choose another name",
                               {{Severity::note, it->second.second, "`" + decl->name + "` declared here", "", {}}}});
        return;
    }
    if (!fresh && table.count(decl->name) && table[decl->name]->span.file == decl->span.file) {
        diagnostics.push_back({Severity::error, decl->name_span, "`" + decl->name + "` is declared twice in this file",
                               "", {{Severity::note, it->second.second, "first declared here", "", {}}}});
        return;
    }
    (void)file;
    (void)top;
    it->second.second = decl->name_span;
    table[decl->name] = decl;
}

} // namespace

void merge_names(RuleSet& rules, Diagnostics& diagnostics) {
    std::map<std::string, std::pair<const char*, Span>> kinds;
    std::map<std::pair<std::string, std::string>, std::size_t> exception_index;
    for (auto& file_ptr : rules.files) {
        RuleFile& file = *file_ptr;
        for (auto& d : file.enums) declare(rules.enums, "an enumeration", &d, kinds, diagnostics, file, rules.top());
        for (auto& d : file.inputs) declare(rules.inputs, "an input", &d, kinds, diagnostics, file, rules.top());
        for (auto& d : file.parameters)
            declare(rules.parameters, "a parameter", &d, kinds, diagnostics, file, rules.top());
        for (auto& d : file.definitions)
            declare(rules.definitions, "a definition", &d, kinds, diagnostics, file, rules.top());
        for (auto& d : file.meters) {
            bool known = rules.meters.count(d.name) > 0;
            declare(rules.meters, "a meter", &d, kinds, diagnostics, file, rules.top());
            if (!known && rules.meters.count(d.name)) rules.meter_order.push_back(&d);
            else if (known)
                for (auto& m : rules.meter_order)
                    if (m->name == d.name) m = &d;
        }
        apply_meter_amendments(rules, file, diagnostics);
        for (auto& d : file.statements) {
            if (rules.statements && rules.statements->span.file == d.span.file)
                diagnostics.push_back({Severity::error, d.span, "a rule file declares its statements once",
                                       "merge the two declarations",
                                       {{Severity::note, rules.statements->span, "the first is here", "", {}}}});
            rules.statements = &d; // an amendment replaces the statements of the file it amends
        }
        for (auto& o : file.outputs) {
            auto same = std::find_if(rules.outputs.begin(), rules.outputs.end(),
                                     [&](const OutputName* e) { return e->name == o.name; });
            if (same == rules.outputs.end()) rules.outputs.push_back(&o);
            else *same = &o; // named again (in an amendment, perhaps with another role): the later stands
        }
        for (auto& d : file.projections)
            declare(rules.projections, "a projection", &d, kinds, diagnostics, file, rules.top());
        // An exception with the same target and circumstance replaces the earlier one.
        for (auto& e : file.exceptions) {
            auto key = std::make_pair(e.target, e.label);
            auto found = exception_index.find(key);
            if (found != exception_index.end() && !e.label.empty()) {
                const ExceptionDecl* earlier = rules.exceptions[found->second];
                if (earlier->span.file == e.span.file) {
                    diagnostics.push_back({Severity::error, e.span,
                                           "two exceptions to `" + e.target + "` in this file are both called \"" +
                                               e.label + "\"",
                                           "give each circumstance its own name",
                                           {{Severity::note, earlier->span, "the other is here", "", {}}}});
                    continue;
                }
                rules.exceptions[found->second] = &e; // an amendment replaces the earlier exception
            } else {
                exception_index[key] = rules.exceptions.size();
                rules.exceptions.push_back(&e);
            }
        }
    }
    std::uint32_t input_slot = 0;
    for (auto& [name, input] : rules.inputs) const_cast<InputDecl*>(input)->slot = input_slot++;
    for (std::size_t i = 0; i < rules.meter_order.size(); ++i)
        const_cast<MeterDecl*>(rules.meter_order[i])->index = static_cast<std::uint32_t>(i);
    std::size_t slot = 0;
    for (auto& [name, def] : rules.definitions) def->slot = static_cast<std::uint32_t>(slot++);
    rules.definition_slots = slot;
}

} // namespace carecap
