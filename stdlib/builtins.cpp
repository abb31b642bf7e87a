// builtins.cpp: rounding, min/max, date and period arithmetic, pro-rating.
// Every rounding names its step and direction; nothing here rounds silently.
#include "stdlib/builtins.h"

#include <algorithm>

namespace carecap {

namespace {

Date date_of(const Value& v) { return std::get<Date>(v); }

bool numeric_like(const Type& t) {
    return t.is_number() || t.kind == Kind::money || t.kind == Kind::rate || t.kind == Kind::duration;
}

// Two types that can stand in the same place: equal, or both plain numbers.
bool compatible(const Type& a, const Type& b) { return a == b || (a.is_number() && b.is_number()); }

std::string arg_name(std::size_t i) { return "argument " + std::to_string(i + 1); }

std::optional<Type> fail(std::string& error, std::string message) {
    error = std::move(message);
    return std::nullopt;
}

// ---- rounding: round_up / round_down / round_nearest / round_half_even ----
std::optional<Type> check_round(const std::vector<Type>& a, std::string& error) {
    if (!numeric_like(a[0]))
        return fail(error, "argument 1 (the value) must be money, a rate, a number or a duration, found " +
                               to_string(a[0]));
    if (!compatible(a[0], a[1]) && !a[1].is_number())
        return fail(error, "argument 2 (the step) must be of the same type as the value (" + to_string(a[0]) +
                               "), found " + to_string(a[1]));
    return a[0];
}
template <Rounding R> Value round_step(std::span<const Value> v, const std::vector<Type>&) {
    if (decimal_of(v[1]).sign() <= 0) throw BuiltinError("the rounding step must be more than zero, found " + decimal_of(v[1]).to_exact());
    return decimal_of(v[0]).round_to(decimal_of(v[1]), R);
}

// ---- min / max ----
std::optional<Type> check_min_max(const std::vector<Type>& a, std::string& error) {
    Type result = a[0];
    if (!numeric_like(result) && result.kind != Kind::date)
        return fail(error, "argument 1 must be money, a rate, a number, a duration or a date, found " +
                               to_string(result));
    for (std::size_t i = 1; i < a.size(); ++i) {
        if (!compatible(result, a[i]))
            return fail(error, arg_name(i) + " is " + to_string(a[i]) + " but argument 1 is " + to_string(result) +
                                   ": all arguments must have the same type");
        if (result.is_number() && a[i].kind == Kind::decimal) result = a[i];
    }
    if (result.is_number()) result = Type::of(Kind::decimal);
    return result;
}
template <bool Max> Value min_max(std::span<const Value> v, const std::vector<Type>&) {
    Value best = v[0];
    for (std::size_t i = 1; i < v.size(); ++i) {
        bool better = std::holds_alternative<Date>(best) ? (Max ? date_of(v[i]) > date_of(best) : date_of(v[i]) < date_of(best))
                                                        : (Max ? decimal_of(v[i]) > decimal_of(best) : decimal_of(v[i]) < decimal_of(best));
        if (better) best = v[i];
    }
    return best;
}

// ---- converting rates: a week is exactly 7 days; a year is what the rule says ----
std::optional<Type> check_per_day(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::rate || a[0].per == Per::year)
        return fail(error, "argument 1 must be money per week or money per day, found " + to_string(a[0]) +
                               (a[0].per == Per::year ? " (a year has no fixed number of days: use per_week(x, 52) first)" : ""));
    return Type::rate_per(Per::day);
}
Value per_day(std::span<const Value> v, const std::vector<Type>& t) {
    return t[0].per == Per::week ? decimal_of(v[0]) / Decimal(7) : decimal_of(v[0]);
}
std::optional<Type> check_per_week(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::rate) return fail(error, "argument 1 must be a rate (money per ...), found " + to_string(a[0]));
    if (a[0].per == Per::year && a.size() != 2)
        return fail(error, "a yearly rate needs the number of weeks in a year: per_week(x, 52)");
    if (a[0].per != Per::year && a.size() != 1)
        return fail(error, "only a yearly rate takes the number of weeks in a year");
    if (a.size() == 2 && !a[1].is_number()) return fail(error, "argument 2 (weeks in a year) must be a number");
    return Type::rate_per(Per::week);
}
Value per_week(std::span<const Value> v, const std::vector<Type>& t) {
    if (t[0].per == Per::day) return decimal_of(v[0]) * Decimal(7);
    if (t[0].per == Per::year) {
        if (decimal_of(v[1]).sign() <= 0) throw BuiltinError("the number of weeks in a year must be more than zero");
        return decimal_of(v[0]) / decimal_of(v[1]);
    }
    return v[0];
}
std::optional<Type> check_per_year(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::rate || a[0].per != Per::week)
        return fail(error, "argument 1 must be money per week, found " + to_string(a[0]));
    if (!a[1].is_number()) return fail(error, "argument 2 (weeks in a year) must be a number");
    return Type::rate_per(Per::year);
}
Value per_year(std::span<const Value> v, const std::vector<Type>&) { return decimal_of(v[0]) * decimal_of(v[1]); }

