// syntax_error_place.h: where a syntax error is shown, worked out from the text alone. Private to
// lang/ (parse.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>

namespace carecap {

// An error found only at the next line (the text simply stopped) is shown just
// after the last thing written, where the reader's eye is, not on a blank line.
inline std::size_t caret_position(const std::string& text, std::size_t byte) {
    std::size_t at = std::min(byte, text.size());
    std::size_t back = at;
    bool crossed_line = false;
    while (back > 0) {
        char c = text[back - 1];
        if (c == '\n') crossed_line = true;
        else if (c != ' ' && c != '\t' && c != '\r') break;
        --back;
    }
    return crossed_line && back > 0 ? back : at;
}

// The byte of the '(' left open before `byte`, counting brackets backwards.
inline std::optional<std::size_t> unclosed_bracket(const std::string& text, std::size_t byte) {
    int depth = 0;
    for (std::size_t i = std::min(byte, text.size()); i > 0; --i) {
        char c = text[i - 1];
        if (c == ')') ++depth;
        else if (c == '(' && depth-- == 0) return i - 1;
    }
    return std::nullopt;
}

} // namespace carecap
