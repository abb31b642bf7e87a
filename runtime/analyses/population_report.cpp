// population_report.cpp: text, CSV and SVG of a population run (population_report.h).
#include "runtime/analyses/population_report.h"

#include "runtime/analyses/sweep_chart.h"
#include "stdlib/format.h"

#include <sstream>

namespace carecap {

namespace {

std::string share_percent(const Decimal& share) { return (share * Decimal(100)).to_fixed(2, display_rounding); }

// A CSV field: in double quotes, its quotes doubled, when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string band_words(const WealthBand& b) { return whole_money(b.low) + " to " + whole_money(b.high); }

void totals_text(const PopulationReport& r, std::ostringstream& out) {
    for (std::size_t s = 0; s < r.summaries.size(); ++s) {
        const PopulationSummary& t = r.summaries[s];
        const bool capped = !r.rules[s]->meter_order.empty() && r.rules[s]->meter_order.front()->ceiling;
        out << r.labels[s] << "\n"
            << "  people " << t.people << "; " << (capped ? "cap reached by " + std::to_string(t.reached) : "no cap") << "\n"
            << "  capital lost " << money(t.capital_lost) << " of " << money(t.wealth) << "\n"
            << "  paid by people " << money(t.paid) << "; by authorities " << money(t.paid_by_authority) << "\n";
    }
}

void bands_text(const PopulationReport& r, std::ostringstream& out) {
    out << "\nMean share of assets lost after " << r.weeks << " weeks, by initial wealth\nwealth\tpeople";
    for (const std::string& name : r.names) out << "\t" << name;
    out << "\n";
    const std::vector<WealthBand>& bands = r.summaries.front().bands;
    for (std::size_t b = 0; b < bands.size(); ++b) {
        if (!bands[b].people) continue;
        out << band_words(bands[b]) << "\t" << bands[b].people;
        for (const PopulationSummary& s : r.summaries) out << "\t" << share_percent(s.bands[b].mean_share_lost) << "%";
        out << "\n";
    }
}

void years_text(const PopulationReport& r, std::ostringstream& out) {
    out << "\nBy year (52 weeks): people reaching the cap (so far), paid by people, paid by authorities\nyear";
    for (const std::string& name : r.names) out << "\t" << name;
    out << "\n";
    for (std::size_t y = 0; y < r.summaries.front().years.size(); ++y) {
        out << r.summaries.front().years[y].year;
        for (const PopulationSummary& s : r.summaries) {
            const PopulationYear& year = s.years[y];
            out << "\t" << year.reached << " (" << year.reached_so_far << "), " << money(year.paid) << ", "
                << money(year.paid_by_authority);
        }
        out << "\n";
    }
}

} // namespace

std::string population_text(const PopulationReport& r) {
    std::ostringstream out;
    totals_text(r, out);
    bands_text(r, out);
    years_text(r, out);
    return out.str();
}

std::string bands_csv(const PopulationReport& r) {
    std::ostringstream out;
    out << "rules,name,band_from,band_to,people,mean_share_lost_percent,wealth,capital_lost\n";
    for (std::size_t s = 0; s < r.summaries.size(); ++s)
        for (const WealthBand& b : r.summaries[s].bands)
            out << r.files[s] << "," << r.names[s] << "," << plain_money(b.low) << "," << plain_money(b.high) << ","
                << b.people << "," << share_percent(b.mean_share_lost) << "," << plain_money(b.wealth) << ","
                << plain_money(b.capital_lost) << "\n";
    return out.str();
}

std::string years_csv(const PopulationReport& r) {
    std::ostringstream out;
    out << "rules,name,year,reached_cap,reached_cap_so_far,paid_by_people,paid_by_authorities\n";
    for (std::size_t s = 0; s < r.summaries.size(); ++s)
        for (const PopulationYear& y : r.summaries[s].years)
            out << r.files[s] << "," << r.names[s] << "," << y.year << "," << y.reached << "," << y.reached_so_far << ","
                << plain_money(y.paid) << "," << plain_money(y.paid_by_authority) << "\n";
    return out.str();
}

std::string people_csv(const PopulationReport& r) {
    std::ostringstream out;
    out << "rules,name,id,wealth,capital_lost,share_lost_percent,paid,paid_by_authority,cap_reached_on\n";
    for (std::size_t s = 0; s < r.summaries.size(); ++s)
        for (std::size_t p = 0; p < r.people->size(); ++p) {
            const PersonOutcome& o = r.run->outcomes[s][p];
            const std::string id = csv_field((*r.people)[p].id);
            out << r.files[s] << "," << r.names[s] << "," << id << "," << plain_money(o.wealth) << ","
                << plain_money(o.capital_lost) << "," << share_percent(o.share_lost()) << "," << plain_money(o.paid) << ","
                << plain_money(o.paid_by_authority) << "," << (o.reached_on ? o.reached_on->to_string() : "") << "\n";
        }
    return out.str();
}

std::string bands_svg(const PopulationReport& r) {
    LineChart chart;
    chart.title = "Mean share of initial assets depleted after " + std::to_string(r.weeks) + " weeks, by initial wealth";
    chart.x = {"Initial wealth, middle of the band (£)", AxisUnit::pounds};
    chart.y = {"Share of initial assets depleted", AxisUnit::percent};
    const std::vector<WealthBand>& bands = r.summaries.front().bands;
    for (const WealthBand& b : bands) chart.xs.push_back((b.low + b.high) / Decimal(2));
    std::ostringstream desc;
    desc << "A population of " << r.people->size() << " starting positions, in wealth bands of "
         << whole_money(bands.front().high - bands.front().low) << "; one line per rule set.";
    for (std::size_t s = 0; s < r.summaries.size(); ++s) {
        ChartSeries series;
        series.label = r.labels[s];
        for (const WealthBand& b : r.summaries[s].bands)
            series.ys.push_back(b.people ? std::optional<Decimal>(b.mean_share_lost) : std::nullopt);
        desc << " " << r.names[s] << ": " << share_percent(r.summaries[s].capital_lost / (r.summaries[s].wealth.is_zero() ? Decimal(1) : r.summaries[s].wealth))
             << "% of all the population's wealth lost.";
        chart.series.push_back(std::move(series));
    }
    chart.description = desc.str();
    return line_chart_svg(chart);
}

} // namespace carecap
