// check.cpp: phase 3, the checker. Gives every expression a type, resolves every
// name, and reports unit mistakes, unknown names, parameters read where no value
// is in force, definitions that depend on themselves and exceptions that can
// both apply. This file checks each kind of declaration; their expressions are
// typed by the expression checker in check_expr.cpp. Conflicting exceptions are
// found in check_exceptions.cpp, loops and chains of definitions too deep to work
// out in check_depth.cpp.
#include "lang/check.h"

#include "lang/check_depth.h"
#include "lang/check_exceptions.h"
#include "lang/check_expectations.h"
#include "lang/check_expr.h"
#include "stdlib/builtins.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

namespace carecap {

namespace {

class Checker : public ExprChecker {
public:
    using ExprChecker::ExprChecker;

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
        check_outputs();
        for (auto& ex : rules_.files.back()->examples) check_example(ex);
        check_definition_depth(rules_, options_.limits.evaluation_depth, diagnostics_);
        check_exception_conflicts(rules_, diagnostics_);
    }

private:
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
        if (m.whole_weeks && rate.kind == Kind::rate && rate.per == Per::day)
            error(m.rate->span, "a meter that accrues by whole weeks adds a week's rate at a time, so its rate must be "
                                "money per week, but this is " + a_type(rate),
                  "write the rate per week, or leave out `accrues by whole weeks` to accrue day by day");
        if (m.whole_weeks && m.interest)
            error(m.interest->span, "a meter that charges interest accrues day by day; it cannot accrue by whole weeks");
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

    // Each output names a definition without arguments; a role, one of two, on a money rate, once.
    void check_outputs() {
        std::vector<std::string> names;
        for (auto& [n, d] : rules_.definitions)
            if (d->formals.empty()) names.push_back(n);
        std::map<std::string, const OutputName*> roles;
        for (const OutputName* o : rules_.outputs) {
            auto d = rules_.definitions.find(o->name);
            if (d == rules_.definitions.end()) {
                error(o->span, "an output is a definition; there is no definition `" + o->name + "`",
                      did_you_mean(o->name, names));
                continue;
            }
            if (!d->second->formals.empty()) {
                error(o->span, "`" + o->name + "` takes arguments: an output is a definition without any");
                continue;
            }
            const_cast<OutputName&>(*o).definition = d->second;
            if (o->role.empty()) continue;
            if (o->role != "paid_by_person" && o->role != "spent_by_authority") {
                error(o->role_span, "unknown role `" + o->role + "`",
                      did_you_mean(o->role, {"paid_by_person", "spent_by_authority"}));
                continue;
            }
            if (d->second->type.resolved.kind != Kind::rate)
                error(o->role_span, "the role " + o->role + " totals a money rate; `" + o->name + "` is " +
                                        to_string(d->second->type.resolved));
            auto [first, fresh] = roles.emplace(o->role, o);
            if (!fresh)
                error(o->role_span, "two outputs have the role " + o->role + ": `" + first->second->name + "` and `" +
                                        o->name + "`");
        }
    }

    void check_statements(StatementsDecl& s) {
        auto meter = rules_.meters.find(s.meter);
        if (meter == rules_.meters.end()) {
            std::vector<std::string> names;
            for (auto& [n, m] : rules_.meters) names.push_back(n);
            error(s.name_span, "statements report a meter; there is no meter `" + s.meter + "`", did_you_mean(s.meter, names));
        } else if (!meter->second->ceiling) {
            error(s.name_span, "statements report progress towards a ceiling; the meter `" + s.meter + "` has none");
        } else if (meter->second->whole_weeks) {
            error(s.name_span, "statements work out the expected date day by day; the meter `" + s.meter +
                                   "` accrues by whole weeks, which they cannot report yet");
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
};

} // namespace

void check_rule_set(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics) {
    Checker(rules, options, diagnostics).run();
}

} // namespace carecap
