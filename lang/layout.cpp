// layout.cpp: the canonical layout of rule files, token by token (docs/formatting.md).
#include "lang/layout.h"

#include "lang/parse.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace carecap {

namespace {

// The lexer only has to be right for text the parser accepts: it runs after a
// successful parse, and its output is checked again (same tokens, still parses).
enum class Tok { word, number, money, date, string, json, punct, comment };

struct Token {
    Tok kind = Tok::punct;
    std::string_view text;
    bool operator==(const Token&) const = default;
};

struct Line {
    std::vector<Token> tokens;  // a trailing comment, if any, is the last token
    bool indented = false;      // the line began with whitespace (used for comment lines only)
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_other(char c) { return is_ident_start(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

struct Lexer {
    std::string_view s;
    std::size_t i = 0;

    char at(std::size_t k) const { return k < s.size() ? s[k] : '\0'; }

    std::size_t digits(std::size_t k) const {
        while (is_digit(at(k))) ++k;
        return k;
    }

    // A quoted string, stopping at the closing quote or the end of the line
    // (strings never span lines), with the grammar's two escapes \" and \\.
    std::size_t string_end(std::size_t k) const {
        ++k;
        while (k < s.size() && s[k] != '"' && s[k] != '\n') k += (s[k] == '\\' && (at(k + 1) == '"' || at(k + 1) == '\\')) ? 2 : 1;
        return k < s.size() && s[k] == '"' ? k + 1 : k;
    }

    // An inline JSON history: balanced braces, braces inside strings ignored.
    std::size_t json_end(std::size_t k) const {
        int depth = 0;
        while (k < s.size()) {
            char c = s[k];
            if (c == '"') {
                k = string_end(k);
                continue;
            }
            ++k;
            if (c == '{') ++depth;
            else if (c == '}' && --depth == 0) break;
        }
        return k;
    }

    std::size_t number_end(std::size_t k, bool money) const {
        std::size_t e = digits(k);
        if (money) // £86,000: thousands grouped by commas, as grouped_number in grammar.h
            while (at(e) == ',' && e + 4 <= s.size() && digits(e + 1) == e + 4) e += 4;
        if (at(e) == '.' && is_digit(at(e + 1))) e = digits(e + 1);
        if (!money && at(e) == '%') ++e; // 50%: the sign belongs to the number, no space allowed
        return e;
    }

    bool date_at(std::size_t k) const {
        return digits(k) == k + 4 && at(k + 4) == '-' && digits(k + 5) == k + 7 && at(k + 7) == '-' &&
               digits(k + 8) == k + 10 && !is_ident_other(at(k + 10));
    }

    std::vector<Line> lines() {
        std::vector<Line> out(1);
        out.back().indented = is_blank(at(0));
        while (i < s.size()) {
            char c = s[i];
            if (c == '\n') {
                ++i;
                out.emplace_back();
                out.back().indented = is_blank(at(i));
                continue;
            }
            if (is_blank(c)) {
                ++i;
                continue;
            }
            std::size_t start = i;
            Tok kind = Tok::punct;
            if (c == '#') {
                kind = Tok::comment;
                while (i < s.size() && s[i] != '\n') ++i;
                std::size_t end = i;
                while (end > start && is_blank(s[end - 1])) --end; // trailing spaces are not part of a comment
                out.back().tokens.push_back({kind, s.substr(start, end - start)});
                continue;
            } else if (c == '"') {
                kind = Tok::string;
                i = string_end(i);
            } else if (c == '{') {
                kind = Tok::json;
                i = json_end(i);
            } else if (c == '\xC2' && at(i + 1) == '\xA3' && is_digit(at(i + 2))) {
                kind = Tok::money;
                i = number_end(i + 2, true);
            } else if (is_digit(c)) {
                kind = date_at(i) ? Tok::date : Tok::number;
                i = kind == Tok::date ? i + 10 : number_end(i, false);
            } else if (is_ident_start(c)) {
                // Qualified names (england.current, a.b) are one token: no space may enter them.
                kind = Tok::word;
                do {
                    ++i;
                    while (is_ident_other(at(i))) ++i;
                } while (at(i) == '.' && is_ident_start(at(i + 1)) && ++i);
            } else if ((c == '<' || c == '>' || c == '!') && at(i + 1) == '=') {
                i += 2;
            } else {
                // Any other byte, a whole UTF-8 sequence at a time (only £ is expected).
                ++i;
                while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
            }
            out.back().tokens.push_back({kind, s.substr(start, i - start)});
        }
        return out;
    }
};

bool is_word(const Token& t, std::string_view w) { return t.kind == Tok::word && t.text == w; }

template <std::size_t N>
bool one_of(const Token& t, const std::array<std::string_view, N>& words) {
    return t.kind == Tok::word && std::find(words.begin(), words.end(), t.text) != words.end();
}

// Words that start a declaration; they are reserved, so never a name inside one.
constexpr std::array<std::string_view, 10> declaration_words{
    "enum", "input", "parameter", "definition", "exception", "meter", "projection", "statements", "outputs", "example"};

// Words the grammar reserves: never a function's name, so `when (` keeps its space.
constexpr std::array<std::string_view, 22> reserved_words{
    "rules", "enum", "input", "parameter", "definition", "exception", "meter", "example", "projection", "statements", "when",
    "otherwise", "cite", "and", "or", "not", "true", "false", "per", "at", "expect", "from"};

// Words after which a '-' negates rather than subtracts.
constexpr std::array<std::string_view, 5> operand_expected_after{"when", "and", "or", "not", "at"};

// The words that begin a clause of each kind of declaration (and of the header).
// A clause begins a line indented 2; any other line continues the clause above.
bool starts_clause(std::string_view declaration, const Token& t) {
    if (t.kind != Tok::word) return false;
    static const std::array<std::pair<std::string_view, std::array<std::string_view, 6>>, 11> clauses{{
        {"rules", {"version", "amends", "in", "source", "", ""}},
        {"enum", {"", "", "", "", "", ""}},
        {"input", {"by", "", "", "", "", ""}},
        {"parameter", {"from", "", "", "", "", ""}},
        {"definition", {"when", "otherwise", "", "", "", ""}},
        {"exception", {"when", "", "", "", "", ""}},
        {"meter", {"rate", "ceiling", "keeps", "accrues", "interest", "accepts"}},
        {"projection", {"charge", "budget", "pays", "capital_used", "", ""}},
        {"statements", {"every_months", "expected_within_months", "total_cost", "living_costs", "caveat", ""}},
        {"outputs", {"", "", "", "", "", ""}},
        {"example", {"history", "expect", "", "", "", ""}},
    }};
    // A parameter's cite belongs to one `from` value, so on its own line it continues that clause.
    if (t.text == "cite") return declaration != "parameter";
    for (const auto& [decl, words] : clauses)
        if (decl == declaration) return std::find(words.begin(), words.end(), t.text) != words.end();
    return false;
}

// Whether `prev` (the previous code token, perhaps on an earlier line) leaves
// an operand to come, making a following '-' a negation.
bool operand_expected(const Token* prev) {
    if (!prev) return true;
    switch (prev->kind) {
    case Tok::punct: return prev->text != ")";
    case Tok::word: return one_of(*prev, operand_expected_after);
    default: return false;
    }
}

// Spaces between the longest value of a parameter and its aligned cites (as rules/england/ mostly has).
constexpr std::size_t cite_gap = 3;

// Characters, not bytes: '£' is two bytes and one column.
std::size_t width(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct OutLine {
    enum Kind { blank, code, comment } kind = blank;
    std::size_t indent = 0;
    bool indented = false;        // comment lines: began with whitespace in the input
    std::string text;             // without indentation; for aligned lines, up to the cite
    std::string cite;             // aligned lines: from `cite` to the end
    std::size_t declaration = 0;  // which declaration the line belongs to (for alignment)
    bool align = false;           // a parameter's `from` line that ends in a cite
};

// Lays out the lines one by one: each line's indent from the declaration and clause it is in,
// its tokens joined with the spaces the canonical layout puts between them.
class LineLayout {
public:
    std::vector<OutLine> lay_out(const std::vector<Line>& lines) {
        std::vector<OutLine> out;
        for (const Line& line : lines) out.push_back(lay_out(line));
        return out;
    }

private:
    OutLine lay_out(const Line& line) {
        OutLine o;
        o.indented = line.indented;
        if (line.tokens.empty()) return o;
        const Token& first = line.tokens.front();
        if (first.kind == Tok::comment) {
            o.kind = OutLine::comment;
            o.text = std::string(first.text);
            return o;
        }
        o.kind = OutLine::code;
        o.indent = indent_of(line);
        o.declaration = declaration_id_;
        o.align = declaration_ == "parameter" && is_word(first, "from");
        join_tokens(line, o);
        if (o.indent == 0) {
            auto eq = o.text.find(" = ");
            enum_bar_column_ = declaration_ == "enum" && eq != std::string::npos ? width(o.text.substr(0, eq + 1)) : 0;
        }
        return o;
    }

    // A code line's indent: 0 for a declaration's first line (which starts the next declaration),
    // 2 for a clause, 2 more than its clause for a continuation.
    std::size_t indent_of(const Line& line) {
        const Token& first = line.tokens.front();
        // `amend meter NAME` begins a declaration laid out as a meter's: its clauses are a meter's.
        bool amends_meter = is_word(first, "amend") && line.tokens.size() > 1 && is_word(line.tokens[1], "meter");
        if (!seen_code_ || one_of(first, declaration_words) || amends_meter) {
            declaration_ = !seen_code_ ? "rules" : amends_meter ? "meter" : std::string(first.text);
            ++declaration_id_;
            seen_code_ = true;
            return clause_indent_ = 0;
        }
        if (starts_clause(declaration_, first)) return clause_indent_ = 2;
        if (declaration_ == "enum" && first.kind == Tok::punct && first.text == "|" && enum_bar_column_)
            return enum_bar_column_; // more members: the bars line up under the `=`
        return clause_indent_ + 2;
    }

    // The line's tokens into o.text, and, on a parameter's `from` line, from its `cite` on into o.cite.
    void join_tokens(const Line& line, OutLine& o) {
        bool cite_seen = false;
        const Token* prev = nullptr; // the previous token on this line
        for (const Token& t : line.tokens) {
            if (o.align && !cite_seen && prev && is_word(t, "cite")) {
                cite_seen = true;
                o.cite = std::string(t.text);
                prev = &t;
                before_last_ = last_;
                last_ = &t;
                continue;
            }
            std::string& into = cite_seen ? o.cite : o.text;
            // Three spaces before an end-of-line comment, as in docs/language.md.
            if (prev) into += t.kind == Tok::comment ? "   " : space_between(*prev, t) ? " " : "";
            into += t.text;
            prev = &t;
            if (t.kind != Tok::comment) {
                before_last_ = last_;
                last_ = &t;
            }
        }
        o.align = o.align && cite_seen;
    }

    // Whether a space goes between code tokens `prev` and `t`.
    bool space_between(const Token& prev, const Token& t) const {
        if (prev.kind == Tok::punct && prev.text == "(") return false;
        if (t.kind == Tok::punct && (t.text == ")" || t.text == ",")) return false;
        if (t.kind == Tok::punct && t.text == "(" && prev.kind == Tok::word && !one_of(prev, reserved_words))
            return false; // a call: f(x)
        if (prev.kind == Tok::punct && prev.text == "-" && operand_expected(before_last_))
            return false; // a negation: -x
        return true;
    }

    std::string declaration_;            // the keyword of the declaration being laid out
    std::size_t declaration_id_ = 0;
    std::size_t clause_indent_ = 0;      // the indent of the clause that continuation lines continue
    const Token* last_ = nullptr;        // the last code token so far, perhaps on an earlier line
    const Token* before_last_ = nullptr; // the one before it: says whether a '-' in `last_` negates
    bool seen_code_ = false;
    std::size_t enum_bar_column_ = 0;    // where an enum's `=` is, when it is on the declaration's first line
};

// A whole-line comment is indented like the code it sits directly above; one
// followed by a blank line or the end stays at the left edge, or at 2 if it was indented.
void indent_comments(std::vector<OutLine>& out) {
    for (std::size_t k = out.size(); k-- > 0;) {
        if (out[k].kind != OutLine::comment) continue;
        std::size_t next = k + 1;
        while (next < out.size() && out[next].kind == OutLine::comment) ++next;
        if (next < out.size() && out[next].kind == OutLine::code) out[k].indent = out[next].indent;
        else out[k].indent = out[k].indented ? 2 : 0;
    }
}

// A parameter's `from` lines put their cites in one column, three spaces after the longest value.
void align_cites(std::vector<OutLine>& out) {
    for (std::size_t k = 0; k < out.size();) {
        std::size_t end = k;
        std::size_t longest = 0;
        while (end < out.size() && out[end].declaration == out[k].declaration) {
            if (out[end].align) longest = std::max(longest, width(out[end].text));
            ++end;
        }
        for (std::size_t m = k; m < end; ++m)
            if (out[m].align) out[m].text += std::string(longest + cite_gap - width(out[m].text), ' ') + out[m].cite;
        k = std::max(end, k + 1);
    }
}

// The lines as text: at most one blank line in a row; none at the start or the end.
std::string joined(const std::vector<OutLine>& out) {
    std::string result;
    bool pending_blank = false;
    for (const OutLine& o : out) {
        if (o.kind == OutLine::blank) {
            pending_blank = !result.empty();
            continue;
        }
        if (pending_blank) result += '\n';
        pending_blank = false;
        result += std::string(o.indent, ' ') + o.text + '\n';
    }
    return result;
}

std::string layout(std::string_view body) {
    const std::vector<Line> lines = Lexer{body}.lines(); // the tokens view `body`; the layout points into these
    std::vector<OutLine> out = LineLayout{}.lay_out(lines);
    indent_comments(out);
    align_cites(out);
    return joined(out);
}

std::vector<Token> code_tokens(std::string_view text) {
    std::vector<Token> all;
    for (Line& l : Lexer{text}.lines()) all.insert(all.end(), l.tokens.begin(), l.tokens.end());
    return all;
}

bool is_utf8(std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
        std::size_t length = t[i] == 0 ? 0 : utf8_sequence_length(t, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

Diagnostics syntax_errors(std::string_view name, std::string_view body) {
    auto source = std::make_shared<SourceFile>();
    source->name = std::string(name);
    source->text = std::string(body);
    ParseResult parsed = parse_rule_file(source);
    Diagnostics errors;
    for (auto& d : parsed.diagnostics)
        if (d.severity == Severity::error) errors.push_back(d);
    if (!parsed.file && errors.empty()) errors.push_back({Severity::error, Span{}, "the header could not be read", "", {}});
    return errors;
}

Diagnostic whole_file_error(std::string_view name, std::string message, std::string hint) {
    auto file = std::make_shared<SourceFile>();
    file->name = std::string(name);
    Span span;
    span.file = file;
    return Diagnostic{Severity::error, span, std::move(message), std::move(hint), {}};
}

} // namespace

FormatResult format_rules(std::string_view name, std::string_view text) {
    FormatResult result;
    // The loader drops a byte-order mark; the formatter keeps it, as it keeps everything but layout.
    std::string_view bom = text.starts_with("\xEF\xBB\xBF") ? text.substr(0, 3) : std::string_view{};
    std::string_view body = text.substr(bom.size());
    if (!is_utf8(body)) {
        result.diagnostics.push_back(whole_file_error(name, "this is not UTF-8 text; it was left as written",
                                                      "run `carecap check` to find the place"));
        return result;
    }
    result.diagnostics = syntax_errors(name, body);
    if (!result.diagnostics.empty()) return result;

    std::string formatted = layout(body);
    // Belt and braces: the layout may only change whitespace. Anything else is a bug
    // here, and the file is then left alone rather than changed in meaning.
    if (code_tokens(formatted) != code_tokens(body) || !syntax_errors(name, formatted).empty()) {
        result.diagnostics.push_back(whole_file_error(name, "internal error: formatting would change this file's "
                                                            "tokens; it was left as written",
                                                      "please report this file"));
        return result;
    }
    result.ok = true;
    result.text = std::string(bom) + formatted;
    return result;
}

std::string first_difference(std::string_view before, std::string_view after) {
    std::size_t line = 1, a = 0, b = 0;
    while (a < before.size() || b < after.size()) {
        std::size_t ae = std::min(before.find('\n', a), before.size());
        std::size_t be = std::min(after.find('\n', b), after.size());
        std::string_view al = before.substr(a, ae - a), bl = after.substr(b, be - b);
        bool a_has = a < before.size(), b_has = b < after.size();
        if (al != bl || a_has != b_has) {
            std::string hint = "@@ line " + std::to_string(line) + " @@\n";
            if (a_has) hint += "-" + std::string(al) + "\n";
            if (b_has) hint += "+" + std::string(bl) + "\n";
            return hint;
        }
        a = ae + 1;
        b = be + 1;
        ++line;
    }
    // The lines agree but the texts do not: only the final line break differs.
    if (before != after) return "@@ line " + std::to_string(line - 1) + " @@\n (the final line break)\n";
    return {};
}

FormatCheck check_format(std::string_view name, std::string_view text) {
    FormatCheck check;
    FormatResult f = format_rules(name, text);
    check.ok = f.ok;
    check.diagnostics = std::move(f.diagnostics);
    if (!f.ok) return check;
    check.changed = f.text != text;
    if (check.changed) check.hint = first_difference(text, f.text);
    check.formatted = std::move(f.text);
    return check;
}

} // namespace carecap
