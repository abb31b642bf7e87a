// compare.cpp: one history under two rule sets. The figures are compared on the
// timeline both accounts share, cut wherever either side's stretches are cut, so a
// rate is compared over exactly the days it holds on both sides. The causes come
// from walking what a figure's expression depends on, on each side, and keeping
// what the two rule sets state differently on the day in question.
#include "runtime/analyses/compare.h"

#include "lang/show.h"

#include <algorithm>
#include <map>
#include <set>

namespace carecap {

std::string_view to_string(Cause::Kind k) {
    switch (k) {
    case Cause::Kind::parameter: return "parameter";
    case Cause::Kind::definition: return "definition";
    case Cause::Kind::meter: return "meter";
    case Cause::Kind::input: return "input";
    case Cause::Kind::in_force: return "in_force";
    case Cause::Kind::statements: return "statements";
    case Cause::Kind::earlier: return "earlier";
    }
    return "?";
}

std::string_view to_string(Difference::Figure f) {
    switch (f) {
    case Difference::Figure::meter_total: return "meter_total";
    case Difference::Figure::cap_reached: return "cap_reached";
    case Difference::Figure::rate: return "rate";
    case Difference::Figure::statement: return "statement";
    }
    return "?";
}

namespace {


std::string text_of(const Expr* e) { return e ? one_line(e->span.text()) : std::string(); }

// A cause once: the same values found again on a later day add nothing (the first day is kept).
void add_unique(std::vector<Cause>& out, const Cause& c) {
    for (const Cause& o : out)
        if (o.kind == c.kind && o.name == c.name && o.a == c.a && o.b == c.b && o.note == c.note) return;
    out.push_back(c);
}
void add_all(std::vector<Cause>& out, const std::vector<Cause>& more) {
    for (auto& c : more) add_unique(out, c);
}

// A definition as the rule set states it, without layout, comments or citation.
std::string definition_text(const DefinitionDecl& d) {
    std::string s = d.name;
    if (!d.formals.empty()) {
        s += "(";
        for (std::size_t i = 0; i < d.formals.size(); ++i)
            s += (i ? ", " : "") + d.formals[i].name + " : " + to_string(d.formals[i].type.resolved);
        s += ")";
    }
    s += " : " + to_string(d.type.resolved) + " = ";
    for (std::size_t i = 0; i < d.cases.size(); ++i) {
        const Case& c = d.cases[i];
        if (i) s += "; ";
        if (c.condition) s += "when " + text_of(c.condition.get()) + " : ";
        else if (d.cases.size() > 1) s += "otherwise : ";
        s += text_of(c.value.get());
    }
    for (const ExceptionDecl* x : d.exceptions)
        s += "; exception" + (x->label.empty() ? "" : " \"" + x->label + "\"") + " when " + text_of(x->condition.get()) +
             " : " + text_of(x->value.get());
    return s;
}

// A meter an amending file changed with `amend meter` is placed at the clause restated there (its
// rate, ceiling or adjustments condition), not at the base meter it inherits the rest from.
const Span& meter_place(const MeterDecl& m) {
    for (const Expr* e : {m.rate.get(), m.ceiling.get(), m.accepts_adjustments.get()})
        if (e && e->span.file != m.span.file) return e->span;
    return m.span;
}
const Span& place_of(const MeterDecl& m) { return meter_place(m); }
template <typename Decl>
const Span& place_of(const Decl& d) {
    return d.span;
}

std::string meter_text(const MeterDecl& m) {
    std::string s = "rate = " + text_of(m.rate.get());
    if (m.ceiling) s += "; ceiling = " + text_of(m.ceiling.get());
    if (m.keeps_percentage) s += "; keeps percentage";
    if (m.interest) s += "; interest = " + text_of(m.interest.get());
    if (m.accepts_adjustments) s += "; accepts adjustments when " + text_of(m.accepts_adjustments.get());
    return s;
}

const ParameterValue* value_on(const ParameterDecl& p, Date on) {
    const ParameterValue* in_force = nullptr;
    for (const ParameterValue& v : p.values)
        if (v.from <= on) in_force = &v;
    return in_force;
}

template <class Map>
auto find_decl(const Map& map, const std::string& name) -> decltype(map.begin()->second) {
    auto it = map.find(name);
    return it == map.end() ? nullptr : it->second;
}

// What a figure's expression rests on, on each side, and which of those the sides state differently.
class CauseFinder {
public:
    CauseFinder(const RuleSet& a, const RuleSet& b) : a_(a), b_(b) {}

