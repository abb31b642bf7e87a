// source.cpp: line lookup for rule-file text.
#include "lang/source.h"

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

} // namespace carecap
