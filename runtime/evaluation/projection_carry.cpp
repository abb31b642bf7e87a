// projection_carry.cpp: reading a later statement's projection off an earlier one (projection_carry.h).
//
// Why the weeks repeat. A projection's k-th week is evaluated against a one-period history made from its
// start (projection.cpp, projection_history) on the day start + 7(k-1). Evaluation reads inputs, parameters,
// reached(meter), and `today`, which the checker only lets be compared with a date (a boundary). So the k-th
// weeks of two projections with the same rules from the same position (capital, income, fees, setting, top-ups:
// the same figures, from the same or another assessment and care period), from days S1 and S2, agree when:
//   - every input read outside a boundary has the same value in both histories: no date or duration input is
//     read there (those are counted from the start), but the date of birth, which is the person's; the rest
//     come from the same figures, and the capital, charge and budget that the weeks
//     rewrite agree by induction on k;
//   - every boundary compares the same way with the k-th day of each: a boundary reads nothing the weeks
//     rewrite and no parameter that changes value in the span, so its date is one per projection, worked out
//     here for each, and the sign of (k-th day - that date) is checked for every week needed;
//   - every parameter read has one value over both spans (changes to the same value do not count);
//   - reached(meter) reads the same: only the wanted meter has a ceiling, and it has not reached it before
//     the week in which the later projection does (which stops there).
// The meters then gain the same amount in each week of both (no adjustments in a projection; the wanted
// meter's ceiling never changes in the earlier one, and it charges no interest; a meter charging interest
// must stand at nothing throughout both, so that interest on it is nothing too), and each week's total in
// the later one is its starting total plus the earlier one's gain. What remains is the size limit on a
// running total (meter.cpp), checked here on the totals the later projection would hold.
#include "runtime/evaluation/projection_carry.h"

#include "runtime/evaluation/evaluate.h"
#include "runtime/evaluation/meter.h"

#include <algorithm>
#include <unordered_set>

namespace carecap {

namespace {

bool is_today(const Expr& e) { return e.ref == RefKind::today; }

// Walks what the weeks evaluate. Every input is read from the history and the state in force, never from
// the day (runtime/evaluation/inputs.cpp: each reader takes only those two), and a projection's history
// holds one care period and one assessment made from the same assessment and care period. So an input has
// the same value in two projections unless it is a date or a number of days counted from the start (the
// care's start and end, the request's day), or one of the three the weeks rewrite (capital, charge,
// budget), which agree week by week when the rest does. Outside a boundary only the first kind is refused:
// the person's and the partner's dates of birth are their own. Inside one (the date compared with `today`)
// only the second: the boundary's date must be one per projection.
class DayReadsWalk {
public:
    explicit DayReadsWalk(const RuleSet& rules) : rules_(rules) {}

    ProjectionDayReads run(const ProjectionDecl& decl, std::size_t wanted) {
        out_.carried = true;
        for (const Expr* root : {decl.charge.get(), decl.budget.get(), decl.pays.get(), decl.capital_used.get()})
            expr(*root, false);
        for (const MeterDecl* meter : rules_.meter_order) {
            const bool is_wanted = meter->index == wanted;
            // Only the wanted meter may have a ceiling (reached(m) of any other could differ), and its
            // ceiling day is found by the daily rule of meter.cpp, with no interest on it.
            if (is_wanted != (meter->ceiling != nullptr) || (is_wanted && (meter->whole_weeks || meter->interest)))
                out_.carried = false;
            for (const Expr* root : {meter->rate.get(), meter->ceiling.get(), meter->interest.get()})
                if (root) expr(*root, false);
        }
        std::sort(out_.parameters.begin(), out_.parameters.end());
        out_.parameters.erase(std::unique(out_.parameters.begin(), out_.parameters.end()), out_.parameters.end());
        return std::move(out_);
    }

private:
    void expr(const Expr& e, bool in_boundary) {
        switch (e.ref) {
        case RefKind::parameter: out_.parameters.push_back(e.parameter); break;
        case RefKind::input: input(*e.input, in_boundary); break;
        case RefKind::definition: definition(*e.definition, in_boundary); break;
        case RefKind::today: out_.carried = false; break; // only reached outside a comparison: never expected
        case RefKind::meter_reached:
            if (in_boundary) out_.carried = false;
            break;
        case RefKind::formal:
        case RefKind::enum_member:
        case RefKind::none: break;
        }
        if (e.kind == ExprKind::call && e.definition) definition(*e.definition, in_boundary);
        if (e.kind == ExprKind::binary && e.children.size() == 2 && (is_today(*e.children[0]) || is_today(*e.children[1]))) {
            if (in_boundary) out_.carried = false; // a date that itself depends on the day
            const Expr& date = is_today(*e.children[0]) ? *e.children[1] : *e.children[0];
            if (std::find(out_.boundaries.begin(), out_.boundaries.end(), &date) == out_.boundaries.end())
                out_.boundaries.push_back(&date);
            expr(date, true);
            return;
        }
        for (const auto& child : e.children) expr(*child, in_boundary);
    }

