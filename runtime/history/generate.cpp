// generate.cpp: a synthetic caseload for England's reform rules, identical on every machine for a seed.
//
// Reproducibility rests on three choices: a self-written PRNG (splitmix64: the standard library's
// distributions differ between implementations), integer arithmetic only (money in pence, dates as
// day numbers), and JSON written by hand in a fixed key order.
//
// The edge cases (GenerateVariety::edge_cases) draw from a second stream of their own, so the main
// stream makes the same draws in the same order whatever the variety: a caseload's output for a seed
// never changes when edge cases are added here.
#include "runtime/history/generate.h"

#include "stdlib/date.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace carecap {

namespace {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and every 64-bit seed gives a good stream.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n), n > 0: rejection keeps it unbiased (a plain % favours small values).
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do x = next(); while (x >= limit);
        return x % n;
    }
    // Uniform in [lo, hi].
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    // True with probability percent / 100.
    bool chance(std::uint64_t percent) { return below(100) < percent; }

private:
    std::uint64_t state_;
};

// The edge cases' own stream and what it decided for the whole history. Null in a plain caseload.
struct Edge {
    Rng rng;
    std::int64_t cost_factor = 1;   // 2 or 3 for a history heavy enough to reach the cap
};

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// Pence as "123.45".
std::string money(std::int64_t pence) {
    std::string p = std::to_string(pence % 100);
    return std::to_string(pence / 100) + "." + (p.size() < 2 ? "0" : "") + p;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

constexpr std::array authorities{"Anytown", "Blackpool", "Cornwall", "Wolverhampton", "Leeds", "Norfolk",
                                 "Camden", "Newcastle upon Tyne", "Somerset", "Bristol", "Kent", "Cumberland"};

struct Period {
    Date start, end;
    bool open = false;           // the last period may be ongoing, with as_of as the horizon
    bool residential = false;
    bool independent = false;
};

// Weekly cost in pence, typical of 2023 to 2033 fees.
std::int64_t weekly_cost(Rng& rng, bool residential) {
    return residential ? rng.between(700, 1900) * 100 + rng.between(0, 99) : rng.between(120, 950) * 100 + rng.between(0, 99);
}

void care_period(std::string& j, Rng& rng, Edge* edge, const Period& p, std::size_t index, bool chc) {
    j += "{\"id\":\"cp" + std::to_string(index + 1) + "\",\"start\":" + quoted(p.start.to_string());
    if (!p.open) j += ",\"end\":" + quoted(p.end.to_string());
    j += std::string(",\"setting\":") + (p.residential ? "\"residential\"" : "\"home\"");
    j += std::string(",\"budget\":") + (p.independent ? "\"independent\"" : "\"personal\"");
    std::int64_t cost = weekly_cost(rng, p.residential);
    if (edge) cost = edge->rng.chance(3) ? 0 : cost * edge->cost_factor; // no cost at all, or a heavy one
    j += ",\"weekly_cost\":" + quoted(money(cost));
    std::int64_t top_up = 0;
    if (p.residential && rng.chance(20)) top_up = rng.between(20, 250) * 100;
    if (!p.independent) {
        // Means-tested: charged below the cost, and the charge includes any top-up paid through it.
        std::int64_t charge = rng.between(0, cost * 7 / 10);
        // A self-funder who asked the council to arrange care is charged the whole cost.
        if (edge && edge->rng.chance(10)) charge = cost;
        j += ",\"weekly_charge\":" + quoted(money(charge + top_up));
        if (rng.chance(10)) j += ",\"invoiced_weekly\":" + quoted(money(charge * rng.between(85, 100) / 100 + top_up));
    }
    if (top_up > 0)
        j += std::string(",\"top_ups\":[{\"payer\":") + (rng.chance(70) ? "\"third_party\"" : "\"first_party\"") +
             ",\"weekly\":" + quoted(money(top_up)) + "}]";
    if (chc) {
        // A continuing healthcare spell: the NHS meets all of the cost, or most of it.
        const std::int64_t nhs = rng.chance(70) ? cost : cost * rng.between(50, 95) / 100;
        j += ",\"other_services\":[{\"kind\":\"nhs_continuing_healthcare\",\"weekly\":" + quoted(money(nhs)) + "}]";
    } else if (p.residential && rng.chance(15)) {
        j += ",\"other_services\":[{\"kind\":\"nhs_funded_nursing_care\",\"weekly\":" + quoted(money(rng.between(20971, 25000))) + "}]";
    } else if (rng.chance(3)) {
        j += ",\"other_services\":[{\"kind\":\"section_117_aftercare\",\"weekly\":" + quoted(money(cost * rng.between(10, 60) / 100)) + "}]";
    }
    if (p.residential && rng.chance(5)) j += ",\"pays_accommodation_separately\":true";
    j += "}";
}

void financial_assessment(std::string& j, Rng& rng, Date date, std::int64_t capital, bool independent) {
    j += "{\"date\":" + quoted(date.to_string()) + ",\"capital\":" + quoted(money(capital));
    if (rng.chance(independent ? 60 : 25)) j += ",\"property\":" + quoted(money(rng.between(90000, 650000) * 100));
    j += ",\"income\":[{\"kind\":\"state_pension\",\"weekly\":" + quoted(money(rng.between(15600, 22120))) + "}";
    if (rng.chance(40)) j += ",{\"kind\":\"attendance_allowance\",\"weekly\":" + quoted(rng.chance(50) ? "72.65" : "108.55") + "}";
    if (rng.chance(35)) j += ",{\"kind\":\"occupational_pension\",\"weekly\":" + quoted(money(rng.between(1000, 40000))) + "}";
    if (rng.chance(15)) j += ",{\"kind\":\"pension_credit\",\"weekly\":" + quoted(money(rng.between(500, 8000))) + "}";
    j += "]";
    if (rng.chance(30)) j += ",\"disability_related_expenditure\":" + quoted(money(rng.between(500, 4000)));
    if (rng.chance(15)) j += ",\"housing_costs\":" + quoted(money(rng.between(2000, 15000)));
    if (rng.chance(20)) j += std::string(",\"premiums\":[") + (rng.chance(70) ? "\"disability\"" : "\"enhanced_disability\"") + "]";
    j += "}";
}

// One adjustment, as the caseload writes it. `amount` in pence, negative to take costs off.
std::string adjustment(Date made, std::int64_t amount, std::string_view reason, std::string_view kind, Date from, Date to) {
    return "{\"date\":" + quoted(made.to_string()) + ",\"amount\":\"" + (amount < 0 ? "-" : "") +
           money(amount < 0 ? -amount : amount) + "\",\"reason\":" + quoted(reason) + ",\"kind\":" + quoted(kind) +
           ",\"covers_from\":" + quoted(from.to_string()) + ",\"covers_to\":" + quoted(to.to_string()) + "}";
}

// Edge cases: corrections of every kind and sign, from small to larger than the cap, some made on the
// same day as another (their order in the document then matters), some before care began or after the
// horizon. Each covers the days it corrects, so rules that ask how long a change lasted can tell.
void edge_adjustments(std::vector<std::string>& out, Rng& rng, Date start, Date horizon) {
    if (!rng.chance(45)) return;
    const std::int64_t n = rng.between(1, 4);
    Date made = start;
    for (std::int64_t i = 0; i < n; ++i) {
        if (i == 0 || !rng.chance(15)) made = start.plus_days(rng.between(-60, (horizon - start) + 30));
        const std::int64_t band = rng.between(1, 100);
        std::int64_t pence = band <= 70 ? rng.between(50, 5000) * 100 : band <= 95 ? rng.between(5000, 30000) * 100
                                                                                   : rng.between(30000, 120000) * 100;
        if (rng.chance(55)) pence = -pence;
        constexpr std::array kinds{"verification", "temporary_change", "minor_discrepancy"};
        const char* kind = kinds[rng.below(kinds.size())];
        const Date from = made.plus_days(-rng.between(7, 150));
        const Date to = from.plus_days(rng.between(0, 100));
        out.push_back(adjustment(made, pence, pence < 0 ? "costs counted that should not have been" : "costs missed earlier",
                                 kind, from, to));
    }
}

// When the person is in care: `span` days from `start` to `horizon`, both counted.
struct CareSpan {
    Date start, horizon;
    std::int64_t span = 0;
};

CareSpan draw_care_span(Rng& rng, Edge* edge) {
    const Date first_start = ymd(2023, 8, 1), last_day = ymd(2033, 12, 31);
    // 1 to 10 years, most of them short: many people are in care for a year or two, few for ten.
    const std::int64_t span_band = static_cast<std::int64_t>(rng.below(10));
    const std::int64_t span = span_band < 5 ? rng.between(365, 1095) : span_band < 8 ? rng.between(1096, 2191) : rng.between(2192, 3652);
    Date start = first_start.plus_days(rng.between(0, (last_day - first_start) - span));
    // Edge cases: care that began up to two years earlier, so that some of it is before the reform.
    if (edge && edge->rng.chance(30)) start = start.plus_days(-edge->rng.between(30, 700));
    return {start, start.plus_days(span - 1), span};
}

// Care periods: mostly home care first, then a care home; sometimes a gap (a hospital stay).
std::vector<Period> draw_periods(Rng& rng, Edge* edge, const CareSpan& care, bool self_funder) {
    std::vector<Period> periods;
    const Date horizon = care.horizon;
    const std::int64_t n_periods = rng.chance(35) ? 1 : rng.between(2, 5);
    Date cursor = care.start;
    bool residential = rng.chance(45);
    for (std::int64_t i = 0; i < n_periods && cursor <= horizon; ++i) {
        Period p;
        p.start = cursor;
        const std::int64_t left = horizon - cursor + 1;
        const bool last = i == n_periods - 1 || left < 60;
        p.end = last ? horizon : cursor.plus_days(rng.between(28, std::max<std::int64_t>(28, left * 2 / 3)));
        if (!last && edge && edge->rng.chance(10)) p.end = cursor.plus_days(edge->rng.between(0, 6)); // a day to a week
        if (p.end > horizon) p.end = horizon;
        p.open = last && rng.chance(40);
        p.residential = residential;
        // Capital runs down: a self-funder may become means-tested in a later period.
        p.independent = self_funder && !(i > 0 && rng.chance(25));
        periods.push_back(p);
        if (!residential && rng.chance(60)) residential = true;
        cursor = p.end.plus_days(rng.chance(20) ? rng.between(1, 40) : 1);
    }
    return periods;
}

// The person, their authority and, when the last care period is open or (edge cases) evaluation runs on
// past it, the horizon.
void write_person(std::string& j, Rng& rng, Edge* edge, std::uint64_t seed, std::uint64_t index, const CareSpan& care,
                  bool open) {
    j += "{\"carecap_history\":1,\"person\":{\"id\":\"S" + std::to_string(seed) + "-" + std::to_string(index) + "\"";
    j += ",\"date_of_birth\":" + quoted(ymd(static_cast<int>(rng.between(1925, 1965)), 1, 1).plus_days(rng.between(0, 364)).to_string()) + "}";
    j += ",\"authority\":" + quoted(authorities[rng.below(authorities.size())]);
    if (open) j += ",\"as_of\":" + quoted(care.horizon.to_string());
    // Edge cases: evaluation runs on past the last day of care.
    else if (edge && edge->rng.chance(10)) j += ",\"as_of\":" + quoted(care.horizon.plus_days(edge->rng.between(1, 120)).to_string());
}

// When the person asked for an assessment or the authority identified a need, and the eligibility decisions.
void write_requests(std::string& j, Rng& rng, Edge* edge, const CareSpan& care) {
    const Date start = care.start;
    std::optional<Date> requested = start.plus_days(-rng.between(0, 90));
    std::optional<Date> identified;
    if (rng.chance(25)) identified = start.plus_days(-rng.between(30, 180));
    if (edge) {
        // Asked for an assessment after care began (so metering starts part-way), or never asked
        // while the authority identified the need.
        if (edge->rng.chance(30)) requested = start.plus_days(edge->rng.between(0, 400));
        if (edge->rng.chance(10)) identified = start.plus_days(edge->rng.between(-200, 300));
        if (identified && edge->rng.chance(30)) requested.reset();
    }
    if (requested) j += ",\"assessment_requested\":" + quoted(requested->to_string());
    if (identified) j += ",\"need_identified\":" + quoted(identified->to_string());
    j += ",\"eligibility\":[{\"date\":" + quoted(start.to_string()) + ",\"eligible\":true}";
    if (edge && edge->rng.chance(20)) {
        // Needs found no longer eligible for a while, then eligible again.
        const Date off = start.plus_days(edge->rng.between(1, care.span)), on = off.plus_days(edge->rng.between(1, 200));
        j += ",{\"date\":" + quoted(off.to_string()) + ",\"eligible\":false},{\"date\":" + quoted(on.to_string()) +
             ",\"eligible\":true}";
    }
    j += "]";
}

void write_care_periods(std::string& j, Rng& rng, Edge* edge, const std::vector<Period>& periods, std::size_t chc_period) {
    j += ",\"care_periods\":[";
    for (std::size_t i = 0; i < periods.size(); ++i) {
        if (i) j += ",";
        care_period(j, rng, edge, periods[i], i, i == chc_period);
    }
    j += "]";
}

// Financial assessments: the first at the start, then reassessments, capital usually falling.
void write_financial_assessments(std::string& j, Rng& rng, const CareSpan& care, bool self_funder) {
    j += ",\"financial_assessments\":[";
    std::int64_t capital = self_funder ? rng.between(100000, 900000) * 100 : rng.between(0, 99999) * 100;
    const std::int64_t reassessments = rng.between(0, std::min<std::int64_t>(4, care.span / 365));
    Date date = care.start;
    for (std::int64_t i = 0; i <= reassessments; ++i) {
        if (i) j += ",";
        financial_assessment(j, rng, date, capital, self_funder);
        capital = capital * rng.between(55, 100) / 100;
        date = date.plus_days(rng.between(300, 420));
        if (date > care.horizon) break;
    }
    j += "]";
}

// Sometimes one or two moves to another authority.
void write_moves(std::string& j, Rng& rng, const CareSpan& care) {
    if (!rng.chance(15)) return;
    j += ",\"moves\":[";
    const std::int64_t moves = rng.between(1, 2);
    Date move = care.start;
    for (std::int64_t i = 0; i < moves; ++i) {
        move = move.plus_days(rng.between(30, std::max<std::int64_t>(30, care.span / 2)));
        if (move > care.horizon) move = care.horizon;
        if (i) j += ",";
        j += "{\"date\":" + quoted(move.to_string()) + ",\"to_authority\":" + quoted(authorities[rng.below(authorities.size())]) + "}";
        if (move == care.horizon) break;
    }
    j += "]";
}

void write_adjustments(std::string& j, Rng& rng, Edge* edge, const CareSpan& care) {
    const Date start = care.start, horizon = care.horizon;
    std::vector<std::string> adjustments;
    if (rng.chance(6)) {
        // A correction: verification, or a temporary change (some shorter than the 6 weeks that count).
        const Date from = start.plus_days(rng.between(0, care.span / 2));
        const Date to = from.plus_days(rng.between(7, 84));
        const Date made = to.plus_days(rng.between(1, 60)) > horizon ? horizon : to.plus_days(rng.between(1, 60));
        const bool verification = rng.chance(50);
        adjustments.push_back(adjustment(made, -rng.between(5000, 300000), verification ? "verification of eligible needs" : "weeks in hospital",
                                         verification ? "verification" : "temporary_change", from, to));
    }
    if (edge) edge_adjustments(adjustments, edge->rng, start, horizon);
    for (std::size_t i = 0; i < adjustments.size(); ++i) j += (i ? "," : ",\"adjustments\":[") + adjustments[i];
    if (!adjustments.empty()) j += "]";
}

} // namespace

