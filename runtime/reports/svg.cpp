// svg.cpp: markup escaping and coordinates, for both charts and the statement page.
#include "runtime/reports/svg.h"

namespace carecap {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string svg_coordinate(const Decimal& v) { return v.to_fixed(1, Rounding::half_up); }

} // namespace carecap