// ---- dates and periods ----
std::optional<Type> check_two_dates(const std::vector<Type>& a, std::string& error) {
    for (std::size_t i = 0; i < 2; ++i)
        if (a[i].kind != Kind::date) return fail(error, arg_name(i) + " must be a date, found " + to_string(a[i]));
    return std::nullopt;
}
std::optional<Type> check_days_between(const std::vector<Type>& a, std::string& error) {
    if (check_two_dates(a, error); !error.empty()) return std::nullopt;
    return Type::of(Kind::duration);
}
Value days_between(std::span<const Value> v, const std::vector<Type>&) {
    return Decimal(date_of(v[1]) - date_of(v[0]));
}
std::optional<Type> check_years_between(const std::vector<Type>& a, std::string& error) {
    if (check_two_dates(a, error); !error.empty()) return std::nullopt;
    return Type::of(Kind::integer);
}
// Whole years from a to b, as an age is counted: a birthday on 29 February is
// reached on 1 March in a year that is not a leap year.
Value years_between(std::span<const Value> v, const std::vector<Type>&) {
    Date a = date_of(v[0]), b = date_of(v[1]);
    int sign = 1;
    if (b < a) {
        std::swap(a, b);
        sign = -1;
    }
    int years = b.year() - a.year();
    if (b.month() < a.month() || (b.month() == a.month() && b.day() < a.day())) --years;
    return Decimal(sign * years);
}
std::optional<Type> check_duration_to_number(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::duration) return fail(error, "argument 1 must be a duration, found " + to_string(a[0]));
    return Type::of(Kind::decimal);
}
Value weeks_of(std::span<const Value> v, const std::vector<Type>&) { return decimal_of(v[0]) / Decimal(7); }
Value days_of(std::span<const Value> v, const std::vector<Type>&) { return decimal_of(v[0]); }
std::optional<Type> check_whole_weeks(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::duration) return fail(error, "argument 1 must be a duration, found " + to_string(a[0]));
    return Type::of(Kind::integer);
}
Value whole_weeks(std::span<const Value> v, const std::vector<Type>&) { return (decimal_of(v[0]) / Decimal(7)).floor(); }

// add_years(date, n) / add_months(date, n): the same day n years or months on; a
// day the target month lacks (29 February, 31 April) becomes its last day.
std::optional<Type> check_add_calendar(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::date) return fail(error, "argument 1 must be a date, found " + to_string(a[0]));
    if (a[1].kind != Kind::integer) return fail(error, "argument 2 must be a whole number, found " + to_string(a[1]));
    return Type::of(Kind::date);
}
Value add_months_to(Date d, std::int64_t months) {
    std::int64_t index = std::int64_t{d.year()} * 12 + (d.month() - 1) + months;
    if (index < 1800 * 12 || index >= 2400 * 12) throw BuiltinError("the date would leave the years 1800 to 2399");
    int year = static_cast<int>(index / 12), month = static_cast<int>(index % 12) + 1;
    for (int day = d.day(); day >= 28; --day)
        if (auto result = Date::from_ymd(year, month, day)) return *result;
    return *Date::from_ymd(year, month, d.day());
}
template <int MonthsPerStep> Value add_calendar(std::span<const Value> v, const std::vector<Type>&) {
    auto n = decimal_of(v[1]).to_int64();
    if (!n || *n > 12000 || *n < -12000) throw BuiltinError("too many years or months to add");
    return add_months_to(date_of(v[0]), *n * MonthsPerStep);
}

