// statement_chart.cpp: the progress chart's geometry, in exact decimals, and its SVG.
// Pixels are a display matter: coordinates are rounded to 0.1 px only when written.
#include "runtime/reports/statement_chart.h"

#include "stdlib/format.h"

#include <sstream>

namespace carecap {

namespace {

// Days across (counted from the start of the first), amounts up from zero.
class Scale {
public:
    explicit Scale(const ProgressChart& c)
        : first_(c.first), x_{0, Decimal(c.last - c.first + 1), c.left, c.right}, y_{0, c.y_max, c.bottom, c.top} {}
    // The start of `day` (add one day for its end).
    Decimal x_start(Date day) const { return x_.at(Decimal(day - first_)); }
    Decimal x_end(Date day) const { return x_start(day.plus_days(1)); }
    Decimal y(const Decimal& amount) const { return y_.at(amount); }

private:
    Date first_;
    LinearScale x_, y_;
};

std::string points(const std::vector<ChartPoint>& line) {
    std::string out;
    for (const ChartPoint& p : line) out += (out.empty() ? "" : " ") + svg_coordinate(p.x) + "," + svg_coordinate(p.y);
    return out;
}

} // namespace

ProgressChart layout_progress_chart(const StatementReport& r) {
    const Statement& st = r.statement;
    ProgressChart c;
    const bool show_expected = st.expected_shown && st.expected_on && !r.cap_reached_on;
    c.first = r.opened;
    c.last = show_expected && *st.expected_on > st.date ? *st.expected_on : st.date;
    Decimal highest = st.cap_level;
    for (const CapPiece& p : r.cap) highest = std::max(highest, p.level);
    for (const ProgressPiece& p : r.progress) highest = std::max(highest, p.end);
    c.y_max = highest.sign() > 0 ? highest * Decimal::ratio(6, 5) : Decimal(1);
    const Scale s(c);

    for (const ProgressPiece& p : r.progress) {
        c.accrued.push_back({s.x_start(p.from), s.y(p.start)});
        c.accrued.push_back({s.x_end(p.to), s.y(p.end)});
    }
    for (const CapPiece& p : r.cap) {
        c.cap.push_back({s.x_start(p.from), s.y(p.level)});
        c.cap.push_back({s.x_end(p.to), s.y(p.level)});
    }
    // Beyond the statement date the cap is drawn at its level on that date.
    if (c.last > st.date) {
        c.cap.push_back({s.x_end(st.date), s.y(st.cap_level)});
        c.cap.push_back({s.x_end(c.last), s.y(st.cap_level)});
    }
    for (int quarter = 0; quarter <= 4; ++quarter) {
        Decimal amount = st.cap_level * Decimal::ratio(quarter, 4);
        c.gridlines.emplace_back(s.y(amount), whole_money(amount));
    }
    c.markers.push_back({"marker-statement-date", "Statement " + long_date(st.date), s.x_end(st.date)});
    if (show_expected) {
        c.expected_from = ChartPoint{s.x_end(st.date), s.y(st.accrued)};
        c.expected_to = ChartPoint{s.x_end(*st.expected_on), s.y(st.cap_level)};
        c.markers.push_back({"marker-expected-date", "Expected " + long_date(*st.expected_on), s.x_end(*st.expected_on)});
    }
    if (r.cap_reached_on)
        c.markers.push_back({"marker-cap-reached", "Cap reached " + long_date(*r.cap_reached_on), s.x_end(*r.cap_reached_on)});

    c.title = "Progress towards the cap, " + long_date(c.first) + " to " + long_date(c.last);
    c.description = "Your accrued costs rose from " + money(r.progress.empty() ? Decimal(0) : r.progress.front().start) +
                    " on " + long_date(r.opened) + " to " + money(st.accrued) + " at the end of " + long_date(st.date) +
                    (st.cap_level.sign() > 0 ? ", " + percent(st.accrued / st.cap_level) : std::string()) +
                    " of the cap of " + money(st.cap_level) + ".";
    if (show_expected)
        c.description += " At the expected rate they reach the cap on " + long_date(*st.expected_on) + ".";
    if (r.cap_reached_on) c.description += " They reached the cap on " + long_date(*r.cap_reached_on) + ".";
    if (!st.adjustments.empty())
        c.description += " The steps in the line are adjustments to the accrued costs since the last statement.";
    return c;
}

std::string progress_chart_svg(const ProgressChart& c) {
    std::ostringstream out;
    const std::string w = svg_coordinate(c.width), h = svg_coordinate(c.height);
    out << "<svg id=\"progress-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << w << " " << h
        << "\" width=\"" << w << "\" height=\"" << h << "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n"
        << "<title id=\"chart-title\">" << html_escape(c.title) << "</title>\n"
        << "<desc id=\"chart-desc\">" << html_escape(c.description) << "</desc>\n";
    const std::string left = svg_coordinate(c.left), right = svg_coordinate(c.right);
    out << "<g class=\"grid\">\n";
    for (const auto& [y, label] : c.gridlines)
        out << "<line x1=\"" << left << "\" y1=\"" << svg_coordinate(y) << "\" x2=\"" << right << "\" y2=\""
            << svg_coordinate(y) << "\"/><text class=\"axis\" x=\"" << svg_coordinate(c.left - 8) << "\" y=\""
            << svg_coordinate(y + 4) << "\" text-anchor=\"end\">" << html_escape(label) << "</text>\n";
    const std::string below = svg_coordinate(c.bottom + 20);
    out << "<text class=\"axis\" x=\"" << left << "\" y=\"" << below << "\">" << html_escape(long_date(c.first))
        << "</text><text class=\"axis\" x=\"" << right << "\" y=\"" << below << "\" text-anchor=\"end\">"
        << html_escape(long_date(c.last)) << "</text>\n</g>\n";
    if (!c.cap.empty())
        out << "<polyline id=\"cap-line\" class=\"cap\" points=\"" << points(c.cap) << "\"/>\n"
            << "<text class=\"cap-label\" x=\"" << svg_coordinate(c.left + 6) << "\" y=\""
            << svg_coordinate(c.cap.front().y - 6) << "\">The cap</text>\n";
    if (c.expected_from && c.expected_to)
        out << "<line id=\"expected-line\" class=\"expected\" x1=\"" << svg_coordinate(c.expected_from->x) << "\" y1=\""
            << svg_coordinate(c.expected_from->y) << "\" x2=\"" << svg_coordinate(c.expected_to->x) << "\" y2=\""
            << svg_coordinate(c.expected_to->y) << "\"/>\n";
    out << "<polyline id=\"accrued-line\" class=\"accrued\" points=\"" << points(c.accrued) << "\"/>\n";
    // Marker labels in rows of their own above the cap, where the accrued line never goes,
    // so that two close dates do not overlap.
    Decimal row = c.top + 16;
    for (const ChartMarker& m : c.markers) {
        const std::string x = svg_coordinate(m.x);
        // A label reads away from the nearer edge of the plot.
        const bool on_left = m.x * Decimal(2) < c.left + c.right;
        out << "<g id=\"" << html_escape(m.id) << "\" class=\"marker\"><line x1=\"" << x << "\" y1=\""
            << svg_coordinate(c.top) << "\" x2=\"" << x << "\" y2=\"" << svg_coordinate(c.bottom)
            << "\"/><text x=\"" << svg_coordinate(on_left ? m.x + 4 : m.x - 4) << "\" y=\"" << svg_coordinate(row)
            << "\" text-anchor=\"" << (on_left ? "start" : "end") << "\">" << html_escape(m.label) << "</text></g>\n";
        row += 18;
    }
    out << "<line class=\"axis-line\" x1=\"" << left << "\" y1=\"" << svg_coordinate(c.bottom) << "\" x2=\"" << right
        << "\" y2=\"" << svg_coordinate(c.bottom) << "\"/>\n</svg>\n";
    return out.str();
}

} // namespace carecap
