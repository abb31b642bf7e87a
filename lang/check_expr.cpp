// check_expr.cpp: the expression half of phase 3, the checker. Gives every
// expression a type and resolves every name in it: definitions, parameters (and
// whether a value is in force on the day they are read), inputs, enumeration
// members, `today`, reached(meter) and the built-in functions. The declaration
// checker (check.cpp) is built on it.
#include "lang/check_expr.h"

#include "stdlib/builtins.h"

#include <algorithm>

namespace carecap {

namespace {

bool is_today(const Expr& e) { return e.kind == ExprKind::name && e.name == "today"; }

} // namespace

ExprChecker::ExprChecker(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics)
    : rules_(rules), options_(options), diagnostics_(diagnostics), first_day_(rules.header().in_force) {}

// ---- reporting ----
Report ExprChecker::report() {
    return [this](const Span& s, std::string message, std::string hint) { error(s, std::move(message), std::move(hint)); };
}

void ExprChecker::error(const Span& s, std::string message, std::string hint, Diagnostics notes) {
    diagnostics_.push_back({Severity::error, s, std::move(message), std::move(hint), std::move(notes)});
}

std::vector<std::string> ExprChecker::all_names() const {
    std::vector<std::string> names;
    for (auto& [n, d] : rules_.definitions) names.push_back(n);
    for (auto& [n, d] : rules_.parameters) names.push_back(n);
    for (auto& [n, d] : rules_.inputs) names.push_back(n);
    for (auto& [n, d] : rules_.enums)
        for (auto& m : d->members) names.push_back(m.name);
    for (const auto& b : builtins()) names.push_back(std::string(b.name));
    if (formals_)
        for (auto& f : *formals_) names.push_back(f.name);
    names.push_back("today");
    return names;
}

std::string ExprChecker::did_you_mean(const std::string& name, const std::vector<std::string>& candidates) const {
    std::string near = closest_name(name, candidates);
    return near.empty() ? std::string() : "did you mean `" + near + "`?";
}

// ---- types ----
Type ExprChecker::resolve_type(TypeRef& t) {
    if (t.name == "money") t.resolved = t.per == Per::none ? Type::of(Kind::money) : Type::rate_per(t.per);
    else if (t.name == "decimal") t.resolved = Type::of(Kind::decimal);
    else if (t.name == "percent") t.resolved = Type::of(Kind::percent);
    else if (t.name == "integer") t.resolved = Type::of(Kind::integer);
    else if (t.name == "date") t.resolved = Type::of(Kind::date);
    else if (t.name == "duration") t.resolved = Type::of(Kind::duration);
    else if (t.name == "bool") t.resolved = Type::of(Kind::boolean);
    else if (rules_.enums.count(t.name)) t.resolved = Type::enum_named(t.name);
    else {
        std::vector<std::string> names = {"money", "decimal", "percent", "integer", "date", "duration", "bool"};
        for (auto& [n, e] : rules_.enums) names.push_back(n);
        std::string hint = did_you_mean(t.name, names);
        error(t.span, "unknown type `" + t.name + "`",
              hint.empty() ? "types are money, money per week/day/year, decimal, percent, integer, date, "
                             "duration, bool, or an enumeration declared with `enum`"
                           : hint);
        t.resolved = Type::of(Kind::unknown);
    }
    return t.resolved;
}

bool ExprChecker::assignable(const Type& to, const Type& from) {
    if (to.kind == Kind::unknown || from.kind == Kind::unknown) return true;
    if (to == from) return true;
    if (to.kind == Kind::decimal && from.is_number()) return true;
    return false;
}

void ExprChecker::require(const Expr& e, const Type& want, const std::string& what) {
    if (assignable(want, e.type)) return;
    std::string hint;
    if (want.kind == Kind::rate && e.type.kind == Kind::money && e.kind == ExprKind::literal)
        hint = "write the amount as a rate: " + std::string(e.span.text()) + " per " + to_string(want.per);
    else if (want.kind == Kind::rate && e.type.kind == Kind::money)
        hint = "this is an amount of money, not money per " + to_string(want.per);
    else if (want.kind == Kind::rate && e.type.kind == Kind::rate)
        hint = "convert it with per_" + to_string(want.per) + "()";
    else if (want.kind == Kind::money && e.type.kind == Kind::rate)
        hint = "a rate is money per " + to_string(e.type.per) + "; times a duration it is money, like x * 4 weeks";
    else if (want.kind == Kind::percent && e.type.is_number())
        hint = "write a percentage with %, like 20%";
    else if (want.kind == Kind::money && e.type.is_number())
        hint = "write it as money, like £" + std::string(e.span.text());
    error(e.span, what + " must be " + a_type(want) + ", but this is " + a_type(e.type), hint);
}

// ---- expressions ----
Type ExprChecker::expr(Expr& e) {
    e.type = expr_type(e);
    return e.type;
}

Type ExprChecker::expr_type(Expr& e) {
    switch (e.kind) {
    case ExprKind::literal: return e.literal_type;
    case ExprKind::name: return name(e);
    case ExprKind::call: return call(e);
    case ExprKind::negate: {
        Type t = expr(*e.children[0]);
        if (t.kind == Kind::unknown) return t;
        if (!t.is_number() && t.kind != Kind::money && t.kind != Kind::rate && t.kind != Kind::duration) {
            error(e.span, "cannot negate " + a_type(t));
            return Type::of(Kind::unknown);
        }
        return t;
    }
    case ExprKind::logical_not: {
        Type t = expr(*e.children[0]);
        if (t.kind != Kind::unknown && t.kind != Kind::boolean) {
            error(e.children[0]->span, "`not` needs a condition (true or false), but this is " + a_type(t));
            return Type::of(Kind::unknown);
        }
        return Type::of(Kind::boolean);
    }
    case ExprKind::at_date: return at_date(e);
    case ExprKind::binary: return binary(e);
    }
    return Type::of(Kind::unknown);
}

Type ExprChecker::name(Expr& e) {
    if (e.name == "today") {
        e.ref = RefKind::today;
        if (!today_allowed_) {
            error(e.span, "`today` can only be compared with a date, as in `today >= assessment_requested`",
                  "a value that changed every day could not be worked out once per period of the timeline");
            return Type::of(Kind::unknown);
        }
        return Type::of(Kind::date);
    }
    if (auto dot = e.name.find('.'); dot != std::string::npos) { // enumeration.member
        std::string enum_name = e.name.substr(0, dot), member = e.name.substr(dot + 1);
        auto it = rules_.enums.find(enum_name);
        if (it == rules_.enums.end()) {
            error(e.span, "unknown enumeration `" + enum_name + "`", did_you_mean(enum_name, enum_names()));
            return Type::of(Kind::unknown);
        }
        return member_ref(e, *it->second, member);
    }
    if (formals_)
        for (std::size_t i = 0; i < formals_->size(); ++i)
            if ((*formals_)[i].name == e.name) {
                e.ref = RefKind::formal;
                e.index = static_cast<std::uint32_t>(i);
                ++formal_uses_;
                return (*formals_)[i].type.resolved;
            }
    if (auto it = rules_.definitions.find(e.name); it != rules_.definitions.end()) {
        const DefinitionDecl& d = *it->second;
        if (!d.formals.empty()) {
            error(e.span, "`" + e.name + "` needs " + std::to_string(d.formals.size()) + " argument(s)",
                  "write " + e.name + "(" + d.formals[0].name + (d.formals.size() > 1 ? ", ..." : "") + ")");
            return Type::of(Kind::unknown);
        }
        e.ref = RefKind::definition;
        e.definition = &d;
        return d.type.resolved;
    }
    if (auto it = rules_.parameters.find(e.name); it != rules_.parameters.end()) {
        e.ref = RefKind::parameter;
        e.parameter = it->second;
        if (!reading_at_date_) check_in_force(*it->second, first_day_, e.span, false);
        return it->second->type.resolved;
    }
    if (auto it = rules_.inputs.find(e.name); it != rules_.inputs.end()) {
        for (auto& spec : options_.inputs)
            if (spec.name == e.name && spec.adjustment_only && !in_adjustment_condition_) {
                error(e.span, "`" + e.name + "` has a value only while an adjustment is considered",
                      "read it in a meter's `accepts adjustments when ...`");
                return Type::of(Kind::unknown);
            }
        if (!it->second->key.name.empty()) {
            error(e.span, "`" + e.name + "` is read by kind: write " + e.name + "(a " + it->second->key.name + ")");
            return Type::of(Kind::unknown);
        }
        e.ref = RefKind::input;
        e.input = it->second;
        return it->second->type.resolved;
    }
    const EnumDecl* owner = nullptr;
    std::vector<std::string> owners;
    for (auto& [n, en] : rules_.enums)
        for (auto& m : en->members)
            if (m.name == e.name) {
                owner = en;
                owners.push_back(n);
            }
    if (owners.size() == 1) return member_ref(e, *owner, e.name);
    if (owners.size() > 1) {
        error(e.span, "`" + e.name + "` is a member of more than one enumeration",
              "write " + owners[0] + "." + e.name + " or " + owners[1] + "." + e.name);
        return Type::of(Kind::unknown);
    }
    std::string hint = did_you_mean(e.name, all_names());
    error(e.span, "unknown name `" + e.name + "`",
          hint.empty() ? "names are declared with definition, parameter, input or enum" : hint);
    return Type::of(Kind::unknown);
}

std::vector<std::string> ExprChecker::enum_names() const {
    std::vector<std::string> names;
    for (auto& [n, e] : rules_.enums) names.push_back(n);
    return names;
}

Type ExprChecker::member_ref(Expr& e, const EnumDecl& en, const std::string& member) {
    for (std::size_t i = 0; i < en.members.size(); ++i)
        if (en.members[i].name == member) {
            e.ref = RefKind::enum_member;
            e.index = static_cast<std::uint32_t>(i);
            e.literal = EnumValue{static_cast<std::uint32_t>(i)};
            return Type::enum_named(en.name);
        }
    std::vector<std::string> members;
    for (auto& m : en.members) members.push_back(m.name);
    error(e.span, "`" + member + "` is not a member of " + en.name, did_you_mean(member, members));
    return Type::of(Kind::unknown);
}

// A parameter read on `day` must have a value in force then.
void ExprChecker::check_in_force(const ParameterDecl& p, Date day, const Span& where, bool explicit_date) {
    if (p.values.empty()) return;
    Date first = p.values.front().from;
    for (auto& v : p.values) first = std::min(first, v.from);
    if (day >= first) return;
    if (!explicit_date && !reported_unset_.insert(&p).second) return;
    error(where,
          "`" + p.name + "` has no value in force on " + day.to_string() + ": its first value is from " +
              first.to_string(),
          explicit_date ? "read it on a date from " + first.to_string() + " on"
                        : "these rules are in force from " + day.to_string() + ": give `" + p.name +
                              "` a value from that date, or bring the rules into force later",
          {{Severity::note, p.values.front().from_span, "the values of `" + p.name + "` start here", "", {}}});
}

Type ExprChecker::at_date(Expr& e) {
    Expr& subject = *e.children[0];
    reading_at_date_ = true;
    Type t = expr(subject);
    reading_at_date_ = false;
    Type d = expr(*e.children[1]);
    if (subject.ref != RefKind::parameter) {
        if (t.kind != Kind::unknown)
            error(subject.span, "only a parameter can be read `at` a date", "`x at DATE` reads parameter x's value in force on DATE");
        return Type::of(Kind::unknown);
    }
    if (d.kind != Kind::unknown && d.kind != Kind::date) {
        error(e.children[1]->span, "`at` needs a date, but this is " + a_type(d));
        return Type::of(Kind::unknown);
    }
    if (e.children[1]->kind == ExprKind::literal && d.kind == Kind::date)
        check_in_force(*subject.parameter, std::get<Date>(e.children[1]->literal), e.span, true);
    return t;
}

// reached(m): whether meter m has reached its ceiling (from the day after it does).
Type ExprChecker::meter_reached(Expr& e) {
    if (e.children.size() != 1 || e.children[0]->kind != ExprKind::name || !rules_.meters.count(e.children[0]->name)) {
        std::vector<std::string> names;
        for (auto& [n, m] : rules_.meters) names.push_back(n);
        std::string given = e.children.size() == 1 ? std::string(e.children[0]->span.text()) : "";
        std::string hint = did_you_mean(given, names);
        std::string meters;
        for (auto& n : names) meters += (meters.empty() ? "" : ", ") + n;
        error(e.span, "reached(...) takes the name of a meter",
              !hint.empty() ? hint : names.empty() ? "declare a meter first" : "the meters are: " + meters);
        return Type::of(Kind::unknown);
    }
    const MeterDecl* m = rules_.meters.at(e.children[0]->name);
    if (!m->ceiling) {
        error(e.span, "the meter `" + m->name + "` has no ceiling, so it is never reached");
        return Type::of(Kind::unknown);
    }
    e.ref = RefKind::meter_reached;
    e.meter = m;
    rules_.reads_reached = true;
    return Type::of(Kind::boolean);
}

Type ExprChecker::call(Expr& e) {
    if (e.name == "reached" && !rules_.definitions.count(e.name)) return meter_reached(e);
    std::vector<Type> args;
    for (auto& a : e.children) args.push_back(expr(*a));
    bool unknown = std::any_of(args.begin(), args.end(), [](const Type& t) { return t.kind == Kind::unknown; });
    if (auto it = rules_.inputs.find(e.name); it != rules_.inputs.end() && !it->second->key.name.empty()) {
        const InputDecl& input = *it->second;
        e.ref = RefKind::input;
        e.input = &input;
        if (args.size() != 1) {
            error(e.span, "`" + e.name + "` is read for one " + input.key.name + " at a time, given " +
                              std::to_string(args.size()) + " arguments");
            return Type::of(Kind::unknown);
        }
        if (input.key.resolved.kind == Kind::enumeration)
            require(*e.children[0], input.key.resolved, "the kind read from `" + e.name + "`");
        return input.type.resolved;
    }
    if (auto it = rules_.definitions.find(e.name); it != rules_.definitions.end()) {
        const DefinitionDecl& d = *it->second;
        e.ref = RefKind::definition;
        e.definition = &d;
        if (args.size() != d.formals.size()) {
            error(e.span, "`" + e.name + "` takes " + std::to_string(d.formals.size()) + " argument(s), given " +
                              std::to_string(args.size()));
            return Type::of(Kind::unknown);
        }
        for (std::size_t i = 0; i < args.size(); ++i)
            require(*e.children[i], d.formals[i].type.resolved, "argument `" + d.formals[i].name + "`");
        return d.type.resolved;
    }
    const Builtin* b = find_builtin(e.name);
    if (!b) {
        std::vector<std::string> names;
        for (auto& [n, d] : rules_.definitions) names.push_back(n);
        for (const auto& bi : builtins()) names.push_back(std::string(bi.name));
        std::string hint = did_you_mean(e.name, names);
        error(e.span, "unknown function `" + e.name + "`",
              hint.empty() ? "the built-in functions are listed in docs/language.md" : hint);
        return Type::of(Kind::unknown);
    }
    e.builtin = b;
    if (args.size() < b->min_args || args.size() > b->max_args) {
        error(e.span, std::string(b->name) + " takes " +
                          (b->min_args == b->max_args ? std::to_string(b->min_args)
                                                      : std::to_string(b->min_args) + " to " + std::to_string(b->max_args)) +
                          " argument(s), given " + std::to_string(args.size()),
              "usage: " + std::string(b->usage));
        return Type::of(Kind::unknown);
    }
    if (unknown) return Type::of(Kind::unknown);
    std::string why;
    auto result = b->check(args, why);
    if (!result) {
        error(e.span, std::string(b->name) + ": " + why, "usage: " + std::string(b->usage));
        return Type::of(Kind::unknown);
    }
    return *result;
}

Type ExprChecker::binary(Expr& e) {
    Expr& l = *e.children[0];
    Expr& r = *e.children[1];
    bool comparison = e.op >= BinaryOp::eq && e.op <= BinaryOp::ge;
    if (comparison && (is_today(l) || is_today(r))) return today_comparison(e, is_today(l) ? r : l);
    Type a = expr(l), b = expr(r);
    if (a.kind == Kind::unknown || b.kind == Kind::unknown) return Type::of(Kind::unknown);
    switch (e.op) {
    case BinaryOp::add:
    case BinaryOp::subtract: return add_subtract(e, a, b, report());
    case BinaryOp::multiply: return multiply(e, a, b, report());
    case BinaryOp::divide: return divide(e, a, b, report());
    case BinaryOp::logical_and:
    case BinaryOp::logical_or:
        for (Expr* side : {&l, &r})
            if (side->type.kind != Kind::boolean)
                error(side->span, std::string("`") + (e.op == BinaryOp::logical_and ? "and" : "or") +
                                      "` joins conditions (true or false), but this is " + a_type(side->type));
        return Type::of(Kind::boolean);
    default: return compare(e, a, b, report());
    }
}

Type ExprChecker::today_comparison(Expr& e, Expr& other) {
    Expr& today = is_today(*e.children[0]) ? *e.children[0] : *e.children[1];
    today_allowed_ = true;
    expr(today);
    today_allowed_ = false;
    int formals_before = formal_uses_;
    Type t = expr(other);
    if (t.kind != Kind::unknown && t.kind != Kind::date) {
        error(other.span, "`today` is a date and cannot be compared with " + a_type(t));
        return Type::of(Kind::unknown);
    }
    if (formal_uses_ != formals_before)
        error(other.span, "`today` can only be compared with a date that does not depend on a definition's parameters");
    else
        rules_.boundaries.push_back(&other);
    return Type::of(Kind::boolean);
}

} // namespace carecap