    std::vector<Cause> from(const Expr* in_a, const Expr* in_b, Date on) const {
        // Each side is walked through its own definitions (their text may differ); the names
        // found on either side are then compared once each, in the order they were met.
        std::vector<Key> order, order_b;
        std::set<Key> seen, seen_b;
        if (in_a) collect(*in_a, order, seen);
        if (in_b) collect(*in_b, order_b, seen_b);
        for (const Key& k : order_b)
            if (seen.insert(k).second) order.push_back(k);
        std::vector<Cause> out;
        for (const Key& key : order)
            if (auto c = compare(key, on)) out.push_back(*c);
        return out;
    }

private:
    enum class What { parameter, definition, input, meter };
    using Key = std::pair<What, std::string>;

    // Every name `e` depends on, following definitions (their cases and exceptions) on the side they belong to.
    static void collect(const Expr& e, std::vector<Key>& order, std::set<Key>& seen) {
        auto note = [&](What w, const std::string& name) {
            if (!seen.insert({w, name}).second) return false;
            order.emplace_back(w, name);
            return true;
        };
        if (e.ref == RefKind::parameter && e.parameter) note(What::parameter, e.parameter->name);
        if (e.ref == RefKind::input && e.input) note(What::input, e.input->name);
        if (e.ref == RefKind::meter_reached && e.meter) note(What::meter, e.meter->name);
        if (e.definition && note(What::definition, e.definition->name)) {
            for (const Case& c : e.definition->cases) {
                if (c.condition) collect(*c.condition, order, seen);
                collect(*c.value, order, seen);
            }
            for (const ExceptionDecl* x : e.definition->exceptions) {
                collect(*x->condition, order, seen);
                collect(*x->value, order, seen);
            }
        }
        for (auto& child : e.children) collect(*child, order, seen);
    }

    std::optional<Cause> compare(const Key& key, Date on) const {
        const std::string& name = key.second;
        Cause c;
        c.name = name;
        switch (key.first) {
        case What::parameter: {
            c.kind = Cause::Kind::parameter;
            c.on = on;
            auto side = [&](const RuleSet& r, CauseSide& s) -> const ParameterValue* {
                const ParameterDecl* p = find_decl(r.parameters, name);
                if (!p) return nullptr;
                s.declared = true;
                const ParameterValue* v = value_on(*p, on);
                s.text = v ? show(v->constant, p->type.resolved, &r) : "no value in force on " + on.to_string();
                s.where = (v ? v->span : p->span).file_line();
                return v;
            };
            const ParameterValue* va = side(a_, c.a);
            const ParameterValue* vb = side(b_, c.b);
            bool same = c.a.declared == c.b.declared && c.a.text == c.b.text;
            if (va && vb && std::holds_alternative<Decimal>(va->constant) && std::holds_alternative<Decimal>(vb->constant))
                same = same && std::get<Decimal>(va->constant) == std::get<Decimal>(vb->constant);
            return same ? std::nullopt : std::optional<Cause>(c);
        }
        case What::definition: {
            c.kind = Cause::Kind::definition;
            for (auto [r, s] : {std::pair{&a_, &c.a}, std::pair{&b_, &c.b}})
                if (const DefinitionDecl* d = find_decl(r->definitions, name)) {
                    s->declared = true;
                    s->text = definition_text(*d);
                    s->where = d->span.file_line();
                }
            return c.a.declared == c.b.declared && c.a.text == c.b.text ? std::nullopt : std::optional<Cause>(c);
        }
        case What::input: {
            c.kind = Cause::Kind::input;
            for (auto [r, s] : {std::pair{&a_, &c.a}, std::pair{&b_, &c.b}})
                if (const InputDecl* i = find_decl(r->inputs, name)) {
                    s->declared = true;
                    s->text = to_string(i->type.resolved) + (i->key.name.empty() ? "" : " by " + i->key.name);
                    s->where = i->span.file_line();
                }
            return c.a.declared == c.b.declared && c.a.text == c.b.text ? std::nullopt : std::optional<Cause>(c);
        }
        case What::meter: {
            c.kind = Cause::Kind::meter;
            for (auto [r, s] : {std::pair{&a_, &c.a}, std::pair{&b_, &c.b}})
                if (const MeterDecl* m = find_decl(r->meters, name)) {
                    s->declared = true;
                    s->text = meter_text(*m);
                    s->where = meter_place(*m).file_line();
                }
            return c.a.declared == c.b.declared && c.a.text == c.b.text ? std::nullopt : std::optional<Cause>(c);
        }
        }
        return std::nullopt;
    }

