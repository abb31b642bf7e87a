// reads.cpp: a walk over each definition's conditions and values, remembering the
// definitions already summed up so that each is walked once.
#include "lang/reads.h"

#include "lang/rule_set.h"

#include <algorithm>
#include <unordered_map>

namespace carecap {

namespace {

constexpr std::uint8_t every_source = 0x3f;

class ReadsWalk {
public:
    explicit ReadsWalk(const RuleSet& rules)
        : rules_(rules), everything_(everything(rules)), done_(rules.definition_slots, 0), out_(rules.definition_slots) {
        for (std::size_t b = 0; b < rules.boundaries.size(); ++b)
            boundary_at_.emplace(rules.boundaries[b], static_cast<std::uint32_t>(b));
    }

    std::vector<Reads> run() && {
        for (auto& [name, d] : rules_.definitions) definition(*d);
        return std::move(out_);
    }

    // What `e` reads, with the definitions it uses.
    Reads of(const Expr& e) {
        Reads sum;
        expr(e, sum);
        return sum;
    }

private:
    // The summary of `d`, walking it the first time it is asked for.
    const Reads& definition(const DefinitionDecl& d) {
        char& state = done_[d.slot];
        const Reads& mine = out_[d.slot];
        if (state == walking) { // recursion: assume the worst of everything being walked
            recursive_ = true;
            return everything_;
        }
        if (state == walked) return mine;
        state = walking;
        ++depth_;
        Reads sum;
        for (const ExceptionDecl* x : d.exceptions) {
            expr(*x->condition, sum);
            expr(*x->value, sum);
        }
        for (const Case& c : d.cases) {
            if (c.condition) expr(*c.condition, sum);
            expr(*c.value, sum);
        }
        if (recursive_) sum = everything_;
        if (--depth_ == 0) recursive_ = false;
        done_[d.slot] = walked;
        out_[d.slot] = std::move(sum);
        return out_[d.slot];
    }

    void expr(const Expr& e, Reads& sum) {
        switch (e.ref) {
        case RefKind::parameter: add_parameter(*e.parameter, sum); break;
        case RefKind::input: sum.sources |= e.input->source; break;
        case RefKind::today: sum.today = true; break;
        case RefKind::meter_reached: sum.reached = true; break;
        case RefKind::definition: merge(definition(*e.definition), sum); break;
        case RefKind::formal:
        case RefKind::enum_member:
        case RefKind::none: break;
        }
        // A call of a definition with arguments is a call node naming it; `parameter at date`
        // names the parameter in its first child, so it is counted as reading it (safe).
        if (e.kind == ExprKind::call && e.definition)
            merge(definition(*e.definition), sum);
        // `today` compared with a date: the checker recorded that date as one of the boundaries.
        if (e.kind == ExprKind::binary && e.children.size() == 2)
            for (int side = 0; side < 2; ++side)
                if (e.children[side]->ref == RefKind::today) {
                    auto found = boundary_at_.find(e.children[1 - side].get());
                    if (found != boundary_at_.end()) add_sorted(found->second, sum.boundaries);
                }
        for (const auto& child : e.children) expr(*child, sum);
    }

    static void add_parameter(const ParameterDecl& p, Reads& sum) { add_sorted(&p, sum.parameters); }

    template <typename T>
    static void add_sorted(T value, std::vector<T>& into) {
        auto at = std::lower_bound(into.begin(), into.end(), value);
        if (at == into.end() || *at != value) into.insert(at, value);
    }

    static void merge(const Reads& from, Reads& into) {
        into.sources |= from.sources;
        into.today = into.today || from.today;
        into.reached = into.reached || from.reached;
        for (const ParameterDecl* p : from.parameters) add_parameter(*p, into);
        for (std::uint32_t b : from.boundaries) add_sorted(b, into.boundaries);
    }

    static Reads everything(const RuleSet& rules) {
        Reads all;
        all.sources = every_source;
        all.today = true;
        all.reached = true;
        for (auto& [name, p] : rules.parameters) add_parameter(*p, all);
        return all;
    }

    static constexpr char walking = 1, walked = 2;
    const RuleSet& rules_;
    const Reads everything_; // what a definition in a cycle is taken to read
    std::vector<char> done_;
    std::vector<Reads> out_;
    std::unordered_map<const Expr*, std::uint32_t> boundary_at_; // position of each boundary expression
    int depth_ = 0;          // definitions being walked, one inside another
    bool recursive_ = false; // one of them reached itself again
};

} // namespace

std::vector<Reads> what_definitions_read(const RuleSet& rules) { return ReadsWalk(rules).run(); }

std::vector<Reads> what_boundaries_read(const RuleSet& rules) {
    ReadsWalk walk(rules);
    std::vector<Reads> out;
    for (const Expr* boundary : rules.boundaries) out.push_back(walk.of(*boundary));
    return out;
}

std::vector<std::uint8_t> input_sources(const RuleSet& rules) {
    std::vector<std::uint8_t> out(rules.inputs.size(), every_source);
    for (auto& [name, input] : rules.inputs) out[input->slot] = input->source;
    return out;
}

std::vector<std::pair<Date, const ParameterDecl*>> parameter_changes(const RuleSet& rules) {
    std::vector<std::pair<Date, const ParameterDecl*>> out;
    for (auto& [name, p] : rules.parameters)
        for (const ParameterValue& v : p->values) out.emplace_back(v.from, p);
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first; });
    return out;
}

} // namespace carecap
