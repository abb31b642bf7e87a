// source.h: rule-file text and the spans that point into it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace carecap {

// The text of one rule file, kept alive for as long as anything points into it.
struct SourceFile {
    std::string name;  // the path as given (what diagnostics print)
    std::string text;

    // The text of line `line` (1-based) without its line break.
    std::string_view line_text(std::uint32_t line) const;
};

// A range of a source file. Every AST node carries one; diagnostics print it.
struct Span {
    std::shared_ptr<const SourceFile> file;
    std::uint32_t begin = 0;  // byte offset of the first character
    std::uint32_t end = 0;    // byte offset one past the last character
    std::uint32_t line = 0;   // 1-based line of `begin`
    std::uint32_t column = 0; // 1-based column of `begin`, counted in characters

    bool valid() const { return file != nullptr && line > 0; }
    std::string_view text() const;
    // "file:line:col"
    std::string where() const;
    // "file:line", or `none` for a span of no file.
    std::string file_line(std::string_view none = "") const;
};

// Rule text on one line: runs of spaces and line breaks become one space. For
// quoting a rule inside a sentence (an event, a conflict between exceptions).
std::string one_line(std::string_view text);

// The length of the well-formed UTF-8 sequence starting at byte `i` of `t`, or 0 if
// there is none. Well-formed is the Unicode standard's table 3-7: no overlong forms
// (C0 80 for NUL, E0 80 80...), no encoded UTF-16 surrogates (ED A0 80 to ED BF BF),
// nothing above U+10FFFF. Each is a way to smuggle a character past a check that
// looks at bytes, so none is accepted in a rule file.
std::size_t utf8_sequence_length(std::string_view t, std::size_t i);

// The text of a string written in a rule file, `"..."` with `\"` and `\\` inside, without its escapes.
std::string unquoted(std::string_view quoted);

// Where an expression's text ends once it takes in the closing brackets it opened. The parse
// tree keeps no node for a bracket, so `max(a, b)` or `x * (1 + y)` would otherwise end at `b`
// or `y`, and a formula printed from its span would lose its `)`. Comments (`#` to the end
// of the line) are skipped; a `)` that the text from `begin` did not open is left out.
std::size_t end_with_closing_brackets(std::string_view text, std::size_t begin, std::size_t end);

} // namespace carecap
