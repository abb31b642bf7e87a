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

// A month as a count from year 0, and back: `first of month` dates for the time axis.
int month_count(Date d) { return d.year() * 12 + d.month() - 1; }
Date first_of_month(int count) { return *Date::from_ymd(count / 12, count % 12 + 1, 1); }

// The starts of months across the axis, every 1, 2, 3, 6 or 12 months (or whole years beyond), the
// fewest months apart that leaves at most 7 ticks: a tick on each first of a month (or of a year) that
// is a multiple of the step, within the days the axis covers. Labels say "Jan 2024", or "2024" for years.
void add_date_ticks(ProgressChart& c, const Scale& s) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int from = month_count(c.first) + (c.first.day() == 1 ? 0 : 1), to = month_count(c.last.plus_days(1));
    int step = 1;
    for (int candidate : {1, 2, 3, 6, 12, 24, 60, 120}) {
        step = candidate;
        if ((to - from) / candidate + 1 <= 7) break;
    }
    for (int m = from; m <= to; ++m) {
        if (m % step != 0) continue;
        Date tick = first_of_month(m);
        if (tick > c.last.plus_days(1)) break;
        std::string label = step >= 12 ? std::to_string(tick.year())
                                       : std::string(names[tick.month() - 1]) + " " + std::to_string(tick.year());
        c.date_ticks.emplace_back(s.x_start(tick), label);
    }
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
    // Round amounts up the side (at most 6 steps: 0, £20,000, ... £100,000 under a cap of £86,000),
    // never finer than a pound; dates along the bottom.
    for (const Decimal& amount : round_ticks(Decimal(0), c.y_max, 6))
        if (amount == amount.ceil()) c.gridlines.emplace_back(s.y(amount), whole_money(amount));
    add_date_ticks(c, s);
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
            << svg_coordinate(y) << "\"/><text class=\"axis amount-tick\" x=\"" << svg_coordinate(c.left - 8) << "\" y=\""
            << svg_coordinate(y + 4) << "\" text-anchor=\"end\">" << html_escape(label) << "</text>\n";
    // Every other date label is `tick-alt`, which a phone's narrow chart leaves out (statement_html.cpp).
    const std::string below = svg_coordinate(c.bottom + 20), mark = svg_coordinate(c.bottom + 5);
    for (std::size_t i = 0; i < c.date_ticks.size(); ++i) {
        const Decimal& at = c.date_ticks[i].first;
        const std::string x = svg_coordinate(at);
        // A label by either end of the axis reads inwards, so that it stays inside the picture.
        const char* anchor = at > c.right - Decimal(30) ? "end" : at < c.left + Decimal(30) ? "start" : "middle";
        out << "<line class=\"tick\" x1=\"" << x << "\" y1=\"" << svg_coordinate(c.bottom) << "\" x2=\"" << x
            << "\" y2=\"" << mark << "\"/><text class=\"axis date-tick" << (i % 2 ? " tick-alt" : "") << "\" x=\"" << x
            << "\" y=\"" << below << "\" text-anchor=\"" << anchor << "\">" << html_escape(c.date_ticks[i].second) << "</text>\n";
    }
    out << "</g>\n";
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
