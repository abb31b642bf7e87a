// population.cpp: a population's projections, run several at a time, and their figures (population.h).
#include "runtime/analyses/population.h"

#include <algorithm>
#include <thread>

namespace carecap {

std::int64_t years_spanned(std::int64_t weeks) { return (weeks + 51) / 52; }

PersonOutcome person_outcome(const ProjectionResult& result) {
    PersonOutcome o;
    const ProjectionStart& start = result.start;
    o.wealth = start.capital + start.property;
    o.capital_lost = result.capital_lost();
    o.paid = result.total_paid;
    const std::int64_t years = years_spanned(start.weeks);
    o.paid_by_year.assign(static_cast<std::size_t>(years), Decimal(0));
    o.authority_by_year.assign(static_cast<std::size_t>(years), Decimal(0));
    for (const ProjectionWeek& w : result.weeks) {
        const auto year = static_cast<std::size_t>((w.week - 1) / 52);
        Decimal authority = start.weekly_fees - w.pays;
        if (authority.is_negative()) authority = Decimal(0);
        o.paid_by_year[year] += w.pays;
        o.authority_by_year[year] += authority;
        o.paid_by_authority += authority;
    }
    if (!result.meters.empty() && result.meters.front().reached_on) {
        o.reached_on = result.meters.front().reached_on;
        o.reached_in_year = (*o.reached_on - start.start) / 364 + 1;
    }
    return o;
}

PopulationRun run_population(const std::vector<const RuleSet*>& rules, const std::vector<ProjectionStart>& people,
                             const std::string& projection, unsigned threads, std::atomic<std::size_t>* done) {
    PopulationRun run;
    const std::size_t n = people.size(), total = rules.size() * n;
    run.outcomes.assign(rules.size(), std::vector<PersonOutcome>(n));
    std::vector<std::string> errors(total);  // each projection's error in its own slot: the first by position is told
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < total; i = next++) {
            const std::size_t r = i / n, p = i % n;
            try {
                ProjectionOutcome o = project(*rules[r], people[p], projection);
                if (o.result) run.outcomes[r][p] = person_outcome(*o.result);
                else errors[i] = o.errors.empty() ? "the projection did not run" : o.errors.front().render("projection");
            } catch (const std::exception& e) {
                errors[i] = std::string("internal error: ") + e.what();  // never let an exception end a thread
            }
            if (done) ++*done;
        }
    };
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(total, 1))));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (std::size_t r = 0; r < rules.size(); ++r)
        for (std::size_t p = 0; p < n; ++p)
            if (!errors[r * n + p].empty()) {
                run.errors.push_back("under " + rules[r]->header().name + ", person " + std::to_string(p + 1) + ": " +
                                     errors[r * n + p]);
                break;
            }
    return run;
}

namespace {

std::vector<WealthBand> wealth_bands(const std::vector<PersonOutcome>& people, const Decimal& width) {
    std::vector<WealthBand> bands;
    for (const PersonOutcome& p : people) {
        const auto band = static_cast<std::size_t>(*(p.wealth / width).floor().to_int64());
        while (bands.size() <= band) {
            Decimal low = width * Decimal(static_cast<std::int64_t>(bands.size()));
            WealthBand added;
            added.low = low;
            added.high = low + width;
            bands.push_back(std::move(added));
        }
        WealthBand& b = bands[band];
        ++b.people;
        b.wealth += p.wealth;
        b.capital_lost += p.capital_lost;
        b.mean_share_lost += p.share_lost();  // a sum until every person is in
    }
    for (WealthBand& b : bands)
        if (b.people) b.mean_share_lost = b.mean_share_lost / Decimal(static_cast<std::int64_t>(b.people));
    return bands;
}

} // namespace

PopulationSummary summarise(const std::vector<PersonOutcome>& people, const Decimal& band_width, std::int64_t weeks) {
    PopulationSummary s;
    s.people = people.size();
    s.bands = wealth_bands(people, band_width);
    s.years.resize(static_cast<std::size_t>(years_spanned(weeks)));
    for (std::size_t y = 0; y < s.years.size(); ++y) s.years[y].year = static_cast<std::int64_t>(y) + 1;
    for (const PersonOutcome& p : people) {
        s.wealth += p.wealth;
        s.capital_lost += p.capital_lost;
        s.paid += p.paid;
        s.paid_by_authority += p.paid_by_authority;
        for (std::size_t y = 0; y < s.years.size() && y < p.paid_by_year.size(); ++y) {
            s.years[y].paid += p.paid_by_year[y];
            s.years[y].paid_by_authority += p.authority_by_year[y];
        }
        if (p.reached_in_year && *p.reached_in_year <= static_cast<std::int64_t>(s.years.size())) {
            ++s.reached;
            ++s.years[static_cast<std::size_t>(*p.reached_in_year - 1)].reached;
        }
    }
    std::size_t so_far = 0;
    for (PopulationYear& y : s.years) y.reached_so_far = so_far += y.reached;
    return s;
}

} // namespace carecap