// Every draw is made in the same order as ever: the caseload for a seed never changes.
std::string generate_history(std::uint64_t seed, std::uint64_t index, GenerateVariety variety) {
    // One stream per history, from the seed and the index: a history never depends on the count.
    Rng mix(seed ^ 0x5ca1ab1e0ddba11ULL);
    Rng rng(mix.next() ^ (index * 0xd1b54a32d192ed03ULL));
    std::optional<Edge> edge_state;
    if (variety == GenerateVariety::edge_cases) edge_state.emplace(Edge{Rng(mix.next() ^ (index * 0x9fb21c651e98df25ULL))});
    Edge* edge = edge_state ? &*edge_state : nullptr;
    if (edge && edge->rng.chance(25)) edge->cost_factor = edge->rng.between(2, 3);

    const CareSpan care = draw_care_span(rng, edge);
    const bool self_funder = rng.chance(40);
    const std::vector<Period> periods = draw_periods(rng, edge, care, self_funder);
    const std::size_t chc_period = rng.chance(10) ? static_cast<std::size_t>(rng.below(periods.size())) : periods.size();

    std::string j;
    write_person(j, rng, edge, seed, index, care, periods.back().open);
    write_requests(j, rng, edge, care);
    write_care_periods(j, rng, edge, periods, chc_period);
    write_financial_assessments(j, rng, care, self_funder);
    write_moves(j, rng, care);
    write_adjustments(j, rng, edge, care);
    j += "}";
    return j;
}

void generate_caseload(std::uint64_t seed, std::uint64_t first, std::uint64_t count, std::ostream& out,
                       GenerateVariety variety) {
    for (std::uint64_t i = first; i < first + count; ++i) out << generate_history(seed, i, variety) << '\n';
}

} // namespace carecap
