// check.cpp: phase 3, the checker. Gives every expression a type, resolves every
// name, and reports unit mistakes, unknown names, parameters read where no value
// is in force, definitions that depend on themselves and exceptions that can
// both apply. Conflicting exceptions are found in check_exceptions.cpp, loops and
// chains of definitions too deep to work out in check_depth.cpp.
#include "lang/check.h"

#include "lang/check_depth.h"
#include "lang/check_exceptions.h"
#include "lang/check_expectations.h"
#include "lang/check_units.h"
#include "stdlib/builtins.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

namespace carecap {

namespace {

bool is_today(const Expr& e) { return e.kind == ExprKind::name && e.name == "today"; }

class Checker {
public:
    Checker(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics)
        : rules_(rules), options_(options), diagnostics_(diagnostics), first_day_(rules.header().in_force) {}

    // `today` and the built-in functions' names cannot be declared; an enumeration
    // member cannot share its name with anything else, or a bare name would be ambiguous.
    void reserved_name(const std::string& name, const Span& where) {
        if (name == "today") error(where, "`today` is the day being worked out and cannot be declared", "choose another name");
        else if (name == "reached") error(where, "`reached` asks whether a meter has reached its ceiling and cannot be declared", "choose another name");
        else if (find_builtin(name)) error(where, "`" + name + "` is a built-in function and cannot be declared", "choose another name");
    }

    void check_names() {
        for (auto& [n, d] : rules_.definitions) reserved_name(n, d->name_span);
        for (auto& [n, p] : rules_.parameters) reserved_name(n, p->name_span);
        for (auto& [n, i] : rules_.inputs) reserved_name(n, i->name_span);
        for (auto& [n, e] : rules_.enums)
            for (auto& m : e->members) {
                reserved_name(m.name, m.span);
                if (rules_.definitions.count(m.name) || rules_.parameters.count(m.name) || rules_.inputs.count(m.name))
                    error(m.span, "`" + m.name + "` is a member of " + n + " and also declared as another name",
                          "rename one of them so that `" + m.name + "` means one thing");
            }
    }

    void run() {
        check_names();
        for (auto& [name, e] : rules_.enums) check_enum(*e);
        for (auto& [name, i] : rules_.inputs) check_input(const_cast<InputDecl&>(*i));
        for (auto& [name, d] : rules_.definitions) resolve_signature(*d);
        for (auto& [name, p] : rules_.parameters) check_parameter(const_cast<ParameterDecl&>(*p));
        for (auto& [name, d] : rules_.definitions) check_definition(*d);
        for (const ExceptionDecl* e : rules_.exceptions) check_exception(const_cast<ExceptionDecl&>(*e));
        for (const MeterDecl* m : rules_.meter_order) check_meter(const_cast<MeterDecl&>(*m));
        for (auto& [name, p] : rules_.projections) check_projection(const_cast<ProjectionDecl&>(*p));
        if (rules_.statements) check_statements(const_cast<StatementsDecl&>(*rules_.statements));
        for (auto& ex : rules_.files.back()->examples) check_example(ex);
        check_definition_depth(rules_, options_.limits.evaluation_depth, diagnostics_);
        check_exception_conflicts(rules_, diagnostics_);
    }

private:
    // ---- reporting ----
    Report report() {
        return [this](const Span& s, std::string message, std::string hint) { error(s, std::move(message), std::move(hint)); };
    }

    void error(const Span& s, std::string message, std::string hint = {}, Diagnostics notes = {}) {
        diagnostics_.push_back({Severity::error, s, std::move(message), std::move(hint), std::move(notes)});
    }

    std::vector<std::string> all_names() const {
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

    std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates) const {
        std::string near = closest_name(name, candidates);
        return near.empty() ? std::string() : "did you mean `" + near + "`?";
    }

