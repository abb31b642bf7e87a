// check_units.cpp: the arithmetic of the rule language, one rule per pair of
// types. Adding money to a date, or a weekly rate to a daily one, has no
// meaning; these say so, with a hint, before anything is evaluated.
#include "lang/check_units.h"

namespace carecap {

namespace {

Type join_numbers(const Type& a, const Type& b) {
    if (a.kind == Kind::integer && b.kind == Kind::integer) return Type::of(Kind::integer);
    if (a.kind == Kind::percent && b.kind == Kind::percent) return Type::of(Kind::percent);
    return Type::of(Kind::decimal);
}

} // namespace

std::string a_type(const Type& t) {
    switch (t.kind) {
    case Kind::money:
    case Kind::rate: return to_string(t);
    case Kind::decimal: return "a decimal number";
    case Kind::percent: return "a percentage";
    case Kind::integer: return "a whole number";
    case Kind::date: return "a date";
    case Kind::duration: return "a duration";
    case Kind::boolean: return "true or false";
    case Kind::enumeration: {
        bool vowel = !t.enumeration.empty() && std::string("aeiou").find(t.enumeration[0]) != std::string::npos;
        return (vowel ? "an " : "a ") + t.enumeration;
    }
    case Kind::unknown: break;
    }
    return "an unknown value";
}

Type add_subtract(Expr& e, const Type& a, const Type& b, const Report& error) {
    bool add = e.op == BinaryOp::add;
    if (a.kind == Kind::money && b.kind == Kind::money) return a;
    if (a.kind == Kind::rate && b.kind == Kind::rate) {
        if (a.per == b.per) return a;
        error(e.span, std::string("cannot ") + (add ? "add " : "subtract ") + a_type(b) + (add ? " to " : " from ") +
                          a_type(a) + " without converting",
              "convert one of them first with per_day() or per_week()");
        return Type::of(Kind::unknown);
    }
    if (a.is_number() && b.is_number()) return join_numbers(a, b);
    if (a.kind == Kind::duration && b.kind == Kind::duration) return a;
    if (a.kind == Kind::date && b.kind == Kind::duration) return a;
    if (add && a.kind == Kind::duration && b.kind == Kind::date) return b;
    if (!add && a.kind == Kind::date && b.kind == Kind::date) return Type::of(Kind::duration);
    std::string hint;
    if (a.kind == Kind::date || b.kind == Kind::date)
        hint = "to move a date, add a duration such as `12 weeks` or `3 days`";
    else if ((a.kind == Kind::money && b.kind == Kind::rate) || (a.kind == Kind::rate && b.kind == Kind::money))
        hint = "a rate times a duration is money: multiply it by a duration first, or write the money as a rate";
    else if ((a.kind == Kind::money || a.kind == Kind::rate) && b.is_number())
        hint = "write the number as money, like £" + std::string(e.children[1]->span.text());
    error(e.span, std::string("cannot ") + (add ? "add " : "subtract ") + a_type(b) + (add ? " to " : " from ") + a_type(a),
          hint);
    return Type::of(Kind::unknown);
}

Type multiply(Expr& e, const Type& a, const Type& b, const Report& error) {
    if (a.is_number() && b.is_number()) {
        // 20% x 2 is 40%; 20% x 50% is a plain share (0.1) of something else.
        bool pa = a.kind == Kind::percent, pb = b.kind == Kind::percent;
        if (pa != pb) return Type::of(Kind::percent);
        return pa ? Type::of(Kind::decimal) : join_numbers(a, b);
    }
    for (int swap = 0; swap < 2; ++swap) {
        const Type& x = swap ? b : a;
        const Type& y = swap ? a : b;
        if ((x.kind == Kind::money || x.kind == Kind::rate || x.kind == Kind::duration) && y.is_number()) return x;
        if (x.kind == Kind::rate && y.kind == Kind::duration) {
            if (x.per == Per::year) {
                error(e.span, "a yearly rate times a duration has no exact day basis",
                      "convert the rate first with per_week(x, 52)");
                return Type::of(Kind::unknown);
            }
            if (x.per == Per::week) e.scale = Decimal::ratio(1, 7); // durations are in days
            return Type::of(Kind::money);
        }
    }
    error(e.span, "cannot multiply " + a_type(a) + " by " + a_type(b),
          a.kind == Kind::money && b.kind == Kind::duration ? "money per week times a duration is money; plain money cannot be multiplied by time" : "");
    return Type::of(Kind::unknown);
}

Type divide(Expr& e, const Type& a, const Type& b, const Report& error) {
    const Expr& divisor = *e.children[1];
    if (divisor.kind == ExprKind::literal && std::holds_alternative<Decimal>(divisor.literal) &&
        std::get<Decimal>(divisor.literal).is_zero())
        error(divisor.span, "division by zero", "");
    if (a.is_number() && b.is_number()) return Type::of(Kind::decimal);
    if ((a.kind == Kind::money || a.kind == Kind::rate || a.kind == Kind::duration) && b.is_number()) return a;
    if (a == b && (a.kind == Kind::money || a.kind == Kind::rate || a.kind == Kind::duration)) return Type::of(Kind::decimal);
    if (a.kind == Kind::money && b.kind == Kind::duration) return Type::rate_per(Per::day);
    error(e.span, "cannot divide " + a_type(a) + " by " + a_type(b),
          a.kind == Kind::rate && b.kind == Kind::rate ? "convert one rate with per_day() or per_week() first" : "");
    return Type::of(Kind::unknown);
}

Type compare(Expr& e, const Type& a, const Type& b, const Report& error) {
    bool same = a == b || (a.is_number() && b.is_number());
    if (!same) {
        error(e.span, "cannot compare " + a_type(a) + " with " + a_type(b), "");
        return Type::of(Kind::unknown);
    }
    bool ordered = a.kind != Kind::boolean && a.kind != Kind::enumeration;
    if (!ordered && e.op != BinaryOp::eq && e.op != BinaryOp::ne) {
        error(e.span, a_type(a) + " can only be compared with = or !=", "");
        return Type::of(Kind::unknown);
    }
    return Type::of(Kind::boolean);
}

} // namespace carecap
