// svg.h: what the two SVG charts (the statement's progress chart and the sweep's
// line chart) write alike: text escaped for markup, coordinates rounded only as
// they are written, and the straight map from a value to a position.
#pragma once

#include "stdlib/decimal.h"

#include <string>
#include <string_view>
#include <vector>

namespace carecap {

// & < > " and ' as character references: safe in text and in quoted attributes,
// of SVG as of HTML.
std::string html_escape(std::string_view text);

// A coordinate as the statement's chart writes it: to 0.1 px, halves away from zero.
std::string svg_coordinate(const Decimal& v);

// Round values from `low` to `high` for an axis: the multiples, in that range, of the step of the form
// 1, 2 or 5 times a power of ten that cuts it into at most `pieces` (0, £20,000, £40,000, ...).
std::vector<Decimal> round_ticks(const Decimal& low, const Decimal& high, int pieces);

// Values from `low` to `high` onto positions from `from` to `to`, exactly (either
// range may run downwards: a y axis has its low values at the bottom).
struct LinearScale {
    Decimal low, high, from, to;
    Decimal at(const Decimal& v) const { return from + (v - low) / (high - low) * (to - from); }
};

} // namespace carecap