    const RuleSet& a_;
    const RuleSet& b_;
};

// A meter over part of the timeline, as one side sees it.
struct Segment {
    enum class State { absent, not_in_force, no_care, accruing, stopped };
    Date first, last;
    State state = State::absent;
    Decimal daily, rate;
    Per per = Per::week;
    Decimal effective() const { return state == State::accruing ? daily : Decimal(0); }
    static Segment of(Date first, Date last, State state) {
        Segment s;
        s.first = first;
        s.last = last;
        s.state = state;
        return s;
    }
};

std::vector<Segment> segments_of(const Account& account, const MeterDecl* meter) {
    std::vector<Segment> out;
    if (account.stretches.empty()) return out;
    if (!meter) {
        out.push_back(Segment::of(account.stretches.front().first, account.stretches.back().last, Segment::State::absent));
        return out;
    }
    for (const Stretch& s : account.stretches) {
        Segment seg = Segment::of(s.first, s.last, Segment::State::absent);
        const MeterStretch& m = s.meters.at(meter->index);
        if (!s.rules_in_force) seg.state = Segment::State::not_in_force;
        else if (!s.care) seg.state = Segment::State::no_care;
        else if (!m.metering) seg.state = Segment::State::stopped;
        else {
            seg.state = Segment::State::accruing;
            seg.daily = m.daily;
            seg.rate = m.rate;
            seg.per = m.per;
            if (m.reached_on && *m.reached_on < s.last) {
                seg.last = *m.reached_on;
                out.push_back(seg);
                out.push_back(Segment::of(m.reached_on->plus_days(1), s.last, Segment::State::stopped));
                continue;
            }
        }
        out.push_back(seg);
    }
    return out;
}

std::string describe(const Segment& s, const RuleSet& rules, const std::string& meter) {
    switch (s.state) {
    case Segment::State::absent: return "nothing (no meter " + meter + ")";
    case Segment::State::not_in_force: return "nothing (the rules are in force from " + rules.header().in_force.to_string() + ")";
    case Segment::State::no_care: return "nothing (no care)";
    case Segment::State::stopped: return "nothing (the ceiling has been reached)";
    case Segment::State::accruing: return money(s.rate) + " per " + to_string(s.per);
    }
    return "?";
}

class Comparer {
public:
    Comparer(const Account& a, const Account& b) : a_(a), b_(b), ra_(*a.rules), rb_(*b.rules), causes_(ra_, rb_) {}

    Comparison run() {
        Comparison out;
        out.a = &a_;
        out.b = &b_;
        out.declarations = compare_declarations(ra_, rb_);
        std::vector<std::string> meters;
        for (const MeterDecl* m : ra_.meter_order) meters.push_back(m->name);
        for (const MeterDecl* m : rb_.meter_order)
            if (!ra_.meters.count(m->name)) meters.push_back(m->name);
        for (const std::string& name : meters) compare_meter(name, out.differences);
        compare_statements(out.differences);
        return out;
    }

private:
    const MeterDecl* meter_in(const RuleSet& r, const std::string& name) const { return find_decl(r.meters, name); }

    Cause declared_only(const std::string& name) const {
        Cause c;
        c.kind = Cause::Kind::meter;
        c.name = name;
        for (auto [r, s] : {std::pair{&ra_, &c.a}, std::pair{&rb_, &c.b}})
            if (const MeterDecl* m = meter_in(*r, name)) {
                s->declared = true;
                s->text = meter_text(*m);
                s->where = meter_place(*m).file_line();
            }
        return c;
    }

    Cause in_force() const {
        Cause c;
        c.kind = Cause::Kind::in_force;
        c.name = "in force from";
        c.a = {true, ra_.header().in_force.to_string(), ra_.header().in_force_span.file_line()};
        c.b = {true, rb_.header().in_force.to_string(), rb_.header().in_force_span.file_line()};
        return c;
    }