    void input(const InputDecl& input, bool in_boundary) {
        const Kind kind = input.type.resolved.kind;
        if (in_boundary) {
            if (input.name == "capital" || input.name == "weekly_charge" || input.name == "budget") out_.carried = false;
        } else if ((kind == Kind::date || kind == Kind::duration) && input.name != "date_of_birth" &&
                   input.name != "partner_date_of_birth") {
            out_.carried = false;
        }
    }

    void definition(const DefinitionDecl& d, bool in_boundary) {
        if (!walked_[in_boundary].insert(&d).second) return;
        for (const ExceptionDecl* x : d.exceptions) {
            expr(*x->condition, in_boundary);
            expr(*x->value, in_boundary);
        }
        for (const Case& c : d.cases) {
            if (c.condition) expr(*c.condition, in_boundary);
            expr(*c.value, in_boundary);
        }
    }

    const RuleSet& rules_;
    std::unordered_set<const DefinitionDecl*> walked_[2]; // outside and inside a boundary
    ProjectionDayReads out_;
};

// Each boundary's date in the projection from `start`, worked out on its first day, or nothing where it has
// none there (the partner's date of birth, with no partner). Such a boundary is never reached by a projection
// that ran without error, and, the weeks being the same up to any comparison with it, nor by the other.
std::vector<std::optional<Date>> boundary_dates(const RuleSet& rules, const ProjectionDayReads& reads,
                                                const ProjectionStart& start) {
    std::vector<std::optional<Date>> out;
    if (reads.boundaries.empty()) return out;
    const History history = projection_history(start);
    const HistoryState state = history_state_on(history, start.start);
    const std::vector<char> none_reached(rules.meter_order.size(), 0);
    std::optional<Evaluator> evaluator;
    for (const Expr* boundary : reads.boundaries) {
        if (!evaluator) evaluator.emplace(EvalContext{rules, history, state, start.start, &none_reached});
        try {
            out.push_back(std::get<Date>(evaluator->eval(*boundary)));
        } catch (const std::exception&) { // EvalError among them; the next boundary gets a fresh evaluator
            out.emplace_back();
            evaluator.reset();
        }
    }
    return out;
}

int sign(std::int64_t v) { return (v > 0) - (v < 0); }

// Whether the first `weeks` weeks from `earlier` and from `later` read the same parameters' values and
// compare `today` with each boundary the same way.
bool same_weeks(const RuleSet& rules, const ProjectionDayReads& reads, Date earlier,
                const std::vector<std::optional<Date>>& earlier_dates, Date later,
                const std::vector<std::optional<Date>>& later_dates, std::int64_t weeks) {
    const Date from = std::min(earlier, later), to = std::max(earlier, later).plus_days(7 * (weeks - 1));
    const auto& changes = rules.parameter_changes;
    auto by_date = [](Date d, const std::pair<Date, const ParameterDecl*>& v) { return d < v.first; };
    for (auto c = std::upper_bound(changes.begin(), changes.end(), from, by_date); c != changes.end() && c->first <= to; ++c) {
        if (!std::binary_search(reads.parameters.begin(), reads.parameters.end(), c->second)) continue;
        const ParameterValue* before = value_in_force(*c->second, c->first.plus_days(-1));
        if (!before || !(before->constant == value_in_force(*c->second, c->first)->constant)) return false;
    }
    for (std::size_t b = 0; b < earlier_dates.size(); ++b) {
        if (earlier_dates[b].has_value() != later_dates[b].has_value()) return false;
        if (!earlier_dates[b]) continue;
        const std::int64_t earlier_offset = *earlier_dates[b] - earlier, later_offset = *later_dates[b] - later;
        for (std::int64_t week = 0; week < weeks; ++week)
            if (sign(7 * week - earlier_offset) != sign(7 * week - later_offset)) return false;
    }
    return true;
}

// Whether every running total the later projection would hold over `weeks` weeks stays within the size limit
// its meters check (meter.cpp): each is later + (week's total - earlier) for a meter charging no interest.
// A sum or difference of two values of at most B bits has at most 2B + 1, so later + (total - earlier) has
// at most 3B + 2: totals of at most B bits with 3B + 2 within the limit pass without working them out.
bool totals_within_limit(const RuleSet& rules, const ProjectionResult& earlier, const ProjectionStart& later,
                         std::size_t weeks) {
    const std::size_t limit = rules.limits.value_bits, bound = limit < 2 ? 0 : (limit - 2) / 3;
    for (std::size_t i = 0; i < earlier.meters.size(); ++i) {
        const Decimal& from_earlier = earlier.start.meter_totals[i];
        const Decimal& from_later = later.meter_totals[i];
        if (earlier.meters[i].meter->interest) {
            // Interest on nothing is nothing, whatever the month: the meter must stand at nothing throughout.
            if (!from_earlier.is_zero() || !from_later.is_zero()) return false;
            for (std::size_t w = 0; w < weeks; ++w)
                if (!earlier.weeks[w].meter_totals[i].is_zero()) return false;
            continue;
        }
        if (from_earlier.bits() > bound || from_later.bits() > bound) return false;
        for (std::size_t w = 0; w < weeks; ++w)
            if (earlier.weeks[w].meter_totals[i].bits() > bound) return false;
    }
    return true;
}

bool same_words(const EnumWord& a, const EnumWord& b) { return a.word == b.word; }

// Whether two projections start from the same position but for the day, the number of weeks and where the
// meters stand: a projection's history is made from its start alone (projection_history), so two care
// periods or assessments with the same figures give the same one. Words are compared, not where in the
// history they were written: a word the rules do not know fails the earlier projection, never kept.
bool same_position(const ProjectionStart& a, const ProjectionStart& b) {
    auto same_income = [](const IncomeItem& x, const IncomeItem& y) { return same_words(x.kind, y.kind) && x.weekly == y.weekly; };
    auto same_top_up = [](const TopUp& x, const TopUp& y) { return same_words(x.payer, y.payer) && x.weekly == y.weekly; };
    return a.capital == b.capital && a.property == b.property && a.weekly_fees == b.weekly_fees &&
           a.setting == b.setting && a.pays_accommodation_separately == b.pays_accommodation_separately &&
           a.date_of_birth == b.date_of_birth && a.authority == b.authority &&
           std::equal(a.income.begin(), a.income.end(), b.income.begin(), b.income.end(), same_income) &&
           std::equal(a.top_ups.begin(), a.top_ups.end(), b.top_ups.begin(), b.top_ups.end(), same_top_up);
}

} // namespace

ProjectionDayReads projection_day_reads(const RuleSet& rules, const ProjectionDecl& decl, std::size_t meter) {
    return DayReadsWalk(rules).run(decl, meter);
}

CarriedDay ProjectionSeries::read(const RuleSet& rules, const ProjectionStart& start) {
    const CarriedDay unknown;
    if (!kept_ || &rules != rules_ || !reads_.carried) return unknown;
    const ProjectionResult& earlier = *kept_;
    const ProjectionStart& from = earlier.start;
    if (!start.stop_once_reached || from.stop_once_reached != start.stop_once_reached || !same_position(from, start) ||
        start.meter_totals.size() != earlier.meters.size() ||
        from.meter_totals.size() != earlier.meters.size())
        return unknown;
    const std::size_t m = *start.stop_once_reached;
    const MeterTotal& meter = earlier.meters[m];
    if (!meter.ceiling) return unknown;
    for (const MeterEvent& e : meter.events)
        if (e.kind == MeterEvent::Kind::ceiling_changed) return unknown;
    const Decimal& ceiling = *meter.ceiling;
    const Decimal& earlier_total = from.meter_totals[m];
    const Decimal& later_total = start.meter_totals[m];
    // Starting no lower keeps the earlier one below its ceiling for as long as the later one is.
    if (later_total >= ceiling || later_total < earlier_total) return unknown;

    // The earlier projection's weeks below the ceiling: all of them, or all but the last (it stops there).
    const std::vector<ProjectionWeek>& weeks = earlier.weeks;
    const bool earlier_reaches = meter.reached_on.has_value();
    const std::size_t below = earlier_reaches ? weeks.size() - 1 : weeks.size();
    // The later one reaches its ceiling in the first week whose earlier total is at least this.
    const Decimal threshold = ceiling - later_total + earlier_total;
    const auto first_at = std::partition_point(weeks.begin(), weeks.begin() + static_cast<std::ptrdiff_t>(below),
                                               [&](const ProjectionWeek& w) { return w.meter_totals[m] < threshold; });
    const std::size_t k = static_cast<std::size_t>(first_at - weeks.begin()); // 0-based
    const bool reaches = k < below || earlier_reaches;
    const auto later_weeks = static_cast<std::size_t>(start.weeks);
    const std::size_t needed = reaches ? std::min(k + 1, later_weeks) : later_weeks;
    if (needed > weeks.size()) return unknown;
    const std::vector<std::optional<Date>> later_dates = boundary_dates(rules, reads_, start);
    if (!same_weeks(rules, reads_, from.start, boundary_dates_, start.start, later_dates, static_cast<std::int64_t>(needed)) ||
        !totals_within_limit(rules, earlier, start, needed))
        return unknown;

    CarriedDay out;
    out.known = true;
    if (!reaches || k + 1 > later_weeks) return out; // not within the later projection's weeks
    // In the week the earlier one reached its ceiling its total stops there, so the week's rate is not
    // known from it: then project afresh.
    if (k == below) return CarriedDay{};
    // The week the later one reaches its ceiling in: its daily rate is the earlier one's that week.
    const Decimal& earlier_before = k == 0 ? earlier_total : weeks[k - 1].meter_totals[m];
    const Decimal daily = (weeks[k].meter_totals[m] - earlier_before) / Decimal(7);
    const Decimal later_before = later_total + (earlier_before - earlier_total);
    // The total the meter checks the size of before it finds the ceiling inside the week.
    if ((later_before + daily * Decimal(7)).bits() > rules.limits.value_bits) return CarriedDay{};
    out.reached_on = start.start.plus_days(static_cast<std::int64_t>(7 * k) +
                                           *days_to_reach(ceiling - later_before, daily).to_int64() - 1);
    return out;
}

void ProjectionSeries::keep(const RuleSet& rules, ProjectionResult result) {
    kept_.reset();
    if (reads_for_ != &rules || !result.projection || !result.start.stop_once_reached) {
        reads_for_ = &rules;
        reads_ = result.projection && result.start.stop_once_reached
                     ? projection_day_reads(rules, *result.projection, *result.start.stop_once_reached)
                     : ProjectionDayReads{};
    }
    if (!reads_.carried) return;
    rules_ = &rules;
    boundary_dates_ = boundary_dates(rules, reads_, result.start);
    kept_ = std::move(result);
}

} // namespace carecap
