// sweep_chart.h: a line chart as SVG, for `carecap sweep`. Positions are worked
// out in exact decimals and rounded to 2 places only as they are written.
#pragma once

#include "stdlib/decimal.h"

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// How an axis's values read: "£100,000", "50%" (values are shares: 0.5), "260".
enum class AxisUnit { pounds, percent, number };

struct ChartAxis {
    std::string label;
    AxisUnit unit = AxisUnit::number;
};

struct ChartSeries {
    std::string label;                       // shown in the legend
    std::vector<std::optional<Decimal>> ys;  // one per x; none: a gap in the line
};

struct LineChart {
    std::string title;        // <title>, and the heading drawn above the plot
    std::string description;  // <desc>: the chart in words, for people who cannot see it
    ChartAxis x, y;
    std::vector<Decimal> xs;  // ascending
    std::vector<ChartSeries> series;
};

// A value as an axis label: "£145,000", "84%", "260".
std::string axis_label(const Decimal& value, AxisUnit unit);

std::string line_chart_svg(const LineChart& chart);

} // namespace carecap
