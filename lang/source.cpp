// source.cpp: line lookup for rule-file text.
#include "lang/source.h"

#include <algorithm>

namespace carecap {

std::string_view SourceFile::line_text(std::uint32_t line) const {
    std::string_view all = text;
    std::size_t start = 0;
    for (std::uint32_t l = 1; l < line; ++l) {
        auto nl = all.find('\n', start);
        if (nl == std::string_view::npos) return {};
        start = nl + 1;
    }
    auto nl = all.find('\n', start);
    auto piece = all.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    return piece;
}

std::string_view Span::text() const {
    if (!file || end < begin || end > file->text.size()) return {};
    return std::string_view(file->text).substr(begin, end - begin);
}

std::string one_line(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string Span::where() const {
    if (!file) return "<unknown>";
    return file->name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Span::file_line(std::string_view none) const {
    return file ? file->name + ":" + std::to_string(line) : std::string(none);
}

// Table 3-7 of the Unicode standard, as lang/source.h says.
std::size_t utf8_sequence_length(std::string_view t, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(t[i + k]); };
    unsigned char c = byte(0);
    if (c < 0x80) return 1;
    std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (length == 0 || i + length > t.size()) return 0;
    // The second byte's range depends on the first; the others are 80..BF.
    unsigned char low = 0x80, high = 0xBF;
    if (c == 0xE0) low = 0xA0;       // below: an overlong three-byte form
    else if (c == 0xED) high = 0x9F; // above: a surrogate, U+D800..U+DFFF
    else if (c == 0xF0) low = 0x90;  // below: an overlong four-byte form
    else if (c == 0xF4) high = 0x8F; // above: beyond U+10FFFF
    if (byte(1) < low || byte(1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if ((byte(k) & 0xC0) != 0x80) return 0;
    return length;
}


std::string unquoted(std::string_view quoted) {
    std::string out;
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
        if (quoted[i] == '\\' && i + 2 < quoted.size()) ++i;
        out += quoted[i];
    }
    return out;
}

std::size_t end_with_closing_brackets(std::string_view text, std::size_t begin, std::size_t end) {
    end = std::min(end, text.size());
    auto skip_comment = [&](std::size_t& i, std::size_t limit) {
        while (i < limit && text[i] != '\n') ++i;
    };
    int open = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (text[i] == '#') skip_comment(i, end);
        else if (text[i] == '(') ++open;
        else if (text[i] == ')') --open;
    }
    for (std::size_t i = end; open > 0 && i < text.size(); ++i) {
        char c = text[i];
        if (c == ')') {
            --open;
            end = i + 1;
        } else if (c == '#') {
            skip_comment(i, text.size());
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            break;
        }
    }
    return end;
}

} // namespace carecap
