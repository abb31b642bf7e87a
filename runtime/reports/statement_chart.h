// statement_chart.h: progress towards the cap as an inline SVG chart for the
// statement page: the accrued costs over time, the cap, the statement date and
// the expected (or actual) date of reaching the cap.
#pragma once

#include "runtime/reports/statement_report.h"
#include "runtime/reports/svg.h" // svg_coordinate

#include <optional>
#include <string>
#include <vector>

namespace carecap {

// A point in the chart's own units (px of its viewBox), exact: every coordinate is
// worked out in Decimal from dates and amounts; only the SVG text rounds it.
struct ChartPoint {
    Decimal x, y;
};

struct ChartMarker {
    std::string id;     // "marker-statement-date", "marker-expected-date" or "marker-cap-reached"
    std::string label;  // "Statement 2 April 2024"
    Decimal x;
};

struct ProgressChart {
    Decimal width = 720, height = 360;       // the viewBox
    Decimal left = 96, right = 696;          // the plot area
    Decimal top = 24, bottom = 312;
    Date first, last;                        // the days the x axis covers, from the start of one to the end of the other
    Decimal y_max;                           // the amount at the top of the plot: the highest cap and a fifth more
    std::vector<ChartPoint> accrued;         // the running total, a line through exact points
    std::vector<ChartPoint> cap;             // the cap, a step line
    std::optional<ChartPoint> expected_from, expected_to; // a dashed line to the expected date, when shown
    std::vector<ChartMarker> markers;
    std::vector<std::pair<Decimal, std::string>> gridlines; // y and the round amount it marks (£20,000)
    std::vector<std::pair<Decimal, std::string>> date_ticks; // x and the month or year it starts ("Jan 2024")
    std::string title, description;          // the text alternative
};

// The chart's geometry for a statement.
ProgressChart layout_progress_chart(const StatementReport& report);

// The <svg> element, role="img", with <title> and <desc> for the text alternative.
std::string progress_chart_svg(const ProgressChart& chart);

} // namespace carecap
