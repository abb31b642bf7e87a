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

std::vector<Decimal> round_ticks(const Decimal& low, const Decimal& high, int pieces) {
    if (!(high > low) || pieces < 1) return {low};
    const Decimal raw = (high - low) / Decimal(pieces);
    // The power of ten at or just below the raw step, then the first of 1, 2, 5, 10 times it that is enough.
    Decimal power = 1;
    while (power > raw) power = power / Decimal(10);
    while (power * Decimal(10) <= raw) power = power * Decimal(10);
    Decimal step = power * Decimal(10);
    for (int m : {1, 2, 5})
        if (power * Decimal(m) >= raw) {
            step = power * Decimal(m);
            break;
        }
    std::vector<Decimal> out;
    for (Decimal t = (low / step).ceil() * step; t <= high; t += step) out.push_back(t);
    return out;
}

} // namespace carecap
