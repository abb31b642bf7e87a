// amend_meter.cpp: the meter in force after an `amend meter`: the amended rule set's meter with the
// clauses the amending file restates, so that a change of one clause need not copy the whole meter
// (and drift from it when the base changes).
#include "lang/amend_meter.h"

namespace carecap {

namespace {

// A copy of an expression as the parser left it (the checker annotates the copy afresh). The tree is
// at most nesting_depth tall, so copying it by recursion is safe.
ExprPtr copy_expr(const Expr* e) {
    if (!e) return nullptr;
    auto out = std::make_unique<Expr>();
    out->kind = e->kind;
    out->span = e->span;
    out->op = e->op;
    out->name = e->name;
    out->literal = e->literal;
    out->literal_type = e->literal_type;
    out->height = e->height;
    for (const auto& child : e->children) out->children.push_back(copy_expr(child.get()));
    return out;
}

void error(Diagnostics& diagnostics, const Span& where, std::string message, std::string hint = {},
           Diagnostics notes = {}) {
    diagnostics.push_back({Severity::error, where, std::move(message), std::move(hint), std::move(notes)});
}

// Whether the amendment can apply to `base`: each clause it restates must be one the base has.
bool fits(const MeterAmendment& a, const MeterDecl& base, Diagnostics& diagnostics) {
    bool ok = true;
    Diagnostics where_base{{Severity::note, base.name_span, "`" + base.name + "` is declared here", "", {}}};
    for (const Span& again : a.repeated) {
        error(diagnostics, again, "this clause of `" + a.name + "` is restated twice in one amendment",
              "keep one of them");
        ok = false;
    }
    if (a.ceiling && !base.ceiling) {
        error(diagnostics, a.ceiling_span, "`" + a.name + "` has no ceiling to amend", "restate the whole meter",
              where_base);
        ok = false;
    }
    if (a.accepts_adjustments && !base.accepts_adjustments) {
        error(diagnostics, a.adjustments_span, "`" + a.name + "` has no `accepts adjustments when` to amend",
              "restate the whole meter", where_base);
        ok = false;
    }
    return ok;
}

// The meter `base` with the clauses of `a` in place of its own.
MeterDecl amended(const MeterAmendment& a, const MeterDecl& base) {
    MeterDecl m;
    m.span = base.span;
    m.name_span = base.name_span;
    m.name = base.name;
    m.keeps_percentage = base.keeps_percentage;
    m.whole_weeks = base.whole_weeks;
    m.interest = copy_expr(base.interest.get()); // not a clause to amend: it goes with the meter
    m.cite = a.cite.text.empty() ? base.cite : a.cite;
    m.rate = copy_expr(a.rate ? a.rate.get() : base.rate.get());
    m.ceiling = copy_expr(a.ceiling ? a.ceiling.get() : base.ceiling.get());
    m.accepts_adjustments = copy_expr(a.accepts_adjustments ? a.accepts_adjustments.get()
                                                            : base.accepts_adjustments.get());
    m.refusal = a.accepts_adjustments ? a.refusal : base.refusal;
    m.label = base.label;
    // Each clause is explained at the place it was written, with that place's citation; an amendment
    // without a citation of its own leaves the base's standing for what it inherits.
    auto cite_of = [&](bool restated, const Citation* inherited) {
        return restated && !a.cite.text.empty() ? &a.cite : inherited;
    };
    m.rate_span = a.rate ? &a.rate_span : base.rate_span ? base.rate_span : &base.span;
    m.ceiling_span = a.ceiling ? &a.ceiling_span : base.ceiling_span ? base.ceiling_span : &base.span;
    m.rate_cite = cite_of(a.rate != nullptr, base.rate_cite);
    m.ceiling_cite = cite_of(a.ceiling != nullptr, base.ceiling_cite);
    return m;
}

} // namespace

void apply_meter_amendments(RuleSet& rules, const RuleFile& file, Diagnostics& diagnostics) {
    std::map<std::string, const MeterAmendment*> seen;
    for (const MeterAmendment& a : file.meter_amendments) {
        auto [earlier, fresh] = seen.emplace(a.name, &a);
        if (!fresh) {
            error(diagnostics, a.name_span, "`" + a.name + "` is amended twice in this file", "merge the two",
                  {{Severity::note, earlier->second->name_span, "the first amendment is here", "", {}}});
            continue;
        }
        auto found = rules.meters.find(a.name);
        if (found == rules.meters.end()) {
            std::string known;
            for (const MeterDecl* m : rules.meter_order) known += (known.empty() ? "" : ", ") + m->name;
            error(diagnostics, a.name_span,
                  "there is no meter `" + a.name + "` in the rule set" +
                      (file.header.amends_name.empty() ? "s" : " `" + file.header.amends_name + "`") +
                      " this file amends",
                  known.empty() ? "`amend meter` restates part of a meter of an amended rule set; declare a whole "
                                  "meter with `meter`"
                                : "the meters there are " + known);
            continue;
        }
        const MeterDecl& base = *found->second;
        if (base.span.file == a.span.file) {
            error(diagnostics, a.name_span, "`" + a.name + "` is declared in this file: change it there",
                  "`amend meter` restates part of a meter of the rule set this file amends",
                  {{Severity::note, base.name_span, "declared here", "", {}}});
            continue;
        }
        if (!fits(a, base, diagnostics)) continue;
        MeterDecl& m = rules.amended_meters.emplace_back(amended(a, base));
        found->second = &m;
        for (const MeterDecl*& in_order : rules.meter_order)
            if (in_order == &base) in_order = &m;
    }
}

} // namespace carecap