    static Cause earlier(std::string note) {
        Cause c;
        c.kind = Cause::Kind::earlier;
        c.note = std::move(note);
        return c;
    }

    std::vector<Cause> rate_causes(const Segment& sa, const Segment& sb, const MeterDecl* ma, const MeterDecl* mb,
                                   const std::string& name) const {
        using S = Segment::State;
        if (!ma || !mb) {
            // What the meter's rate rests on, on the side that declares it: the rules the other side lacks.
            std::vector<Cause> found{declared_only(name)};
            add_all(found, causes_.from(ma ? ma->rate.get() : nullptr, mb ? mb->rate.get() : nullptr, sa.first));
            return found;
        }
        if ((sa.state == S::not_in_force) != (sb.state == S::not_in_force)) {
            // The side in force accrues by its rate: what that rests on, where the other side states it differently,
            // is part of the answer too (a different start date, say).
            std::vector<Cause> found{in_force()};
            add_all(found, causes_.from(ma->rate.get(), mb->rate.get(), sa.first));
            return found;
        }
        if (sa.state == S::accruing && sb.state == S::accruing) {
            auto found = causes_.from(ma->rate.get(), mb->rate.get(), sa.first);
            if (found.empty())
                found.push_back(earlier("the rate's rules read the same on both sides; it follows from figures "
                                        "worked out earlier (such as whether a ceiling was reached)"));
            return found;
        }
        const Account& stopped = sa.state == S::stopped ? a_ : b_;
        auto reached = stopped.meters.at((sa.state == S::stopped ? ma : mb)->index).reached_on;
        std::vector<Cause> found{earlier(name + " reached its ceiling" +
                                         (reached ? " on " + reached->to_string() : std::string()) + " under " +
                                         (sa.state == S::stopped ? "A" : "B") + " only: see its rates before then")};
        add_all(found, causes_.from(ma->ceiling.get(), mb->ceiling.get(), sa.first));
        return found;
    }

    void compare_meter(const std::string& name, std::vector<Difference>& out) {
        const MeterDecl* ma = meter_in(ra_, name);
        const MeterDecl* mb = meter_in(rb_, name);
        std::vector<Segment> sa = segments_of(a_, ma), sb = segments_of(b_, mb);
        std::vector<Cause> all_rate_causes;
        std::vector<Difference> rates;
        // The days both sides cut at, each piece then read on both sides.
        std::vector<Date> cuts;
        for (auto& s : sa) cuts.push_back(s.first);
        for (auto& s : sb) cuts.push_back(s.first);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::size_t ia = 0, ib = 0;
        for (std::size_t i = 0; i < cuts.size() && !sa.empty() && !sb.empty(); ++i) {
            Date first = cuts[i];
            Date last = i + 1 < cuts.size() ? cuts[i + 1].plus_days(-1) : std::min(sa.back().last, sb.back().last);
            while (ia + 1 < sa.size() && sa[ia].last < first) ++ia;
            while (ib + 1 < sb.size() && sb[ib].last < first) ++ib;
            if (sa[ia].effective() == sb[ib].effective()) continue;
            Segment pa = sa[ia], pb = sb[ib];
            pa.first = pb.first = first;
            std::string da = describe(pa, ra_, name), db = describe(pb, rb_, name);
            std::vector<Cause> found = rate_causes(pa, pb, ma, mb, name);
            add_all(all_rate_causes, found);
            // Consecutive days with the same figures on both sides are one range.
            if (!rates.empty() && rates.back().to.plus_days(1) == first && rates.back().a == da && rates.back().b == db) {
                rates.back().to = last;
                add_all(rates.back().causes, found);
                continue;
            }
            rates.push_back({Difference::Figure::rate, name, "", first, last, da, db, found});
        }
        meter_causes_[name] = all_rate_causes;
        // The last day evaluated (the history's own horizon when it has no care at all).
        Date horizon = !a_.stretches.empty() ? a_.stretches.back().last
                                             : a_.history->horizon().value_or(a_.rules->header().in_force);
        auto total_text = [&](const Account& acc, const MeterDecl* m) -> std::string {
            if (!m) return "no meter " + name;
            const MeterTotal& t = acc.meters.at(m->index);
            return money(t.total) + (t.ceiling ? " of " + money(*t.ceiling) : std::string());
        };
        std::string ta = total_text(a_, ma), tb = total_text(b_, mb);
        if (ta != tb) {
            std::vector<Cause> found = all_rate_causes;
            if (ma && mb) {
                add_all(found, causes_.from(ma->ceiling.get(), mb->ceiling.get(), horizon));
                for (const Adjustment& adj : a_.history->adjustments)
                    add_all(found, causes_.from(ma->accepts_adjustments.get(), mb->accepts_adjustments.get(), adj.date));
            } else {
                add_unique(found, declared_only(name));
            }
            if (found.empty()) found.push_back(earlier("no rule it rests on reads differently"));
            out.push_back({Difference::Figure::meter_total, name, "", horizon, horizon, ta, tb, found});
        }
        auto reached_a = ma ? a_.meters.at(ma->index).reached_on : std::nullopt;
        auto reached_b = mb ? b_.meters.at(mb->index).reached_on : std::nullopt;
        if (reached_a != reached_b) {
            Date on = reached_a && reached_b ? std::min(*reached_a, *reached_b) : reached_a ? *reached_a : *reached_b;
            std::vector<Cause> found = all_rate_causes;
            if (ma && mb) add_all(found, causes_.from(ma->ceiling.get(), mb->ceiling.get(), on));
            else add_unique(found, declared_only(name));
            auto show_reached = [](const std::optional<Date>& d) { return d ? d->to_string() : std::string("not reached"); };
            out.push_back({Difference::Figure::cap_reached, name, "", on, on, show_reached(reached_a),
                           show_reached(reached_b), found});
        }
        for (auto& r : rates) out.push_back(std::move(r));
    }