    // ---- types ----
    Type resolve_type(TypeRef& t) {
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

    static bool assignable(const Type& to, const Type& from) {
        if (to.kind == Kind::unknown || from.kind == Kind::unknown) return true;
        if (to == from) return true;
        if (to.kind == Kind::decimal && from.is_number()) return true;
        return false;
    }

    void require(const Expr& e, const Type& want, const std::string& what) {
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
    Type expr(Expr& e) {
        e.type = expr_type(e);
        return e.type;
    }

    Type expr_type(Expr& e) {
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

    Type name(Expr& e) {
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

    std::vector<std::string> enum_names() const {
        std::vector<std::string> names;
        for (auto& [n, e] : rules_.enums) names.push_back(n);
        return names;
    }

    Type member_ref(Expr& e, const EnumDecl& en, const std::string& member) {
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
    void check_in_force(const ParameterDecl& p, Date day, const Span& where, bool explicit_date) {
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

    Type at_date(Expr& e) {
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
    Type meter_reached(Expr& e) {
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

    Type call(Expr& e) {
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

    Type binary(Expr& e) {
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

    Type today_comparison(Expr& e, Expr& other) {
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

    // ---- declarations ----
    void check_enum(const EnumDecl& e) {
        std::set<std::string> seen;
        for (auto& m : e.members)
            if (!seen.insert(m.name).second) error(m.span, "`" + m.name + "` is listed twice in " + e.name);
    }

    void check_input(InputDecl& i) {
        Type declared = resolve_type(i.type);
        const InputSpec* spec = nullptr;
        for (auto& s : options_.inputs)
            if (s.name == i.name) spec = &s;
        if (!spec) {
            std::vector<std::string> names;
            std::string list;
            for (auto& s : options_.inputs) {
                names.push_back(s.name);
                list += (list.empty() ? "" : ", ") + s.name;
            }
            std::string hint = did_you_mean(i.name, names);
            error(i.name_span, "the care history has no input called `" + i.name + "`",
                  hint.empty() ? "the inputs are: " + list : hint);
            return;
        }
        if (spec->keyed != !i.key.name.empty()) {
            error(i.name_span, spec->keyed ? "the input `" + i.name + "` is read by kind: declare it `input " + i.name +
                                                 " : " + to_string(spec->type) + " by ENUMERATION`"
                                           : "the input `" + i.name + "` is not read by kind: remove `by " + i.key.name + "`",
                  spec->description);
            return;
        }
        if (spec->keyed) {
            i.key.span = i.key.span.valid() ? i.key.span : i.name_span;
            Type key = resolve_type(i.key);
            if (key.kind != Kind::unknown && key.kind != Kind::enumeration) {
                error(i.key.span, "an input is read by the members of an enumeration, not by " + a_type(key));
                i.key.resolved = Type::of(Kind::unknown); // no further errors about reading it
            }
        }
        i.source = static_cast<std::uint8_t>(spec->source);
        bool ok = spec->type.kind == Kind::enumeration && spec->type.enumeration.empty()
                      ? declared.kind == Kind::enumeration || declared.kind == Kind::unknown
                      : assignable(spec->type, declared) && assignable(declared, spec->type);
        if (!ok)
            error(i.type.span, "the input `" + i.name + "` is " +
                                   (spec->type.kind == Kind::enumeration ? std::string("a word from an enumeration")
                                                                         : a_type(spec->type)) +
                                   ", not " + a_type(declared),
                  spec->description);
    }

    void check_parameter(ParameterDecl& p) {
        Type t = resolve_type(p.type);
        std::sort(p.values.begin(), p.values.end(), [](auto& x, auto& y) { return x.from < y.from; });
        for (std::size_t i = 0; i < p.values.size(); ++i) {
            ParameterValue& v = p.values[i];
            if (i > 0 && v.from == p.values[i - 1].from)
                error(v.from_span, "`" + p.name + "` has two values from " + v.from.to_string());
            Expr* value = v.value.get();
            bool negative = false;
            if (value->kind == ExprKind::negate) {
                negative = true;
                value = value->children[0].get();
            }
            if (value->kind != ExprKind::literal && value->kind != ExprKind::name) {
                error(v.value->span, "a parameter's value must be written out, like £86,000 or 20%",
                      "use a definition for a value worked out from others");
                continue;
            }
            Type vt = expr(*value);
            if (value->kind == ExprKind::name && value->ref != RefKind::enum_member) {
                if (value->ref != RefKind::none) // an unknown name has had its own error
                    error(value->span, "a parameter's value must be written out, not taken from `" + value->name + "`",
                          "use a definition for a value worked out from others");
                continue;
            }
            v.value->type = vt;
            require(*v.value, t, "the value of `" + p.name + "`");
            v.constant = value->literal;
            if (negative) v.constant = -std::get<Decimal>(value->literal);
        }
    }

    void resolve_signature(DefinitionDecl& d) {
        resolve_type(d.type);
        std::set<std::string> seen;
        for (auto& f : d.formals) {
            resolve_type(f.type);
            if (!seen.insert(f.name).second)
                error(f.span, "the argument `" + f.name + "` is listed twice in `" + d.name + "(...)`");
            reserved_name(f.name, f.span);
            for (auto& [n, e] : rules_.enums)
                for (auto& m : e->members)
                    if (m.name == f.name)
                        error(f.span, "the argument `" + f.name + "` has the name of a member of " + n,
                              "rename the argument so that `" + f.name + "` means one thing");
        }
    }

    void with_formals(const std::vector<Formal>* formals, const std::function<void()>& body) {
        formals_ = formals;
        body();
        formals_ = nullptr;
    }

    void check_definition(DefinitionDecl& d) {
        with_formals(&d.formals, [&] {
            for (auto& c : d.cases) {
                if (c.condition) {
                    Type t = expr(*c.condition);
                    if (t.kind != Kind::unknown && t.kind != Kind::boolean)
                        error(c.condition->span, "a `when` needs a condition (true or false), but this is " + a_type(t));
                }
                expr(*c.value);
                require(*c.value, d.type.resolved, "the value of `" + d.name + "`");
            }
        });
    }

    void check_exception(ExceptionDecl& x) {
        auto it = rules_.definitions.find(x.target);
        if (it == rules_.definitions.end()) {
            std::vector<std::string> names;
            for (auto& [n, d] : rules_.definitions) names.push_back(n);
            std::string hint = did_you_mean(x.target, names);
            error(x.name_span, "an exception must name the definition it overrides; there is no definition `" + x.target + "`", hint);
            return;
        }
        DefinitionDecl& d = *it->second;
        d.exceptions.push_back(&x);
        with_formals(&d.formals, [&] {
            Type t = expr(*x.condition);
            if (t.kind != Kind::unknown && t.kind != Kind::boolean)
                error(x.condition->span, "an exception needs a condition (true or false), but this is " + a_type(t));
            expr(*x.value);
            require(*x.value, d.type.resolved, "the value of the exception to `" + d.name + "`");
        });
    }

    void check_meter(MeterDecl& m) {
        Type rate = expr(*m.rate);
        if (rate.kind != Kind::unknown && (rate.kind != Kind::rate || rate.per == Per::year))
            error(m.rate->span, "a meter's rate must be money per week or money per day, but this is " + a_type(rate),
                  rate.kind == Kind::rate ? "convert a yearly rate with per_week(x, 52)" : "");
        if (m.ceiling) {
            Type ceiling = expr(*m.ceiling);
            if (ceiling.kind != Kind::unknown && ceiling.kind != Kind::money)
                error(m.ceiling->span, "a meter's ceiling must be money, but this is " + a_type(ceiling));
        } else if (m.keeps_percentage) {
            error(m.span, "`keeps percentage` needs a ceiling to keep a percentage of");
        }
        if (m.interest) {
            Type interest = expr(*m.interest);
            if (interest.kind != Kind::unknown && interest.kind != Kind::percent)
                error(m.interest->span, "a meter's interest must be a percentage a year, but this is " + a_type(interest),
                      "write it with %, like 4.65%");
            if (m.ceiling) error(m.interest->span, "a meter with a ceiling cannot charge interest",
                                 "interest is for a running balance, such as a deferred payment");
        }
        if (m.accepts_adjustments && !rules_.meter_order.empty() && rules_.meter_order.front() != &m)
            error(m.accepts_adjustments->span, "only the first meter, the care account, receives the history's adjustments",
                  "move `accepts adjustments when` to `" + rules_.meter_order.front()->name + "`");
        if (m.accepts_adjustments) {
            in_adjustment_condition_ = true;
            Type t = expr(*m.accepts_adjustments);
            in_adjustment_condition_ = false;
            if (t.kind != Kind::unknown && t.kind != Kind::boolean)
                error(m.accepts_adjustments->span, "`accepts adjustments when` needs a condition (true or false), but this is " + a_type(t));
        }
    }

    void check_projection(ProjectionDecl& p) {
        const Type weekly = Type::rate_per(Per::week);
        for (auto [e, what] : {std::pair{&p.charge, "charge"}, {&p.pays, "pays"}, {&p.capital_used, "capital_used"}}) {
            expr(**e);
            require(**e, weekly, std::string("`") + what + "`");
        }
        Type budget = expr(*p.budget);
        auto input = rules_.inputs.find("budget");
        if (input == rules_.inputs.end())
            error(p.budget->span, "a projection sets the `budget` input each week: declare `input budget : ...`");
        else
            require(*p.budget, input->second->type.resolved, "`budget`");
        (void)budget;
    }

    void check_statements(StatementsDecl& s) {
        auto meter = rules_.meters.find(s.meter);
        if (meter == rules_.meters.end()) {
            std::vector<std::string> names;
            for (auto& [n, m] : rules_.meters) names.push_back(n);
            error(s.name_span, "statements report a meter; there is no meter `" + s.meter + "`", did_you_mean(s.meter, names));
        } else if (!meter->second->ceiling) {
            error(s.name_span, "statements report progress towards a ceiling; the meter `" + s.meter + "` has none");
        } else {
            s.meter_decl = meter->second;
        }
        for (auto [e, what] : {std::pair{&s.every_months, "every_months"}, {&s.expected_within_months, "expected_within_months"}}) {
            expr(**e);
            require(**e, Type::of(Kind::integer), std::string("`") + what + "`");
        }
        for (auto [e, what] : {std::pair{&s.total_cost, "total_cost"}, {&s.living_costs, "living_costs"}}) {
            expr(**e);
            require(**e, Type::rate_per(Per::week), std::string("`") + what + "`");
        }
        auto budget = rules_.inputs.find("budget");
        const EnumDecl* kinds = budget != rules_.inputs.end() && budget->second->type.resolved.kind == Kind::enumeration
                                    ? rules_.enums.at(budget->second->type.resolved.enumeration)
                                    : nullptr;
        std::set<std::string> seen;
        for (auto& c : s.caveats) {
            bool known = false;
            std::vector<std::string> members;
            if (kinds)
                for (auto& m : kinds->members) {
                    members.push_back(m.name);
                    known = known || m.name == c.budget;
                }
            if (!known)
                error(c.span, "a caveat is given for a kind of budget; `" + c.budget + "` is not one",
                      kinds ? did_you_mean(c.budget, members) : "declare `input budget : ...` first");
            else if (!seen.insert(c.budget).second)
                error(c.span, "two caveats for `" + c.budget + "`");
        }
    }

    void check_example(ExampleDecl& ex) {
        if (!ex.history_path.empty()) {
            namespace fs = std::filesystem;
            fs::path path = fs::path(ex.history_span.file->name).parent_path() / ex.history_path;
            // Only a file beside or below the rule file is looked for here. One named
            // outside it is judged by the sandbox when the example runs (lang/resolve.h):
            // looking first would tell a rule file whether a file it may not read exists,
            // and would make the error depend on where the rule file sits on disk.
            fs::path written = fs::path(ex.history_path).lexically_normal();
            bool stays_below = !written.is_absolute() && !written.empty() && *written.begin() != "..";
            std::error_code ec;
            if (stays_below && !fs::is_regular_file(path, ec))
                error(ex.history_span, "the history file `" + path.string() + "` does not exist",
                      "the path is relative to this rule file");
        }
        if (ex.expectations.empty())
            error(ex.span, "the example \"" + ex.title + "\" expects nothing, so it could never fail",
                  "add at least one `expect` line");
        for (auto& x : ex.expectations) check_expectation(x);
    }

    void check_expectation(Expectation& x) {
        // Money is compared to the penny, so an expected amount must be written in pence.
        if (x.expected && x.expected->kind == ExprKind::literal &&
            (x.expected->literal_type.kind == Kind::money || x.expected->literal_type.kind == Kind::rate) &&
            !(std::get<Decimal>(x.expected->literal) * Decimal(100)).is_integer())
            error(x.expected->span, "an expected amount of money is written to the penny",
                  "amounts are compared to the penny, halves rounded away from zero");
        if (x.kind == ExpectKind::statement || x.kind == ExpectKind::projection) {
            auto report = [&](const Span& at, std::string message, std::string hint) { error(at, message, hint); };
            auto want = check_statement_or_projection(x, rules_, report);
            if (want && x.expected) {
                expr(*x.expected);
                require(*x.expected, *want, "the expected " + x.item);
            }
        } else if (x.kind != ExpectKind::value) {
            Expr& subject = *x.subject;
            if (!rules_.meters.count(subject.name)) {
                std::vector<std::string> names;
                for (auto& [n, m] : rules_.meters) names.push_back(n);
                error(subject.span, "there is no meter `" + subject.name + "`", did_you_mean(subject.name, names));
                return;
            }
            if (x.expected) {
                Type t = expr(*x.expected);
                require(*x.expected, Type::of(Kind::money), "the accrued amount");
                (void)t;
            }
        } else {
            Type want = expr(*x.subject);
            expr(*x.expected);
            require(*x.expected, want, "the expected value of `" + x.subject->name + "`");
        }
        std::optional<Date> from;
        if (x.kind == ExpectKind::accrued_between) from = x.from;
        for (auto d : {x.on, from}) {
            if (d && *d < first_day_)
                error(x.span, "this example looks at " + d->to_string() + ", before these rules are in force (" +
                                  first_day_.to_string() + ")");
        }
    }

    RuleSet& rules_;
    const LoadOptions& options_;
    Diagnostics& diagnostics_;
    Date first_day_;
    const std::vector<Formal>* formals_ = nullptr;
    bool today_allowed_ = false;
    bool reading_at_date_ = false;
    bool in_adjustment_condition_ = false;
    int formal_uses_ = 0;
    std::set<const ParameterDecl*> reported_unset_;
};

} // namespace

void check_rule_set(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics) {
    Checker(rules, options, diagnostics).run();
}

} // namespace carecap