// pro_rata(amount, part, whole) = amount * part / whole, exactly.
std::optional<Type> check_pro_rata(const std::vector<Type>& a, std::string& error) {
    if (a[0].kind != Kind::money && a[0].kind != Kind::rate)
        return fail(error, "argument 1 (the amount) must be money or a rate, found " + to_string(a[0]));
    if (!compatible(a[1], a[2]) || !numeric_like(a[1]) || a[1].kind == Kind::money || a[1].kind == Kind::rate)
        return fail(error, "arguments 2 and 3 (the part and the whole) must both be durations or both numbers, found " +
                               to_string(a[1]) + " and " + to_string(a[2]));
    return a[0];
}
Value pro_rata(std::span<const Value> v, const std::vector<Type>&) {
    if (decimal_of(v[2]).is_zero()) throw BuiltinError("pro_rata: the whole is zero");
    return decimal_of(v[0]) * decimal_of(v[1]) / decimal_of(v[2]);
}

std::optional<Type> check_abs(const std::vector<Type>& a, std::string& error) {
    if (!numeric_like(a[0])) return fail(error, "argument 1 must be money, a rate, a number or a duration, found " + to_string(a[0]));
    return a[0];
}
Value abs_value(std::span<const Value> v, const std::vector<Type>&) { return decimal_of(v[0]).is_negative() ? -decimal_of(v[0]) : decimal_of(v[0]); }

} // namespace

const std::vector<Builtin>& builtins() {
    static const std::vector<Builtin> table = {
        {"round_up", "round_up(value, step)", "the next multiple of step at or above value (towards +infinity)", 2, 2,
         check_round, round_step<Rounding::up>},
        {"round_down", "round_down(value, step)", "the multiple of step at or below value (towards -infinity)", 2, 2,
         check_round, round_step<Rounding::down>},
        {"round_nearest", "round_nearest(value, step)", "the nearest multiple of step, halves away from zero", 2, 2,
         check_round, round_step<Rounding::half_up>},
        {"round_half_even", "round_half_even(value, step)", "the nearest multiple of step, halves to the even multiple",
         2, 2, check_round, round_step<Rounding::half_even>},
        {"min", "min(a, b, ...)", "the smallest of two or more values of the same type", 2, 16, check_min_max,
         min_max<false>},
        {"max", "max(a, b, ...)", "the largest of two or more values of the same type", 2, 16, check_min_max,
         min_max<true>},
        {"abs", "abs(value)", "the value without its sign", 1, 1, check_abs, abs_value},
        {"per_day", "per_day(rate)", "a weekly rate as a daily one (divided by 7)", 1, 1, check_per_day, per_day},
        {"per_week", "per_week(rate) or per_week(yearly, weeks_in_year)",
         "a daily rate times 7, or a yearly rate divided by the weeks in a year", 1, 2, check_per_week, per_week},
        {"per_year", "per_year(weekly, weeks_in_year)", "a weekly rate times the weeks in a year", 2, 2,
         check_per_year, per_year},
        {"days_between", "days_between(first, second)", "the days from first to second (negative if second is earlier)",
         2, 2, check_days_between, days_between},
        {"years_between", "years_between(first, second)", "whole years from first to second, as an age is counted", 2,
         2, check_years_between, years_between},
        {"add_years", "add_years(date, years)", "the same day a whole number of years on (29 February to 28 February)",
         2, 2, check_add_calendar, add_calendar<12>},
        {"add_months", "add_months(date, months)", "the same day a whole number of months on (31st to the month's last day)",
         2, 2, check_add_calendar, add_calendar<1>},
        {"weeks", "weeks(duration)", "a duration as an exact number of weeks (days / 7)", 1, 1,
         check_duration_to_number, weeks_of},
        {"days", "days(duration)", "a duration as a number of days", 1, 1, check_duration_to_number, days_of},
        {"whole_weeks", "whole_weeks(duration)", "the complete weeks in a duration (rounded down)", 1, 1,
         check_whole_weeks, whole_weeks},
        {"pro_rata", "pro_rata(amount, part, whole)", "amount * part / whole, exactly", 3, 3, check_pro_rata, pro_rata},
    };
    return table;
}

const Builtin* find_builtin(std::string_view name) {
    for (const auto& b : builtins())
        if (b.name == name) return &b;
    return nullptr;
}

} // namespace carecap
