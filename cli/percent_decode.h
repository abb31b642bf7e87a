// percent_decode.h: %XX escapes in a request's path and query (RFC 3986, section 2.1), for the HTTP reader
// of `carecap serve` and its route handler. Header only, so the handler still builds alone (fuzz_serve).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace carecap::serve {

// The value of a hexadecimal digit, or -1 for any other character.
inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Whether '+' stands for a space: in a query component, as HTML forms send it, but not in a path.
enum class PlusMeans { plus, space };

// The text with every %XX replaced by its byte; nothing when a '%' is not followed by two hex digits.
inline std::optional<std::string> percent_decode(std::string_view text, PlusMeans plus = PlusMeans::plus) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus == PlusMeans::space) {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt; // two hex digits must follow
            int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace carecap::serve
