// sweep_chart.cpp: an SVG line chart with labelled axes and a legend. Every
// coordinate is an exact decimal until it is written, to 2 places, half up.
#include "runtime/analyses/sweep_chart.h"

#include "runtime/reports/svg.h"
#include "stdlib/format.h"

#include <sstream>

namespace carecap {

namespace {

// The plot area inside a 760 x 460 picture: room on the left for £ labels, below for the x axis, above for
// the title and the legend (one line for each series: the plot starts lower when there are more than three).
const Decimal width = 760, height = 460;
const Decimal left = 96, right = 736, bottom = 396;
const Decimal legend_top = 44, legend_line = 16;

// Positions are written to 2 places, half up, as plain_money writes an amount.
constexpr auto fixed = plain_money;

// Colours told apart by most readers, and a dash pattern each, so that no line is known by colour alone.
const char* const colours[] = {"#1b5e9e", "#c0392b", "#2e7d32", "#7b1fa2", "#e67e22", "#455a64"};
const char* const dashes[] = {"", "8 5", "2 4", "12 4 2 4", "4 4", "16 6"};

} // namespace

std::string axis_label(const Decimal& value, AxisUnit unit) {
    switch (unit) {
    case AxisUnit::pounds: return whole_money(value);
    case AxisUnit::percent: return (value * Decimal(100)).to_exact() + "%";
    case AxisUnit::number: return value.to_exact();
    }
    return "?";
}

namespace {

// Where the plot sits and how values map to it.
struct PlotFrame {
    Decimal x_low, x_high, top;
    std::vector<Decimal> y_ticks;
    LinearScale sx, sy;
};

// The x range is the data's; the y range runs from 0 (or below, for negative data) up to a whole tick.
PlotFrame plot_frame(const LineChart& chart) {
    PlotFrame f;
    f.x_low = chart.xs.empty() ? Decimal(0) : chart.xs.front();
    f.x_high = chart.xs.empty() ? Decimal(1) : chart.xs.back();
    if (!(f.x_high > f.x_low)) f.x_high = f.x_low + Decimal(1);
    Decimal y_low = 0, y_high = chart.y.unit == AxisUnit::percent ? Decimal(1) : Decimal(0);
    for (auto& s : chart.series)
        for (auto& y : s.ys)
            if (y) {
                if (*y > y_high) y_high = *y;
                if (*y < y_low) y_low = *y;
            }
    if (!(y_high > y_low)) y_high = y_low + Decimal(1);
    f.y_ticks = round_ticks(y_low, y_high, 6);
    if (f.y_ticks.size() >= 2 && f.y_ticks.back() < y_high) {
        y_high = f.y_ticks.back() + (f.y_ticks[1] - f.y_ticks[0]);
        f.y_ticks.push_back(y_high);
    }
    const Decimal legend_bottom = legend_top + legend_line * Decimal(static_cast<std::int64_t>(chart.series.size()));
    f.top = legend_bottom + Decimal(20) > Decimal(96) ? legend_bottom + Decimal(20) : Decimal(96);
    f.sx = LinearScale{f.x_low, f.x_high, left, right};
    f.sy = LinearScale{y_low, y_high, bottom, f.top};
    return f;
}

void write_opening(const LineChart& chart, std::ostringstream& out) {
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fixed(width) << "\" height=\"" << fixed(height)
        << "\" viewBox=\"0 0 " << fixed(width) << " " << fixed(height)
        << "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "  <title id=\"chart-title\">" << html_escape(chart.title) << "</title>\n"
        << "  <desc id=\"chart-desc\">" << html_escape(chart.description) << "</desc>\n"
        << "  <rect x=\"0\" y=\"0\" width=\"" << fixed(width) << "\" height=\"" << fixed(height) << "\" fill=\"#ffffff\"/>\n"
        << "  <text x=\"" << fixed(left) << "\" y=\"24\" font-size=\"15\" font-weight=\"bold\">" << html_escape(chart.title)
        << "</text>\n";
}

void write_y_axis(const LineChart& chart, const PlotFrame& f, std::ostringstream& out) {
    out << "  <g class=\"y-axis\" aria-hidden=\"true\">\n";
    for (const Decimal& t : f.y_ticks) {
        std::string y = fixed(f.sy.at(t));
        out << "    <line x1=\"" << fixed(left) << "\" y1=\"" << y << "\" x2=\"" << fixed(right) << "\" y2=\"" << y
            << "\" stroke=\"#dddddd\"/>\n"
            << "    <text x=\"" << fixed(left - Decimal(8)) << "\" y=\"" << y << "\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            << html_escape(axis_label(t, chart.y.unit)) << "</text>\n";
    }
    out << "    <text transform=\"translate(18 " << fixed((f.top + bottom) / Decimal(2)) << ") rotate(-90)\" text-anchor=\"middle\">"
        << html_escape(chart.y.label) << "</text>\n  </g>\n";
}

void write_x_axis(const LineChart& chart, const PlotFrame& f, std::ostringstream& out) {
    out << "  <g class=\"x-axis\" aria-hidden=\"true\">\n";
    for (const Decimal& t : round_ticks(f.x_low, f.x_high, 6)) {
        std::string x = fixed(f.sx.at(t));
        out << "    <line x1=\"" << x << "\" y1=\"" << fixed(bottom) << "\" x2=\"" << x << "\" y2=\"" << fixed(bottom + Decimal(6))
            << "\" stroke=\"#333333\"/>\n"
            << "    <text x=\"" << x << "\" y=\"" << fixed(bottom + Decimal(20)) << "\" text-anchor=\"middle\">"
            << html_escape(axis_label(t, chart.x.unit)) << "</text>\n";
    }
    out << "    <line x1=\"" << fixed(left) << "\" y1=\"" << fixed(bottom) << "\" x2=\"" << fixed(right) << "\" y2=\""
        << fixed(bottom) << "\" stroke=\"#333333\"/>\n"
        << "    <line x1=\"" << fixed(left) << "\" y1=\"" << fixed(f.top) << "\" x2=\"" << fixed(left) << "\" y2=\""
        << fixed(bottom) << "\" stroke=\"#333333\"/>\n"
        << "    <text x=\"" << fixed((left + right) / Decimal(2)) << "\" y=\"" << fixed(bottom + Decimal(44))
        << "\" text-anchor=\"middle\">" << html_escape(chart.x.label) << "</text>\n  </g>\n";
}

// The dash pattern of series `i`, as an attribute (none for a solid line).
std::string dash_attribute(std::size_t i) {
    return *dashes[i % 6] ? std::string(" stroke-dasharray=\"") + dashes[i % 6] + "\"" : "";
}

// Each series: one polyline per unbroken run of values.
void write_series(const LineChart& chart, const PlotFrame& f, std::ostringstream& out) {
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const ChartSeries& s = chart.series[i];
        std::string style = std::string("fill=\"none\" stroke=\"") + colours[i % 6] + "\" stroke-width=\"2\"" + dash_attribute(i);
        out << "  <g class=\"series\">\n";
        std::string points;
        auto flush = [&] {
            if (!points.empty()) out << "    <polyline " << style << " points=\"" << points << "\"/>\n";
            points.clear();
        };
        for (std::size_t p = 0; p < chart.xs.size() && p < s.ys.size(); ++p) {
            if (!s.ys[p]) {
                flush();
                continue;
            }
            points += (points.empty() ? "" : " ") + fixed(f.sx.at(chart.xs[p])) + "," + fixed(f.sy.at(*s.ys[p]));
        }
        flush();
        out << "  </g>\n";
    }
}

// The legend, above the plot: a sample of each line and the rule set's name.
void write_legend(const LineChart& chart, std::ostringstream& out) {
    out << "  <g class=\"legend\">\n";
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        Decimal y = legend_top + Decimal(static_cast<std::int64_t>(i)) * legend_line;
        Decimal x = left;
        out << "    <line x1=\"" << fixed(x) << "\" y1=\"" << fixed(y) << "\" x2=\"" << fixed(x + Decimal(28)) << "\" y2=\""
            << fixed(y) << "\" stroke=\"" << colours[i % 6] << "\" stroke-width=\"2\"" << dash_attribute(i) << "/>\n"
            << "    <text x=\"" << fixed(x + Decimal(36)) << "\" y=\"" << fixed(y) << "\" dominant-baseline=\"middle\">"
            << html_escape(chart.series[i].label) << "</text>\n";
    }
    out << "  </g>\n";
}

} // namespace

std::string line_chart_svg(const LineChart& chart) {
    const PlotFrame frame = plot_frame(chart);
    std::ostringstream out;
    write_opening(chart, out);
    write_y_axis(chart, frame, out);
    write_x_axis(chart, frame, out);
    write_series(chart, frame, out);
    write_legend(chart, out);
    out << "</svg>\n";
    return out.str();
}

} // namespace carecap