    std::vector<Cause> statement_causes(ExprPtr StatementsDecl::*field, Date on) const {
        const StatementsDecl* a = ra_.statements;
        const StatementsDecl* b = rb_.statements;
        if (!a || !b) {
            Cause c;
            c.kind = Cause::Kind::statements;
            c.name = a ? a->meter : b->meter;
            if (a) c.a = {true, "statements " + a->meter, a->span.file_line()};
            if (b) c.b = {true, "statements " + b->meter, b->span.file_line()};
            return {c};
        }
        return causes_.from((a->*field).get(), (b->*field).get(), on);
    }

    // What a meter's rate or ceiling rests on, for a statement's item; a meter one side lacks is the cause itself.
    std::vector<Cause> meter_causes(ExprPtr MeterDecl::*field, const MeterDecl* ma, const MeterDecl* mb,
                                    const std::string& name, Date on) const {
        if (!ma || !mb) return {declared_only(name)};
        return causes_.from((ma->*field).get(), (mb->*field).get(), on);
    }

    void compare_statements(std::vector<Difference>& out) {
        std::map<Date, const Statement*> in_a, in_b;
        for (auto& s : a_.statements) in_a[s.date] = &s;
        for (auto& s : b_.statements) in_b[s.date] = &s;
        std::set<Date> dates;
        for (auto& [d, s] : in_a) dates.insert(d);
        for (auto& [d, s] : in_b) dates.insert(d);
        std::string meter = rb_.statements ? rb_.statements->meter : ra_.statements ? ra_.statements->meter : "";
        const MeterDecl* ma = meter_in(ra_, meter);
        const MeterDecl* mb = meter_in(rb_, meter);
        for (Date d : dates) {
            const Statement* sa = in_a.count(d) ? in_a[d] : nullptr;
            const Statement* sb = in_b.count(d) ? in_b[d] : nullptr;
            auto add = [&](std::string item, std::string a, std::string b, std::vector<Cause> causes) {
                if (a == b) return;
                // What a statement shows follows the meter: its rates so far and its ceiling on the day.
                if (causes.empty()) add_all(causes, meter_causes_[meter]);
                if (causes.empty() && ma && mb) add_all(causes, causes_.from(ma->ceiling.get(), mb->ceiling.get(), d));
                if (causes.empty()) causes.push_back(earlier("the statement's rules read the same on both sides"));
                out.push_back({Difference::Figure::statement, meter, std::move(item), d, d, std::move(a), std::move(b),
                               std::move(causes)});
            };
            auto issued = [&](const Statement* s, const RuleSet& r) -> std::string {
                if (!s) return r.statements ? "no statement falls due" : "no statements are declared";
                return s->issued ? "issued" : "not issued: " + s->not_issued_because;
            };
            std::string ia = issued(sa, ra_), ib = issued(sb, rb_);
            if (ia != ib) {
                add("statement", ia, ib, !sa || !sb ? statement_causes(&StatementsDecl::every_months, d) : std::vector<Cause>{});
                continue;
            }
            if (!sa->issued) continue;
            add("1. the cap", money(sa->cap_level), money(sb->cap_level), meter_causes(&MeterDecl::ceiling, ma, mb, meter, d));
            add("2. total cost of meeting needs", money(sa->total_cost), money(sb->total_cost),
                statement_causes(&StatementsDecl::total_cost, d));
            add("3. rate of progress", money(sa->rate), money(sb->rate), meter_causes(&MeterDecl::rate, ma, mb, meter, d));
            add("4. daily living costs", money(sa->living_costs), money(sb->living_costs),
                statement_causes(&StatementsDecl::living_costs, d));
            add("5. accrued costs", money(sa->accrued), money(sb->accrued), {});
            auto adjustments = [](const Statement& s) {
                std::string t;
                for (auto& e : s.adjustments) t += (t.empty() ? "" : "; ") + e.date.to_string() + " " + e.text;
                return t.empty() ? std::string("none") : t;
            };
            add("6. adjustments", adjustments(*sa), adjustments(*sb), {});
            auto expected = [](const Statement& s) {
                return s.expected_shown ? s.expected_on->to_string() : std::string("not shown");
            };
            std::vector<Cause> window = statement_causes(&StatementsDecl::expected_within_months, d);
            add("7. expected to reach the cap", expected(*sa), expected(*sb), window);
            add("8. caveat", sa->caveat, sb->caveat, {caveat_cause(sa->budget)});
        }
    }

