// lsp_names.cpp: hover, go to definition and completion for `carecap lsp` (lsp_names.h).
#include "cli/lsp_names.h"

#include "lang/show.h"
#include "runtime/evaluation/evaluate.h"
#include "runtime/evaluation/inputs.h"
#include "stdlib/builtins.h"

#include <cctype>
#include <filesystem>

namespace carecap::lsp {

namespace {

bool name_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// Whether `offset` is inside a comment (`#` to the end of the line) or a string (`"..."`, `\"` inside).
bool in_comment_or_string(std::string_view text, std::size_t offset) {
    std::size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    start = start == std::string_view::npos || start >= offset ? 0 : start + 1;
    bool in_string = false;
    for (std::size_t i = start; i < offset; ++i) {
        if (in_string && text[i] == '\\') ++i;
        else if (text[i] == '"') in_string = !in_string;
        else if (!in_string && text[i] == '#') return true;
    }
    return in_string;
}

// The name under the cursor: for `enumeration.member`, the enumeration when the cursor is on its part,
// the whole when on the member's.
struct NameUnderCursor {
    std::string word;
    std::size_t begin = 0, end = 0;
};

std::optional<NameUnderCursor> name_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    if (in_comment_or_string(text, offset)) return std::nullopt;
    std::size_t begin = offset, end = offset;
    while (begin > 0 && name_character(text[begin - 1])) --begin;
    while (end < text.size() && name_character(text[end])) ++end;
    while (begin < end && text[begin] == '.') ++begin;
    while (end > begin && text[end - 1] == '.') --end;
    if (begin == end || std::isdigit(static_cast<unsigned char>(text[begin]))) return std::nullopt;
    std::size_t dot = text.substr(begin, end - begin).find('.');
    if (dot != std::string_view::npos && offset <= begin + dot) end = begin + dot;
    return NameUnderCursor{std::string(text.substr(begin, end - begin)), begin, end};
}

enum class Meaning { none, today, formal, definition, parameter, input, meter, projection, enumeration, member, builtin };

struct NameMeaning {
    Meaning kind = Meaning::none;
    const DefinitionDecl* definition = nullptr; // a definition, or the one whose parameter a formal is
    const Formal* formal = nullptr;
    const ParameterDecl* parameter = nullptr;
    const InputDecl* input = nullptr;
    const MeterDecl* meter = nullptr;
    const ProjectionDecl* projection = nullptr;
    const EnumDecl* enumeration = nullptr;      // an enumeration, or the one a member belongs to
    const EnumMember* member = nullptr;
    const Builtin* builtin = nullptr;
};

template <typename Map>
auto find_in(const Map& table, const std::string& name) -> typename Map::mapped_type {
    auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
}

// The definition of the document's own file whose text holds `offset`: its parameters are in scope there.
const DefinitionDecl* enclosing_definition(const LspDocument& doc, std::size_t offset) {
    if (!doc.names || !doc.names_current) return nullptr;
    for (const DefinitionDecl& d : doc.names->top().definitions)
        if (d.span.begin <= offset && offset <= d.span.end) return &d;
    return nullptr;
}

NameMeaning member_meaning(const RuleSet& rules, const std::string& enum_name, const std::string& member) {
    NameMeaning m;
    for (const auto& [name, en] : rules.enums) {
        if (!enum_name.empty() && name != enum_name) continue;
        for (const EnumMember& mem : en->members)
            if (mem.name == member) {
                m.kind = Meaning::member;
                m.enumeration = en;
                m.member = &mem;
                return m;
            }
    }
    return m;
}

NameMeaning meaning_of(const LspDocument& doc, const std::string& name, std::size_t offset) {
    NameMeaning m;
    if (name == "today") return NameMeaning{Meaning::today};
    if (doc.names) {
        const RuleSet& rules = *doc.names;
        if (auto dot = name.find('.'); dot != std::string::npos)
            return member_meaning(rules, name.substr(0, dot), name.substr(dot + 1));
        if (const DefinitionDecl* d = enclosing_definition(doc, offset))
            for (const Formal& f : d->formals)
                if (f.name == name) return NameMeaning{Meaning::formal, d, &f};
        if ((m.definition = find_in(rules.definitions, name))) m.kind = Meaning::definition;
        else if ((m.parameter = find_in(rules.parameters, name))) m.kind = Meaning::parameter;
        else if ((m.input = find_in(rules.inputs, name))) m.kind = Meaning::input;
        else if ((m.meter = find_in(rules.meters, name))) m.kind = Meaning::meter;
        else if ((m.projection = find_in(rules.projections, name))) m.kind = Meaning::projection;
        else if ((m.enumeration = find_in(rules.enums, name))) m.kind = Meaning::enumeration;
        else m = member_meaning(rules, "", name);
        if (m.kind != Meaning::none) return m;
    }
    if ((m.builtin = find_builtin(name))) m.kind = Meaning::builtin;
    return m;
}

std::string type_text(const TypeRef& t) {
    std::string written = one_line(t.span.text());
    if (!written.empty()) return written;
    return t.name + (t.per == Per::none ? "" : " per " + to_string(t.per));
}

std::string members_text(const EnumDecl& e) {
    std::string out;
    for (const EnumMember& m : e.members) out += (out.empty() ? "" : " | ") + m.name;
    return out;
}

// "declared in cap.rules, line 17", for a declaration in another file of the chain than the document's.
std::string declared_in(const LspDocument& doc, const Span& span) {
    if (!span.valid() || span.file->name == doc.path) return "";
    return "\n\ndeclared in `" + std::filesystem::path(span.file->name).filename().string() + "`, line " +
           std::to_string(span.line);
}

std::string cited(const Citation& c) { return c.text.empty() ? "" : "\n\ncite: " + c.text; }
std::string labelled(const std::string& label) { return label.empty() ? "" : "\n\n*" + label + "*"; }
std::string code(const std::string& s) { return "```carecap\n" + s + "\n```"; }

// The parameter's value in force on `today`, as explain shows values when the rules check, as written
// when they do not (then no value was worked out).
std::string in_force_text(const LspDocument& doc, const ParameterDecl& p, Date today) {
    const ParameterValue* v = value_in_force(p, today);
    std::string day = today.to_string();
    if (!v)
        return p.values.empty() ? "" : "\n\nno value in force on " + day + ": its first is from " +
                                           p.values.front().from.to_string();
    if (!v->value) return "";
    bool worked_out = doc.checked && doc.checked == doc.names;
    std::string value = worked_out ? show(v->constant, p.type.resolved, doc.checked.get())
                                   : "`" + one_line(v->value->span.text()) + "` (as written: the rules have errors)";
    return "\n\nin force on " + day + ": " + value + ", from " + v->from.to_string() + cited(v->cite);
}

std::string input_description(const std::string& name) {
    for (const InputSpec& spec : history_inputs())
        if (spec.name == name) return "\n\nfrom the history: " + spec.description;
    return "";
}

std::string hover_text(const LspDocument& doc, const NameMeaning& m, Date today) {
    switch (m.kind) {
    case Meaning::none: return "";
    case Meaning::today:
        return code("today") + "\n\nthe day being worked out (a date); rules only compare it with dates";
    case Meaning::formal:
        return code(m.formal->name + " : " + type_text(m.formal->type)) + "\n\na parameter of `" +
               m.definition->name + "`";
    case Meaning::definition: {
        const DefinitionDecl& d = *m.definition;
        std::string formals;
        for (const Formal& f : d.formals) formals += (formals.empty() ? "" : ", ") + f.name + " : " + type_text(f.type);
        return code("definition " + d.name + (formals.empty() ? "" : "(" + formals + ")") + " : " + type_text(d.type)) +
               labelled(d.label) + cited(d.cite) + declared_in(doc, d.name_span);
    }
    case Meaning::parameter: {
        const ParameterDecl& p = *m.parameter;
        return code("parameter " + p.name + " : " + type_text(p.type)) + labelled(p.label) + in_force_text(doc, p, today) +
               declared_in(doc, p.name_span);
    }
    case Meaning::input: {
        const InputDecl& i = *m.input;
        return code("input " + i.name + " : " + type_text(i.type) + (i.key.name.empty() ? "" : " by " + i.key.name)) +
               labelled(i.label) + input_description(i.name) + cited(i.cite) + declared_in(doc, i.name_span);
    }
    case Meaning::meter: {
        const MeterDecl& mt = *m.meter;
        std::string clauses = mt.rate ? "\n  rate = " + one_line(mt.rate->span.text()) : "";
        if (mt.ceiling) clauses += "\n  ceiling = " + one_line(mt.ceiling->span.text());
        return code("meter " + mt.name + clauses) + labelled(mt.label) + cited(mt.cite) + declared_in(doc, mt.name_span);
    }
    case Meaning::projection:
        return code("projection " + m.projection->name) + cited(m.projection->cite) +
               declared_in(doc, m.projection->name_span);
    case Meaning::enumeration:
        return code("enum " + m.enumeration->name + " = " + members_text(*m.enumeration)) + cited(m.enumeration->cite) +
               declared_in(doc, m.enumeration->name_span);
    case Meaning::member:
        return code(m.enumeration->name + "." + m.member->name) + "\n\na member of `enum " + m.enumeration->name +
               " = " + members_text(*m.enumeration) + "`" + cited(m.enumeration->cite) +
               declared_in(doc, m.member->span);
    case Meaning::builtin:
        return code(std::string(m.builtin->usage)) + "\n\nbuilt-in function: " + std::string(m.builtin->description);
    }
    return "";
}

json location(const LspDocument& doc, const Span& span) {
    return {{"uri", uri_of_file(doc, span.file.get())}, {"range", range_of(span)}};
}

const Span* declaration_span(const NameMeaning& m) {
    switch (m.kind) {
    case Meaning::formal: return &m.formal->span;
    case Meaning::definition: return &m.definition->name_span;
    case Meaning::parameter: return &m.parameter->name_span;
    case Meaning::input: return &m.input->name_span;
    case Meaning::meter: return &m.meter->name_span;
    case Meaning::projection: return &m.projection->name_span;
    case Meaning::enumeration: return &m.enumeration->name_span;
    case Meaning::member: return &m.member->span;
    default: return nullptr;
    }
}

// The same name declared by a file that `file` amends (the nearest), if any: what a restatement replaces.
template <typename Decl>
const Span* restated(const std::vector<Decl>& (*of)(const RuleFile&), const RuleSet& rules, const std::string& name,
                     const SourceFile* file) {
    const Span* found = nullptr;
    for (const auto& f : rules.files) {
        if (f->source.get() == file) return found;
        for (const Decl& d : of(*f))
            if (d.name == name) found = &d.name_span;
    }
    return nullptr;
}

const std::vector<DefinitionDecl>& definitions_of(const RuleFile& f) { return f.definitions; }
const std::vector<ParameterDecl>& parameters_of(const RuleFile& f) { return f.parameters; }
const std::vector<InputDecl>& inputs_of(const RuleFile& f) { return f.inputs; }
const std::vector<MeterDecl>& meters_of(const RuleFile& f) { return f.meters; }
const std::vector<EnumDecl>& enums_of(const RuleFile& f) { return f.enums; }

const Span* restated_declaration(const RuleSet& rules, const NameMeaning& m, const SourceFile* file) {
    switch (m.kind) {
    case Meaning::definition: return restated(&definitions_of, rules, m.definition->name, file);
    case Meaning::parameter: return restated(&parameters_of, rules, m.parameter->name, file);
    case Meaning::input: return restated(&inputs_of, rules, m.input->name, file);
    case Meaning::meter: return restated(&meters_of, rules, m.meter->name, file);
    case Meaning::enumeration: return restated(&enums_of, rules, m.enumeration->name, file);
    default: return nullptr;
    }
}

json completion_item(const std::string& label, int kind, const std::string& detail, const std::string& doc) {
    json item = {{"label", label}, {"kind", kind}, {"detail", detail}};
    if (!doc.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", doc}};
    return item;
}

// LSP's CompletionItemKind values.
constexpr int kind_function = 3, kind_variable = 6, kind_class = 7, kind_property = 10, kind_enum = 13,
              kind_keyword = 14, kind_member = 20, kind_constant = 21;

void add_members(json& items, const RuleSet& rules, const EnumDecl& en, bool qualify_shared) {
    for (const EnumMember& member : en.members) {
        json item = completion_item(member.name, kind_member, "member of " + en.name, cited(en.cite));
        // A member of two enumerations must be written with its enumeration's name.
        int owners = 0;
        for (const auto& [n, other] : rules.enums)
            for (const EnumMember& o : other->members) owners += o.name == member.name;
        if (qualify_shared && owners > 1) item["insertText"] = en.name + "." + member.name;
        items.push_back(std::move(item));
    }
}

void add_names(json& items, const LspDocument& doc, const RuleSet& rules, std::size_t offset) {
    if (const DefinitionDecl* d = enclosing_definition(doc, offset))
        for (const Formal& f : d->formals)
            items.push_back(completion_item(f.name, kind_variable, type_text(f.type), "a parameter of `" + d->name + "`"));
    for (const auto& [name, d] : rules.definitions)
        items.push_back(completion_item(name, kind_function, type_text(d->type), labelled(d->label) + cited(d->cite)));
    for (const auto& [name, p] : rules.parameters)
        items.push_back(completion_item(name, kind_constant, type_text(p->type), labelled(p->label)));
    for (const auto& [name, i] : rules.inputs)
        items.push_back(completion_item(name, kind_property, type_text(i->type), labelled(i->label)));
    for (const auto& [name, m] : rules.meters)
        items.push_back(completion_item(name, kind_class, "meter", labelled(m->label) + cited(m->cite)));
    for (const auto& [name, p] : rules.projections)
        items.push_back(completion_item(name, kind_class, "projection", cited(p->cite)));
    for (const auto& [name, e] : rules.enums) {
        items.push_back(completion_item(name, kind_enum, "enum " + name + " = " + members_text(*e), cited(e->cite)));
        add_members(items, rules, *e, true);
    }
}

} // namespace

json hover(const LspDocument& doc, std::size_t offset, Date today) {
    auto name = name_at(doc.text, offset);
    if (!name) return nullptr;
    std::string text = hover_text(doc, meaning_of(doc, name->word, offset), today);
    if (text.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", text}}},
            {"range", {{"start", position_at(doc.text, name->begin)}, {"end", position_at(doc.text, name->end)}}}};
}

json definition(const LspDocument& doc, std::size_t offset) {
    if (!doc.names) return nullptr;
    const RuleSet& rules = *doc.names;
    const SourceFile* own = doc.names_current ? rules.top().source.get() : nullptr;
    const Header& header = rules.top().header;
    // `amends NAME`: the file amended, at its rule set's name.
    if (own && rules.files.size() > 1 && header.amends_span.valid() && header.amends_span.begin <= offset &&
        offset <= header.amends_span.end)
        return location(doc, rules.files[rules.files.size() - 2]->header.name_span);
    auto name = name_at(doc.text, offset);
    if (!name) return nullptr;
    NameMeaning m = meaning_of(doc, name->word, offset);
    const Span* declared = declaration_span(m);
    if (!declared) return nullptr;
    // On a declaration of this file, the declaration it restates in a file amended.
    if (declared->file.get() == own && own && declared->begin <= offset && offset <= declared->end)
        if (const Span* before = restated_declaration(rules, m, own)) return location(doc, *before);
    return location(doc, *declared);
}

json completion(const LspDocument& doc, std::size_t offset) {
    json items = json::array();
    offset = std::min(offset, doc.text.size());
    if (in_comment_or_string(doc.text, offset)) return {{"isIncomplete", false}, {"items", items}};
    std::size_t begin = offset;
    while (begin > 0 && name_character(doc.text[begin - 1])) --begin;
    std::string typed = doc.text.substr(begin, offset - begin);
    if (auto dot = typed.find('.'); dot != std::string::npos && doc.names) {
        if (const EnumDecl* en = find_in(doc.names->enums, typed.substr(0, dot))) add_members(items, *doc.names, *en, false);
        return {{"isIncomplete", false}, {"items", items}};
    }
    if (doc.names) add_names(items, doc, *doc.names, offset);
    for (const Builtin& b : builtins())
        items.push_back(completion_item(std::string(b.name), kind_function, std::string(b.usage), std::string(b.description)));
    items.push_back(completion_item("today", kind_keyword, "date", "the day being worked out; compared only with dates"));
    return {{"isIncomplete", false}, {"items", items}};
}

} // namespace carecap::lsp