    Cause caveat_cause(const std::string& budget) const {
        Cause c;
        c.kind = Cause::Kind::statements;
        c.name = "caveat " + budget;
        for (auto [r, s] : {std::pair{&ra_, &c.a}, std::pair{&rb_, &c.b}})
            if (r->statements)
                for (auto& cv : r->statements->caveats)
                    if (cv.budget == budget) *s = {true, cv.text, cv.span.file_line()};
        return c;
    }

    const Account& a_;
    const Account& b_;
    const RuleSet& ra_;
    const RuleSet& rb_;
    CauseFinder causes_;
    std::map<std::string, std::vector<Cause>> meter_causes_;
};

} // namespace

std::vector<DeclarationDifference> compare_declarations(const RuleSet& a, const RuleSet& b) {
    std::vector<DeclarationDifference> out;
    auto compare_names = [&](const std::string& what, const auto& in_a, const auto& in_b, auto describe_decl) {
        std::set<std::string> names;
        for (auto& [n, d] : in_a) names.insert(n);
        for (auto& [n, d] : in_b) names.insert(n);
        for (const std::string& n : names) {
            DeclarationDifference diff{what, n, {}, {}};
            if (auto it = in_a.find(n); it != in_a.end()) diff.a = {true, describe_decl(*it->second), place_of(*it->second).file_line()};
            if (auto it = in_b.find(n); it != in_b.end()) diff.b = {true, describe_decl(*it->second), place_of(*it->second).file_line()};
            if (diff.a.declared != diff.b.declared || diff.a.text != diff.b.text) out.push_back(std::move(diff));
        }
    };
    compare_names("meter", a.meters, b.meters, [](const MeterDecl& m) { return meter_text(m); });
    compare_names("input", a.inputs, b.inputs, [](const InputDecl& i) {
        return to_string(i.type.resolved) + (i.key.name.empty() ? "" : " by " + i.key.name);
    });
    compare_names("projection", a.projections, b.projections, [](const ProjectionDecl& p) {
        return "charge = " + text_of(p.charge.get()) + "; pays = " + text_of(p.pays.get()) +
               "; capital_used = " + text_of(p.capital_used.get());
    });
    if ((a.statements == nullptr) != (b.statements == nullptr)) {
        DeclarationDifference diff{"statements", a.statements ? a.statements->meter : b.statements->meter, {}, {}};
        if (a.statements) diff.a = {true, "statements " + a.statements->meter, a.statements->span.file_line()};
        if (b.statements) diff.b = {true, "statements " + b.statements->meter, b.statements->span.file_line()};
        out.push_back(std::move(diff));
    }
    return out;
}

Comparison compare_accounts(const Account& a, const Account& b) { return Comparer(a, b).run(); }

} // namespace carecap
